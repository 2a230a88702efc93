"""Words of a diagnosis garbled by OCR, put back when one confusion explains them.

A scanned fax reads "hyponatrernia", "hypoka1emia", "cellu1itis", "osteoarthrltis": the word
search of the code set knows none of these, so the diagnosis is lost. Each confusion below is
one an OCR engine makes between glyphs that look alike; a word the code set does not know is
tried with each confusion undone once, and taken back only when exactly one reading is a word
the code set knows. A word the code set knows is never changed, so a real word is not
"corrected" into another.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["repair"]

# What OCR printed -> what the glyph may have been.
_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"),
    ("m", "rn"),
    ("1", "l"),
    ("1", "i"),
    ("l", "i"),
    ("i", "l"),
    ("0", "o"),
    ("5", "s"),
    ("c", "e"),
    ("e", "c"),
    ("b", "h"),
    ("h", "b"),
    ("l", "t"),
    ("t", "l"),
    ("e", "a"),
    ("a", "e"),
    ("cl", "d"),
    ("vv", "w"),
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]{3,}")


def _readings(word: str) -> set[str]:
    out: set[str] = set()
    for printed, meant in _CONFUSIONS:
        start = word.find(printed)
        while start >= 0:
            out.add(word[:start] + meant + word[start + len(printed) :])
            start = word.find(printed, start + 1)
    return out


def repair(text: str, known: Callable[[str], bool]) -> str:
    """``text`` with each unknown word that one OCR confusion makes known put back.

    Args:
        text: A diagnosis phrase.
        known: Whether a lower-cased word is in the code set's vocabulary.
    """

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if known(low) or (low.isalpha() and len(low) < 6):
            return word
        hits = {r for r in _readings(low) if r.isalpha() and known(r)}
        return hits.pop() if len(hits) == 1 else word

    return _TOKEN.sub(fix, text)
