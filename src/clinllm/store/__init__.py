"""Persistence: SQLAlchemy tables, Alembic migrations, repositories and the audit log.

Usage::

    from clinllm.store import Store, make_engine, upgrade

    engine = make_engine("sqlite:///./.clinllm/clinllm.db")
    upgrade(engine)                      # create or migrate the schema; no alembic.ini
    store = Store(engine)
    doc, created = store.documents.register(sha256=..., source_name=..., text=..., pages=1)

SQLite is the embedded default; the same code runs on PostgreSQL.
"""

from clinllm.store.engine import make_engine
from clinllm.store.migrate import current_revision, head_revision, upgrade
from clinllm.store.records import (
    AuditEntry,
    AuditEvent,
    ChainVerification,
    DocumentRecord,
    EvidenceInput,
    EvidenceRecord,
    ExtractionRecord,
    FindingInput,
    FindingRecord,
    InvalidTransition,
    RecordNotFound,
    ReviewItem,
)
from clinllm.store.store import Store

__all__ = [
    "AuditEntry",
    "AuditEvent",
    "ChainVerification",
    "DocumentRecord",
    "EvidenceInput",
    "EvidenceRecord",
    "ExtractionRecord",
    "FindingInput",
    "FindingRecord",
    "InvalidTransition",
    "RecordNotFound",
    "ReviewItem",
    "Store",
    "current_revision",
    "head_revision",
    "make_engine",
    "upgrade",
]
