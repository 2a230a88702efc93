"""The ports the pipeline needs: Protocols named for their role, implemented by adapters.

=====================  ==========================================  ============================
port                   adapter (composition root wires it)         fake (``clinllm.testing``)
=====================  ==========================================  ============================
StructuredModel        ``clinllm.gateway.Gateway``                 ``FakeStructuredModel``
PhiGuard               ``clinllm.phi.guard.PseudonymizingGuard``   ``FakePhiGuard``
OutboundGuard          ``clinllm.pipeline.phi.PhiDataPolicy``      (the real one + a fake guard)
InjectionScreen        ``clinllm.screening.RuleScreen``            ``FakeInjectionScreen``
CodeLookup             ``clinllm.codes.CodeTable``                 ``FakeCodeLookup``
RecordStore            ``clinllm.store.SqlRecordStore``            ``InMemoryRecordStore``
ReviewQueue            ``clinllm.store.SqlReviewQueue``            ``InMemoryReviewQueue``
AuditLog               ``clinllm.store.SqlAuditLog``               ``InMemoryAuditLog``
JobQueue               (issue 15: a PostgreSQL job engine)         ``InMemoryJobQueue``
RunTracer              ``clinllm.observability.Telemetry``         ``RecordingTracer``
=====================  ==========================================  ============================

Every port ships a fake in :mod:`clinllm.testing`, used by the tests, by ``clinllm eval`` (which
must not write to the user's database) and by anyone testing their own workflow. Adapters raise
only :mod:`clinllm.errors` types across a port.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal, Protocol, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict

from clinllm.domain.audit import AuditEntry, AuditEvent, ChainVerification
from clinllm.domain.calls import CallPolicy, CallResult, DataPolicy, Message
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.records import (
    DocumentFailure,
    DocumentRecord,
    ExtractionRecord,
    NewExtraction,
    SourceDocument,
)
from clinllm.domain.review import (
    OPEN_STATUSES,
    NewReviewItem,
    ReviewItem,
    ReviewStatus,
    ReviewVersion,
)
from clinllm.domain.screening import InjectionScreen

__all__ = [
    "FINAL_JOB_STATUSES",
    "AuditLog",
    "Clock",
    "CodeLookup",
    "InjectionScreen",
    "Job",
    "JobQueue",
    "JobStatus",
    "Outbound",
    "OutboundGuard",
    "PhiGuard",
    "ProtectedTexts",
    "RecordStore",
    "ReviewQueue",
    "RunTracer",
    "SpanAttribute",
    "SpanKind",
    "SpanScope",
    "StructuredModel",
]

T = TypeVar("T", bound=BaseModel)

#: Returns the current aware UTC time; injected so tests control it.
Clock = Callable[[], datetime]


# ------------------------------------------------------------------------------- model calls
class StructuredModel(Protocol):
    """A model that answers in a given schema: what the gateway offers the extract stage."""

    async def complete(
        self,
        messages: Sequence[Message],
        *,
        output: type[T],
        policy: CallPolicy | None = None,
        source_text: str | None = None,
    ) -> CallResult[T]:
        """Run one logical call: the validated ``output`` or a typed failure, never raw text.

        ``source_text`` is the document itself, for the deterministic ``rules`` provider; a
        remote provider never receives it. Raises only ``ConfigError`` (misuse).
        """
        ...


@dataclass(frozen=True, slots=True)
class ProtectedTexts:
    """Texts made safe to send, and how to undo it in the answer.

    Attributes:
        texts: The pseudonymized texts, in the order given.
        restore: Maps surrogates in model output back to the original values.
        counts: Entity type to how many were replaced (for the audit; no values).
    """

    texts: tuple[str, ...]
    restore: Callable[[str], str]
    counts: Mapping[str, int]

    def __repr__(self) -> str:
        """Counts only: the texts may still hold context around the surrogates."""
        return f"ProtectedTexts(n={len(self.texts)}, counts={dict(self.counts)})"


class PhiGuard(Protocol):
    """Pseudonymizes PHI before it goes to a provider without a BAA.

    ``protect`` must raise a :class:`clinllm.errors.ClinLLMError` when detection fails; then
    nothing is sent.
    """

    def protect(self, texts: Sequence[str], *, scope: str) -> ProtectedTexts:
        """Pseudonymize ``texts`` consistently within ``scope`` (tenant or patient key)."""
        ...


@dataclass(frozen=True, slots=True)
class Outbound:
    """Messages cleared to go to one provider, and how to read its answer back.

    Attributes:
        messages: What may be sent (the originals, or their pseudonymized copies).
        decision: ``as_is`` (no PHI, or the provider may hold PHI) or ``pseudonymized``.
        restore: Applied to every string of the parsed answer (surrogates back to values);
            None when nothing was replaced.
        counts: PHI entity type to how many were replaced.
    """

    messages: tuple[Message, ...]
    decision: Literal["as_is", "pseudonymized"]
    restore: Callable[[str], str] | None = None
    counts: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def __repr__(self) -> str:
        return f"Outbound(decision={self.decision!r}, messages={len(self.messages)})"


class OutboundGuard(Protocol):
    """Applies a provider's data policy to the messages of one call.

    Send as is, pseudonymize, or refuse: the PHI stage (:mod:`clinllm.pipeline.phi`).
    """

    def prepare(
        self,
        messages: Sequence[Message],
        *,
        provider: str,
        data_policy: DataPolicy,
        contains_phi: bool,
    ) -> Outbound:
        """Clear ``messages`` for ``provider``.

        Raises:
            clinllm.errors.DataPolicyViolation: PHI may not go to this provider in any form.
        """
        ...


# ------------------------------------------------------------------------------- code sets
class CodeLookup(Protocol):
    """A user's imported code table (CPT descriptors are licensed and never shipped)."""

    def contains(self, system: Literal["cpt", "hcpcs"], code: str) -> bool | None:
        """Whether ``code`` is in the table; None when no table of that system is imported."""
        ...


# ----------------------------------------------------------------------------- persistence
class RecordStore(Protocol):
    """Source documents and the versioned results workflows read from them.

    Writes are audited by the adapter in the same transaction (``document.ingested``,
    ``extraction.created``). Unknown ids raise :class:`clinllm.errors.RecordNotFound`.
    """

    def add_document(self, document: SourceDocument, *, actor: str) -> tuple[DocumentRecord, bool]:
        """Store a document, or return the one with the same SHA-256 (and False)."""
        ...

    def add_failed_document(self, failure: DocumentFailure, *, actor: str) -> DocumentRecord:
        """Record a document that could not be read, so nothing is dropped silently."""
        ...

    def mark_failed(
        self, document_id: int, *, error_type: str, reason: str, actor: str
    ) -> DocumentRecord:
        """Mark a stored document failed at a later stage (e.g. every provider failed)."""
        ...

    def add_extraction(
        self, document_id: int, extraction: NewExtraction, *, actor: str
    ) -> tuple[ExtractionRecord, bool]:
        """Store a result as the document's next version.

        The same payload again is a no-op that returns the latest version and False.
        """
        ...

    def get_document(self, document_id: int) -> DocumentRecord:
        """Fetch a document."""
        ...

    def document_text(self, document_id: int) -> str:
        """A document's normalized text (PHI: show it, never log it)."""
        ...

    def get_extraction(self, extraction_id: int) -> ExtractionRecord:
        """Fetch one result version."""
        ...

    def latest_extraction(self, document_id: int, workflow: str) -> ExtractionRecord | None:
        """The newest version for a document and workflow."""
        ...

    def evidence(self, extraction_id: int) -> builtins.list[Evidence]:
        """The evidence stored with a version (each span with its ``field``)."""
        ...

    def findings(self, extraction_id: int) -> builtins.list[Finding]:
        """The findings stored with a version."""
        ...


class ReviewQueue(Protocol):
    """The human review queue of one tenant: every kind of case, one state machine.

    Transitions follow :func:`clinllm.domain.review.transition`; a forbidden one raises
    :class:`clinllm.errors.InvalidTransition`, an unknown id
    :class:`clinllm.errors.RecordNotFound`. Every action is audited with the change. A step
    given ``expected_version`` happens only if the item is still at that version, checked in
    the step's own transaction; else :class:`clinllm.errors.StaleVersion`.
    """

    def open(self, new: NewReviewItem, *, actor: str) -> tuple[ReviewItem, bool]:
        """Open a case, unless one of its kind exists for its subject (then False).

        Open or closed: the same stored record run again must not raise a second escalation
        or put a settled case back in the queue (idempotent runs).
        """
        ...

    def get(self, item_id: int) -> ReviewItem:
        """Fetch one item."""
        ...

    def list(
        self,
        *,
        status: ReviewStatus | Sequence[ReviewStatus] | None = OPEN_STATUSES,
        kind: str | None = None,
        limit: int = 100,
    ) -> builtins.list[ReviewItem]:
        """Items, highest priority then oldest first; by default the open ones."""
        ...

    def history(self, item_id: int) -> builtins.list[ReviewVersion]:
        """Every version of an item, in order."""
        ...

    def claim(self, item_id: int, *, actor: str, expected_version: int | None = None) -> ReviewItem:
        """Take a pending case so no one else works it (claiming one's own is a no-op)."""
        ...

    def release(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Give back a case one holds (pending again), so another reviewer can take it."""
        ...

    def accept(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Accept the subject as it is (or acknowledge an escalation); final."""
        ...

    def correct(
        self,
        item_id: int,
        payload: Mapping[str, Any],
        *,
        actor: str,
        evidence: Sequence[Evidence] = (),
        expected_version: int | None = None,
    ) -> tuple[ReviewItem, ExtractionRecord]:
        """Store ``payload`` (whole, not a patch) as a new version of the subject; final."""
        ...

    def edit(
        self,
        item_id: int,
        changes: Mapping[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> ReviewItem:
        """Change payload keys (a draft's ``text``); the case stays open."""
        ...

    def approve(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Approve the payload (a person releases a draft; clinllm never sends it); final."""
        ...

    def reject(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Reject the case; final."""
        ...


class AuditLog(Protocol):
    """The append-only, hash-chained audit log (see :mod:`clinllm.domain.audit`)."""

    def append(self, event: AuditEvent) -> AuditEntry:
        """Append one event and return it with its chain hash. Never drops it silently."""
        ...

    def entries(
        self, *, after_seq: int = 0, limit: int | None = None, action: str | None = None
    ) -> builtins.list[AuditEntry]:
        """Entries in chain order."""
        ...

    def verify(self) -> ChainVerification:
        """Recompute every link and report the first broken one."""
        ...


# ------------------------------------------------------------------------------------ jobs
#: ``queued`` until a worker takes it (and again while a transient failure waits for its
#: retry), ``running``, then ``done``, ``failed`` (the dead letter: ``error_type`` and
#: ``reason`` say why) or ``cancelled``.
JobStatus = Literal["queued", "running", "done", "failed", "cancelled"]

#: The states a job never leaves by itself (``retry`` moves a failed or cancelled one back).
FINAL_JOB_STATUSES: tuple[JobStatus, ...] = ("done", "failed", "cancelled")


class Job(BaseModel):
    """One unit of background work (a document to run through a workflow)."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    id: str
    kind: str
    """What to do, e.g. ``run:prior_auth``."""
    payload: dict[str, Any]
    """Identifiers the worker needs (a document id), never document content."""
    idempotency_key: str
    """Enqueueing the same key again returns this job instead of a second one."""
    status: JobStatus = "queued"
    created_at: AwareDatetime
    attempts: int = 0
    result: dict[str, Any] | None = None
    """Identifiers of what the run stored (document, extraction, review item), when done."""
    tenant: str = "default"
    queue: str = "default"
    document_id: int | None = None
    """The document the job runs on, stored in the same transaction as the job."""
    error_type: str | None = None
    """Class name of the last failure (a retried transient one, or the dead letter's)."""
    reason: str | None = None
    """Why a job failed or was cancelled: a fixed text, never content."""
    updated_at: AwareDatetime | None = None


class JobQueue(Protocol):
    """Background work: PostgreSQL + procrastinate in production, SQLite in-process embedded.

    Every adapter stores a job row per submission (idempotent by key within a tenant);
    :meth:`submit` stores the document and its job in one transaction, so there is never a
    document without its job or a job without its document. One queue holds every tenant's
    jobs; :meth:`for_tenant` is the view a tenant's caller gets (another tenant's job is
    :class:`clinllm.errors.RecordNotFound`).
    """

    def for_tenant(self, tenant: str) -> JobQueue:
        """This queue seeing (and submitting) only ``tenant``'s jobs."""
        ...

    async def enqueue(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Job:
        """Queue a job, or return the one already queued under ``idempotency_key``."""
        ...

    async def get(self, job_id: str) -> Job:
        """Fetch a job by id (:class:`clinllm.errors.RecordNotFound` when unknown)."""
        ...

    async def submit(
        self,
        workflow: str,
        document: SourceDocument,
        *,
        idempotency_key: str | None = None,
        actor: str = "system",
        options: Mapping[str, str] | None = None,
    ) -> Job:
        """Store ``document`` and queue ``run:<workflow>`` on it, in one transaction.

        Without ``idempotency_key`` the key is ``<workflow>:<sha256>``: the same document
        submitted twice to one workflow is one job. ``options`` are identifiers the run needs
        (a note's ``patient`` reference), kept in the job's payload: never content.
        """
        ...

    async def list(
        self, *, status: JobStatus | None = None, kind: str | None = None, limit: int = 100
    ) -> builtins.list[Job]:
        """Jobs of this tenant, newest first."""
        ...

    async def retry(self, job_id: str, *, actor: str = "system") -> Job:
        """Queue a failed or cancelled job again.

        Raises:
            InvalidTransition: The job is queued, running or done.
        """
        ...

    async def cancel(self, job_id: str, *, actor: str = "system") -> Job:
        """Cancel a queued job (a running one finishes).

        Raises:
            InvalidTransition: The job is not queued.
        """
        ...


# ---------------------------------------------------------------------------------- tracing
#: A span attribute value: identifiers, names, enums and numbers only (never content).
SpanAttribute = str | int | float | bool

#: ``client`` for a call to a model provider, ``server`` for an inbound request.
SpanKind = Literal["internal", "client", "server"]


class SpanScope(Protocol):
    """The open span a traced block may annotate once it knows more (tokens, the route)."""

    def set(self, key: str, value: SpanAttribute | None) -> None:
        """Set one attribute; None sets nothing. Keys off the exporter's allowlist are dropped."""
        ...

    def fail(self, error_type: str) -> None:
        """Mark the span failed with ``error.type`` (a type name, never a message)."""
        ...


class RunTracer(Protocol):
    """Opens spans around workflow runs, pipeline stages and model calls.

    The runner and the gateway call it; the composition root hands them the OpenTelemetry
    adapter (which also turns finished model-call spans into metrics) or nothing, in which case
    they use :data:`clinllm.domain.tracing.NO_TRACER`, which costs one method call per span.
    Attributes carry identifiers and numbers only: a content-bearing value must never be
    passed, and the adapter drops keys off its allowlist in any case. An exception leaving the
    block marks the span failed with the exception's type name, never its message.
    """

    def span(
        self,
        name: str,
        attributes: Mapping[str, SpanAttribute | None] | None = None,
        *,
        kind: SpanKind = "internal",
    ) -> AbstractContextManager[SpanScope]:
        """One span, current (the parent of spans opened inside it) while the block runs."""
        ...
