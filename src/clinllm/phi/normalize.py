r"""A normalized view of a text for detection, with a map back to the original offsets.

An identifier can be written so that it looks the same to a reader and nothing like itself
to a regular expression: ``123\u200b-45-6789`` (a zero-width space), ``555\u2011010\u20110199``
(non-breaking hyphens), fullwidth digits ``\uff15\uff15\uff15``, a no-break or thin space
inside a phone number, an Arabic-Indic digit. Rules written for ASCII miss every one of
them, and the identifier then reaches a provider in clear.

So the detector never looks at the raw text. :func:`normalize` builds the view it looks at:

* format characters are removed: zero-width space/joiners, word joiner, BOM, soft hyphen,
  bidirectional controls, variation selectors, invisible fillers;
* hyphens and dashes (U+2010-U+2015, minus signs, small and fullwidth hyphen-minus) become
  ``-``, division and fraction slashes ``/``; every kind of space becomes `` ``; line and
  paragraph separators become ``\n``;
* decimal digits of any script become ASCII digits;
* everything else goes through NFKC (fullwidth letters, ligatures, compatibility forms),
  one base character together with its combining marks.

Each character of the view remembers the span of original characters it came from, so a
finding on the view is reported on the original text and covers every original character
inside it, hidden ones included: redaction replaces what was really there.

ASCII text (most clinical text) is its own view and costs one ``str.isascii`` call.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["NormalizedText", "fold", "normalize", "ocr_digits"]

#: Invisible characters that are not format characters (category Cf) but hide the same way.
_INVISIBLE: Final = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"  # grapheme joiner, fillers, Khmer vowels
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))  # variation selectors
)
_HYPHENS: Final = frozenset(
    "\u00ad\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2796"
    "\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u301c\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\u02d7"
)
_SLASHES: Final = frozenset("\u2044\u2215\u29f8\u29f6\u2cc6")
_LINE_BREAKS: Final = frozenset("\u2028\u2029\u0085")
_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]+")


def _fold_char(ch: str) -> str:
    """The view of one character that is not part of a combining sequence."""
    if ch in _HYPHENS:
        # The soft hyphen is a format character: it marks where a word may break.
        return "" if ch == "\u00ad" else "-"
    if ch in _INVISIBLE:
        return ""
    if ch in _SLASHES:
        return "/"
    if ch in _LINE_BREAKS:
        return "\n"
    category = unicodedata.category(ch)
    if category == "Cf":
        return ""
    if category == "Zs":
        return " "
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    out = unicodedata.normalize("NFKC", ch)
    if out == ch or out.isascii():
        return out
    # NFKC can produce characters that fold further (a small em dash becomes a dash).
    return "".join(_fold_char(c) for c in out)


def _fold_cluster(cluster: str) -> str:
    """The view of a base character with its combining marks (``e`` + U+0301 -> ``é``)."""
    if len(cluster) == 1:
        return _fold_char(cluster)
    kept = "".join(c for c in cluster if c not in _INVISIBLE and unicodedata.category(c) != "Cf")
    if not kept:
        return ""
    composed = unicodedata.normalize("NFKC", kept)
    return "".join(_fold_char(c) for c in composed)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") and ch not in _INVISIBLE


class NormalizedText:
    """The detection view of a text and the offset map back to it.

    Attributes:
        text: The normalized view.
        identity: The view is the original text (nothing was changed).

    The map is two arrays: for view character ``i``, ``starts[i]`` and ``ends[i]`` are the
    original span it came from. Removed characters belong to no view character; a span of
    the view maps to the original span from the start of its first character to the end of
    its last, which covers any removed character between them.
    """

    __slots__ = ("_ends", "_starts", "identity", "text")

    def __init__(self, text: str, starts: list[int] | None, ends: list[int] | None) -> None:
        self.text = text
        self.identity = starts is None
        self._starts = starts
        self._ends = ends

    def __repr__(self) -> str:
        """Shape only: the view is as sensitive as the text."""
        return f"NormalizedText(chars={len(self.text)}, identity={self.identity})"

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the view span ``[start, end)`` (``end > start``)."""
        if self._starts is None or self._ends is None:
            return start, end
        return self._starts[start], self._ends[end - 1]


def normalize(text: str) -> NormalizedText:
    """Build the detection view of ``text`` (see the module docstring)."""
    if text.isascii():
        return NormalizedText(text, None, None)
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    changed = False
    for run in _NON_ASCII.finditer(text):
        a, b = run.span()
        # A combining mark can follow an ASCII base ("e" + U+0301): take the base with it.
        if _is_mark(text[a]) and a > pos:
            a -= 1
        if a > pos:
            parts.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        i = a
        while i < b:
            j = i + 1
            while j < b and _is_mark(text[j]):
                j += 1
            cluster = text[i:j]
            out = _fold_cluster(cluster)
            if out != cluster:
                changed = True
            if out:
                parts.append(out)
                starts.extend([i] * len(out))
                ends.extend([j] * len(out))
            i = j
        pos = b
    if not changed:
        return NormalizedText(text, None, None)
    parts.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return NormalizedText("".join(parts), starts, ends)


def fold(value: str) -> str:
    """The normalized form of a short value (an identifier, for keys and surrogates)."""
    return normalize(value).text


# A run of digits and digit separators, from a digit to a digit, that may hold a letter O
# or o, I or l in place of a digit, as optical character recognition writes "555-O10-4471".
_OCR_RUN: Final = re.compile(r"(?<![A-Za-z])\d[\dOoIl()./ -]{5,18}\d(?![A-Za-z])")
_OCR_DIGIT: Final = {"O": "0", "o": "0", "I": "1", "l": "1"}


def ocr_digits(text: str) -> str:
    """``text`` with O, o, I and l read as 0 and 1 inside digit runs; same length.

    Scanned faxes come through OCR, which confuses these letters with digits inside phone
    and record numbers. A run must hold five digits or more and at most two such letters,
    each right after a digit or a dash, dot or slash: a code after a space or a bracket
    ("58 (I63.9)", "O2 sat") stays as it is. Offsets do not move, so findings on the result
    are findings on ``text``.
    """
    if "O" not in text and "o" not in text and "I" not in text and "l" not in text:
        return text
    chars: list[str] | None = None
    for m in _OCR_RUN.finditer(text):
        run = m.group()
        letters = [i for i, ch in enumerate(run) if ch in _OCR_DIGIT]
        if not letters or len(letters) > 2 or sum(ch.isdigit() for ch in run) < 5:
            continue
        if any(not (run[i - 1].isdigit() or run[i - 1] in "-./") for i in letters):
            continue
        chars = chars if chars is not None else list(text)
        for i in letters:
            chars[m.start() + i] = _OCR_DIGIT[run[i]]
    return text if chars is None else "".join(chars)
