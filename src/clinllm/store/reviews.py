"""``SqlReviewQueue``: the one human review queue, over SQL.

The SQL adapter of the :class:`~clinllm.domain.ports.ReviewQueue` port. The state machine is
:func:`clinllm.domain.review.transition` (pure, shared with the in-memory fake); this module
locks the row, applies the transition, writes the item and its new version, and appends the
audit event, all in one transaction, so a step and its record commit or roll back together.
A correction is a *new* extraction version that supersedes the reviewed one: the model's
original stays, with who changed it and when.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, select, text, update
from sqlalchemy.orm import Session

from clinllm.domain.audit import AuditKey
from clinllm.domain.evidence import Evidence
from clinllm.domain.records import ExtractionRecord
from clinllm.domain.review import (
    DEFAULT_CLAIM_TTL,
    OPEN_STATUSES,
    NewReviewItem,
    ReviewAction,
    ReviewItem,
    ReviewStatus,
    ReviewSteps,
    ReviewVerb,
    ReviewVersion,
    changed_keys,
    opened_version,
    review_event,
    transition,
)
from clinllm.errors import RecordNotFound, StaleVersion
from clinllm.store.audit import append_event
from clinllm.store.audit_records import review_version_row_digest
from clinllm.store.extractions import add_version, extraction_record
from clinllm.store.models import DocumentRow, ExtractionRow, ReviewItemRow, ReviewVersionRow

__all__ = ["CorrectionCheck", "SqlReviewQueue"]

#: ``(workflow, corrected payload, source text) -> payload to store``; raises ``InputError``.
CorrectionCheck = Callable[[str, Mapping[str, Any], str], Mapping[str, Any]]


def _item(row: ReviewItemRow) -> ReviewItem:
    return ReviewItem.model_validate(row, from_attributes=True)


def _version(row: ReviewVersionRow) -> ReviewVersion:
    return ReviewVersion.model_validate(row, from_attributes=True)


_ITEM_FIELDS = (
    "payload", "version", "status", "claimed_by", "claim_expires_at", "result",
    "updated_at", "updated_by",
)  # fmt: skip


class SqlReviewQueue(ReviewSteps):
    """The review queue of one tenant.

    Args:
        engine: The database.
        tenant: Whose queue this is: items are opened and listed for this tenant only.
        clock: Returns the current aware UTC time.
        key: The audit key the events are signed with.
        claim_ttl: How long a claim holds before another reviewer may act on the case.
        check_correction: Validates a correction like model output (schema, code sets, domain
            rules: :func:`clinllm.pipeline.correction.check_correction`, wired by the
            composition root); None stores corrections as given.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        tenant: str = "default",
        clock: Callable[[], datetime],
        key: AuditKey,
        claim_ttl: timedelta = DEFAULT_CLAIM_TTL,
        check_correction: CorrectionCheck | None = None,
    ) -> None:
        self._engine = engine
        self._tenant = tenant
        self._clock = clock
        self._key = key
        self._claim_ttl = claim_ttl
        self._check_correction = check_correction

    def __repr__(self) -> str:
        return f"SqlReviewQueue(tenant={self._tenant!r})"

    @staticmethod
    def _hashes(session: Session, document_id: int | None) -> tuple[str, ...]:
        if document_id is None:
            return ()
        document = session.get(DocumentRow, document_id)
        return (document.sha256,) if document is not None and document.sha256 else ()

    def _write(
        self, session: Session, row: ReviewItemRow, item: ReviewItem, version: ReviewVersion
    ) -> None:
        for name in _ITEM_FIELDS:
            setattr(row, name, getattr(item, name))
        self._add_version(
            session,
            item,
            ReviewVersionRow(
                item_id=item.id,
                version=version.version,
                action=version.action,
                actor=version.actor,
                at=version.at,
                status=version.status,
                payload=dict(version.payload),
                changed=list(version.changed),
                result=version.result,
            ),
        )

    def _add_version(self, session: Session, item: ReviewItem, version: ReviewVersionRow) -> None:
        """Store one step of the item's history and its audit event, which commits to it."""
        session.add(version)
        session.flush()
        event = review_event(
            item,
            cast(ReviewAction, version.action),
            doc_hashes=self._hashes(session, item.document_id),
        )
        event = event.model_copy(
            update={
                "subjects": {**event.subjects, "review_version": str(version.id)},
                "record_kind": "review_version",
                "record_digest": review_version_row_digest(version),
            }
        )
        append_event(session, event, now=item.updated_at, key=self._key)

    def open(self, new: NewReviewItem, *, actor: str) -> tuple[ReviewItem, bool]:
        """Open a case, unless one of its kind exists for its subject (open or closed).

        Two processes opening the same case at once open one: SQLite serializes writers
        (``BEGIN IMMEDIATE``); on PostgreSQL a transaction-scoped advisory lock on the
        (tenant, kind, subject) triple does.
        """
        now = self._clock()
        document_id = new.document_id
        with Session(self._engine) as session, session.begin():
            if session.get_bind().dialect.name == "postgresql":
                session.execute(
                    text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                    {"key": f"review:{self._tenant}:{new.kind}:{new.subject}"},
                )
            existing = session.scalars(
                select(ReviewItemRow).where(
                    ReviewItemRow.tenant == self._tenant,
                    ReviewItemRow.kind == new.kind,
                    ReviewItemRow.subject == new.subject,
                )
            ).first()
            if existing is not None:
                return _item(existing), False
            row = ReviewItemRow(
                tenant=self._tenant,
                **new.model_dump(exclude={"reasons"}),
                reasons=[str(r)[:128] for r in new.reasons],
                version=1,
                status="pending",
                created_at=now,
                created_by=actor,
                updated_at=now,
                updated_by=actor,
            )
            session.add(row)
            if document_id is not None:
                document = session.get(DocumentRow, document_id)
                if document is None:
                    raise RecordNotFound("document", document_id)
                document.status, document.updated_at = "needs_review", now
            session.flush()
            item = _item(row)
            first = opened_version(item)
            self._add_version(
                session,
                item,
                ReviewVersionRow(
                    item_id=item.id,
                    version=1,
                    action=first.action,
                    actor=first.actor,
                    at=first.at,
                    status=first.status,
                    payload=dict(first.payload),
                    changed=[],
                    result=None,
                ),
            )
            return item, True

    def get(self, item_id: int) -> ReviewItem:
        """Fetch one item of this tenant."""
        with Session(self._engine) as session:
            return _item(self._row(session, item_id))

    def list(
        self,
        *,
        status: ReviewStatus | Sequence[ReviewStatus] | None = OPEN_STATUSES,
        kind: str | None = None,
        limit: int = 100,
    ) -> builtins.list[ReviewItem]:
        """Items, highest priority then oldest first; by default the open ones."""
        query = (
            select(ReviewItemRow)
            .where(ReviewItemRow.tenant == self._tenant)
            .order_by(ReviewItemRow.priority.desc(), ReviewItemRow.created_at, ReviewItemRow.id)
        )
        if isinstance(status, str):
            query = query.where(ReviewItemRow.status == status)
        elif status is not None:
            query = query.where(ReviewItemRow.status.in_(tuple(status)))
        if kind is not None:
            query = query.where(ReviewItemRow.kind == kind)
        with Session(self._engine) as session:
            return [_item(row) for row in session.scalars(query.limit(limit))]

    def history(self, item_id: int) -> builtins.list[ReviewVersion]:
        """Every version of an item, in order."""
        with Session(self._engine) as session:
            self._row(session, item_id)
            rows = session.scalars(
                select(ReviewVersionRow)
                .where(ReviewVersionRow.item_id == item_id)
                .order_by(ReviewVersionRow.version)
            )
            return [_version(row) for row in rows]

    def _row(self, session: Session, item_id: int, *, lock: bool = False) -> ReviewItemRow:
        query = select(ReviewItemRow).where(
            ReviewItemRow.id == item_id, ReviewItemRow.tenant == self._tenant
        )
        row = session.scalars(query.with_for_update() if lock else query).first()
        if row is None:
            raise RecordNotFound("review item", item_id)
        return row

    def _compare_and_lock(self, session: Session, item_id: int, expected: int | None) -> None:
        """Take the item's write lock if it is still at ``expected`` (compare-and-set).

        ``UPDATE ... SET version = version WHERE version = :expected`` is the first statement of
        the step's transaction: it locks the row (PostgreSQL) or the database (SQLite) until the
        step commits, and matches no row when another step got there first, so of two reviewers
        sending the same version exactly one wins and the other gets :class:`StaleVersion`.
        """
        if expected is None:
            return
        matched = session.execute(
            update(ReviewItemRow)
            .where(
                ReviewItemRow.id == item_id,
                ReviewItemRow.tenant == self._tenant,
                ReviewItemRow.version == expected,
            )
            .values(version=ReviewItemRow.version)
            .execution_options(synchronize_session=False)
        )
        if cast(CursorResult[Any], matched).rowcount != 1:
            raise StaleVersion("review item", item_id, current=self._row(session, item_id).version)

    def _act(
        self,
        item_id: int,
        verb: ReviewVerb,
        actor: str,
        *,
        expected_version: int | None = None,
        **kw: Any,
    ) -> ReviewItem:
        with Session(self._engine) as session, session.begin():
            self._compare_and_lock(session, item_id, expected_version)
            row = self._row(session, item_id, lock=True)
            after, version = transition(
                _item(row), verb, actor=actor, now=self._clock(), claim_ttl=self._claim_ttl, **kw
            )
            if version is not None:
                self._write(session, row, after, version)
                if after.document_id is not None and not after.open:
                    document = session.get(DocumentRow, after.document_id)
                    if document is not None:
                        document.status, document.updated_at = "reviewed", after.updated_at
            return after

    def correct(
        self,
        item_id: int,
        payload: Mapping[str, Any],
        *,
        actor: str,
        evidence: Sequence[Evidence] = (),
        expected_version: int | None = None,
    ) -> tuple[ReviewItem, ExtractionRecord]:
        """Store ``payload`` as a new version of the subject extraction and close the case."""
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            self._compare_and_lock(session, item_id, expected_version)
            row = self._row(session, item_id, lock=True)
            item = _item(row)
            transition(item, "correct", actor=actor, now=now, claim_ttl=self._claim_ttl)
            original = session.get(ExtractionRow, int(item.subject))
            if original is None:
                raise RecordNotFound("extraction", item.subject)
            if self._check_correction is not None:
                source = session.get(DocumentRow, original.document_id)
                text = source.text if source is not None and source.text else ""
                payload = self._check_correction(original.workflow, payload, text)
            new = add_version(
                session,
                document_id=original.document_id,
                workflow=original.workflow,
                payload=payload,
                created_by=actor,
                now=now,
                prompt_version=original.prompt_version,
                evidence=evidence,
                action="extraction.corrected",
                key=self._key,
            )
            changed = changed_keys(original.payload, payload)
            after, version = transition(
                item,
                "correct",
                actor=actor,
                now=now,
                result=str(new.id),
                changed=changed,
                claim_ttl=self._claim_ttl,
            )
            assert version is not None  # a correction always makes a version
            self._write(session, row, after, version)
            document = session.get_one(DocumentRow, original.document_id)
            document.status, document.updated_at = "reviewed", now
            return after, extraction_record(new)
