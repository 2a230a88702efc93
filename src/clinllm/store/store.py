"""``Store``: the public face of persistence, one repository per kind of record.

Built from an engine the caller creates (constructor injection, no global session): the
composition root makes the engine once from settings, runs :func:`~clinllm.store.upgrade`,
and passes ``Store(engine)`` to the services that need it. Tests pass an engine on a temporary
SQLite file or a fresh PostgreSQL schema.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine

from clinllm.store.audit import AuditLog
from clinllm.store.documents import DocumentRepository
from clinllm.store.extractions import ExtractionRepository
from clinllm.store.reviews import ReviewRepository
from clinllm.store.triage import SqlTriageStore

__all__ = ["Store"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """All repositories over one database.

    Args:
        engine: The database (schema already at head: see :func:`clinllm.store.upgrade`).
        clock: Returns the current aware UTC time; injected so tests control it.

    Attributes:
        documents: Source documents, idempotent by content hash.
        extractions: Versioned workflow output with evidence and findings.
        reviews: The human review queue.
        triage: Triage decisions, escalations and drafts (the ``TriageStore`` port).
        audit: The hash-chained audit log.
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self.engine = engine
        self.documents = DocumentRepository(engine, clock=clock)
        self.extractions = ExtractionRepository(engine, clock=clock)
        self.reviews = ReviewRepository(engine, clock=clock)
        self.triage = SqlTriageStore(engine, clock=clock)
        self.audit = AuditLog(engine, clock=clock)

    def __repr__(self) -> str:
        return f"Store(dialect={self.engine.dialect.name!r})"
