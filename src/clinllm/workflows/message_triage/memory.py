"""``InMemoryTriageStore``: the fake of :class:`~.ports.TriageStore`, shipped in the package.

Used by unit tests, the CLI's default run and ``--dry-run``: it behaves like the real store
(unique ids, pending-only reviews, review history, audit trail) without a database, so tests
of the workflow exercise the same contract the SQLAlchemy adapter must meet.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from clinllm.domain.hashing import sha256_hex
from clinllm.errors import InputError
from clinllm.workflows.message_triage.ports import (
    DecisionRecord,
    DraftRecord,
    DraftReview,
    EscalationRecord,
    ReviewAction,
    TriageAuditEvent,
)

__all__ = ["InMemoryTriageStore"]


class InMemoryTriageStore:
    """A dict-backed :class:`~.ports.TriageStore` (and :class:`~.ports.AuditSink`)."""

    def __init__(self) -> None:
        self.decisions: dict[str, DecisionRecord] = {}
        self.escalations: dict[str, EscalationRecord] = {}
        self.drafts: dict[str, DraftRecord] = {}
        self.reviews: list[DraftReview] = []
        self.audit_events: list[TriageAuditEvent] = []

    def __repr__(self) -> str:
        return (
            f"InMemoryTriageStore(decisions={len(self.decisions)}, "
            f"escalations={len(self.escalations)}, drafts={len(self.drafts)})"
        )

    # decisions ---------------------------------------------------------------------------
    def save_decision(self, record: DecisionRecord) -> None:
        """Insert a decision; a duplicate id is an error."""
        if record.id in self.decisions:
            raise InputError(f"decision {record.id} already exists")
        self.decisions[record.id] = record

    def get_decision(self, decision_id: str) -> DecisionRecord:
        """Fetch a decision by id."""
        try:
            return self.decisions[decision_id]
        except KeyError:
            raise InputError(f"unknown decision id {decision_id}") from None

    # escalations -------------------------------------------------------------------------
    def add_escalation(self, record: EscalationRecord) -> None:
        """Insert an escalation; a duplicate id is an error."""
        if record.id in self.escalations:
            raise InputError(f"escalation {record.id} already exists")
        self.escalations[record.id] = record

    def list_open_escalations(self) -> list[EscalationRecord]:
        """Open escalations, oldest first."""
        items = [e for e in self.escalations.values() if e.status == "open"]
        return sorted(items, key=lambda e: e.created_at)

    def acknowledge_escalation(
        self, escalation_id: str, *, actor: str, at: datetime
    ) -> EscalationRecord:
        """Mark an escalation acknowledged."""
        if escalation_id not in self.escalations:
            raise InputError(f"unknown escalation id {escalation_id}")
        updated = self.escalations[escalation_id].model_copy(update={"status": "acknowledged"})
        self.escalations[escalation_id] = updated
        return updated

    # drafts ------------------------------------------------------------------------------
    def save_draft(self, record: DraftRecord) -> None:
        """Insert a draft; a duplicate id is an error."""
        if record.id in self.drafts:
            raise InputError(f"draft {record.id} already exists")
        self.drafts[record.id] = record

    def get_draft(self, draft_id: str) -> DraftRecord:
        """Fetch a draft by id."""
        try:
            return self.drafts[draft_id]
        except KeyError:
            raise InputError(f"unknown draft id {draft_id}") from None

    def list_pending_drafts(self) -> list[DraftRecord]:
        """Pending drafts, oldest first."""
        items = [d for d in self.drafts.values() if d.status == "pending"]
        return sorted(items, key=lambda d: d.created_at)

    def edit_draft(self, draft_id: str, *, actor: str, text: str, at: datetime) -> DraftRecord:
        """Replace the text of a pending draft and record who changed what."""
        draft = self._pending(draft_id)
        updated = draft.model_copy(update={"text": text, "revision": draft.revision + 1})
        return self._review(draft, updated, actor=actor, at=at, action="edited")

    def approve_draft(self, draft_id: str, *, actor: str, at: datetime) -> DraftRecord:
        """Approve a pending draft."""
        draft = self._pending(draft_id)
        updated = draft.model_copy(
            update={"status": "approved", "reviewed_by": actor, "reviewed_at": at}
        )
        return self._review(draft, updated, actor=actor, at=at, action="approved")

    def reject_draft(self, draft_id: str, *, actor: str, at: datetime) -> DraftRecord:
        """Reject a pending draft."""
        draft = self._pending(draft_id)
        updated = draft.model_copy(
            update={"status": "rejected", "reviewed_by": actor, "reviewed_at": at}
        )
        return self._review(draft, updated, actor=actor, at=at, action="rejected")

    def list_draft_reviews(self, draft_id: str) -> list[DraftReview]:
        """Reviews of one draft, in order."""
        return [r for r in self.reviews if r.draft_id == draft_id]

    # audit -------------------------------------------------------------------------------
    def record_audit(self, event: TriageAuditEvent) -> None:
        """Append an audit event."""
        self.audit_events.append(event)

    # internals ---------------------------------------------------------------------------
    def _pending(self, draft_id: str) -> DraftRecord:
        draft = self.get_draft(draft_id)
        if draft.status != "pending":
            raise InputError(f"draft {draft_id} is {draft.status}, not pending")
        return draft

    def _review(
        self,
        before: DraftRecord,
        after: DraftRecord,
        *,
        actor: str,
        at: datetime,
        action: ReviewAction,
    ) -> DraftRecord:
        self.drafts[after.id] = after
        self.reviews.append(
            DraftReview(
                id=uuid.uuid4().hex,
                draft_id=after.id,
                actor=actor,
                at=at,
                action=action,
                before_text=before.text,
                after_text=after.text,
                before_sha256=sha256_hex(before.text),
                after_sha256=sha256_hex(after.text),
            )
        )
        return after
