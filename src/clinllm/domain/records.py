"""The records every workflow persists: the source document and its result versions.

Every workflow's input is a *document* (a faxed packet, a portal message, an encounter note),
found again by the SHA-256 of its bytes, and every result is an *extraction*: one version of
the structured output a workflow read from that document (a prior-auth request, a triage
decision), with the evidence for each value, the findings, the confidence, and which model and
prompt produced it. Results are never updated in place: a re-run or a reviewer's correction adds
a version that supersedes the last one.

These are the values that cross the :class:`~clinllm.domain.ports.RecordStore` port. They are
frozen so a caller cannot change a stored record behind the store's back; those that can hold
PHI hide their input from validation errors and from ``repr``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding

__all__ = [
    "DocumentFailure",
    "DocumentRecord",
    "DocumentStatus",
    "ExtractionRecord",
    "NewExtraction",
    "SourceDocument",
]

#: ``ingested`` (text read), ``extracted`` (a workflow stored output), ``needs_review`` (in the
#: queue), ``reviewed`` (a person accepted or corrected it), ``failed`` (it could not be read or
#: processed).
DocumentStatus = Literal["ingested", "extracted", "needs_review", "reviewed", "failed"]

_RECORD = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")


class SourceDocument(BaseModel):
    """A document as the pipeline read it, ready to store (the text is PHI)."""

    model_config = _RECORD

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    """SHA-256 of the source bytes (UTF-8 bytes for a message): what makes ingest idempotent."""
    source_name: str = Field(max_length=255)
    """The file name, or the caller's id for a message."""
    text: str
    """Normalized text, pages separated by form feeds."""
    pages: int = Field(default=1, ge=0)
    media_type: str | None = None
    byte_size: int | None = None
    page_starts: tuple[int, ...] = ()
    """Offset of each page in ``text``."""

    def __repr__(self) -> str:
        return f"SourceDocument(source_name={self.source_name!r}, pages={self.pages})"

    __str__ = __repr__


class DocumentFailure(BaseModel):
    """A document that could not be read or processed: recorded, never silently dropped."""

    model_config = _RECORD

    source_name: str = Field(max_length=255)
    error_type: str = Field(max_length=64)
    """The error's class name, e.g. ``CorruptDocument``."""
    reason: str = Field(max_length=255)
    """The error's fixed reason (never content)."""
    sha256: str | None = None
    """Hash of the bytes when they could be read (then a retry finds the record)."""
    byte_size: int | None = None


class DocumentRecord(BaseModel):
    """A stored document (without its text; the store gives that on request)."""

    model_config = _RECORD

    id: int
    sha256: str | None
    """SHA-256 of the source bytes; ``None`` only for a failed file whose bytes were unread."""
    source_name: str
    media_type: str | None
    byte_size: int | None
    pages: int | None
    status: DocumentStatus
    error_type: str | None
    """Class name of the error that failed it, for a failed document."""
    error_reason: str | None
    """The error's fixed reason text (never content)."""
    created_at: AwareDatetime
    created_by: str
    updated_at: AwareDatetime


class NewExtraction(BaseModel):
    """A workflow result to store as the document's next version."""

    model_config = _RECORD

    workflow: str = Field(max_length=64)
    """The workflow name (``prior_auth``, ``triage``, ...)."""
    payload: dict[str, Any]
    """The validated output as JSON (PHI)."""
    confidence: Mapping[str, float] | None = None
    """0..1 per field path."""
    evidence: tuple[Evidence, ...] = ()
    """Spans supporting the values, each with its ``field`` path set."""
    findings: tuple[Finding, ...] = ()
    model: str | None = None
    """The model that produced it (``None`` for the rules alone)."""
    provider: str | None = None
    """The provider string that answered."""
    prompt_version: str | None = None
    run_key: str | None = Field(default=None, max_length=255)
    """``tenant:workflow:workflow_version:input_sha256`` of the run that produced it: a second
    run with the same key returns the stored version instead of adding one (idempotent runs,
    also when two processes run the same input at once)."""

    def __repr__(self) -> str:
        return f"NewExtraction(workflow={self.workflow!r}, evidence={len(self.evidence)})"

    __str__ = __repr__


class ExtractionRecord(BaseModel):
    """One stored version of a workflow's output for a document."""

    model_config = _RECORD

    id: int
    document_id: int
    workflow: str
    version: int
    payload: dict[str, Any]
    """The validated output as JSON (PHI)."""
    payload_sha256: str
    """SHA-256 of the payload's canonical JSON: what an audit event's ``record_digest`` names."""
    confidence: dict[str, Any] | None
    model: str | None
    provider: str | None
    prompt_version: str | None
    created_at: AwareDatetime
    created_by: str
    supersedes_id: int | None
    """The version this one replaces (a correction points at what it corrected)."""

    def __repr__(self) -> str:
        return (
            f"ExtractionRecord(id={self.id}, document_id={self.document_id}, "
            f"workflow={self.workflow!r}, version={self.version})"
        )

    __str__ = __repr__
