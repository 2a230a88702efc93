"""Names in the shapes of lists, rosters and family talk, where no title or label names them.

Issue 16's third round: what the title, label and context rules of
:mod:`~clinllm.phi.recognizers.names` and :mod:`~clinllm.phi.recognizers.names_context`
still left in clear, each a shape rather than a word list:

* **"Last, First M."** opening a line, a form's column or a label's value, in capitals or
  not (``DIMITRIOU, AGATHE - primary nurse``, ``Underhill, Hyacinth K.``): with an initial
  after it the shape alone is the evidence; without, both words must read as names (a listed
  name or a word in no list) and one must be a listed name, or the line goes on with a role
  after a dash;
* **a roster line in capitals**: two or three capitalised words that no list knows, opening
  a line and followed by a dash (``HIERONYMUS HUXTABLE - chaplain``);
* **a relative's name after the relation**, even when it is also a word or a drug brand
  (``mi tío Hyacinth``, ``Granddaughter Keppra brought ...``), unless a dose or a clinical
  noun follows (``Keppra 500 mg``);
* **a given name before an eponym** (``Seraphina Horner``: a person; ``Horner syndrome``
  stays, and the detector repeats the surname elsewhere except before a clinical noun);
* **the speaker's companion**: ``Hyacinth Quayle and I came in``;
* **a list after a people label**: ``Family: Ottoline and Yardley``, ``Present: ...``.

Every candidate is a guess of the ``name`` family: clinical spans (codes, doses, eponym
phrases) veto it in the detector.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.clinical import CLINICAL_NOUNS, EPONYMS, ORG_WORDS
from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import clinical_words, common_words, countries, english_words
from clinllm.phi.recognizers.base import Candidate
from clinllm.phi.recognizers.names import ROLE_WORDS
from clinllm.phi.recognizers.names_context import kind_of

__all__ = ["FormNameRecognizer"]

_UP: Final = "A-ZÀ-ÖØ-ÞĀ-ſ"
_W: Final = rf"[{_UP}][\w'’]*(?:-[{_UP}][\w'’]*)*"
_LAST_FIRST: Final = LazyPattern(
    rf"(?m)(?:^|[ \t]{{3,}}|:[ \t]*|\|[ \t]*)[ \t]*(?:[-*•][ \t]+)?({_W}),[ \t]({_W})"
    rf"(?:[ \t]([{_UP}])\.?)?(?=[ \t]*(?:$|[-–—,;|(]|[ \t]{{2}})|\.(?:\s|$))"
)
# "Ibbotson, J. was discharged": a surname and the initial of the given name.
_LAST_INITIAL: Final = LazyPattern(
    rf"(?m)(?:^|[.!?][ \t]+|:[ \t]*)[ \t]*({_W}),[ \t][{_UP}]\.(?=[ \t]+[a-z]|[ \t]*$)"
)
_LIST_GOES_ON: Final = LazyPattern(rf"[ \t]*,[ \t]*[{_UP}]|[ \t]+(?:and|or|&|y|e)[ \t]")
_ROSTER: Final = LazyPattern(
    rf"(?m)^[ \t]*(?:[-*•][ \t]+)?({_W}(?:[ \t]{_W}){{1,2}})(?=[ \t]+[-–—][ \t]+[a-z])"
)
_FAMILY: Final = (
    "son daughter wife husband mother father mom mum dad brother sister grandson "
    "granddaughter grandmother grandfather grandma grandpa aunt uncle niece nephew cousin "
    "partner fiancé fiancée fiance fiancee stepson stepdaughter caregiver carer "
    "hijo hija esposo esposa madre padre mamá papá hermano hermana abuelo abuela tío tía "
    "nieto nieta sobrino sobrina primo prima cuñado cuñada yerno nuera"
)
_FAMILY_WORDS: Final = frozenset(_FAMILY.split())
# Any word, then a capitalised one; the first is checked against the family words in code
# (an alternation of sixty words tried at every position was the rule's main cost).
_RELATIVE: Final = LazyPattern(
    rf"(?<!\w)([^\W\d_]+)(?:-in-law)?(?:,?[ \t]+|[ \t]*\()(?=({_W})(?![\w'’-]))"
)
_GIVEN_EPONYM: Final = LazyPattern(rf"(?<![\w'’-])(?=({_W})[ \t]({_W})(?![\w'’-]))")
# "X and I came", "Dorotea and her husband Ansel": a companion of the speaker or of a relative
_AND_I: Final = LazyPattern(
    rf"(?<![\w'’-])({_W}(?:[ \t]{_W})?)[ \t]+and[ \t]+(?:I|me|(?:her|his|their|my)[ \t]+"
    r"(?:husband|wife|son|daughter|partner|mother|father|brother|sister|spouse|boyfriend"
    r"|girlfriend|fianc[ée]e?|grandson|granddaughter))\b"
)
# "Ilario, her grandson, drove her": a name and the relation set off by commas after it
_APPOSITIVE: Final = LazyPattern(
    rf"(?<![\w'’-])({_W}(?:[ \t]{_W})?)[ \t]*,[ \t]*(?i:her|his|their|my|our|the patient['’]s"
    r"|pt['’]s)[ \t]+([a-z]+)(?:-in-law)?[ \t]*,"
)
_PEOPLE_LABEL: Final = LazyPattern(
    r"(?im)(?:^|[ \t])(?:family|present|attendees|visitors|contacts?|family members|"
    r"familia|familiares|presentes)[ \t]*:[ \t]*"
)
_LIST_ITEM: Final = LazyPattern(rf"({_W})(?:[ \t]*(?:,|\band\b|&|\by\b)[ \t]*|(?=[ \t.;(\n]|$))")
_SIGNED: Final = LazyPattern(
    rf"(?:^|\n|[.!?][ \t]+)[ \t]*[-–—~][ \t]*({_W}(?:[ \t]{_W}){{0,2}})[ \t]*(?=\n|$)"
)
_THIS_IS: Final = LazyPattern(
    rf"\b(?i:this is|it's|it is|soy|habla)[ \t]+({_W})(?=[ \t]+(?:again|here|calling|speaking"
    r"|from|de)\b|[ \t]*[,.!])"
)
_CAPS_LABEL: Final = LazyPattern(
    rf"\b(?:FROM|TO|RE|ATTN|ATTENTION|PATIENT|PT|NAME|CC|SENDER|RECIPIENT)[ \t]*:[ \t]*"
    rf"([{_UP}][{_UP}'’-]+(?:[ \t][{_UP}][{_UP}'’-]+){{1,2}})(?![\w'’-])(?![ \t]?[a-z])"
)
# A name with its role in brackets after it: "FELICITY BLACKWOOD (SW)", "> Zebedee
# (scheduling): ...", "Drummond, Jeremiah (patient)". The role is checked in code.
_ROLE_AFTER: Final = LazyPattern(
    rf"(?<![\w'’-])((?:{_W},[ \t])?{_W}(?:[ \t]{_W}){{0,2}})[ \t]\(([A-Za-z][A-Za-z /-]{{0,20}})\)"
)
_BRACKET_ROLES: Final = frozenset(
    """sw msw rn lpn np md do pa pt ot slp cm rd chaplain patient pt. family daughter son wife
    husband mother father sister brother niece nephew guardian poa proxy caregiver friend
    neighbor interpreter scheduling billing triage registration reception records pharmacy
    nursing front desk case manager social work social worker charge nurse attending
    resident fellow student desk""".split()
)
_DOSE_OR_NOUN: Final = LazyPattern(r"[ \t]*(?:\d|\(?\d)|[ \t]+([a-z]+)")
_NAMEISH: Final = frozenset({"name", "unknown", "name_word"})


_GAP_AFTER: Final = LazyPattern(r"[ \t]{3,}\S")
_CELL_BEFORE: Final = LazyPattern(r"\S[ \t]{3,}\Z")


def _in_columns(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a cell of a row: a gap of spaces, then another cell."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(
        _GAP_AFTER.match(text, end) or _CELL_BEFORE.search(text, max(line_start, start - 40), start)
    )


def _kind(word: str) -> str:
    """The word's kind, judging a word in capitals as its title-case form."""
    return kind_of(word, caps_line=word.isupper() and len(word) > 1)


def _plain(word: str, *, caps: bool = False) -> bool:
    """A capitalised word that is no everyday, clinical, organisation or country word.

    A word in capitals is an acronym unless ``caps`` (a name field in capitals).
    """
    low = word.strip(".'’").lower()
    return (
        len(low) >= 3
        and low not in common_words()
        and low not in clinical_words()
        and low not in ORG_WORDS
        and low not in CLINICAL_NOUNS
        and low not in EPONYMS
        and word.strip(".'’").title() not in countries()
        and (caps or not word.isupper())
    )


def _clinical_after(text: str, end: int) -> bool:
    """Whether a dose or a clinical noun follows ("Keppra 500 mg", "Horner syndrome")."""
    m = _DOSE_OR_NOUN.match(text, end)
    if m is None:
        return False
    return m.group(1) is None or m.group(1) in CLINICAL_NOUNS


class FormNameRecognizer:
    """Names in roster, list and family-talk shapes (see the module docstring)."""

    name = "name_form"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield name spans."""
        yield from self._last_first(text)
        yield from self._last_initial(text)
        yield from self._roster(text)
        yield from self._relatives(text)
        yield from self._given_eponym(text)
        yield from self._and_i(text)
        yield from self._appositive(text)
        yield from self._people_lists(text)
        yield from self._signed(text)
        yield from self._caps_label(text)
        yield from self._role_after(text)

    def _role_after(self, text: str) -> Iterator[Candidate]:
        """A name followed by its role in brackets ("FELICITY BLACKWOOD (SW)").

        Every word must read as a name (no everyday, clinical or organisation word) and one
        must be a listed name or a word in no list.
        """
        for m in _ROLE_AFTER.finditer(text):
            role = m.group(2).lower().strip()
            if not all(w in _BRACKET_ROLES or w in ROLE_WORDS for w in role.split()):
                continue
            words = m.group(1).replace(",", " ").split()
            caps = all(w.isupper() for w in words)
            if all(_plain(w, caps=caps) or _kind(w) == "name_word" for w in words) and any(
                _kind(w) in ("name", "unknown") for w in words
            ):
                yield Candidate(m.start(1), m.end(1), "NAME", 0.7, "name.form", priority=48)

    def _caps_label(self, text: str) -> Iterator[Candidate]:
        """A name in capitals after a fax header's label ("RE: EFUA BAKHTIARI").

        Every word must read as a name and none as an everyday or clinical word.
        """
        for m in _CAPS_LABEL.finditer(text):
            words = m.group(1).split()
            if all(len(w) >= 3 and _kind(w) in ("name", "unknown") for w in words) and all(
                _plain(w, caps=True) for w in words
            ):
                yield Candidate(m.start(1), m.end(1), "NAME", 0.7, "name.form", priority=48)

    def _signed(self, text: str) -> Iterator[Candidate]:
        """A dash sign-off ending a message ("- Hyacinth Eggleston"), or a caller's intro.

        "this is Hyacinth again": any name-like word; "this is Nerys." needs a name.
        """
        for m in _SIGNED.finditer(text):
            words = m.group(1).split()
            kinds = [_kind(w) for w in words]
            if any(k in ("name", "unknown") for k in kinds) and all(_plain(w) for w in words):
                yield Candidate(m.start(1), m.end(1), "NAME", 0.7, "name.form", priority=48)
        for m in _THIS_IS.finditer(text):
            word = m.group(1)
            punct = text[m.end(1) : m.end(1) + 3].lstrip()[:1] in (",", ".", "!")
            if _plain(word) and (not punct or _kind(word) in _NAMEISH):
                yield Candidate(m.start(1), m.end(1), "NAME", 0.65, "name.form", priority=48)

    def _last_initial(self, text: str) -> Iterator[Candidate]:
        for m in _LAST_INITIAL.finditer(text):
            last = m.group(1)
            if _kind(last) in ("name", "unknown") and _plain(last, caps=True):
                yield Candidate(m.start(1), m.end(), "NAME", 0.65, "name.form", priority=48)

    def _last_first(self, text: str) -> Iterator[Candidate]:
        for m in _LAST_FIRST.finditer(text):
            if _LIST_GOES_ON.match(text, m.end()):
                continue  # "They had 6: Sylejman, Pernille, Keiko and ...": a list of names
            last, first = m.group(1), m.group(2)
            kinds = (_kind(last), _kind(first))
            if m.group(3) is not None:
                ok = kinds[0] in _NAMEISH and (kinds[1] in _NAMEISH or _plain(first, caps=True))
            else:
                dash = re.match(r"[ \t]+[-–—][ \t]+[a-z]", text[m.end() : m.end() + 6])
                ok = (all(k in _NAMEISH for k in kinds) and ("name" in kinds or bool(dash))) or (
                    bool(dash) and kinds[0] in _NAMEISH and _plain(first, caps=True)
                )
            after = m.end()
            if not ok and all(k in _NAMEISH for k in kinds):
                # A cell of a form's row, with columns on a side ("Achterberg, Oluwaseun
                # 555-0134", "RX# 2426494   Brandvold, Oluwaseun"): a person's name, even
                # when neither word is in a name list.
                ok = _in_columns(text, m.start(1), m.end()) and all(
                    _plain(w, caps=True) for w in (last, first)
                )
            if _GAP_AFTER.match(text, after):
                after = len(text)  # the next cell of the row ("   555-0134") is no dose of it
            if ok and not _clinical_after(text, after):
                yield Candidate(m.start(1), m.end(), "NAME", 0.7, "name.form", priority=49)

    def _roster(self, text: str) -> Iterator[Candidate]:
        for m in _ROSTER.finditer(text):
            words = m.group(1).split()
            shaped = all(w.isupper() and len(w) >= 3 and _plain(w, caps=True) for w in words)
            if shaped and any(_kind(w) in ("name", "unknown") for w in words):
                yield Candidate(m.start(1), m.end(1), "NAME", 0.65, "name.form", priority=47)

    def _relatives(self, text: str) -> Iterator[Candidate]:
        for m in _RELATIVE.finditer(text):
            if m.group(1).lower() not in _FAMILY_WORDS:
                continue
            word = m.group(2)
            cue = m.group(1)
            if _clinical_after(text, m.end(2)) or not _plain(word):
                continue
            if "(" in text[m.end(1) : m.start(2)] and _kind(word) not in _NAMEISH:
                continue  # "my father (I'm his POA)": a bracket holds a name, not a word
            # "Granddaughter Keppra": at a sentence start only a word no English list knows
            # (a listed name, a brand) is taken, not "Daughter Called".
            sentence_start = cue[:1].isupper() and _kind(word) not in ("name", "unknown")
            if sentence_start and word.lower() in english_words():
                continue
            yield Candidate(m.start(2), m.end(2), "NAME", 0.7, "name.form", priority=48)

    def _given_eponym(self, text: str) -> Iterator[Candidate]:
        for m in _GIVEN_EPONYM.finditer(text):
            given, sur = m.group(1), m.group(2)
            if sur.lower() not in EPONYMS or _kind(given) not in ("name", "unknown"):
                continue
            end = m.start(1) + len(given) + 1 + len(sur)
            if _clinical_after(text, end) or sur.endswith(("'s", "’s")):
                continue
            end = m.start(1) + len(given) + 1 + len(sur)
            yield Candidate(m.start(1), end, "NAME", 0.7, "name.form", priority=49)

    def _appositive(self, text: str) -> Iterator[Candidate]:
        low = text.lower()
        if not any(
            f", {w}" in low for w in ("her ", "his ", "their ", "my ", "our ", "the ", "pt")
        ):
            return  # no ", her ..." in the text: skip the scan
        for m in _APPOSITIVE.finditer(text):
            words = m.group(1).split()
            if m.group(2) in _FAMILY_WORDS and _kind(words[-1]) in ("name", "unknown"):
                yield Candidate(m.start(1), m.end(1), "NAME", 0.65, "name.form", priority=47)

    def _and_i(self, text: str) -> Iterator[Candidate]:
        for m in _AND_I.finditer(text):
            words = m.group(1).split()
            kinds = [_kind(w) for w in words]
            if kinds[-1] in ("name", "unknown") and all(_plain(w) for w in words):
                yield Candidate(m.start(1), m.end(1), "NAME", 0.65, "name.form", priority=47)

    def _people_lists(self, text: str) -> Iterator[Candidate]:
        for label in _PEOPLE_LABEL.finditer(text):
            pos = label.end()
            items: list[tuple[int, int, str]] = []
            for _ in range(8):
                item = _LIST_ITEM.match(text, pos)
                if item is None:
                    break
                items.append((item.start(1), item.end(1), item.group(1)))
                pos = item.end()
                if item.end() == item.end(1):
                    break  # the list ended
            # A word that is also an everyday word ("Hyacinth") counts in a list beside a name.
            if not any(_kind(w) in _NAMEISH for _, _, w in items):
                continue
            for start, end, word in items:
                if _plain(word):
                    yield Candidate(start, end, "NAME", 0.65, "name.form", priority=48)
