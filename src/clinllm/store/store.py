"""``Store``: the SQL adapters of the persistence ports over one database.

Built from an engine the caller creates (constructor injection, no global session): the
composition root makes the engine once from settings, runs :func:`~clinllm.store.upgrade`,
and passes ``Store(engine)`` to whatever needs it. Tests pass an engine on a temporary SQLite
file or a fresh PostgreSQL schema.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from clinllm.domain.audit import AuditKey
from clinllm.domain.review import DEFAULT_CLAIM_TTL
from clinllm.store.audit import SqlAuditLog
from clinllm.store.documents import DocumentRepository
from clinllm.store.extractions import ExtractionRepository
from clinllm.store.record_store import SqlRecordStore
from clinllm.store.reviews import CorrectionCheck, SqlReviewQueue

__all__ = ["Store"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """Every persistence adapter over one database.

    Args:
        engine: The database (schema already at head: see :func:`clinllm.store.upgrade`).
        tenant: Whose documents and review queue these are.
        clock: Returns the current aware UTC time; injected so tests control it.
        audit_key: The key the audit chain is signed with (from settings: see
            :func:`clinllm.bootstrap.audit_key`). Without one a random key is made for this
            object: its events verify in this process only, which suits tests and nothing else.
        claim_ttl: How long a review claim holds (``CLINLLM_REVIEW_CLAIM_TTL_S``).
        check_correction: Validates reviewers' corrections (wired by the composition root).

    Attributes:
        records: Documents and result versions (the ``RecordStore`` port).
        reviews: The human review queue (the ``ReviewQueue`` port).
        audit: The hash-chained audit log (the ``AuditLog`` port).
        documents: The documents repository (listing, status), behind ``records``.
        extractions: The extractions repository (history, counts), behind ``records``.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        tenant: str = "default",
        clock: Callable[[], datetime] = _utc_now,
        audit_key: AuditKey | None = None,
        claim_ttl: timedelta = DEFAULT_CLAIM_TTL,
        check_correction: CorrectionCheck | None = None,
    ) -> None:
        key = audit_key if audit_key is not None else AuditKey.ephemeral()
        self._clock = clock
        self._claim_ttl = claim_ttl
        self._check_correction = check_correction
        self.engine = engine
        self.tenant = tenant
        self.audit_key = key
        self.documents = DocumentRepository(engine, clock=clock, key=key, tenant=tenant)
        self.extractions = ExtractionRepository(engine, clock=clock, key=key)
        self.records = SqlRecordStore(self.documents, self.extractions)
        self.reviews = SqlReviewQueue(
            engine,
            tenant=tenant,
            clock=clock,
            key=key,
            claim_ttl=claim_ttl,
            check_correction=check_correction,
        )
        self.audit = SqlAuditLog(engine, clock=clock, key=key)

    def __repr__(self) -> str:
        return f"Store(dialect={self.engine.dialect.name!r})"

    def for_tenant(self, tenant: str) -> Store:
        """The same database, key, clock and checks, with ``tenant``'s documents and queue.

        A tenant's store must sign with the process's audit key: a store built with a key of
        its own would write events that ``audit verify`` rejects.
        """
        return Store(
            self.engine,
            tenant=tenant,
            clock=self._clock,
            audit_key=self.audit_key,
            claim_ttl=self._claim_ttl,
            check_correction=self._check_correction,
        )
