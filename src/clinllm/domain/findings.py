"""Findings: what domain validation has to say about an extraction.

A finding names a rule that fired (``deadline_before_letter``, ``npi_check_digit``,
``prompt_injection`` ...), the field it concerns and the evidence. Its message is fixed text
written by the rule, never text from the document, so findings can be logged, counted and shown
in a queue without leaking PHI.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clinllm.domain.evidence import Evidence

__all__ = ["Finding", "Severity"]

#: How much a finding matters: ``error`` sends the case to review, ``warning`` lowers
#: confidence, ``info`` is recorded only.
Severity = Literal["info", "warning", "error"]


class Finding(BaseModel):
    """One rule that fired on one extraction."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
    """Stable machine name of the rule, e.g. ``npi_check_digit``."""
    severity: Severity
    """How much it matters."""
    message: str = Field(max_length=300)
    """Fixed explanation written by the rule; never document text."""
    field: str | None = None
    """Field path the finding is about, e.g. ``requesting_provider.npi``."""
    evidence: tuple[Evidence, ...] = ()
    """Spans of the source that triggered the rule."""
