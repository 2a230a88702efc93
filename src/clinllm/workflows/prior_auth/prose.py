"""Values written in sentences: the member id a sentence gives, and how sure a sentence is.

Why: a member id is often written in a sentence ("her plan card reads X", "the subscriber
number is X", "he is enrolled under number X", "su tarjeta dice X") rather than after a
label, and the recognizers that read labels find its presence but not its value, so such a
case goes to review with nothing for the reviewer to confirm. The reader here takes an
identifier by its *shape* (capital letters and digits, at least four digits) in a sentence
whose clause names the member's coverage by a word of its *role* (member, card, enrolled,
coverage...), not another number's (group, claim, MBI, NPI...), and not one the sentence
retires ("old card number", "was replaced", "no longer active").

A value read from a sentence is a guess by construction (the sentence's grammar, not a
form's label, says what it is), so :func:`in_sentence` tells the rules which spans came from
running text; their confidence is held below the review threshold (:data:`PROSE_CEILING`):
a person confirms them, they are never auto-accepted.
"""

from __future__ import annotations

import re
from typing import Final

from clinllm.workflows.prior_auth.recognizers import Span

__all__ = ["PROSE_CEILING", "in_sentence", "prose_member_id", "retired"]

#: The highest confidence a value read from running text may have: below ``REVIEW_THRESHOLD``.
PROSE_CEILING: Final = 0.65

# An identifier's shape: capitals and digits (hyphens and single spaces between groups), at
# least four digits, not a date. Case-sensitive: words in a sentence are lower case.
_ID = re.compile(r"(?<![\w/.-])(?=[A-Z0-9-]*\d)[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){0,4}(?![\w/-])")
# Words of the member's coverage, in English and Spanish.
_COVERAGE = re.compile(
    r"\b(?:member(?:ship)?|subscriber|enroll(?:ed|ee)|insured|insurance|card|coverage|covered|"
    r"plan|policy(?:holder)?|beneficiary|afiliad[oa]|tarjeta|seguro|asegurad[oa]|miembro)\b",
    re.IGNORECASE,
)
# Words of the member themself (not the plan's or the policy's): enough after a short label.
_MEMBER_WORD = re.compile(
    r"\b(?:member(?:ship)?|subscriber|enroll(?:ed|ee)|insured|beneficiary|card|afiliad[oa]|"
    r"tarjeta|asegurad[oa]|miembro)\b",
    re.IGNORECASE,
)
# Words of another number's role: the id after them is not the member's.
_OTHER: Final = re.compile(
    r"\b(?:group|grp|case|claim|ref(?:erence)?|order|auth\w*|tracking|confirmation|account|"
    r"acct|mrn|medical\s+record|mbi|medicare|fax|phone|tel|tax|tin|ein|dea|licen[cs]e|invoice|"
    r"lot|serial|rx|npi|cpt|hcpcs|icd\S*|dx|code|billed|billing)\b",
    re.IGNORECASE,
)
# Words that retire an identifier: an older card, a replaced or expired one.
_RETIRED: Final = re.compile(
    r"\b(?:old|older|former|previous|prior|replaced|expired|inactive|terminated|retired|"
    r"no\s+longer|used\s+to|anterior|vencid[oa])\b",
    re.IGNORECASE,
)
# Where a clause starts: a sentence end, a semicolon, a line break, a colon.
_CLAUSE_START = re.compile(r"(?:[.;:!?](?=\s)|\n)")


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause around ``text[start:end]``: what precedes it and what follows it."""
    left = max((m.end() for m in _CLAUSE_START.finditer(text, 0, start)), default=0)
    right_m = _CLAUSE_START.search(text, end)
    right = right_m.start() if right_m else len(text)
    return text[left:start], text[end:right]


def retired(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding ``text[start:end]`` says the identifier is no longer used."""
    before, after = _clause(text, start, end)
    return bool(_RETIRED.search(before) or _RETIRED.search(after))


# Words that qualify a labelled value without making it a sentence ("on or after X").
_QUALIFIER: Final = frozenset("on or after before by from about around approx at in the".split())
# Words a label does not use and a sentence does: verbs, auxiliaries, pronouns, prepositions
# that tie the value to a clause ("is", "reads", "under", "her"); English and Spanish.
_CLAUSAL: Final = frozenset(
    "is are was were be been being has have had will would should can may reads read shows "
    "says lists carries carry gave gives give appears for under with to as his her their he "
    "she we our us they its it which that who whose this these es está son tiene dice su".split()
)


def in_sentence(text: str, start: int) -> bool:
    """Whether the value at ``start`` is read from running text rather than after a label.

    The words that count are those after the line's last separator (a colon, a comma, ``#``,
    ``=``, ``|``, a tab, a run of spaces, a spaced dash between segments): a label's value
    follows a noun phrase ("Expected service date X", "..., member ID X"); running text has
    at least three words there (a qualifier such as "on or after" aside) and a word of a
    clause (a verb, a pronoun, a preposition that ties the value: "her card reads X").
    """
    line_start = text.rfind("\n", 0, start) + 1
    tail = re.split(r"[:#=|,;\t]|\s{2,}|\s-\s", text[line_start:start])[-1]
    return _running(tail)


def _running(words_text: str) -> bool:
    """Three words or more (qualifiers aside), one of them a word of a clause."""
    words = [
        w
        for w in re.findall(r"[A-Za-z\u00c0-\u00ff][\w'-]*", words_text)
        if w.lower() not in _QUALIFIER
    ]
    clausal = any(w.lower() in _CLAUSAL for w in words) or any(
        w.islower() and w.endswith("ed") for w in words[1:]
    )
    return len(words) >= 3 and clausal


def prose_member_id(text: str) -> Span | None:
    """The first identifier a sentence gives as the member's, below the review threshold."""
    for m in _ID.finditer(text):
        value = m.group(0)
        if len(value) < 6 or sum(ch.isdigit() for ch in value) < 4:
            continue
        if re.fullmatch(r"[A-Z]\d{2}[0-9A-Z]{1,4}", value):
            continue  # an undotted ICD-10 code
        if re.fullmatch(r"(?:\d{3}-)?\d{3}-\d{4}|\d{1,4}-\d{1,2}-\d{1,4}", value):
            continue  # a phone number or a date
        if re.fullmatch(r"\d{10}", value):
            continue  # an NPI-shaped number is a clinician's, never a member's by shape alone
        before, after = _clause(text, m.start(), m.end())
        near = before[-60:]
        if not _COVERAGE.search(near) or _OTHER.search(near[-30:]):
            continue
        if not _running(before) and not _MEMBER_WORD.search(near):
            continue  # after a label, only a member's own word will do ("Policy # = X" will not)
        if _RETIRED.search(before) or _RETIRED.search(after):
            continue
        return Span(value, m.start(), m.end(), PROSE_CEILING)
    return None
