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
found name token across the document (:mod:`.name_repeats`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.clinical import CLINICAL_NOUNS, EPONYMS, ORG_WORDS
from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import (
    CAR_MAKES,
    common_words,
    first_names,
    known_words,
    surnames,
)
from clinllm.phi.recognizers.address import STATE_NAMES
from clinllm.phi.recognizers.base import Candidate

__all__ = [
    "CAPS_TOKEN",
    "FIRM_TAIL",
    "NEXT_WORD",
    "ROLE_WORDS",
    "TITLE_TOKEN",
    "NameRecognizer",
    "is_common",
]

_UP: Final = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LOW: Final = "a-zß-öø-ÿ\u0100-\u017f"
# A title-case word with inner capitals or hyphen parts (McBride, O'Donnell-Reyes, Jun-seo).
TITLE_TOKEN: Final = (
    rf"[{_UP}](?:[{_UP}]['’](?=[{_UP}]))?[{_UP}{_LOW}'’]*[{_LOW}](?:-[{_UP}{_LOW}'’]+)*"
)
CAPS_TOKEN: Final = rf"[{_UP}][{_UP}'’]*(?:-[{_UP}'’]+)*[{_UP}]"
_INITIAL: Final = rf"[{_UP}]\.(?=\s[{_UP}])"
_PARTICLE: Final = (
    r"(?:van|von|de|da|del|della|di|du|la|le|der|den|bin|ibn|al|el|dos|das|ter"
    r"|VAN|VON|DE|DA|DEL|DELLA|DI|DU|LA|LE|DER|DEN|BIN|IBN|AL|EL|DOS|DAS|TER|Van|Von|De|Da|Del|Di|La|Le)"
)
_TOK: Final = rf"(?:{_INITIAL}|{TITLE_TOKEN})"
_TOK_ANY: Final = rf"(?:{_INITIAL}|{TITLE_TOKEN}|{CAPS_TOKEN})"
_SEQ: Final = rf"{_TOK}(?: (?:{_PARTICLE} )?{_TOK}){{0,3}}"
_SEQ_ANY: Final = rf"{_TOK_ANY}(?: (?:{_PARTICLE} )?{_TOK_ANY}){{0,3}}"
_LAST_FIRST: Final = (
    rf"(?:{_PARTICLE} )*{_TOK_ANY}, {_TOK_ANY}(?: {_TOK_ANY})?(?: [{_UP}]\.?(?!\w))?"
)

#: Titles before a name (case-sensitive, optional period).
_TITLE_WORDS: Final = frozenset(
    "Dr Mr Mrs Ms Mx Miss Prof Doctor Officer Sgt Capt Rev Judge Sister Nurse DR MR MRS MS dr mr"
    " mrs ms"
    # French, German, Spanish, Italian, Dutch and Polish courtesy titles
    " Mme Mlle Madame Monsieur Herr Frau Sr Sra Srta Señor Señora Señorita Dott Signor Signora"
    " Mevr Mevrouw Dhr Pani".split()
)
#: Credentials written before a name ("RN Francesca Lindgren replied").
_CRED_BEFORE: Final = frozenset("RN LPN NP CNA PA-C PharmD LCSW".split())
#: Field labels and relationship or role words after which a capitalised name follows.
_CUE_WORDS: Final = frozenset(
    """patient pt name client member guarantor requestor requester driver employee participant
    recipient donor consultand subscriber insured resident attending referring ordering surgeon
    assistant anesthesia anesthesiologist provider physician pcp pediatrician counselor
    coordinator examiner clinician nurse caregiver contact mother father
    guardian parent spouse informant interpreter witness author sender kin nok party student
    pupil claimant applicant veteran beneficiary hygienist scribe volunteer paramedic emt
    dietitian nutritionist optometrist audiologist psychologist psychiatrist radiologist
    pathologist hospitalist intensivist oncologist cardiologist neurologist nephrologist
    urologist dermatologist gastroenterologist pulmonologist endocrinologist rheumatologist
    podiatrist chiropractor preceptor scheduler receptionist clerk registrar transporter
    sitter tech technologist
    consultant technologist therapist pharmacist worker manager children child wife husband
    partner son daughter mom dad brother sister grandson granddaughter grandmother grandfather
    grandma grandpa grandchild aunt uncle niece nephew cousin son-in-law daughter-in-law
    mother-in-law father-in-law brother-in-law sister-in-law stepson stepdaughter stepmother
    stepfather girlfriend boyfriend fiance fiancé fiancee fiancée roommate neighbor neighbour
    friend supervisor officer chaplain attorney lawyer landlord teacher coach sponsor
    proxy aide technician dentist midwife doula intern cdces colleague sibling twin girl boy
    infant newborn owner ex-wife ex-husband passenger pedestrian cyclist victim suspect
    trooper deputy sheriff detective sergeant lieutenant constable corporal inspector marshal
    ranger firefighter doctora dra enfermera enfermero señor señora sr sra senhor senhora mamá
    papá madre padre hijo hija esposo esposa hermano hermana abuelo abuela nieto nieta tío
    tía""".split()
)
#: Words that make "<word>: Name" a field label even in ALL CAPS fax headers.
_COLON_ONLY: Final = frozenset(
    {"from", "to", "cc", "re", "attn", "attention", "md", "physician", "signature"}
)
#: Verbs of "signed by", "dictated by"...: a following name is certain.
_BY_VERBS: Final = frozenset(
    """signed dictated reviewed prepared verified performed seen cosigned referred approved
    entered completed called discovered processed transcribed updated obtained""".split()
)
#: Prepositions and verbs that may precede a name: evidence only with a known given name.
_WEAK_WORDS: Final = frozenset(
    "by from to with and attn per ask asked tell told thank call called cc via".split()
)
_SALUTE_WORDS: Final = frozenset("Dear Hi Hello Hey".split())
_CASED_CUES: Final = _TITLE_WORDS | _CRED_BEFORE | _SALUTE_WORDS
_ANY_CUE: Final = _CUE_WORDS | _COLON_ONLY | _BY_VERBS | _WEAK_WORDS
_CREDENTIALS: Final = (
    r"MD|M\.D\.|DO|D\.O\.|RN|NP|PA-C|PA|PharmD|LCSW|CGC|MS|DDS|DMD|PMHNP|MLS|HIM|LPN|CNA|CNM"
    r"|FNP|FNP-C|FNP-BC|APRN|ARNP|PhD|MSW|LMSW|LMFT|PsyD|DPT|PT|OT|OTR|OTR/L|RD|CDCES|CDE"
    r"|MBBS|CRNA|FACC|FACP|FACS|MPH|BSN|MSN|DNP|ANP|AGNP|SLP|CCC-SLP|RRT|EMT|EMT-P|CNP|LPC"
    r"|LICSW|CMA|RPh|MA|NRP|LCPC|LMHC|BCBA|IBCLC|RDN|DC|OD|DPM|MT|MLT|CPhT|RT"
)
_CREDENTIAL_SET: Final = frozenset(_CREDENTIALS.replace("\\", "").split("|"))
_AFTER_CUES: Final = (
    r",?\s+(?:\d{1,3}\s?(?:[MF]|yo|y/o|y\.o\.|-year-old|[- ]years?[- ]old)\b|age[ds]?\s+\d"
    r"|an?\s+\d{1,3}-year-old|\(\d{1,3}\s?(?:yo|y/o|y\.o\.)"
    r"|\(?(?:DOB|MRN|MR\s?#|age|date of birth|born|acct|account|member\s?(?:ID|#|number)|ID)(?!\w))"
)
# One scan finds every word followed by a capitalised word; sets decide if it is a cue. A
# table bar after the word is a colon ("| Patient | Cordelia Haverkamp |").
_CUE_SCAN: Final = LazyPattern(
    rf"(?=[A-Za-z])(?<![\w'’])(?<!\w-)([A-Za-z][A-Za-z-]*+)(\.)?(['’]s)?"
    rf"(\)?(?:[,:]|[ \t]*\|)?)[ \t]+"
    rf"(?:\([^)\n]{{0,24}}\)[ \t]+)?(?=[{_UP}])"
)
_AFTER_COLON: Final = LazyPattern(
    rf"(?:(?i:patient|pt|member|name|client)[ \t]+)?(?:(?:Dr|Mr|Mrs|Ms|DR|MR|MRS|MS)\.?[ \t]+)?"
    rf"({_LAST_FIRST}|{_SEQ_ANY})"
)
_SEQ_AT: Final = LazyPattern(_SEQ)
_SEQ_ANY_AT: Final = LazyPattern(_SEQ_ANY)
# Credentials are found first, then the name is matched backwards before them.
_CREDENTIAL_SCAN: Final = LazyPattern(rf"(?=[A-Z])(?<![\w-])(?:{_CREDENTIALS})(?![\w-])")
_BEFORE_CREDENTIAL: Final = LazyPattern(rf"(?=[{_UP}])(?<![\w'’])(?<!\w-)({_SEQ}),?[ \t]+$")
# The cue right after a name ("Kyle Dempsey, 22M", "Jane Roe (DOB"): found first, then the
# name is matched backwards in the same line.
_AFTER_CUE_RE: Final = LazyPattern(rf"(?=[,\s])(?<=[\w.'’]){_AFTER_CUES}")
_BEFORE_CUE_RE: Final = LazyPattern(rf"(?=[{_UP}])(?<![\w'’])(?<!\w-)({_LAST_FIRST}|{_SEQ_ANY})$")
_CRED_BEFORE_RE: Final = LazyPattern(rf"\b(?:RN|LPN|NP|CNA|PA-C|PharmD|LCSW) ({_SEQ})")
_SIGNOFF_RE: Final = LazyPattern(
    rf"(?=[SRBKWTCLMAYGH])\b(?:Sincerely|Regards|Best regards|Kind regards|Warm regards"
    rf"|Respectfully|Cordially|Best|Cheers|Love"
    # "Thanks so much,", "Many thanks,", "Thank you again,", "Best wishes,", "Yours truly,"
    rf"|(?:Many t|With t|T)(?:hanks|hank you)(?: (?:so|very) much| again| kindly| in advance)?"
    rf"|(?:Best|Warm|Kind|All good) wishes|All the best|Warmly|Warmest regards|Gratefully"
    rf"|Yours(?: truly| sincerely| faithfully)?|Take care|Hugs|Have a good day)"
    rf"\s*,\s*\n?\s*({_SEQ})",
)
#: The line right after an e-mail signature delimiter ("-- "), when a name fills it: the
#: sender signs with a given name alone ("-- \nMatthias\nsent from my phone").
_SIG_DASHES_RE: Final = LazyPattern(rf"(?m)^--[ \t]?\n[ \t]*({_SEQ})[ \t]*$")
_PAIR_RE: Final = LazyPattern(
    rf"(?=[{_UP}])(?<![\w'’])(?<!\w-)({_TOK_ANY}(?: (?:{_PARTICLE} )?{_TOK_ANY}){{1,3}})"
)
_BABY_RE: Final = LazyPattern(
    rf"(?=[BI])\b(?:Baby|BABY|Infant|INFANT) (?:Boy|Girl|BOY|GIRL|[AB]) {_TOK_ANY}(?! {_TOK})"
)
_ROMAN: Final = LazyPattern(r"[IVX]+[a-c]?")
#: What follows a firm named for its founders: "Jacob Reed and Sons", "Wanamaker & Co.".
FIRM_TAIL: Final = LazyPattern(
    r"(?:['’]s)?\s+(?:and|&)\s+(?:Sons|Son|Daughters|Co\b|Company|Associates|Partners|Brothers)"
)
_PLURAL_ACRONYM: Final = LazyPattern(r"[A-Z]{2,}s")
#: What comes before a car make that names the car: an article, a possessive, a model year.
_VEHICLE_BEFORE: Final = LazyPattern(
    r"\b(?i:a|an|the|his|her|my|their|our|your|(?:19|20)\d\d)[ \t]+\Z"
)
#: A town in title case right before a title in capitals makes the title a state code.
_TOWN_BEFORE: Final = LazyPattern(r"\b[A-Z][a-z]{2,},?[ \t]+\Z")
#: Words of a line about a vehicle: there a car make before a capitalised word is the car
#: ("Company vehicle involved: Ford Escape, VIN ...", "Ford Escape   Plate 6TDZ178").
_VEHICLE_LINE_WORDS: Final = frozenset(
    """vehicle vehicles car truck van suv plate plates tag tags vin lic licence license
    registration reg parking parked drives drove driving""".split()
)
_LINE_WORD: Final = LazyPattern(r"[A-Za-z]+")


def _vehicle_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` speaks of a vehicle (its noun, plate or VIN)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    return any(w.lower() in _VEHICLE_LINE_WORDS for w in _LINE_WORD.findall(line))


#: Function words that always end a name, even where a lexicon lists them as names.
_HARD_STOP: Final = frozenset(
    """the a an and or of in on at to for with by from is was be as it this that his her their
    our my your let let's lets we he she they i you not no yes all any each per via""".split()
)
#: Credentials that are also everyday abbreviations ("Post-op PT", "Botulinum Toxin PA"):
#: they mark a name only after a comma ("Nadia Farouk, PA").
_AMBIGUOUS_CREDENTIALS: Final = frozenset("PA PT OT MA MS DC OD RT MT DO RD".split())
_TOKEN_ONLY: Final = LazyPattern(rf"{_INITIAL}|{TITLE_TOKEN}|{CAPS_TOKEN}")
_WORD_RE: Final = LazyPattern(rf"{_INITIAL}|{TITLE_TOKEN}|{CAPS_TOKEN}|\S+")
# The word right after a name (one space: "Foley catheter", "Graves' disease", "Ortolani and
# Barlow maneuvers"), not the next field of a form three spaces further nor the label that
# opens the next line ("Subscriber: Severin Yeoman" over "Street address: ...").
NEXT_WORD: Final = LazyPattern(r"(?:['’]s?)?[^\S\n](?:and\s\w+['’]?s?\s)?([A-Za-z]+)")
#: Field labels, relation and role words after which a name follows (lower case).
ROLE_WORDS: Final = _CUE_WORDS
_STRIP_WORDS: Final = frozenset(
    {w.lower() for w in _TITLE_WORDS}
    | _CUE_WORDS
    | _BY_VERBS
    | _WEAK_WORDS
    | {"dear", "hi", "hello", "thanks", "regards", "sincerely", "baby"}
)


def _previous_word(text: str, pos: int) -> str:
    before = text[max(0, pos - 20) : pos].split()
    return before[-1].lower() if before else ""


def _split(value: str) -> list[str]:
    return value.split()


def is_common(token: str) -> bool:
    """Whether ``token`` is an everyday word, which alone is never taken for a name."""
    return token.strip(".'’").lower() in common_words()


def _word_not_name(token: str) -> bool:
    """A word of the word lists that no name list holds ("Specimen", "Patient")."""
    bare = token.strip(".'’,")
    return bare.lower() in known_words() and bare not in first_names() and bare not in surnames()


def _unlisted(token: str) -> bool:
    """A word in no word list (no English, clinical or drug word, no organisation word)."""
    low = token.strip(".'’,").lower()
    return len(low) > 2 and low not in known_words() and low not in ORG_WORDS


def _is_org(token: str) -> bool:
    return token.strip(".'’,").lower() in ORG_WORDS


class NameRecognizer:
    """Person names from titles, labels, relations, credentials, sign-offs and lexicons."""

    name = "name"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield name spans with the confidence of the strongest evidence that found them."""
        yield from self._cued(text)
        rules: tuple[tuple[LazyPattern, float, str], ...] = (
            (_SIGNOFF_RE, 0.85, "salutation"),
            (_SIG_DASHES_RE, 0.85, "salutation"),
        )
        for pattern, confidence, kind in rules:
            for m in pattern.finditer(text):
                span = self._clean(text, m.start(1), m.end(1), kind)
                if span is not None:
                    yield Candidate(*span, "NAME", confidence, f"name.{kind}", priority=50)
        for cred in _CREDENTIAL_SCAN.finditer(text):
            line_start = text.rfind("\n", 0, cred.start()) + 1
            lo = max(line_start, cred.start() - 80)
            before = _BEFORE_CREDENTIAL.search(text, lo, cred.start())
            if before is not None:
                if (
                    cred.group() in _AMBIGUOUS_CREDENTIALS
                    and "," not in text[before.end(1) : cred.start()]
                ):
                    continue
                span = self._clean(text, before.start(1), before.end(1), "credential")
                if span is not None:
                    yield Candidate(*span, "NAME", 0.92, "name.credential", priority=50)
        for baby in _BABY_RE.finditer(text):
            # "Baby Boy Lindahl": how a newborn is registered before it has a given name.
            yield Candidate(baby.start(), baby.end(), "NAME", 0.85, "name.newborn", priority=51)
        for cue in _AFTER_CUE_RE.finditer(text):
            line_start = text.rfind("\n", 0, cue.start()) + 1
            before = _BEFORE_CUE_RE.search(text, max(line_start, cue.start() - 60), cue.start())
            if before is not None:
                span = self._clean(text, before.start(1), before.end(1), "after")
                if span is not None:
                    yield Candidate(*span, "NAME", 0.8, "name.after", priority=50)
        yield from self._lexicon(text)

    def _cued(self, text: str) -> Iterator[Candidate]:
        """Names after a title, a field label, a relation or role word, or a salutation."""
        firsts = first_names()
        for m in _CUE_SCAN.finditer(text):
            word = m.group(1)
            low = word.lower()
            if low not in _ANY_CUE and word not in _CASED_CUES:
                continue
            punct, pos = m.group(4) or "", m.end()
            colon = ":" in punct or "|" in punct  # "Patient: X", "| Patient | X |"
            if word.isupper() and _TOWN_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1)):
                continue  # "Natchez MS   Ph 218-...": a state code after its town, not "Ms"
            if word in _TITLE_WORDS and not m.group(3) and not punct:
                kind, confidence, seq = "title", 0.95, _SEQ_ANY_AT
            elif word in _CRED_BEFORE and not punct and not m.group(2):
                kind, confidence, seq = "title", 0.85, _SEQ_AT
            elif word in _SALUTE_WORDS and not punct:
                kind, confidence, seq = "salutation", 0.85, _SEQ_AT
            elif colon and (low in _CUE_WORDS or low in _COLON_ONLY or low in _BY_VERBS):
                kind, confidence, seq = "label", 0.9, _AFTER_COLON
            elif low in _CUE_WORDS and not m.group(2):
                kind, confidence, seq = "relation", 0.85, _SEQ_AT
            elif low == "by" and _previous_word(text, m.start(1)) in _BY_VERBS:
                kind, confidence, seq = "label", 0.9, _SEQ_AT
            elif low in _WEAK_WORDS and not punct:
                kind, confidence, seq = "weak", 0.65, _SEQ_AT
            else:
                continue
            if kind == "salutation":
                title = _CUE_SCAN.match(text, pos)
                if title is not None and title.group(1) in _TITLE_WORDS:
                    pos = title.end()
            nm = seq.match(text, pos)
            if nm is None:
                continue
            start, end = nm.span(nm.lastindex or 0)
            if kind == "weak":
                first = _split(text[start:end])[0]
                if first not in firsts or is_common(first) or first.lower() in STATE_NAMES:
                    continue  # "with Texas plates": a state, not a given name
            weak_cue = (kind == "label" and low in _COLON_ONLY) or (
                kind == "relation" and word[0].isupper()
            )
            span = self._clean(text, start, end, kind, need_lexicon=weak_cue)
            if span is not None and "|" in punct and ":" not in punct:
                # "| Driver | Vehicle | Plate |": the next cell of a header is a column's
                # name, a word, not a person ("| Patient | Cordelia Haverkamp |" is one)
                cell = text[span[0] : span[1]]
                if " " not in cell and cell.lower() in known_words() and cell not in firsts:
                    continue
            if span is not None:
                name = "name.lexicon" if kind == "weak" else f"name.{kind}"
                prio = 48 if kind == "weak" else 50
                yield Candidate(*span, "NAME", confidence, name, priority=prio)

    def _lexicon(self, text: str) -> Iterator[Candidate]:
        firsts, lasts = first_names(), surnames()
        for m in _PAIR_RE.finditer(text):
            words = m.group(1).split(" ")
            offset = m.start(1)
            for k in range(len(words) - 1):
                a = offset
                offset += len(words[k]) + 1
                head = words[k] if not words[k].isupper() else words[k].title()
                if head not in firsts:
                    continue
                tokens = words[k:]
                first = head
                last = tokens[-1] if not tokens[-1].isupper() else tokens[-1].title()
                if first not in firsts:
                    continue
                if (is_common(first) or tokens[0].isupper()) and last not in lasts:
                    continue
                if first.lower() in CAR_MAKES and (
                    _VEHICLE_BEFORE.search(text, max(0, a - 12), a) or _vehicle_line(text, a)
                ):
                    break  # "a Ford Ranger", "Vehicle: Ford Escape   Plate ...": a car
                span = self._clean(text, a, m.end(1), "pair")
                if span is not None and span[1] - span[0] > len(tokens[0]) + 1:
                    yield Candidate(*span, "NAME", 0.7, "name.lexicon", priority=48)
                break

    def _clean(
        self, text: str, start: int, end: int, kind: str, *, need_lexicon: bool = False
    ) -> tuple[int, int] | None:
        """Trim a raw match to the name proper, or reject it as not a person.

        ``need_lexicon``: the cue is weak ("From:", a capitalised "Assistant" in a heading),
        so a known given name or surname must be part of the name.
        """
        value = text[start:end]
        tokens = [(m.start(), m.end()) for m in _WORD_RE.finditer(value)]
        if kind == "title":
            # After a title the name is certain; an organisation word ends it ("Ms. Ana
            # Karolina Vodir Suite 485").
            for k, (a, b) in enumerate(tokens):
                if k and _is_org(value[a:b]):
                    tokens = tokens[:k]
                    break
        if any(_is_org(value[a:b]) for a, b in tokens):
            return None  # "Meridian Lakes Spine Institute", "Care Management": organisations
        # Drop leading cue or common words ("Signed Maribel Cruz"), keep the rest.
        while (
            tokens
            and kind in ("credential", "after", "pair", "label")
            and (
                value[tokens[0][0] : tokens[0][1]].rstrip(".:,").lower() in _STRIP_WORDS
                or (
                    is_common(value[tokens[0][0] : tokens[0][1]])
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
                if kind in ("label", "after") and kept and not seen_comma:
                    seen_comma = True
                    continue
                break
            if word in _CREDENTIAL_SET or word.lower() in _HARD_STOP:
                break
            last = value[kept[-1][0] : kept[-1][1]] if kept else ""
            if last and word.isupper() and len(word) > 1 and not last.rstrip(".").isupper():
                break  # "Tomas Ekberg NPI": an acronym after a title-case name ends it
            if is_common(word) and not (word in first_names() or word in surnames()):
                break
            kept.append((a, b))
        # "Officer Gorostiaga, Specimen ID": before an id label the field's own word ends it.
        while (
            kind == "after" and len(kept) > 1 and _word_not_name(value[kept[-1][0] : kept[-1][1]])
        ):
            kept.pop()
        if not kept:
            return None
        if len(kept) == 1 and kind != "title" and is_common(value[kept[0][0] : kept[0][1]]):
            return None  # "MD   Date:", "Patient Education": one everyday word is not a name
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
        if need_lexicon and not any(
            w.strip(".,").title() in first_names() or w.strip(".,").title() in surnames()
            for w in words
        ):
            return None
        if kind in ("pair", "weak", "after") and FIRM_TAIL.match(text, e):
            return None  # "Jacob Reed and Sons": a firm named for its founders
        if any(_PLURAL_ACRONYM.fullmatch(w) for w in words):
            return None  # "NSAIDs", "IDs"
        if _ROMAN.fullmatch(words[-1]):
            return None  # "Forrest IIa", "Mallampati II": a classification, not a person
        caps = [w for w in words if w.isupper() and len(w.rstrip(".")) > 1]
        if (
            caps
            and "," not in name
            and not any(w.title() in first_names() or w.title() in surnames() for w in caps)
            and not (kind == "label" and len(caps) >= 2 and all(map(_unlisted, caps)))
        ):
            # "RIVERBEND SPINE": an all-caps heading, not a name; after a field label,
            # capitals in no word list are one ("Member: ZEBEDEE CIENFUEGOS").
            return None
        # Eponyms: "Foley catheter", "Graves disease", "Dr. Brown's bottles".
        nxt = NEXT_WORD.match(text, e)
        eponymous = len(words) == 1 or any(w.strip(".'’").lower() in EPONYMS for w in words)
        if nxt is not None and (
            (eponymous and nxt.group(1).lower() in CLINICAL_NOUNS)
            or (nxt.group(1)[0].isupper() and _is_org(nxt.group(1)))
        ):
            return None
        if kind not in ("title", "label") and all(w.strip(".'’").lower() in EPONYMS for w in words):
            return None
        return s, e
