"""What a model (or the rules) must return for a policy question, and what the caller gets.

The model-facing schema is small on purpose (small local models follow small schemas): whether
the passages answer the question, a short answer, and citations that name a passage by its tag
and copy a quote from it. The caller-facing :class:`PolicyAnswer` holds only what survived
grounding and the post-check: each citation checked against the chunk's characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from clinllm.domain.policies import SearchHit

__all__ = [
    "REFUSAL_MESSAGE",
    "Citation",
    "ModelCitation",
    "PolicyAnswer",
    "PolicyModelAnswer",
]

#: The one refusal text. It is the same whatever the cause, so it never hints that a document
#: the user may not read exists.
REFUSAL_MESSAGE = "No document you can read covers this."


class ModelCitation(BaseModel):
    """A passage tag and words copied from that passage."""

    model_config = ConfigDict(hide_input_in_errors=True, extra="forbid")

    passage: str = Field(description="Tag of the passage, e.g. P1 (an unknown tag is dropped)")
    quote: str = Field(description="One sentence copied exactly from that passage")


class PolicyModelAnswer(BaseModel):
    """The answer as a model proposes it (validated by the gateway against this schema).

    Strings carry no length limit in the schema: llama.cpp turns a limit into a grammar with one
    optional rule per character, which slows every generated token; the output token cap bounds
    the answer and the post-check cuts it.
    """

    model_config = ConfigDict(hide_input_in_errors=True, extra="forbid")

    answerable: bool = Field(description="Whether the passages answer the question")
    answer: str = Field(description="1-3 plain sentences; empty if not answerable")
    citations: list[ModelCitation] = Field(max_length=4)


@dataclass(frozen=True, slots=True)
class Citation:
    """A grounded citation: the quote is ``document_text[start:end]`` of the named chunk.

    Attributes:
        document_key: The cited document.
        chunk_id: The cited chunk.
        title: The document title.
        section: The heading path of the chunk.
        quote: The quoted characters, exactly as stored.
        start: Offset of the quote in the document text.
        end: Offset one past its end.
    """

    document_key: str
    chunk_id: str
    title: str
    section: str
    quote: str
    start: int
    end: int

    def __repr__(self) -> str:
        return f"Citation(chunk_id={self.chunk_id!r}, start={self.start}, end={self.end})"


@dataclass(frozen=True, slots=True)
class PolicyAnswer:
    """The outcome of one question.

    Attributes:
        decision: ``answered`` or ``refused``.
        answer: The answer text, or :data:`REFUSAL_MESSAGE`.
        citations: Grounded citations (empty when refused).
        hits: What retrieval returned for the reader (readable chunks only).
        reasons: Machine codes: why it refused, what the post-check removed.
        provider: Provider that produced the answer, if a model call was made.
        model: Model name reported by that provider.
        call: The gateway's result (usage, cost, attempts), if a call was made.
    """

    decision: Literal["answered", "refused"]
    answer: str
    citations: tuple[Citation, ...] = ()
    hits: tuple[SearchHit, ...] = ()
    reasons: tuple[str, ...] = ()
    provider: str | None = None
    model: str | None = None
    call: Any = None

    @property
    def refused(self) -> bool:
        """Whether the answer is a refusal."""
        return self.decision == "refused"

    def __repr__(self) -> str:
        return (
            f"PolicyAnswer(decision={self.decision!r}, citations={len(self.citations)}, "
            f"hits={len(self.hits)}, reasons={self.reasons})"
        )
