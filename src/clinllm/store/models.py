"""The SQLAlchemy tables of clinllm: one declarative model per table, typed with ``Mapped``.

The schema itself is owned by the Alembic migrations in :mod:`clinllm.store.migrations`;
these classes describe it for queries, and a test checks the two agree. Tables hold the
records a utilization-review or triage team needs to answer "what did the system decide, from
what, with which model, and who changed it": documents (every workflow's input, a portal
message too), versioned extractions (every workflow's result) with their evidence and findings,
one review queue with its versions (extractions to check, drafts to approve, escalations to
acknowledge) and the hash-chained audit log.

Timestamps are stored as naive UTC and returned as aware UTC (:class:`UTCDateTime`), so
SQLite and PostgreSQL give back the same values and audit hashes verify on both.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "ApiKeyRow",
    "AuditRow",
    "Base",
    "DocumentRow",
    "EvidenceRow",
    "ExtractionRow",
    "FindingRow",
    "IdempotencyRow",
    "JobRow",
    "PolicyChunkRow",
    "PolicyDocumentGroupRow",
    "PolicyDocumentRow",
    "ReviewItemRow",
    "ReviewVersionRow",
    "UTCDateTime",
    "UiSignOutRow",
]


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back as aware UTC, the same on every backend.

    SQLite has no time zones and PostgreSQL's ``timestamptz`` shifts values to the session
    zone; storing naive UTC everywhere keeps a round trip exact, which the audit chain needs.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to naive UTC; refuse a naive one (its zone is unknown)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Mark a stored naive UTC timestamp as UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


#: JSON on SQLite, JSONB on PostgreSQL (indexable, compact).
JsonType = JSON().with_variant(JSONB(), "postgresql")
#: A list of group names: JSON on SQLite, ``text[]`` on PostgreSQL (row-level security tests it
#: with ``&&`` against the reader's groups).
GroupsType = JSON().with_variant(ARRAY(Text()), "postgresql")


class Base(DeclarativeBase):
    """Declarative base of every clinllm table.

    Constraints are named by convention so later migrations can alter them on SQLite too
    (batch mode recreates tables and needs names to find constraints).
    """

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JsonType,
    }


class DocumentRow(Base):
    """One source document of a tenant, identified by the SHA-256 of its bytes (idempotent ingest).

    The hash is unique per tenant: two tenants sending the same bytes get two documents, so
    neither learns of the other's.
    """

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("tenant", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant: Mapped[str] = mapped_column(String(128), server_default="default")
    sha256: Mapped[str | None] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str | None] = mapped_column(String(64))
    byte_size: Mapped[int | None] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    page_starts: Mapped[list[int] | None] = mapped_column(JsonType)
    status: Mapped[str] = mapped_column(String(32), index=True)
    error_type: Mapped[str | None] = mapped_column(String(64))
    error_reason: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[datetime]


class ExtractionRow(Base):
    """One version of a workflow's output for a document; corrections add versions."""

    __tablename__ = "extractions"
    __table_args__ = (
        UniqueConstraint("document_id", "workflow", "version"),
        Index("uq_extractions_run_key", "run_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    workflow: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict[str, Any]]
    payload_sha256: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    model: Mapped[str | None] = mapped_column(String(128))
    provider: Mapped[str | None] = mapped_column(String(128))
    prompt_version: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(128))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("extractions.id"))
    run_key: Mapped[str | None] = mapped_column(String(255))


class EvidenceRow(Base):
    """A span of the document's normalized text that supports one extracted value."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id"), index=True)
    field: Mapped[str] = mapped_column(String(128))
    page: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(128))


class FindingRow(Base):
    """A domain-validation finding about an extraction (dates out of order, bad NPI, ...)."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(128))
    detail: Mapped[str | None] = mapped_column(String(500))


class ReviewItemRow(Base):
    """One case in the human review queue, whatever the workflow (see ``domain.review``)."""

    __tablename__ = "review_queue"
    __table_args__ = (
        Index("ix_review_queue_open", "tenant", "status", "priority", "created_at"),
        Index("ix_review_queue_subject", "kind", "subject"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    payload: Mapped[dict[str, Any]]
    reasons: Mapped[list[str]] = mapped_column(JsonType)
    priority: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claim_expires_at: Mapped[datetime | None]
    result: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(128))


class ReviewVersionRow(Base):
    """One step of a review item's history: who did what, when, and what changed."""

    __tablename__ = "review_versions"
    __table_args__ = (UniqueConstraint("item_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("review_queue.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]]
    changed: Mapped[list[str]] = mapped_column(JsonType)
    result: Mapped[str | None] = mapped_column(String(128))


class AuditRow(Base):
    """One append-only, hash-chained audit event: identifiers and hashes, never content."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subjects: Mapped[dict[str, Any]]
    model: Mapped[str | None] = mapped_column(String(128))
    doc_hashes: Mapped[list[str]] = mapped_column(JsonType)
    decision: Mapped[dict[str, Any]]
    record_digest: Mapped[str | None] = mapped_column(String(64))
    record_kind: Mapped[str | None] = mapped_column(String(32))
    tenant: Mapped[str | None] = mapped_column(String(64))
    key_id: Mapped[str | None] = mapped_column(String(16))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class PolicyDocumentRow(Base):
    """A policy document: identity within a tenant, who may read it, and its metadata."""

    __tablename__ = "policy_documents"
    __table_args__ = (UniqueConstraint("tenant", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant: Mapped[str] = mapped_column(String(128))
    key: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(64))
    version: Mapped[str | None] = mapped_column(String(32))
    effective_date: Mapped[str | None] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64))
    acl: Mapped[list[str]] = mapped_column(GroupsType)
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PolicyDocumentGroupRow(Base):
    """One group allowed to read one document (the permission join of the embedded store)."""

    __tablename__ = "policy_document_groups"
    __table_args__ = (Index("ix_policy_document_groups_group", "group_name", "document_id"),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("policy_documents.id", ondelete="CASCADE"), primary_key=True
    )
    group_name: Mapped[str] = mapped_column(String(128), primary_key=True)


class PolicyIndexStateRow(Base):
    """A tenant's policy index generation, bumped in the transaction of every document write.

    A reader's cached vectors (:class:`~clinllm.retrieval.sqlite_index.SqlitePolicyIndex`)
    are used only while the generation they were read at is still current.
    """

    __tablename__ = "policy_index_state"

    tenant: Mapped[str] = mapped_column(String(128), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)


class PolicyChunkRow(Base):
    """A section of a policy document: text, offsets, screen findings and its vector.

    ``tenant`` and ``acl`` repeat the document's so that a permission check (and PostgreSQL
    row-level security) reads the chunk row alone.
    """

    __tablename__ = "policy_chunks"
    __table_args__ = (UniqueConstraint("tenant", "chunk_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("policy_documents.id", ondelete="CASCADE"), index=True
    )
    tenant: Mapped[str] = mapped_column(String(128))
    acl: Mapped[list[str]] = mapped_column(GroupsType)
    chunk_key: Mapped[str] = mapped_column(String(160))
    ordinal: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(255))
    section: Mapped[str] = mapped_column(String(500))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    hidden: Mapped[bool] = mapped_column(Boolean)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JsonType)
    embedder: Mapped[str | None] = mapped_column(String(64))
    vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: One token per (tenant, group) that may read the chunk (migration ``0010_policy``): the
    #: permission filter inside the SQLite full-text query.
    scope: Mapped[str | None] = mapped_column(Text)
    #: The chunk's sentence vectors (migration ``0012_policy_sentences``): the model that made
    #: them, the SHA-256 hex of each sentence, and their float32 rows as bytes. Deferred: a
    #: search loads its hits without them; only the answer decision reads them.
    sentence_embedder: Mapped[str | None] = mapped_column(String(64), deferred=True)
    sentence_digests: Mapped[list[str] | None] = mapped_column(JsonType, deferred=True)
    sentence_vectors: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)


class JobRow(Base):
    """One submitted job: what to run, on which document, and how it ended.

    On PostgreSQL procrastinate queues and locks the work (``engine_job_id`` is its job); this
    row is clinllm's record of the submission (idempotency key, status, attempts, the dead
    letter's reason, the ids the run stored). On SQLite the row is also the queue: the
    embedded worker claims it by ``run_after`` and keeps ``heartbeat_at`` fresh while running.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        UniqueConstraint("tenant", "idempotency_key"),
        Index("ix_jobs_claim", "status", "queue", "run_after"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(64))
    queue: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(255))
    payload: Mapped[dict[str, Any]]
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    max_attempts: Mapped[int] = mapped_column(Integer)
    run_after: Mapped[datetime]
    heartbeat_at: Mapped[datetime | None]
    worker: Mapped[str | None] = mapped_column(String(128))
    engine_job_id: Mapped[int | None] = mapped_column(Integer)
    error_type: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(255))
    result: Mapped[dict[str, Any] | None]
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ApiKeyRow(Base):
    """An API key of the HTTP service: who it authenticates as, and the hash of its secret.

    The secret itself is never stored: only ``secret_sha256`` (SHA-256 of a 192-bit random
    secret, so no salt or slow hash is needed: nothing guessable is being hashed). ``key_id`` is
    public (it is part of the secret's prefix and names the key in listings and audit events).
    """

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64), unique=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    tenant: Mapped[str] = mapped_column(String(128), index=True)
    role: Mapped[str] = mapped_column(String(16))
    groups: Mapped[list[str]] = mapped_column(JsonType)
    name: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class IdempotencyRow(Base):
    """A response kept for replay under a caller's ``Idempotency-Key`` (the HTTP service).

    Scoped to the tenant and the API key that sent it; ``done`` is false while the first
    request runs. ``body`` is the response the caller already received (it may hold PHI, like
    every record here); rows past ``expires_at`` count as absent and are deleted as they are met.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("tenant", "key_id", "idem_key", name="uq_idempotency_keys_scope"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant: Mapped[str] = mapped_column(String(128))
    key_id: Mapped[str] = mapped_column(String(64))
    idem_key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    done: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[int | None]
    media_type: Mapped[str | None] = mapped_column(String(128))
    headers: Mapped[list[list[str]] | None] = mapped_column(JsonType)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class UiSignOutRow(Base):
    """A review-UI session ended by sign-out, kept until the session would have expired.

    ``session_id`` is a digest of the session's random nonce (never the cookie); the row makes a
    copied cookie of that session stop working in every service process.
    """

    __tablename__ = "ui_sign_outs"

    session_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
