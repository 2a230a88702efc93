"""Ground: a value is accepted only where it sits at checked source text; else it is dropped.

This is the hallucination guard of every workflow. A value is searched for in the source:
inside a quote when one is given (located exactly, then ignoring case and runs of whitespace,
as OCR and models both reflow text), else on every line. It must be *supported* there (the code
is written there, possibly as an OCR variant; the date parses from the words; the name or id is
there; a brand name supports its generic), the evidence span is narrowed to the supporting
characters, and the span is checked against the source (:meth:`Evidence.matches`). Nothing
inside a span the injection screen flagged supports anything. A value that fails is dropped
and counted (:attr:`Grounder.dropped`): a model cannot add a value the document does not
support, and one bad value does not cost the case its good ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from clinllm.codes import cpt, hcpcs, icd10cm
from clinllm.domain.dates import find_dates
from clinllm.domain.evidence import Evidence

__all__ = ["CodeSystemName", "Grounder"]

#: The code systems grounding can read (OCR variants included).
CodeSystemName = Literal["ICD-10-CM", "CPT", "HCPCS"]

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*")
_GLUED = re.compile(r"^(?:CPT|HCPCS|ICD-?10(?:-CM)?|ICD|DX)[:#-]?", re.I)
_WORDS = re.compile(r"[A-Za-z0-9]{3,}")

#: Finds the supporting characters inside one chunk of source text, given the chunk's offset.
_Test = Callable[[str, int], tuple[int, int] | None]


def normalize_code(token: str, system: CodeSystemName) -> str | None:
    """A token read as a code of ``system`` (OCR letters fixed), or None."""
    if system == "ICD-10-CM":
        return icd10cm.normalize(token)
    if system == "CPT":
        return cpt.normalize(token)
    return hcpcs.normalize(token)


class Grounder:
    """Grounds values in one source text, outside the flagged spans, and counts what it drops.

    Args:
        text: The source text every span must point into (the original, never a masked copy).
        avoid: ``(start, end)`` spans that support nothing (what the injection screen flagged).
    """

    def __init__(self, text: str, avoid: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text
        self._avoid = tuple(avoid)
        self.dropped = 0

    def __repr__(self) -> str:
        return f"Grounder(chars={len(self.text)}, avoid={len(self._avoid)}, dropped={self.dropped})"

    def drop(self, count: int = 1) -> None:
        """Count a value that was dropped because nothing supports it."""
        self.dropped += count

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` touches a flagged span."""
        return any(start < e and s < end for s, e in self._avoid)

    def span(self, start: int, end: int) -> Evidence:
        """Evidence for ``text[start:end]`` (for values read at a known place by a rule)."""
        return Evidence.at(self.text, start, end)

    def locate(self, quote: str) -> list[tuple[int, int]]:
        """Every place ``quote`` occurs: exact first, then case/space-insensitive; never flagged."""
        quote = quote.strip()
        if not quote:
            return []
        found: list[tuple[int, int]] = []
        pos = self.text.find(quote)
        while pos != -1:
            found.append((pos, pos + len(quote)))
            pos = self.text.find(quote, pos + 1)
        if not found:
            pattern = r"\s+".join(re.escape(w) for w in quote.split())
            found = [m.span() for m in re.finditer(pattern, self.text, re.I)]
        return [(s, e) for s, e in found if not self.overlaps(s, e)]

    def quote(self, quote: str) -> Evidence | None:
        """Evidence for a verbatim quote (case and spacing aside), or None."""
        spots = self.locate(quote)
        return Evidence.at(self.text, *spots[0]) if spots else None

    def _within(self, quote: str | None, test: _Test) -> Evidence | None:
        # Without a quote every line of the source is searched; the hit itself must lie outside
        # flagged spans either way.
        chunks = (
            self.locate(quote)
            if quote is not None
            else [m.span() for m in re.finditer(r"[^\n\f]+", self.text)]
        )
        for s, e in chunks:
            hit = test(self.text[s:e], s)
            if hit is not None and not self.overlaps(*hit):
                ev = Evidence.at(self.text, *hit)
                if ev.matches(self.text):
                    return ev
        return None

    def code(
        self, code: str, system: CodeSystemName, *, quote: str | None = None
    ) -> Evidence | None:
        """Evidence for a normalized ``code``: a token that reads as it (``CPT72148`` too)."""

        def test(chunk: str, base: int) -> tuple[int, int] | None:
            for m in _TOKEN.finditer(chunk):
                tok = m.group(0).rstrip(".")
                if normalize_code(tok, system) == code:
                    return base + m.start(), base + m.start() + len(tok)
                bare = _GLUED.sub("", tok)  # a system keyword glued to the code
                if bare != tok and normalize_code(bare, system) == code:
                    s = m.start() + len(tok) - len(bare)
                    return base + s, base + s + len(bare)
            return None

        return self._within(quote, test)

    def value(
        self, value: str, *, quote: str | None = None, synonyms: Sequence[str] = ()
    ) -> Evidence | None:
        """Evidence for a name or id written in the source (case and spacing aside).

        Args:
            value: The value as proposed.
            quote: Where the proposer says it read it.
            synonyms: Other words that support it (brand names of a generic drug).
        """
        words = value.split()
        if not words:
            return None
        pattern = re.compile(
            r"\s*".join(re.escape(w) for w in words).replace(r"\-", r"\s*-\s*"), re.I
        )

        def test(chunk: str, base: int) -> tuple[int, int] | None:
            m = pattern.search(chunk)
            if m:
                return base + m.start(), base + m.end()
            for other in synonyms:
                b = re.search(rf"\b{re.escape(other)}\b", chunk, re.I)
                if b:
                    return base + b.start(), base + b.end()
            return None

        return self._within(quote, test)

    def digits(self, digits: str, *, quote: str | None = None) -> Evidence | None:
        """Evidence for a digit string (an NPI) not embedded in a longer number."""

        def test(chunk: str, base: int) -> tuple[int, int] | None:
            m = re.search(rf"(?<!\d){re.escape(digits)}(?!\d)", chunk)
            return (base + m.start(), base + m.end()) if m else None

        return self._within(quote, test)

    def date(self, iso: str, *, quote: str | None = None) -> Evidence | None:
        """Evidence for an ISO date that a date written in the source parses to."""

        def test(chunk: str, base: int) -> tuple[int, int] | None:
            for d in find_dates(chunk):
                if d.value.isoformat() == iso:
                    return base + d.start, base + d.end
            return None

        return self._within(quote, test)

    def phrase(self, phrase: str, *, min_share: float = 0.8) -> Evidence | None:
        """Evidence for a phrase a model may have shortened.

        The phrase itself, or the one line that holds at least ``min_share`` of its words.
        """
        spots = self.locate(phrase)
        if spots:
            return Evidence.at(self.text, *spots[0])
        words = {w.lower() for w in _WORDS.findall(phrase)}
        if len(words) < 2:
            return None
        best: tuple[float, int, int] = (0.0, 0, 0)
        offset = 0
        for line in re.split(r"(?<=\n)", self.text):
            have = {w.lower() for w in _WORDS.findall(line)}
            score = len(words & have) / len(words)
            if score > best[0]:
                best = (score, offset, offset + len(line.rstrip("\n")))
            offset += len(line)
        if best[0] >= min_share and not self.overlaps(best[1], best[2]):
            return Evidence.at(self.text, best[1], best[2])
        return None
