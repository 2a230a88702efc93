"""Unicode normalization for screening, with a map from every character back to the original.

An attacker hides an instruction from pattern matchers by writing it so that it reads the same
to a model but differs byte for byte: zero-width characters inside words (``ig\u200bnore``),
fullwidth or mathematical letters (``ｉｇｎｏｒｅ``, ``𝐢𝐠𝐧𝐨𝐫𝐞``), Cyrillic or Greek look-alikes
(``іgnоrе``), accents and stacked combining marks. The screen therefore reads a *view* of the
text in which all of these are folded to plain letters, and reports what it finds at offsets of
the *original* text, so the pipeline masks exactly the characters that arrived.

Look-alikes come from the Unicode confusables data as shipped by ``confusable-homoglyphs`` (MIT,
derived from Unicode's ``confusables.txt``); a token is folded only when every character in it
has a plain ASCII look-alike, so real Cyrillic or Greek words are left alone.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["View", "ascii_lookalikes", "carrier_view", "normalize"]

#: Characters that render as nothing, or change nothing a reader sees, and only split words.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn"})
_KEPT_CONTROLS = frozenset("\n\t\r\f\v")
_SPACE_CONTROLS = frozenset("\t\r\v")


@dataclass(frozen=True, slots=True)
class View:
    """A text derived from an original text, with each character's origin.

    Attributes:
        text: The derived text that rules and the classifier read.
        starts: For each character of ``text``, the offset in the original where its source
            begins (``None``: the identity map, ``text`` is the original).
        ends: For each character, the offset one past the end of its source.
        kind: What produced the view (``normalized``, ``base64``, ``leet`` ...).
    """

    text: str
    starts: Sequence[int] | None
    ends: Sequence[int] | None
    kind: str

    def __repr__(self) -> str:
        return f"View(kind={self.kind!r}, chars={len(self.text)})"

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The original span that the view's ``text[start:end]`` came from.

        Args:
            start: Offset in the view.
            end: Offset one past the end in the view (``end > start``).

        Returns:
            ``(start, end)`` offsets in the original text.
        """
        if self.starts is None or self.ends is None:
            return start, end
        last = max(start, min(end, len(self.text)) - 1)
        if not self.text:
            return 0, 0
        first = min(start, len(self.text) - 1)
        return self.starts[first], max(self.ends[first : last + 1], default=self.ends[first])


def carrier_view(decoded: str, start: int, end: int, kind: str) -> View:
    """A view whose every character comes from one span of the original (a decoded blob)."""
    n = len(decoded)
    return View(decoded, [start] * n, [end] * n, kind)


@cache
def ascii_lookalikes() -> dict[str, str]:
    """Map each non-ASCII character that looks like an ASCII letter or digit to that character.

    Read once from the Unicode confusables table shipped by ``confusable-homoglyphs``.
    """
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    table: dict[str, list[dict[str, str]]] = json.loads(raw)
    mapping: dict[str, str] = {}
    for key, glyphs in table.items():
        if len(key) != 1 or not key.isascii() or not key.isalnum():
            continue
        for glyph in glyphs:
            char = glyph["c"]
            if len(char) == 1 and not char.isascii():
                # Prefer a letter over a digit, and lower case, for look-alikes of both.
                previous = mapping.get(char)
                if previous is None or (previous.isdigit() and key.isalpha()):
                    mapping[char] = key
    return mapping


def _fold_char(ch: str) -> str:
    """One character folded: compatibility forms composed away, accents on Latin letters dropped."""
    folded = unicodedata.normalize("NFKC", ch)
    if folded.isascii():
        return folded
    out = []
    for c in folded:
        decomposed = unicodedata.normalize("NFD", c)
        if decomposed[0].isascii() and len(decomposed) > 1:
            out.append(decomposed[0])  # é -> e, but a Hangul syllable or a CJK ideograph stays
        else:
            out.append(c)
    return "".join(out)


def _fold_lookalike_tokens(chars: list[str]) -> None:
    """Replace look-alikes in place, in tokens whose every character has an ASCII look-alike."""
    table = ascii_lookalikes()
    i, n = 0, len(chars)
    while i < n:
        if not (chars[i].isalnum() or chars[i] in table):
            i += 1
            continue
        j = i
        while j < n and (chars[j].isalnum() or chars[j] in table):
            j += 1
        token = chars[i:j]
        if all(c.isascii() or c in table for c in token) and not all(c.isascii() for c in token):
            chars[i:j] = [c if c.isascii() else table[c] for c in token]
        i = j


def normalize(text: str) -> View:
    """Fold ``text`` for screening: invisible characters dropped, look-alikes made ASCII.

    Steps, per character: format and control characters (zero-width spaces and joiners, soft
    hyphens, bidirectional controls, Unicode tag characters) are dropped; other whitespace
    becomes a space (newlines and form feeds stay, they end sentences); NFKC folds fullwidth,
    ligature and mathematical forms; accents and combining marks on Latin letters are
    dropped. Then each token whose every character has an ASCII look-alike is folded to it.

    Returns:
        The normalized view. Plain ASCII text without control characters comes back as an
        identity view at no cost.
    """
    if text.isascii() and all(ch >= " " or ch in "\n\f" for ch in text):
        return View(text, None, None, "normalized")
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        if ch in "\n\f":
            piece = ch
        elif ch in _SPACE_CONTROLS or unicodedata.category(ch).startswith("Z"):
            piece = " "
        elif unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            continue
        elif unicodedata.category(ch) == "Mn" and chars and chars[-1].isascii():
            continue  # a combining mark stacked on a Latin letter (accents, "zalgo" text)
        elif 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF:
            continue  # variation selectors
        else:
            piece = _fold_char(ch)
        for c in piece:
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
    _fold_lookalike_tokens(chars)
    return View("".join(chars), starts, ends, "normalized")
