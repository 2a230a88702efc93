"""Request and response bodies of the ``/v1`` API (what the OpenAPI document publishes).

Requests are strict (unknown fields refused) and hide their input in validation errors.
Responses name the fields callers rely on and allow more (``extra="allow"``), so a workflow
can add a field without breaking the published contract.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AuditVerification",
    "Health",
    "IngestedPolicy",
    "JobView",
    "KeyCreate",
    "KeyCreated",
    "KeyView",
    "NoteRequest",
    "PolicyAnswerView",
    "PolicyAskRequest",
    "PolicyIngestRequest",
    "PolicySearchResults",
    "PriorAuthText",
    "ReviewCorrection",
    "ReviewDetail",
    "ReviewEdit",
    "ReviewItemView",
    "TriageRequest",
    "TriageResult",
    "WorkflowResult",
]

_REQUEST = ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True)
_RESPONSE = ConfigDict(extra="allow")
_ID = r"^[A-Za-z0-9_.:@\-]{1,128}$"
_GROUP = r"^[A-Za-z0-9_.:@\-]{1,64}$"

Group = Annotated[str, Field(pattern=_GROUP)]

#: Largest text accepted in a JSON body (a message, a letter, a note), in characters.
MAX_TEXT = 1_000_000


class TriageRequest(BaseModel):
    """A patient portal message to route."""

    model_config = _REQUEST

    message: str = Field(min_length=1, max_length=20_000)
    id: str | None = Field(default=None, pattern=_ID)
    """The caller's id for the message (echoed back, stored as the source name)."""


class TriageResult(BaseModel):
    """Category, urgency, evidence offsets (never text), the draft for staff, the escalation."""

    model_config = _RESPONSE

    id: str | None
    decision_id: int | None
    category: str
    urgency: str
    decided_by: str | None = None
    rule_ids: list[str] = []
    evidence: list[dict[str, Any]] = []
    findings: list[str] = []
    draft: str | None = None
    draft_id: int | str | None = None
    draft_status: str | None = None
    escalation: dict[str, Any] | None = None


class PriorAuthText(BaseModel):
    """A prior-authorization document given as text (a letter, an OCR'd fax)."""

    model_config = _REQUEST

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    source_name: str | None = Field(default=None, pattern=_ID)


class WorkflowResult(BaseModel):
    """A workflow's outcome: the validated output, evidence, findings, route, stored ids."""

    model_config = _RESPONSE

    workflow: str
    document_id: int | None
    extraction_id: int | None
    review_id: int | None
    extraction: dict[str, Any]
    evidence: dict[str, list[dict[str, Any]]]
    findings: list[dict[str, Any]]
    confidence: dict[str, float]
    route: str
    route_reasons: list[str]
    needs_review: bool


class NoteRequest(BaseModel):
    """A clinical note as text (or a FHIR DocumentReference/Bundle as a JSON string)."""

    model_config = _REQUEST

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    source_name: str | None = Field(default=None, pattern=_ID)
    patient: str | None = Field(default=None, pattern=r"^Patient/[A-Za-z0-9\-.]{1,64}$")
    """``Patient/123`` to reference from every FHIR resource."""


class PolicyIngestRequest(BaseModel):
    """A policy document and the groups whose members may read it."""

    model_config = _REQUEST

    id: str = Field(pattern=_ID)
    """The document's id in the tenant (re-ingesting the same id replaces it)."""
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    media_type: Literal["text/plain", "text/markdown", "text/html"] = "text/plain"
    title: str | None = Field(default=None, max_length=200)
    groups: list[Group] = Field(min_length=1, max_length=64)


class IngestedPolicy(BaseModel):
    """What ingest did with a document."""

    document: str
    status: Literal["created", "replaced", "unchanged"]
    chunks: int
    flagged_chunks: int
    hidden_chunks: int


class PolicyAskRequest(BaseModel):
    """A question about the tenant's policies (the groups come from the API key)."""

    model_config = _REQUEST

    question: str = Field(min_length=1, max_length=2_000)


class PolicySearchResults(BaseModel):
    """Ranked passages the caller's groups may read."""

    results: list[dict[str, Any]]


class PolicyAnswerView(BaseModel):
    """An answer with grounded citations, or a refusal."""

    model_config = _RESPONSE

    decision: Literal["answered", "refused"]
    answer: str
    citations: list[dict[str, Any]]
    reasons: list[str]


class ReviewItemView(BaseModel):
    """One case of the review queue (its ``version`` is the ETag of the item)."""

    model_config = _RESPONSE

    id: int
    kind: str
    subject: str
    status: str
    version: int
    reasons: list[str]
    priority: int
    claimed_by: str | None = None


class ReviewDetail(BaseModel):
    """A case with its versions and the record it is about (evidence, findings)."""

    model_config = _RESPONSE

    item: dict[str, Any]
    history: list[dict[str, Any]]
    extraction: dict[str, Any] | None = None
    evidence: list[dict[str, Any]] | None = None
    findings: list[dict[str, Any]] | None = None


class ReviewCorrection(BaseModel):
    """Fields to change in the record (applied to the current payload; a new version)."""

    model_config = _REQUEST

    set: dict[str, Any] = Field(min_length=1, max_length=100)


class ReviewEdit(BaseModel):
    """A reply draft's new text (the case stays open until approved)."""

    model_config = _REQUEST

    text: str = Field(min_length=1, max_length=20_000)


class AuditVerification(BaseModel):
    """The audit chain check (``head_hash`` is the anchor to record elsewhere)."""

    ok: bool
    entries: int
    head_hash: str | None
    first_bad_seq: int | None = None
    reason: str | None = None


class KeyCreate(BaseModel):
    """A new API key of the caller's tenant."""

    model_config = _REQUEST

    role: Literal["staff", "reviewer", "admin"]
    groups: list[Group] = Field(default=[], max_length=64)
    name: str | None = Field(default=None, pattern=_ID)


class KeyView(BaseModel):
    """A key as listed: never its secret."""

    key_id: str
    tenant: str
    role: str
    groups: list[str]
    name: str | None
    created_at: str
    revoked_at: str | None


class KeyCreated(KeyView):
    """A new key: ``secret`` is shown this once."""

    secret: str


class JobView(BaseModel):
    """A background job (202 answers point here)."""

    id: str
    kind: str
    status: Literal["queued", "running", "done", "failed", "cancelled"]
    created_at: str
    attempts: int
    result: dict[str, Any] | None = None


class Health(BaseModel):
    """Liveness or readiness, with each check's state."""

    status: Literal["ok", "unavailable"]
    checks: dict[str, str] = {}
