"""Names found once, found everywhere: every part of a found name repeated across the text.

A name is written in full once (a header, a title, a label) and in part everywhere else: a
patient called "Mrs. O'Donnell-Reyes" in the header is "O'Donnell-Reyes" in the body. The
recognizers find the first; :func:`propagate_names` finds the rest, except where a repeat
is an eponym or a drug with its dose (the note of a daughter named Allegra or Norco).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.clinical import CLINICAL_NOUNS
from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import drugs
from clinllm.phi.recognizers.base import Candidate
from clinllm.phi.recognizers.names import CAPS_TOKEN, NEXT_WORD, TITLE_TOKEN, is_common

__all__ = ["STRENGTH_AFTER", "propagate_names"]

_TOKEN_RE: Final = LazyPattern(rf"{TITLE_TOKEN}|{CAPS_TOKEN}")
# A drug name with a dose or a schedule after it is the drug, even in the note of a patient
# whose name it also is ("his daughter Allegra ... Allegra 180 mg daily").
_DOSE_AFTER: Final = LazyPattern(
    r"\s+(?:\d|daily|nightly|bid|tid|qid|qd|qhs|prn|tablets?|tabs?|capsules?|mg|mcg|dose|"
    r"doses|starter|XR|ER|SR|injection|cream|ointment|drops|patch|once|twice|as needed)",
    re.IGNORECASE,
)

#: A strength and unit or a schedule after a word make it a drug, whatever the word lists
#: know of it ("Norco 5/325 one tab" in the note of a daughter named Norco).
STRENGTH_AFTER: Final = LazyPattern(
    r"[ \t]+\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?[ \t]*(?i:mg|mcg|µg|g|ml|units?|iu|tabs?"
    r"|tablets?|caps?|capsules?|puffs?|drops?|one|two|half|daily|nightly|bid|tid|qid|prn|%)\b"
)


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
            if len(token) >= 3 and not is_common(token):
                parts.add(token)
                parts.add(token.upper())
    for part in sorted(parts, key=len, reverse=True):
        pos = text.find(part)
        while pos >= 0:
            end = pos + len(part)
            before = text[pos - 1] if pos else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before in "'’-_") and not (
                after.isalnum() or after in "-_"
            ):
                nxt = NEXT_WORD.match(text, end)
                if (nxt is None or nxt.group(1).lower() not in CLINICAL_NOUNS) and not (
                    (part.lower() in drugs() and _DOSE_AFTER.match(text, end))
                    or STRENGTH_AFTER.match(text, end)
                ):
                    yield Candidate(pos, end, "NAME", 0.8, "name.repeat", priority=45)
            pos = text.find(part, end)
