"""Persistence: SQLAlchemy adapters of the record, review and audit ports, and migrations.

Usage::

    from clinllm.store import Store, make_engine, upgrade

    engine = make_engine("sqlite:///./.clinllm/clinllm.db")
    upgrade(engine)                      # create or migrate the schema; no alembic.ini
    store = Store(engine, tenant="default")
    store.records.add_document(...)      # RecordStore
    store.reviews.list()                 # ReviewQueue
    store.audit.verify()                 # AuditLog

The values that cross these ports (records, review items, audit events) live in
:mod:`clinllm.domain`. SQLite is the embedded default; the same code runs on PostgreSQL.
"""

from clinllm.store.audit import SqlAuditLog
from clinllm.store.engine import make_engine
from clinllm.store.migrate import current_revision, head_revision, upgrade
from clinllm.store.record_store import SqlRecordStore
from clinllm.store.reviews import SqlReviewQueue
from clinllm.store.store import Store

__all__ = [
    "SqlAuditLog",
    "SqlRecordStore",
    "SqlReviewQueue",
    "Store",
    "current_revision",
    "head_revision",
    "make_engine",
    "upgrade",
]
