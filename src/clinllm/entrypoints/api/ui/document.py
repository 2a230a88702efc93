"""The document as the reviewer sees it: plain text cut into segments, evidence spans marked.

Why segments instead of inserting ``<mark>`` tags into the text: the text is untrusted (a fax,
a patient's message) and must be escaped as a whole. The template gets pieces of text and the
evidence ids covering each, and writes every piece through Jinja's autoescape; no markup is ever
built from document content. Overlapping spans (a diagnosis inside a quoted sentence) are
handled by cutting at every span boundary; a page break (form feed) is a segment of its own,
shown as a labelled separator.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from clinllm.domain.evidence import PAGE_BREAK, Evidence, page_at

__all__ = ["Mark", "Segment", "segments"]


@dataclass(frozen=True, slots=True)
class Mark:
    """One evidence span shown on the page.

    Attributes:
        number: Its anchor number (``#ev-3``), in order of the record's evidence.
        field: The field path it supports (``member_id``, ``procedures[0]``), or ``""``.
        source: Who proposed it (``rule:npi``, a provider), or ``""``.
    """

    number: int
    field: str
    source: str

    @property
    def anchor(self) -> str:
        """The element id of the span's first ``<mark>``."""
        return f"ev-{self.number}"


@dataclass(slots=True)
class Segment:
    """A run of text with the same evidence over it.

    Attributes:
        text: The characters (escaped by the template).
        marks: The evidence covering them (empty: plain text).
        starts: The evidence that starts here (its anchor goes on this segment).
        page: For a page break (the form feed ingest writes between pages): the number of the
            page it starts; None for text.
    """

    text: str
    marks: list[Mark] = field(default_factory=list)
    starts: list[Mark] = field(default_factory=list)
    page: int | None = None

    @property
    def fields(self) -> str:
        """The fields the text supports, for the ``title`` shown on hover."""
        return ", ".join(dict.fromkeys(m.field or "evidence" for m in self.marks))


def segments(text: str, evidence: Sequence[Evidence]) -> tuple[list[Segment], list[Mark]]:
    """Cut ``text`` at every evidence boundary and around every page break.

    Args:
        text: The document's normalized text.
        evidence: The record's evidence; a span that does not sit at its offsets in ``text``
            (a stale or corrupt record) is left out rather than marking the wrong words.

    Returns:
        The segments in order, and the marks that were placed (for the field list's links).
    """
    spans = [(e, Mark(n, e.field or "", e.source or "")) for n, e in enumerate(evidence, 1)]
    placed = [(e, m) for e, m in spans if e.end > e.start and e.matches(text)]
    breaks = [i for i, char in enumerate(text) if char == PAGE_BREAK]
    cuts = sorted(
        {0, len(text)}
        | {e.start for e, _ in placed}
        | {e.end for e, _ in placed}
        | {i for b in breaks for i in (b, b + 1)}
    )
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for e, m in placed if e.start <= start and end <= e.end]
        beginning = [m for e, m in placed if e.start == start]
        page = page_at(text, end) if text[start:end] == PAGE_BREAK else None
        out.append(Segment(text[start:end], covering, beginning, page))
    return out, [m for _, m in placed]
