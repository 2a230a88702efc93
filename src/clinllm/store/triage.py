"""``SqlTriageStore``: the SQL adapter of message triage's ``TriageStore`` port.

Decisions, escalations, drafts and draft reviews go to their tables; the port's audit events
go to the hash-chained audit log, in the same transaction as the change they describe when
the workflow records them right after it (each call is its own transaction). An edit stores
the unified diff of the draft next to the before and after text, so "what changed" can be
shown without recomputing it.
"""

from __future__ import annotations

import difflib
import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinllm.domain.hashing import sha256_hex
from clinllm.errors import InputError
from clinllm.store.audit import append_event
from clinllm.store.models import DraftReviewRow, DraftRow, EscalationRow, TriageDecisionRow
from clinllm.store.records import AuditEvent, InvalidTransition, RecordNotFound
from clinllm.workflows.message_triage.ports import (
    DecisionRecord,
    DraftRecord,
    DraftReview,
    EscalationRecord,
    ReviewAction,
    TriageAuditEvent,
)
from clinllm.workflows.message_triage.schema import EvidenceSpan

__all__ = ["SqlTriageStore"]


def _decision(row: TriageDecisionRow) -> DecisionRecord:
    return DecisionRecord(
        id=row.id,
        created_at=row.created_at,
        message_sha256=row.message_sha256,
        message=row.message,
        category=row.category,  # type: ignore[arg-type]
        urgency=row.urgency,  # type: ignore[arg-type]
        decided_by=row.decided_by,
        category_by=row.category_by,
        rule_ids=tuple(row.rule_ids),
        provider=row.provider,
        model=row.model,
        evidence=tuple(EvidenceSpan.model_validate(e) for e in row.evidence),
        external_id=row.external_id,
    )


def _escalation(row: EscalationRow) -> EscalationRecord:
    return EscalationRecord(
        id=row.id,
        decision_id=row.decision_id,
        created_at=row.created_at,
        emergency=row.emergency,
        rule_ids=tuple(row.rule_ids),
        decided_by=row.decided_by,
        safety_message=row.safety_message,
        safety_template_sha256=row.safety_template_sha256,
        status=row.status,  # type: ignore[arg-type]
    )


def _draft(row: DraftRow) -> DraftRecord:
    return DraftRecord(
        id=row.id,
        decision_id=row.decision_id,
        created_at=row.created_at,
        text=row.text,
        source=row.source,  # type: ignore[arg-type]
        status=row.status,  # type: ignore[arg-type]
        template_id=row.template_id,
        guard_reasons=tuple(row.guard_reasons),
        reviewed_by=row.reviewed_by,
        reviewed_at=row.reviewed_at,
        revision=row.revision,
    )


def _review(row: DraftReviewRow) -> DraftReview:
    return DraftReview(
        id=row.id,
        draft_id=row.draft_id,
        actor=row.actor,
        at=row.at,
        action=row.action,  # type: ignore[arg-type]
        before_text=row.before_text,
        after_text=row.after_text,
        before_sha256=row.before_sha256,
        after_sha256=row.after_sha256,
    )


class SqlTriageStore:
    """Implements :class:`clinllm.workflows.message_triage.ports.TriageStore` over SQL.

    Args:
        engine: The database.
        clock: Returns the current aware UTC time (for audit events without a time).
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._clock = clock

    def __repr__(self) -> str:
        return f"SqlTriageStore(dialect={self._engine.dialect.name!r})"

    def _insert(self, row: object, kind: str, record_id: str) -> None:
        try:
            with Session(self._engine) as session, session.begin():
                session.add(row)
        except IntegrityError as exc:
            raise InputError(f"{kind} {record_id} already exists or is invalid") from exc

    # decisions ---------------------------------------------------------------------------
    def save_decision(self, record: DecisionRecord) -> None:
        """Insert a decision; a duplicate id is an error."""
        row = TriageDecisionRow(
            id=record.id,
            created_at=record.created_at,
            message_sha256=record.message_sha256,
            message=record.message,
            category=record.category,
            urgency=record.urgency,
            decided_by=record.decided_by,
            category_by=record.category_by,
            rule_ids=list(record.rule_ids),
            provider=record.provider,
            model=record.model,
            evidence=[e.model_dump(mode="json") for e in record.evidence],
            external_id=record.external_id,
        )
        self._insert(row, "decision", record.id)

    def get_decision(self, decision_id: str) -> DecisionRecord:
        """Fetch a decision by id."""
        with Session(self._engine) as session:
            row = session.get(TriageDecisionRow, decision_id)
            if row is None:
                raise RecordNotFound("decision", decision_id)
            return _decision(row)

    # escalations -------------------------------------------------------------------------
    def add_escalation(self, record: EscalationRecord) -> None:
        """Insert an escalation; it is listed as open at once."""
        row = EscalationRow(
            id=record.id,
            decision_id=record.decision_id,
            created_at=record.created_at,
            emergency=record.emergency,
            rule_ids=list(record.rule_ids),
            decided_by=record.decided_by,
            safety_message=record.safety_message,
            safety_template_sha256=record.safety_template_sha256,
            status=record.status,
        )
        self._insert(row, "escalation", record.id)

    def list_open_escalations(self) -> list[EscalationRecord]:
        """Open escalations, oldest first."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(EscalationRow)
                .where(EscalationRow.status == "open")
                .order_by(EscalationRow.created_at, EscalationRow.id)
            )
            return [_escalation(row) for row in rows]

    def acknowledge_escalation(
        self, escalation_id: str, *, actor: str, at: datetime
    ) -> EscalationRecord:
        """Mark an escalation acknowledged by ``actor`` at ``at``."""
        with Session(self._engine) as session, session.begin():
            row = session.get(EscalationRow, escalation_id, with_for_update=True)
            if row is None:
                raise RecordNotFound("escalation", escalation_id)
            row.status, row.acknowledged_by, row.acknowledged_at = "acknowledged", actor, at
            return _escalation(row)

    # drafts ------------------------------------------------------------------------------
    def save_draft(self, record: DraftRecord) -> None:
        """Insert a draft; a duplicate id is an error."""
        row = DraftRow(
            id=record.id,
            decision_id=record.decision_id,
            created_at=record.created_at,
            text=record.text,
            source=record.source,
            status=record.status,
            template_id=record.template_id,
            guard_reasons=list(record.guard_reasons),
            reviewed_by=record.reviewed_by,
            reviewed_at=record.reviewed_at,
            revision=record.revision,
        )
        self._insert(row, "draft", record.id)

    def get_draft(self, draft_id: str) -> DraftRecord:
        """Fetch a draft by id."""
        with Session(self._engine) as session:
            row = session.get(DraftRow, draft_id)
            if row is None:
                raise RecordNotFound("draft", draft_id)
            return _draft(row)

    def list_pending_drafts(self) -> list[DraftRecord]:
        """Pending drafts, oldest first."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(DraftRow)
                .where(DraftRow.status == "pending")
                .order_by(DraftRow.created_at, DraftRow.id)
            )
            return [_draft(row) for row in rows]

    def _act(
        self,
        draft_id: str,
        *,
        actor: str,
        at: datetime,
        action: ReviewAction,
        text: str | None = None,
    ) -> DraftRecord:
        with Session(self._engine) as session, session.begin():
            row = session.get(DraftRow, draft_id, with_for_update=True)
            if row is None:
                raise RecordNotFound("draft", draft_id)
            if row.status != "pending":
                raise InvalidTransition("draft", draft_id, state=row.status, action=action[:-2])
            before = row.text
            if action == "edited" and text is not None:
                row.text, row.revision = text, row.revision + 1
            else:
                row.status = action
                row.reviewed_by, row.reviewed_at = actor, at
            seq = session.scalar(
                select(func.count())
                .select_from(DraftReviewRow)
                .where(DraftReviewRow.draft_id == draft_id)
            )
            diff = "".join(
                difflib.unified_diff(
                    before.splitlines(keepends=True),
                    row.text.splitlines(keepends=True),
                    fromfile="before",
                    tofile="after",
                )
            )
            session.add(
                DraftReviewRow(
                    id=uuid.uuid4().hex,
                    draft_id=draft_id,
                    seq=int(seq or 0) + 1,
                    actor=actor,
                    at=at,
                    action=action,
                    before_text=before,
                    after_text=row.text,
                    before_sha256=sha256_hex(before),
                    after_sha256=sha256_hex(row.text),
                    diff=diff,
                )
            )
            return _draft(row)

    def edit_draft(self, draft_id: str, *, actor: str, text: str, at: datetime) -> DraftRecord:
        """Replace a pending draft's text and record who changed what; it stays pending."""
        return self._act(draft_id, actor=actor, at=at, action="edited", text=text)

    def approve_draft(self, draft_id: str, *, actor: str, at: datetime) -> DraftRecord:
        """Approve a pending draft (a person releases it; clinllm never sends it)."""
        return self._act(draft_id, actor=actor, at=at, action="approved")

    def reject_draft(self, draft_id: str, *, actor: str, at: datetime) -> DraftRecord:
        """Reject a pending draft."""
        return self._act(draft_id, actor=actor, at=at, action="rejected")

    def list_draft_reviews(self, draft_id: str) -> list[DraftReview]:
        """Every review of a draft, in order."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(DraftReviewRow)
                .where(DraftReviewRow.draft_id == draft_id)
                .order_by(DraftReviewRow.seq)
            )
            return [_review(row) for row in rows]

    def draft_diffs(self, draft_id: str) -> list[str]:
        """The unified diff of each review of a draft, in order (empty for approve/reject)."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(DraftReviewRow.diff)
                .where(DraftReviewRow.draft_id == draft_id)
                .order_by(DraftReviewRow.seq)
            )
            return list(rows)

    # audit -------------------------------------------------------------------------------
    def record_audit(self, event: TriageAuditEvent) -> None:
        """Append a triage audit event to the hash-chained audit log."""
        subjects = {"event": event.id, "decision": event.decision_id}
        if event.subject_id:
            subjects["subject"] = event.subject_id
        hashes = tuple(h for h in (event.message_sha256, event.content_sha256) if h)
        decision: dict[str, str | list[str] | None] = {
            "category": event.category,
            "urgency": event.urgency,
            "decided_by": event.decided_by,
        }
        if event.rule_ids:
            decision["rule_ids"] = list(event.rule_ids)
        if event.reason_codes:
            decision["reason_codes"] = list(event.reason_codes)
        audit = AuditEvent(
            actor=event.actor,
            action=event.kind,
            subjects=subjects,
            doc_hashes=hashes,
            decision={k: v for k, v in decision.items() if v is not None},
            ts=event.at,
        )
        with Session(self._engine) as session, session.begin():
            append_event(session, audit, now=self._clock())
