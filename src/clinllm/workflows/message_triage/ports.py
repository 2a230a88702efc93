"""Persistence ports of message triage: the records, the ``TriageStore`` and ``AuditSink``.

The workflow persists four things: every decision, every emergency escalation, every reply
draft (always *pending* until a person approves it), and every staff review of a draft (who,
when, what changed). Audit events are separate on purpose: they carry ids and hashes only,
never message or draft text, so the append-only audit log can be exported and shared without
becoming a PHI store.

The store is synchronous and small so that any adapter (the in-memory fake in
:mod:`clinllm.workflows.message_triage.memory`, the SQLAlchemy store) can implement it
without an event loop. Records are frozen pydantic models with ids and UTC timestamps set by
the caller, so adapters store them as given and tests control the clock.

Adapters raise :class:`clinllm.errors.InputError` (naming the id, never content) for an
unknown id or a review of a draft that is no longer pending.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

from pydantic import AwareDatetime, BaseModel, ConfigDict

from clinllm.workflows.message_triage.schema import Category, EvidenceSpan, Urgency

__all__ = [
    "AuditEventKind",
    "AuditSink",
    "DecisionRecord",
    "DraftRecord",
    "DraftReview",
    "DraftSource",
    "DraftStatus",
    "EscalationRecord",
    "EscalationStatus",
    "ReviewAction",
    "TriageAuditEvent",
    "TriageStore",
]

#: How a draft was produced: a staff-owned template per category, a model draft that passed
#: the advice guard, or the neutral acknowledgement that replaced a rejected model draft.
DraftSource = Literal["template", "model", "guard_fallback"]
#: A draft is never sent by clinllm; ``approved`` means a person released it.
DraftStatus = Literal["pending", "approved", "rejected"]
#: What a staff member did to a draft.
ReviewAction = Literal["edited", "approved", "rejected"]
#: Escalations start ``open``; staff acknowledge them.
EscalationStatus = Literal["open", "acknowledged"]
#: What an audit event records.
AuditEventKind = Literal[
    "triage.decision",
    "triage.escalation",
    "triage.escalation_hook_failed",
    "triage.draft_saved",
    "triage.draft_guard_rejected",
    "triage.draft_edited",
    "triage.draft_approved",
    "triage.draft_rejected",
]

_RECORD_CONFIG = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")


class DecisionRecord(BaseModel):
    """One persisted triage decision.

    ``message`` is kept so the review page can show it with its evidence highlighted; it is
    PHI and stays in the store (never in logs or audit events).
    """

    model_config = _RECORD_CONFIG

    id: str
    """Decision id (uuid4 hex)."""
    created_at: AwareDatetime
    """When the decision was made (UTC)."""
    message_sha256: str
    """SHA-256 hex of the UTF-8 message: links audit events to the message without content."""
    message: str
    """The message text (PHI)."""
    category: Category
    urgency: Urgency
    decided_by: str
    """``rule:<id>`` or the provider string that set the urgency."""
    category_by: str
    """``rule:<id>`` or the provider string that set the category."""
    rule_ids: tuple[str, ...] = ()
    """Red-flag rules that fired."""
    provider: str | None = None
    """Provider that answered the gateway call, if any."""
    model: str | None = None
    """Model that answered, if any."""
    evidence: tuple[EvidenceSpan, ...] = ()
    """Spans that drove the decision."""
    external_id: str | None = None
    """The caller's id for the message (portal message id, dataset row id), if given."""

    def __repr__(self) -> str:
        return (
            f"DecisionRecord(id={self.id!r}, category={self.category!r}, "
            f"urgency={self.urgency!r}, decided_by={self.decided_by!r})"
        )

    __str__ = __repr__


class EscalationRecord(BaseModel):
    """A queue item flagged emergency, raised the moment an emergency is decided.

    ``safety_message`` comes from the staff-owned template file, never from a model.
    """

    model_config = _RECORD_CONFIG

    id: str
    """Escalation id (uuid4 hex)."""
    decision_id: str
    """The decision that raised it."""
    created_at: AwareDatetime
    emergency: bool = True
    """Always True today; kept explicit so queues can filter on it."""
    rule_ids: tuple[str, ...] = ()
    """Red-flag rules that fired (empty when only the model said emergency)."""
    decided_by: str
    """``rule:<id>`` or the provider string that set the emergency urgency."""
    safety_message: str
    """The fixed patient safety message (template text, not PHI)."""
    safety_template_sha256: str
    """Hash of the template used, to prove which staff-approved version was attached."""
    status: EscalationStatus = "open"

    def __repr__(self) -> str:
        return (
            f"EscalationRecord(id={self.id!r}, decision_id={self.decision_id!r}, "
            f"status={self.status!r})"
        )


class DraftRecord(BaseModel):
    """A reply draft waiting for (or past) staff review. Never sent automatically."""

    model_config = _RECORD_CONFIG

    id: str
    """Draft id (uuid4 hex)."""
    decision_id: str
    created_at: AwareDatetime
    text: str
    """The current text (after any staff edit). May contain PHI once edited by staff."""
    source: DraftSource
    status: DraftStatus = "pending"
    template_id: str | None = None
    """Template file name when ``source`` is ``template`` or ``guard_fallback``."""
    guard_reasons: tuple[str, ...] = ()
    """Guard reason codes that rejected a model draft (when ``source`` is ``guard_fallback``)."""
    reviewed_by: str | None = None
    """Who last approved or rejected it."""
    reviewed_at: AwareDatetime | None = None
    revision: int = 0
    """Number of staff edits so far."""

    def __repr__(self) -> str:
        return (
            f"DraftRecord(id={self.id!r}, decision_id={self.decision_id!r}, "
            f"source={self.source!r}, status={self.status!r}, revision={self.revision})"
        )

    __str__ = __repr__


class DraftReview(BaseModel):
    """One staff action on a draft: who, when, what, and the text before and after."""

    model_config = _RECORD_CONFIG

    id: str
    draft_id: str
    actor: str
    """The staff user id (not a name)."""
    at: AwareDatetime
    action: ReviewAction
    before_text: str
    """Draft text before the action."""
    after_text: str
    """Draft text after the action (equal to ``before_text`` for approve/reject)."""
    before_sha256: str
    after_sha256: str

    @property
    def changed(self) -> bool:
        """Whether the text changed."""
        return self.before_sha256 != self.after_sha256

    def __repr__(self) -> str:
        return (
            f"DraftReview(id={self.id!r}, draft_id={self.draft_id!r}, actor={self.actor!r}, "
            f"action={self.action!r}, changed={self.changed})"
        )

    __str__ = __repr__


class TriageAuditEvent(BaseModel):
    """An audit event: identifiers, labels and hashes only, never message or draft text."""

    model_config = _RECORD_CONFIG

    id: str
    kind: AuditEventKind
    at: AwareDatetime
    actor: str
    """``system`` for automatic steps, else the staff user id."""
    decision_id: str
    subject_id: str | None = None
    """Id of the escalation or draft the event is about, when not the decision itself."""
    message_sha256: str | None = None
    content_sha256: str | None = None
    """Hash of a draft text after the step, for draft events."""
    category: Category | None = None
    urgency: Urgency | None = None
    decided_by: str | None = None
    rule_ids: tuple[str, ...] = ()
    reason_codes: tuple[str, ...] = ()
    """Machine codes (guard reasons, hook error type names); never text."""


@runtime_checkable
class AuditSink(Protocol):
    """Where triage audit events go (the hash-chained audit log in production)."""

    def record_audit(self, event: TriageAuditEvent) -> None:
        """Append one event. Must not drop it silently; raise on failure."""
        ...


@runtime_checkable
class TriageStore(AuditSink, Protocol):
    """Persistence for triage decisions, escalations, drafts and their reviews."""

    def save_decision(self, record: DecisionRecord) -> None:
        """Insert a decision (ids are unique; saving the same id twice is an error)."""
        ...

    def get_decision(self, decision_id: str) -> DecisionRecord:
        """Fetch a decision by id."""
        ...

    def add_escalation(self, record: EscalationRecord) -> None:
        """Insert an escalation: it appears in :meth:`list_open_escalations` at once."""
        ...

    def list_open_escalations(self) -> list[EscalationRecord]:
        """Escalations not yet acknowledged, oldest first."""
        ...

    def acknowledge_escalation(
        self, escalation_id: str, *, actor: str, at: datetime
    ) -> EscalationRecord:
        """Mark an escalation as acknowledged by a staff member and return it."""
        ...

    def save_draft(self, record: DraftRecord) -> None:
        """Insert a new draft (status ``pending``)."""
        ...

    def get_draft(self, draft_id: str) -> DraftRecord:
        """Fetch a draft by id."""
        ...

    def list_pending_drafts(self) -> list[DraftRecord]:
        """Drafts waiting for staff review, oldest first."""
        ...

    def edit_draft(self, draft_id: str, *, actor: str, text: str, at: datetime) -> DraftRecord:
        """Replace a pending draft's text, record a ``DraftReview`` (``edited``), keep it pending.

        Returns the updated draft (``revision`` incremented).
        """
        ...

    def approve_draft(self, draft_id: str, *, actor: str, at: datetime) -> DraftRecord:
        """Mark a pending draft approved by ``actor`` and record a ``DraftReview``."""
        ...

    def reject_draft(self, draft_id: str, *, actor: str, at: datetime) -> DraftRecord:
        """Mark a pending draft rejected by ``actor`` and record a ``DraftReview``."""
        ...

    def list_draft_reviews(self, draft_id: str) -> list[DraftReview]:
        """Every review of a draft, in order."""
        ...
