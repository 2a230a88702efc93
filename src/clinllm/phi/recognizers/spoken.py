"""Numbers read out in words: "call me at five five five, oh one oh, four four one two".

Dictated notes and transcribed phone calls write what was said: a phone number, a record
number or a member id spoken digit by digit ("zero zero four eight two nine"), in pairs
("forty-four eighty-two"), with "double" and "triple" ("double five"). Every digit rule
misses them, and the identifier reaches a provider in clear. This recognizer reads runs
of number words (and digit groups mixed in) as one identifier.

A run counts when it holds at least five digits, or four after an identifier or phone
cue: "twenty twenty-six" alone is a year, "one forty over ninety" a blood pressure. Its
type comes from the nearest cue before it (fax, phone, MRN, member/policy, SSN), else
OTHER_ID.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.recognizers.base import Candidate

__all__ = ["SpokenNumberRecognizer"]

_UNITS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS: Final = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_DIGITS: Final[dict[str, int]] = {
    **{w: 1 for w in _UNITS},
    "oh": 1,
    **{w: 2 for w in _TEENS},
    **{w: 2 for w in _TENS},
    **{f"{t}-{u}": 2 for t in _TENS for u in _UNITS[1:]},
}
_WORD: Final = (
    r"(?:(?:double|triple)[ -])?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|zero|oh|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen)"
)
# A spelled letter may lead an id ("W nine nine two"); not "A" or "I", not the end of a
# spelled label ("M R N six one ..."), and not inside a run ("G two P two" is an obstetric
# history).
_LETTER: Final = r"[B-HJ-Z]"
_RUN: Final = LazyPattern(
    rf"(?<![\w-])(?:(?<![A-Z] ){_LETTER}[ \t]+)?(?i:{_WORD}|\d{{1,4}})"
    rf"(?:[ \t]*[,-]?[ \t]+(?i:{_WORD}|\d{{1,4}})){{2,15}}(?![\w-])"
)
# Two digit words in a row, in lower case (a cheap test every text pays; a run always has
# such a pair after its first word).
_HINT: Final = LazyPattern(
    r"(?=[zotfsen])\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[ ,-]+"
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b"
)
_CUES: Final = (
    ("FAX", re.compile(r"(?i)\bfax\w*")),
    ("SSN", re.compile(r"(?i)\b(?:ssn|social security|social)\b")),
    ("MRN", re.compile(r"(?i)\b(?:mrn|m\.? ?r\.? ?n|medical record|record number|chart)\b")),
    (
        "HEALTH_PLAN_ID",
        re.compile(r"(?i)\b(?:member|policy|subscriber|medicaid|medicare|insurance)\b"),
    ),
    (
        "PHONE",
        re.compile(
            r"(?i)\b(?:phone|call\w*|cell|number|reach\w*|text|mobile|tel[eé]fono|n[uú]mero)\b"
        ),
    ),
    ("OTHER_ID", re.compile(r"(?i)\b(?:id|account|case|confirmation|reference|code)\b")),
)
_TOKENS: Final = re.compile(rf"(?i){_WORD}|\d+")


def _digit_count(run: str) -> int:
    total = 0
    for token in _TOKENS.findall(run):
        low = token.lower()
        if low[0].isdigit():
            total += len(low)
            continue
        repeat = 3 if low.startswith("triple") else 2 if low.startswith("double") else 1
        base = low.split(" ", 1)[-1].split("-", 1)[-1] if repeat > 1 else low
        total += repeat * _DIGITS.get(base, 1)
    return total


class SpokenNumberRecognizer:
    """Identifiers and phone numbers spoken digit by digit (see the module docstring)."""

    name = "spoken_number"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield every run of number words long enough to be an identifier."""
        if _HINT.search(text) is None:
            return
        for m in _RUN.finditer(text):
            run = m.group()
            words = sum(1 for t in _TOKENS.findall(run) if not t[0].isdigit())
            if words < 2:
                continue  # digits with a stray word: the digit rules' business
            digits = _digit_count(run)
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(line_start, m.start() - 40) : m.start()]
            kind = next((k for k, cue in _CUES if cue.search(before)), None)
            if digits < 4 or (digits < 5 and kind is None):
                continue
            yield Candidate(m.start(), m.end(), kind or "OTHER_ID", 0.7, self.name, priority=56)
