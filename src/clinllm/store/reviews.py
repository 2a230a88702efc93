"""Review queue repository: list, claim, accept, correct.

A case enters the queue when a required field is missing or low-confidence. A reviewer
claims it (so two people do not work the same case), then accepts the extraction as it is or
corrects it. A correction is a *new* extraction version that supersedes the reviewed one:
the model's original stays, with who changed it and when. Every step is audited in the same
transaction as the change.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clinllm.store.audit import append_event
from clinllm.store.extractions import add_version, extraction_record
from clinllm.store.models import DocumentRow, ExtractionRow, ReviewItemRow
from clinllm.store.records import (
    AuditEvent,
    EvidenceInput,
    ExtractionRecord,
    InvalidTransition,
    RecordNotFound,
    ReviewItem,
    ReviewStatus,
)

__all__ = ["ReviewRepository"]


def _item(row: ReviewItemRow) -> ReviewItem:
    return ReviewItem(
        id=row.id,
        document_id=row.document_id,
        extraction_id=row.extraction_id,
        workflow=row.workflow,
        reasons=tuple(row.reasons),
        status=row.status,  # type: ignore[arg-type]
        created_at=row.created_at,
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        resolved_by=row.resolved_by,
        resolved_at=row.resolved_at,
        result_extraction_id=row.result_extraction_id,
    )


class ReviewRepository:
    """The human review queue.

    Args:
        engine: The database.
        clock: Returns the current aware UTC time.
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self._clock = clock

    def enqueue(
        self, extraction_id: int, reasons: Sequence[str], *, actor: str = "system"
    ) -> tuple[ReviewItem, bool]:
        """Put an extraction in the queue, unless it already has an open item.

        Args:
            extraction_id: The extraction to review.
            reasons: Machine reason codes (``missing:member_id``), not text.
            actor: Who or what asked for the review.

        Returns:
            The item and whether it was created now.

        Raises:
            RecordNotFound: No such extraction.
        """
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            extraction = session.get(ExtractionRow, extraction_id)
            if extraction is None:
                raise RecordNotFound("extraction", extraction_id)
            open_item = session.scalars(
                select(ReviewItemRow).where(
                    ReviewItemRow.extraction_id == extraction_id,
                    ReviewItemRow.status.in_(("pending", "claimed")),
                )
            ).first()
            if open_item is not None:
                return _item(open_item), False
            row = ReviewItemRow(
                document_id=extraction.document_id,
                extraction_id=extraction_id,
                workflow=extraction.workflow,
                reasons=[str(r)[:128] for r in reasons],
                status="pending",
                created_at=now,
            )
            session.add(row)
            document = session.get_one(DocumentRow, extraction.document_id)
            document.status, document.updated_at = "needs_review", now
            session.flush()
            append_event(
                session,
                AuditEvent(
                    actor=actor,
                    action="review.enqueued",
                    subjects={
                        "review_item": str(row.id),
                        "document": str(row.document_id),
                        "extraction": str(extraction_id),
                    },
                    doc_hashes=(document.sha256,) if document.sha256 else (),
                    decision={"reasons": [str(r)[:128] for r in reasons]},
                ),
                now=now,
            )
            return _item(row), True

    def list(
        self,
        *,
        status: ReviewStatus | Sequence[ReviewStatus] | None = ("pending", "claimed"),
        workflow: str | None = None,
        limit: int = 100,
    ) -> builtins.list[ReviewItem]:
        """Queue items, oldest first; by default the open ones (pending or claimed)."""
        query = select(ReviewItemRow).order_by(ReviewItemRow.created_at, ReviewItemRow.id)
        if isinstance(status, str):
            query = query.where(ReviewItemRow.status == status)
        elif status is not None:
            query = query.where(ReviewItemRow.status.in_(tuple(status)))
        if workflow is not None:
            query = query.where(ReviewItemRow.workflow == workflow)
        with Session(self._engine) as session:
            return [_item(row) for row in session.scalars(query.limit(limit))]

    def get(self, item_id: int) -> ReviewItem:
        """Fetch one item.

        Raises:
            RecordNotFound: No such item.
        """
        with Session(self._engine) as session:
            row = session.get(ReviewItemRow, item_id)
            if row is None:
                raise RecordNotFound("review item", item_id)
            return _item(row)

    def _locked(self, session: Session, item_id: int) -> ReviewItemRow:
        row = session.scalars(
            select(ReviewItemRow).where(ReviewItemRow.id == item_id).with_for_update()
        ).first()
        if row is None:
            raise RecordNotFound("review item", item_id)
        return row

    def _audit(
        self,
        session: Session,
        row: ReviewItemRow,
        action: str,
        actor: str,
        now: datetime,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        document = session.get_one(DocumentRow, row.document_id)
        append_event(
            session,
            AuditEvent(
                actor=actor,
                action=action,
                subjects={
                    "review_item": str(row.id),
                    "document": str(row.document_id),
                    "extraction": str(row.extraction_id),
                    **(extra or {}),
                },
                doc_hashes=(document.sha256,) if document.sha256 else (),
                decision={"status": row.status},
            ),
            now=now,
        )

    def claim(self, item_id: int, *, actor: str) -> ReviewItem:
        """Claim a pending item for ``actor``. Claiming one's own claimed item is a no-op.

        Raises:
            RecordNotFound: No such item.
            InvalidTransition: It is closed or claimed by someone else.
        """
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            row = self._locked(session, item_id)
            if row.status == "claimed" and row.claimed_by == actor:
                return _item(row)
            if row.status != "pending":
                state = f"claimed by {row.claimed_by}" if row.status == "claimed" else row.status
                raise InvalidTransition("review item", item_id, state=state, action="claim")
            row.status, row.claimed_by, row.claimed_at = "claimed", actor, now
            self._audit(session, row, "review.claimed", actor, now)
            return _item(row)

    def _open_for(self, session: Session, item_id: int, actor: str, action: str) -> ReviewItemRow:
        """The item, locked, if ``actor`` may resolve it (pending, or claimed by them)."""
        row = self._locked(session, item_id)
        if row.status in ("accepted", "corrected"):
            raise InvalidTransition("review item", item_id, state=row.status, action=action)
        if row.status == "claimed" and row.claimed_by != actor:
            raise InvalidTransition(
                "review item", item_id, state=f"claimed by {row.claimed_by}", action=action
            )
        if row.claimed_by is None:
            row.claimed_by, row.claimed_at = actor, self._clock()
        return row

    def accept(self, item_id: int, *, actor: str) -> ReviewItem:
        """Accept the extraction under review as it is.

        Raises:
            RecordNotFound: No such item.
            InvalidTransition: It is closed or claimed by someone else.
        """
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            row = self._open_for(session, item_id, actor, "accept")
            row.status, row.resolved_by, row.resolved_at = "accepted", actor, now
            row.result_extraction_id = row.extraction_id
            document = session.get_one(DocumentRow, row.document_id)
            document.status, document.updated_at = "reviewed", now
            self._audit(session, row, "review.accepted", actor, now)
            return _item(row)

    def correct(
        self,
        item_id: int,
        payload: Mapping[str, Any],
        *,
        actor: str,
        evidence: Sequence[EvidenceInput] = (),
    ) -> tuple[ReviewItem, ExtractionRecord]:
        """Correct the extraction: store ``payload`` as a new version that supersedes it.

        Args:
            item_id: The review item.
            payload: The corrected output (the whole payload, not a patch).
            actor: The reviewer.
            evidence: Evidence for corrected values, when the reviewer pointed at some.

        Returns:
            The closed item and the new extraction version (``created_by`` is the reviewer).

        Raises:
            RecordNotFound: No such item.
            InvalidTransition: It is closed or claimed by someone else.
        """
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            row = self._open_for(session, item_id, actor, "correct")
            original = session.get_one(ExtractionRow, row.extraction_id)
            new = add_version(
                session,
                document_id=row.document_id,
                workflow=row.workflow,
                payload=payload,
                created_by=actor,
                now=now,
                prompt_version=original.prompt_version,
                evidence=evidence,
                action="extraction.corrected",
            )
            row.status, row.resolved_by, row.resolved_at = "corrected", actor, now
            row.result_extraction_id = new.id
            document = session.get_one(DocumentRow, row.document_id)
            document.status, document.updated_at = "reviewed", now
            self._audit(
                session, row, "review.corrected", actor, now, {"new_extraction": str(new.id)}
            )
            return _item(row), extraction_record(new)
