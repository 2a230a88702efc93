"""The value objects of PHI detection: the identifier types and one finding.

A finding holds the identifier's text, so it is PHI itself: the model hides its input in
validation errors and its ``repr`` never shows the value.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from clinllm.domain.labels import PHI_TYPES, PhiType

__all__ = ["PHI_TYPES", "PhiFinding", "PhiType"]


class PhiFinding(BaseModel):
    """One identifier found in a text: where it is, what kind, and who found it.

    Findings are what the pseudonymizer replaces and what the audit counts, so the span must
    be exact (``text == source[start:end]``). The value is kept out of ``repr`` and out of
    validation errors so that a stray log line or traceback cannot carry it.

    Attributes:
        start: Offset of the first character in the source text.
        end: Offset one past the last character.
        type: The Safe Harbor category.
        text: The identifier as written (PHI).
        confidence: How sure the recognizer is, 0..1; used to rank overlapping candidates.
        recognizer: Name of the recognizer that found it, for debugging rules without values.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    type: PhiType
    text: str = Field(repr=False)
    confidence: float = Field(ge=0.0, le=1.0)
    recognizer: str
