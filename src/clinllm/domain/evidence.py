"""Evidence: the span of source text a value was read from.

Every extracted value must point at the characters that support it. That pointer is what lets
a reviewer see why a value is there, and what lets the pipeline refuse a value a model made up:
a span is only accepted when the quoted text really sits at those offsets.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["PAGE_BREAK", "Evidence", "page_at"]

#: Page separator in normalized text (ingest writes one form feed between pages).
PAGE_BREAK = "\f"


def page_at(text: str, offset: int) -> int:
    """Return the 1-based page of ``offset`` in text whose pages are separated by form feeds.

    Why: ingest hands over one normalized string per document with a form feed between pages, so
    the page of a span follows from its offset alone and no second structure has to be kept in
    step with the text.
    """
    return text.count(PAGE_BREAK, 0, max(0, offset)) + 1


class Evidence(BaseModel):
    """A span of the source text: ``text == source[start:end]`` on ``page``.

    The one evidence type of clinllm: recognizers, grounding, the store and the review queue all
    pass these. ``field`` says which value the span supports and ``source`` who proposed it,
    so a reviewer sees both where a value was read and what read it.

    The quoted text may be PHI, so it is hidden from validation errors.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    start: int = Field(ge=0)
    """Offset of the first character in the normalized source text."""
    end: int = Field(ge=0)
    """Offset one past the last character."""
    text: str
    """The quoted characters, exactly as they are in the source."""
    page: int | None = Field(default=None, ge=1)
    """1-based page number, when the source has pages."""
    field: str | None = Field(default=None, max_length=128)
    """Field path of the value the span supports (``procedures[0]``, ``urgency``), when known."""
    source: str | None = Field(default=None, max_length=128)
    """Who proposed it: ``rule:<id>`` for a deterministic rule, else the provider string."""

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        if len(self.text) != self.end - self.start:
            raise ValueError("text length must equal end - start")
        return self

    def matches(self, source: str) -> bool:
        """Whether the quoted text sits at these offsets in ``source``.

        Why: a span that does not match its source is exactly what a hallucinated value looks
        like, so grounding checks this before it accepts anything.
        """
        return self.end <= len(source) and source[self.start : self.end] == self.text

    @classmethod
    def at(
        cls,
        text: str,
        start: int,
        end: int,
        *,
        field: str | None = None,
        source: str | None = None,
    ) -> Evidence:
        """Build the evidence for ``text[start:end]`` with its page filled in."""
        return cls(
            start=start,
            end=end,
            text=text[start:end],
            page=page_at(text, start),
            field=field,
            source=source,
        )

    def tagged(self, *, field: str | None = None, source: str | None = None) -> Evidence:
        """The same span with its field path and/or proposer set (unset arguments are kept)."""
        return self.model_copy(
            update={"field": field or self.field, "source": source or self.source}
        )

    def __repr__(self) -> str:
        return (
            f"Evidence(start={self.start}, end={self.end}, page={self.page}, "
            f"field={self.field!r}, source={self.source!r})"
        )

    __str__ = __repr__
