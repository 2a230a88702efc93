"""The values the store's repositories take and return, and the store's errors.

Repositories return these frozen pydantic records, never ORM objects: a caller cannot
mutate a row behind the store's back or trip over a closed session, and the records can be
serialized straight into an API response. Records that can hold PHI (payloads, quotes,
document text) hide their input from validation errors and from ``repr``.

Errors (declared in :mod:`clinllm.errors`, re-exported here): ``RecordNotFound`` for an id that
does not exist, ``InvalidTransition`` for an action the record's current state does not allow.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from clinllm.errors import InvalidTransition, RecordNotFound

__all__ = [
    "AuditEntry",
    "AuditEvent",
    "ChainVerification",
    "DocumentRecord",
    "DocumentStatus",
    "EvidenceInput",
    "EvidenceRecord",
    "ExtractionRecord",
    "FindingInput",
    "FindingRecord",
    "InvalidTransition",
    "RecordNotFound",
    "ReviewItem",
    "ReviewStatus",
]

#: ``ingested`` (text read), ``extracted`` (a workflow stored output), ``needs_review`` (in the
#: queue), ``reviewed`` (a person accepted or corrected it), ``failed`` (ingest refused it).
DocumentStatus = Literal["ingested", "extracted", "needs_review", "reviewed", "failed"]
#: The review queue's states; ``accepted`` and ``corrected`` are final.
ReviewStatus = Literal["pending", "claimed", "accepted", "corrected"]

_RECORD = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")


class DocumentRecord(BaseModel):
    """A stored document (without its text; fetch that with ``documents.text(id)``)."""

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
    """Class name of the ingest error, for a failed document."""
    error_reason: str | None
    """The error's fixed reason text (never content)."""
    created_at: AwareDatetime
    created_by: str
    updated_at: AwareDatetime


class EvidenceInput(BaseModel):
    """Evidence for one extracted value: where in the normalized text it was read."""

    model_config = _RECORD

    field: str = Field(max_length=128)
    """Field path, e.g. ``procedures.0.code``."""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    """``text[start:end]`` (PHI)."""
    page: int | None = None
    source: str | None = None
    """``rule:<id>`` or the provider string that proposed the value."""

    def __repr__(self) -> str:
        return f"EvidenceInput(field={self.field!r}, start={self.start}, end={self.end})"


class EvidenceRecord(EvidenceInput):
    """Stored evidence."""

    id: int
    extraction_id: int


class FindingInput(BaseModel):
    """A domain-validation finding: a machine code, a severity, the field it concerns."""

    model_config = _RECORD

    code: str = Field(max_length=64)
    severity: Literal["info", "warning", "error"] = "warning"
    field: str | None = Field(default=None, max_length=128)
    detail: str | None = Field(default=None, max_length=500)
    """A fixed explanation; never document text."""


class FindingRecord(FindingInput):
    """A stored finding."""

    id: int
    extraction_id: int


class ExtractionRecord(BaseModel):
    """One version of a workflow's output for a document."""

    model_config = _RECORD

    id: int
    document_id: int
    workflow: str
    version: int
    payload: dict[str, Any]
    """The validated output as JSON (PHI)."""
    payload_sha256: str
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


class ReviewItem(BaseModel):
    """A review queue item."""

    model_config = _RECORD

    id: int
    document_id: int
    extraction_id: int
    """The extraction under review."""
    workflow: str
    reasons: tuple[str, ...]
    """Machine reason codes (``missing:member_id``, ``low_confidence:npi``)."""
    status: ReviewStatus
    created_at: AwareDatetime
    claimed_by: str | None
    claimed_at: AwareDatetime | None
    resolved_by: str | None
    resolved_at: AwareDatetime | None
    result_extraction_id: int | None
    """The extraction the reviewer settled on (the same one when accepted, a new version
    when corrected)."""


_SHORT = Field(max_length=128, pattern=r"^[^\n\r\f]*$")


class AuditEvent(BaseModel):
    """What to append to the audit log: who did what to which records, never content.

    Values are identifiers, labels and hashes: each string is at most 128 characters with no
    line breaks, which keeps free text (a message, a quote) from slipping into the log.
    """

    model_config = _RECORD

    actor: str = _SHORT
    """User id, or ``system`` for automatic steps."""
    action: str = Field(max_length=64, pattern=r"^[a-z0-9_.:-]+$")
    """What happened, e.g. ``document.ingested``, ``review.corrected``."""
    subjects: dict[str, str] = Field(default_factory=dict)
    """Record kind -> id, e.g. ``{"document": "12", "extraction": "40"}``."""
    model: str | None = Field(default=None, max_length=128)
    doc_hashes: tuple[str, ...] = ()
    """SHA-256 hashes of the documents or messages involved."""
    decision: dict[str, str | list[str] | None] = Field(default_factory=dict)
    """Labels of the outcome, e.g. ``{"urgency": "emergency"}``; no free text."""
    ts: AwareDatetime | None = None
    """When it happened; the store's clock when ``None``."""

    def model_post_init(self, context: Any, /) -> None:
        """Refuse long or multi-line values anywhere, so content cannot ride along."""
        values: list[str] = [*self.subjects.keys(), *self.subjects.values(), *self.doc_hashes]
        for key, value in self.decision.items():
            values.append(key)
            if isinstance(value, str):
                values.append(value)
            elif value is not None:
                values.extend(value)
        for value in values:
            if len(value) > 128 or any(c in value for c in "\n\r\f"):
                raise ValueError("audit values must be identifiers, labels or hashes")


class AuditEntry(BaseModel):
    """A stored audit event with its place in the chain."""

    model_config = _RECORD

    seq: int
    ts: datetime
    actor: str
    action: str
    subjects: dict[str, str]
    model: str | None
    doc_hashes: tuple[str, ...]
    decision: dict[str, str | list[str] | None]
    prev_hash: str
    hash: str


class ChainVerification(BaseModel):
    """The result of checking the audit chain end to end.

    ``head_hash`` should be copied somewhere the database's writers cannot change (a ticket,
    a WORM bucket): the chain proves every row up to it, and the anchor proves the tail was
    not cut off.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    ok: bool
    entries: int
    head_hash: str | None
    first_bad_seq: int | None = None
    reason: str | None = None
