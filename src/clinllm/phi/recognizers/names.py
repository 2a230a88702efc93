"""The person-name recognizer: patients, relatives, clinicians, staff.

Names are the identifier clinical text is fullest of and the hardest to find by pattern, so
this recognizer combines independent pieces of evidence, each of which alone is enough:

* a title before the name (``Dr.``, ``Mrs.``, ``Officer``);
* a field label (``Patient:``, ``Guarantor:``, ``Signed by``), which also admits ALL-CAPS
  and ``LAST, FIRST`` forms from fax forms;
* a relationship or role word (``daughter``, ``wife``, ``pharmacist``, ``supervisor``);
* a credential after the name (``, MD``, ``, RN``, ``, PharmD``);
* an age/sex or DOB right after the name (``Kyle Dempsey, 22M``);
* a salutation or sign-off (``Dear``, ``Thanks,``);
* a known given name followed by a capitalised word (``Renée Lachance``).

Eponyms are the main trap (Parkinson disease, Foley catheter, Dr. Brown's bottles): a name
candidate followed by a clinical noun ("disease", "catheter", "bottles") or made of words
of an organisation ("Clinic", "Health Plan") is dropped. The detector later repeats every
found name token across the document (see ``propagate_names``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.clinical import CLINICAL_NOUNS, EPONYMS, ORG_WORDS
from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import common_words, first_names, surnames
from clinllm.phi.recognizers.base import Candidate

__all__ = ["NameRecognizer", "propagate_names"]

_UP: Final = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LOW: Final = "a-zß-öø-ÿ\u0100-\u017f"
# A title-case word with inner capitals or hyphen parts (McBride, O'Donnell-Reyes, Jun-seo).
_TITLE_TOK: Final = (
    rf"[{_UP}](?:[{_UP}]['’](?=[{_UP}]))?[{_UP}{_LOW}'’]*[{_LOW}](?:-[{_UP}{_LOW}'’]+)*"
)
_CAPS_TOK: Final = rf"[{_UP}][{_UP}'’]*(?:-[{_UP}'’]+)*[{_UP}]"
_INITIAL: Final = rf"[{_UP}]\.(?=\s[{_UP}])"
_PARTICLE: Final = r"(?:van|von|de|da|del|della|di|du|la|le|der|den|bin|ibn|al|el|dos|das|ter)"
_TOK: Final = rf"(?:{_INITIAL}|{_TITLE_TOK})"
_TOK_ANY: Final = rf"(?:{_INITIAL}|{_TITLE_TOK}|{_CAPS_TOK})"
_SEQ: Final = rf"{_TOK}(?: (?:{_PARTICLE} )?{_TOK}){{0,3}}"
_SEQ_ANY: Final = rf"{_TOK_ANY}(?: (?:{_PARTICLE} )?{_TOK_ANY}){{0,3}}"
_LAST_FIRST: Final = rf"{_TOK_ANY}, {_TOK_ANY}(?: {_TOK_ANY})?(?: [{_UP}]\.?(?!\w))?"

_TITLES: Final = r"Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Doctor|Officer|Sgt|Capt|Rev|Judge|Sister|Nurse"
_LABELS: Final = (
    r"patient(?:\s+name)?|pt(?:\s+name)?|name|client|member(?:\s+name)?|guarantor|requestor"
    r"|requester|driver|employee|participant|recipient|donor|consultand|subscriber|insured"
    r"|resident|attending|referring|ordering|surgeon|assistant|anesthesia|anesthesiologist"
    r"|provider|physician|pcp|pediatrician|counselor|coordinator|examiner|clinician|nurse"
    r"|caregiver|contact|emergency\s+contact|from|to|attn|attention|re|mother|father"
    r"|guardian|parent|spouse|informant|interpreter|witness|author|sender|next\s+of\s+kin|nok"
    r"|responsible\s+party|primary\s+md|primary\s+care|consultant|technologist|therapist"
    r"|pharmacist|social\s+worker|case\s+manager|children|child|(?:signed|dictated|reviewed"
    r"|prepared|verified|performed|seen|cosigned|referred|approved|entered|completed|called"
    r"|discovered|processed|transcribed|electronically\s+signed)(?:\s+by)?"
)
_RELATIONS: Final = (
    r"wife|husband|spouse|partner|son|daughter|mother|father|mom|dad|brother|sister|grandson"
    r"|granddaughter|grandmother|grandfather|grandma|grandpa|grandchild|aunt|uncle|niece"
    r"|nephew|cousin|(?:son|daughter|mother|father|brother|sister)-in-law|stepson|stepdaughter"
    r"|stepmother|stepfather|girlfriend|boyfriend|fianc[ée]e?|roommate|neighbou?r|friend"
    r"|guardian|caregiver|driver|pharmacist|nurse|coordinator|supervisor|manager|officer"
    r"|worker|counselor|therapist|chaplain|attorney|lawyer|employer|landlord|teacher|coach"
    r"|sponsor|proxy|aide|interpreter|technician|physician|surgeon|pediatrician|dentist"
    r"|midwife|doula|provider|resident|intern|attending|cdces|examiner|clinician|consultant"
    r"|colleague|child|children|sibling|parent|twin|baby\s+(?:girl|boy)|infant|newborn|owner"
    r"|patient|pt|client|recipient|donor|participant|ex-wife|ex-husband"
)
_CREDENTIALS: Final = (
    r"MD|M\.D\.|DO|D\.O\.|RN|NP|PA-C|PA|PharmD|LCSW|CGC|MS|DDS|DMD|PMHNP|MLS|HIM|LPN|CNA|CNM"
    r"|FNP|FNP-C|FNP-BC|APRN|ARNP|PhD|MSW|LMSW|LMFT|PsyD|DPT|PT|OT|OTR|OTR/L|RD|CDCES|CDE"
    r"|MBBS|CRNA|FACC|FACP|FACS|MPH|BSN|MSN|DNP|ANP|AGNP|SLP|CCC-SLP|RRT|EMT|EMT-P|CNP|LPC"
    r"|LICSW|CMA|RPh|MA|NRP|LCPC|LMHC|BCBA|IBCLC|RDN|DC|OD|DPM|MT|MLT|CPhT|RT"
)
_AFTER_CUES: Final = (
    r",?\s+(?:\d{1,3}\s?(?:[MF]|yo|y/o|y\.o\.|-year-old|[- ]years?[- ]old)\b|age[ds]?\s+\d"
    r"|an?\s+\d{1,3}-year-old|\(\d{1,3}\s?(?:yo|y/o|y\.o\.)"
    r"|\(?(?:DOB|MRN|MR\s?#|age|date of birth|born|acct|account|member|ID)(?!\w))"
)
_TITLE_RE: Final = LazyPattern(rf"\b(?:{_TITLES})\.?\s+({_SEQ_ANY})")
_LABEL_RE: Final = LazyPattern(
    rf"(?:^|(?<=[\s(|]))(?i:{_LABELS})[ \t]*(?:\([a-z-]+\))?[ \t]*[:\-][ \t]*"
    rf"(?:(?i:patient|pt|member|name|client)[ \t]+)?(?:(?i:{_TITLES})\.?[ \t]+)?"
    rf"({_LAST_FIRST}|{_SEQ_ANY})",
    re.MULTILINE,
)
_LABEL_NOCOLON_RE: Final = LazyPattern(rf"\b(?i:{_LABELS})\s+({_SEQ})")
_RELATION_RE: Final = LazyPattern(
    rf"\b(?i:{_RELATIONS})(?:'s)?\)?[,:]?\s+(?:\([^)\n]{{0,24}}\)\s+)?({_SEQ})"
)
_CREDENTIAL_RE: Final = LazyPattern(rf"({_SEQ}),?\s+(?:{_CREDENTIALS})(?![\w-])")
_AFTER_RE: Final = LazyPattern(rf"({_LAST_FIRST}|{_SEQ_ANY})(?={_AFTER_CUES})")
_CRED_BEFORE_RE: Final = LazyPattern(rf"\b(?:RN|LPN|NP|CNA|PA-C|PharmD|LCSW) ({_SEQ})")
_SALUTATION_RE: Final = LazyPattern(
    rf"\b(?:Dear|Hi|Hello|Hey|Good (?:morning|afternoon))\s+(?:(?:{_TITLES})\.?\s+)?({_SEQ})"
    rf"|\b(?:Sincerely|Regards|Best regards|Kind regards|Warm regards|Thanks|Thank you"
    rf"|Respectfully|Cordially|Best|Cheers|Love)\s*,\s*\n?\s*({_SEQ})",
)
_WEAK_RE: Final = LazyPattern(
    rf"\b(?:by|from|to|with|and|attn|per|ask|asked|tell|told|thank|call|called|cc|via)\s+({_SEQ})"
)
_PAIR_RE: Final = LazyPattern(rf"(?<![\w'’-])({_SEQ_ANY})")
_ROMAN: Final = LazyPattern(r"[IVX]+[a-c]?")
_TOKEN_ONLY: Final = LazyPattern(rf"{_INITIAL}|{_TITLE_TOK}|{_CAPS_TOK}")
_WORD_RE: Final = LazyPattern(rf"{_INITIAL}|{_TITLE_TOK}|{_CAPS_TOK}|\S+")
_NEXT_WORD: Final = LazyPattern(r"(?:['’]s)?\s+(?:and\s+\w+['’]?s?\s+)?([A-Za-z]+)")
_CUE_WORD_RE: Final = LazyPattern(
    rf"(?i:{_LABELS}|{_RELATIONS}|{_TITLES}|by|and|with|dear|hi|hello|thanks|regards|sincerely"
    r"|baby|boy|girl)"
)


def _split(value: str) -> list[str]:
    return [w for w in re.split(r"\s+", value) if w]


def _is_common(token: str) -> bool:
    return token.strip(".'’").lower() in common_words()


def _is_org(token: str) -> bool:
    return token.strip(".'’,").lower() in ORG_WORDS


class NameRecognizer:
    """Person names from titles, labels, relations, credentials, sign-offs and lexicons."""

    name = "name"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield name spans with the confidence of the strongest evidence that found them."""
        rules: tuple[tuple[LazyPattern, float, str], ...] = (
            (_TITLE_RE, 0.95, "title"),
            (_CRED_BEFORE_RE, 0.85, "title"),
            (_LABEL_RE, 0.9, "label"),
            (_CREDENTIAL_RE, 0.92, "credential"),
            (_RELATION_RE, 0.85, "relation"),
            (_SALUTATION_RE, 0.85, "salutation"),
            (_AFTER_RE, 0.8, "after"),
            (_LABEL_NOCOLON_RE, 0.75, "label"),
        )
        for pattern, confidence, kind in rules:
            for m in pattern.finditer(text):
                group = next(g for g in range(1, (m.lastindex or 1) + 1) if m.group(g))
                span = self._clean(text, m.start(group), m.end(group), kind)
                if span is not None:
                    yield Candidate(*span, "NAME", confidence, f"name.{kind}", priority=50)
        yield from self._lexicon(text)

    def _lexicon(self, text: str) -> Iterator[Candidate]:
        firsts, lasts = first_names(), surnames()
        for m in _WEAK_RE.finditer(text):
            tokens = _split(m.group(1))
            if tokens[0] in firsts and not _is_common(tokens[0]):
                span = self._clean(text, m.start(1), m.end(1), "weak")
                if span is not None:
                    yield Candidate(*span, "NAME", 0.65, "name.lexicon", priority=48)
        for m in _PAIR_RE.finditer(text):
            toks = [(t.start(), t.end()) for t in _TOKEN_ONLY.finditer(m.group(1))]
            for k in range(len(toks) - 1):
                a = m.start(1) + toks[k][0]
                tokens = _split(text[a : m.end(1)])
                first = tokens[0] if not tokens[0].isupper() else tokens[0].title()
                last = tokens[-1] if not tokens[-1].isupper() else tokens[-1].title()
                if first not in firsts:
                    continue
                if (_is_common(first) or tokens[0].isupper()) and last not in lasts:
                    continue
                span = self._clean(text, a, m.end(1), "pair")
                if span is not None and span[1] - span[0] > len(tokens[0]) + 1:
                    yield Candidate(*span, "NAME", 0.7, "name.lexicon", priority=48)
                break

    def _clean(self, text: str, start: int, end: int, kind: str) -> tuple[int, int] | None:
        """Trim a raw match to the name proper, or reject it as not a person."""
        value = text[start:end]
        tokens = [(m.start(), m.end()) for m in _WORD_RE.finditer(value)]
        # Drop leading cue or common words ("Signed Maribel Cruz"), keep the rest.
        while (
            tokens
            and kind in ("credential", "after", "pair", "label")
            and (
                _CUE_WORD_RE.fullmatch(value[tokens[0][0] : tokens[0][1]].rstrip(".:,"))
                or (
                    _is_common(value[tokens[0][0] : tokens[0][1]])
                    and value[tokens[0][0] : tokens[0][1]] not in first_names()
                )
            )
        ):
            tokens = tokens[1:]
        # Cut at the first common, organisation or credential word after the first token.
        kept: list[tuple[int, int]] = []
        seen_comma = False
        for a, b in tokens:
            word = value[a:b]
            if word == ",":
                # "LAST, FIRST" after a field label keeps the comma; elsewhere a comma ends it.
                if kind in ("label", "after") and len(kept) == 1 and not seen_comma:
                    seen_comma = True
                    continue
                break
            if _is_org(word):
                return None
            if re.fullmatch(_CREDENTIALS, word):
                break
            if _is_common(word) and not (word in first_names() or word in surnames()):
                break
            kept.append((a, b))
        if not kept:
            return None
        s, e = start + kept[0][0], start + kept[-1][1]
        while e > s and text[e - 1] in ",.":
            if text[e - 1] == "." and re.search(rf"(?:^|\s)[{_UP}]\.$", text[s:e]):
                break
            e -= 1
        if text[e - 2 : e] in ("'s", "’s"):
            e -= 2
        name = text[s:e]
        if not name or len(name.replace(".", "").strip()) < 2:
            return None
        words = _split(name.replace(",", " "))
        if all(w.strip(".").isupper() and len(w) <= 2 for w in words):
            return None
        if kind == "after" and len(words) < 2 and words[0] not in first_names():
            return None
        if _ROMAN.fullmatch(words[-1]):
            return None  # "Forrest IIa", "Mallampati II": a classification, not a person
        caps = [w for w in words if w.isupper() and len(w.rstrip(".")) > 1]
        if (
            caps
            and "," not in name
            and not any(w.title() in first_names() or w.title() in surnames() for w in caps)
        ):
            return None  # "RIVERBEND SPINE": an all-caps heading, not a name
        # Eponyms: "Foley catheter", "Graves disease", "Dr. Brown's bottles".
        nxt = _NEXT_WORD.match(text, e)
        if nxt is not None and (
            nxt.group(1).lower() in CLINICAL_NOUNS
            or (nxt.group(1)[0].isupper() and _is_org(nxt.group(1)))
        ):
            return None
        if kind not in ("title", "label") and all(w.strip(".'’").lower() in EPONYMS for w in words):
            return None
        return s, e


_TOKEN_RE: Final = LazyPattern(rf"{_TITLE_TOK}|{_CAPS_TOK}")


def propagate_names(text: str, names: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Repeat every found name, and each part of it, wherever else it occurs in the text.

    A patient called "Mrs. O'Donnell-Reyes" in the header is "O'Donnell-Reyes" in the body
    and "Karl" is Karl in every sentence once one sentence said "his son Karl". Parts that
    are common words are not repeated alone, and an occurrence followed by a clinical noun
    ("Graves disease" in the note of a patient named Graves) is left.
    """
    parts: set[str] = set()
    for s, e in names:
        value = text[s:e].replace(",", " ")
        for token in _TOKEN_RE.findall(value):
            if len(token) >= 3 and not _is_common(token):
                parts.add(token)
                parts.add(token.upper())
    if not parts:
        return
    pattern = re.compile(
        rf"(?<![\w'’-])(?:{'|'.join(re.escape(p) for p in sorted(parts, key=len, reverse=True))})"
        rf"(?![\w-])"
    )
    for m in pattern.finditer(text):
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt is not None and nxt.group(1).lower() in CLINICAL_NOUNS:
            continue
        yield Candidate(m.start(), m.end(), "NAME", 0.8, "name.repeat", priority=45)
