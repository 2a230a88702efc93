"""Documents repository: one record per distinct file of a tenant, found by the hash of its bytes.

Registering the same bytes twice for one tenant returns the existing record (idempotent ingest:
a fax sent twice is one case, not two); another tenant sending the same bytes gets a record of
its own and never learns of the first. Reads by id (``get``, ``text``) are not tenant-filtered:
ids reach them only from a record the caller has already found in its own tenant. A file that
ingest refused is recorded as ``failed`` with the error's type and fixed reason, so nothing is
dropped silently.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinllm.domain.audit import AuditEvent, AuditKey
from clinllm.domain.records import DocumentRecord, DocumentStatus
from clinllm.errors import RecordNotFound
from clinllm.store.audit import append_event
from clinllm.store.audit_records import document_row_digest
from clinllm.store.models import DocumentRow

__all__ = ["DocumentRepository", "register_in"]


def _record(row: DocumentRow) -> DocumentRecord:
    return DocumentRecord.model_validate(row, from_attributes=True)


def register_in(
    session: Session,
    *,
    tenant: str = "default",
    sha256: str,
    source_name: str,
    text: str,
    pages: int,
    media_type: str | None,
    byte_size: int | None,
    page_starts: Sequence[int],
    actor: str,
    now: datetime,
    key: AuditKey,
) -> tuple[DocumentRow, bool]:
    """Record a document inside the caller's transaction, or find the one with its hash.

    The job queue calls this in the transaction that also stores the document's job, so a
    document and its job commit (or roll back) together. A document that failed before is
    turned into an ingested one. Audited (``document.ingested``) in the same transaction.

    Returns:
        The row and whether it was created or revived now.
    """
    row = session.execute(
        select(DocumentRow).where(DocumentRow.tenant == tenant, DocumentRow.sha256 == sha256)
    ).scalar()
    if row is not None and row.status != "failed":
        return row, False
    if row is not None:  # an earlier attempt failed: this one succeeded
        row.status, row.error_type, row.error_reason = "ingested", None, None
        row.text, row.pages, row.updated_at = text, pages, now
        row.page_starts = list(page_starts)
        row.media_type, row.byte_size = media_type, byte_size
    else:
        row = DocumentRow(
            tenant=tenant,
            sha256=sha256,
            source_name=source_name[:255],
            media_type=media_type,
            byte_size=byte_size,
            pages=pages,
            text=text,
            page_starts=list(page_starts),
            status="ingested",
            created_at=now,
            created_by=actor,
            updated_at=now,
        )
        session.add(row)
    session.flush()
    append_event(
        session,
        AuditEvent(
            actor=actor,
            action="document.ingested",
            subjects={"document": str(row.id)},
            doc_hashes=(sha256,),
            record_kind="document",
            record_digest=document_row_digest(row),
        ),
        now=now,
        key=key,
    )
    return row, True


class DocumentRepository:
    """Store and find documents.

    Args:
        engine: The database.
        clock: Returns the current aware UTC time.
        key: The audit key the events are signed with.
        tenant: Whose documents these are (registering and finding by hash stay inside it).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime],
        key: AuditKey,
        tenant: str = "default",
    ) -> None:
        self.tenant = tenant
        self._engine = engine
        self._clock = clock
        self._key = key

    def register(
        self,
        *,
        sha256: str,
        source_name: str,
        text: str,
        pages: int,
        media_type: str | None = None,
        byte_size: int | None = None,
        page_starts: Sequence[int] = (),
        actor: str = "system",
    ) -> tuple[DocumentRecord, bool]:
        """Record an ingested document, or return the one with the same hash.

        Args:
            sha256: SHA-256 hex of the source bytes.
            source_name: The file name.
            text: The normalized text (kept so reviewers can see evidence in context).
            pages: Page count.
            media_type: Detected media type.
            byte_size: Size of the source.
            page_starts: Offset of each page in ``text``.
            actor: Who submitted it.

        Returns:
            The record and whether it was created now (``False``: it already existed).
        """
        existing = self.find_by_sha256(sha256)
        if existing is not None and existing.status != "failed":
            return existing, False
        try:
            with Session(self._engine) as session, session.begin():
                row, created = register_in(
                    session,
                    tenant=self.tenant,
                    sha256=sha256,
                    source_name=source_name,
                    text=text,
                    pages=pages,
                    media_type=media_type,
                    byte_size=byte_size,
                    page_starts=page_starts,
                    actor=actor,
                    now=self._clock(),
                    key=self._key,
                )
                return _record(row), created
        except IntegrityError:  # a concurrent writer registered the same bytes first
            again = self.find_by_sha256(sha256)
            if again is None:
                raise
            return again, False

    def record_failure(
        self,
        *,
        source_name: str,
        error_type: str,
        reason: str,
        sha256: str | None = None,
        byte_size: int | None = None,
        actor: str = "system",
    ) -> DocumentRecord:
        """Record a file that could not be ingested, so it is never silently dropped.

        Args:
            source_name: The file name.
            error_type: The ingest error's class name, e.g. ``EncryptedDocument``.
            reason: The error's fixed reason (never content).
            sha256: Hash of the bytes when they could be read (then a retry finds the record).
            byte_size: Size of the file, when known.
            actor: Who submitted it.
        """
        now = self._clock()
        existing = self.find_by_sha256(sha256) if sha256 else None
        if existing is not None and existing.status != "failed":
            return existing
        with Session(self._engine) as session, session.begin():
            if existing is not None:
                row = session.get_one(DocumentRow, existing.id)
                row.error_type, row.error_reason, row.updated_at = error_type, reason[:255], now
            else:
                row = DocumentRow(
                    tenant=self.tenant,
                    sha256=sha256,
                    source_name=source_name[:255],
                    byte_size=byte_size,
                    status="failed",
                    error_type=error_type[:64],
                    error_reason=reason[:255],
                    created_at=now,
                    created_by=actor,
                    updated_at=now,
                )
                session.add(row)
            session.flush()
            append_event(
                session,
                AuditEvent(
                    actor=actor,
                    action="document.failed",
                    subjects={"document": str(row.id)},
                    doc_hashes=(sha256,) if sha256 else (),
                    decision={"error_type": error_type[:64], "outcome": "failed"},
                    record_kind="document",
                    record_digest=document_row_digest(row),
                ),
                now=now,
                key=self._key,
            )
            return _record(row)

    def mark_failed(
        self, document_id: int, *, error_type: str, reason: str, actor: str = "system"
    ) -> DocumentRecord:
        """Mark a stored document failed at a later stage (e.g. extraction), with the reason.

        Args:
            document_id: The document.
            error_type: The error's class name, e.g. ``AllProvidersFailed``.
            reason: A fixed description (the error's message; never content).
            actor: Who ran the failing step.

        Raises:
            RecordNotFound: No such document.
        """
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise RecordNotFound("document", document_id)
            row.status, row.updated_at = "failed", now
            row.error_type, row.error_reason = error_type[:64], reason[:255]
            append_event(
                session,
                AuditEvent(
                    actor=actor,
                    action="document.failed",
                    subjects={"document": str(row.id)},
                    doc_hashes=(row.sha256,) if row.sha256 else (),
                    decision={"error_type": error_type[:64], "outcome": "failed"},
                    record_kind="document",
                    record_digest=document_row_digest(row),
                ),
                now=now,
                key=self._key,
            )
            return _record(row)

    def get(self, document_id: int) -> DocumentRecord:
        """Fetch a document by id.

        Raises:
            RecordNotFound: No such document.
        """
        with Session(self._engine) as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                raise RecordNotFound("document", document_id)
            return _record(row)

    def find_by_sha256(self, sha256: str) -> DocumentRecord | None:
        """This tenant's document with these bytes, if it was seen before."""
        query = select(DocumentRow).where(
            DocumentRow.tenant == self.tenant, DocumentRow.sha256 == sha256
        )
        with Session(self._engine) as session:
            row = session.scalars(query).first()
            return None if row is None else _record(row)

    def text(self, document_id: int) -> str:
        """The normalized text of a document (PHI: show it, never log it).

        Raises:
            RecordNotFound: No such document, or it failed before any text was read.
        """
        with Session(self._engine) as session:
            row = session.get(DocumentRow, document_id)
            if row is None or row.text is None:
                raise RecordNotFound("document text", document_id)
            return row.text

    def list(
        self, *, status: DocumentStatus | None = None, limit: int = 100, offset: int = 0
    ) -> builtins.list[DocumentRecord]:
        """This tenant's documents, newest first, optionally of one status."""
        query = (
            select(DocumentRow)
            .where(DocumentRow.tenant == self.tenant)
            .order_by(DocumentRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        if status is not None:
            query = query.where(DocumentRow.status == status)
        with Session(self._engine) as session:
            return [_record(row) for row in session.scalars(query)]

    def set_status(
        self, document_id: int, status: DocumentStatus, *, session: Session | None = None
    ) -> None:
        """Move a document to a new status (used by the workflow and the review queue).

        Raises:
            RecordNotFound: No such document.
        """
        if session is not None:
            self._set(session, document_id, status)
            return
        with Session(self._engine) as own, own.begin():
            self._set(own, document_id, status)

    def _set(self, session: Session, document_id: int, status: DocumentStatus) -> None:
        row = session.get(DocumentRow, document_id)
        if row is None:
            raise RecordNotFound("document", document_id)
        row.status = status
        row.updated_at = self._clock()
