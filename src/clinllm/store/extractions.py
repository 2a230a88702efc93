"""Extractions repository: versioned workflow output with its evidence and findings.

An extraction is never updated in place. A new run or a reviewer's correction adds a version
that points at the one it supersedes, so the record always shows what the model said, what a
person changed, who and when. Storing the same payload again for the same document and
workflow returns the latest version instead of adding a duplicate (idempotent re-runs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinllm.domain.audit import AuditEvent, AuditKey
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.hashing import canonical_json, sha256_hex
from clinllm.domain.records import ExtractionRecord
from clinllm.errors import RecordNotFound
from clinllm.store.audit import append_event
from clinllm.store.audit_records import extraction_row_digest
from clinllm.store.models import DocumentRow, EvidenceRow, ExtractionRow, FindingRow

__all__ = ["ExtractionRepository", "payload_sha256"]


def payload_sha256(payload: Mapping[str, Any]) -> str:
    """SHA-256 of a payload's canonical JSON: equal payloads hash equal whatever the key order."""
    return sha256_hex(canonical_json(payload))


def extraction_record(row: ExtractionRow) -> ExtractionRecord:
    """Turn a row into its frozen record."""
    return ExtractionRecord.model_validate(row, from_attributes=True)


def add_version(
    session: Session,
    *,
    document_id: int,
    workflow: str,
    payload: Mapping[str, Any],
    created_by: str,
    now: datetime,
    model: str | None = None,
    provider: str | None = None,
    prompt_version: str | None = None,
    confidence: Mapping[str, Any] | None = None,
    evidence: Sequence[Evidence] = (),
    findings: Sequence[Finding] = (),
    action: str = "extraction.created",
    key: AuditKey,
    run_key: str | None = None,
) -> ExtractionRow:
    """Insert the next version inside the caller's transaction, with evidence, findings, audit."""
    document = session.get(DocumentRow, document_id)
    if document is None:
        raise RecordNotFound("document", document_id)
    latest = session.scalars(
        select(ExtractionRow)
        .where(ExtractionRow.document_id == document_id, ExtractionRow.workflow == workflow)
        .order_by(ExtractionRow.version.desc())
        .limit(1)
    ).first()
    row = ExtractionRow(
        document_id=document_id,
        workflow=workflow,
        version=(latest.version + 1) if latest else 1,
        payload=dict(payload),
        payload_sha256=payload_sha256(payload),
        confidence=None if confidence is None else dict(confidence),
        model=model,
        provider=provider,
        prompt_version=prompt_version,
        created_at=now,
        created_by=created_by,
        supersedes_id=latest.id if latest else None,
        run_key=run_key,
    )
    session.add(row)
    session.flush()
    session.add_all(
        EvidenceRow(
            extraction_id=row.id,
            field=(item.field or "")[:128],
            page=item.page,
            start=item.start,
            end=item.end,
            quote=item.text,
            source=item.source,
        )
        for item in evidence
    )
    session.add_all(
        FindingRow(
            extraction_id=row.id,
            code=item.code,
            severity=item.severity,
            field=item.field,
            detail=item.message[:500],
        )
        for item in findings
    )
    session.flush()
    if document.status in ("ingested", "failed"):
        document.status = "extracted"
        document.updated_at = now
    append_event(
        session,
        AuditEvent(
            actor=created_by,
            action=action,
            subjects={
                "document": str(document_id),
                "extraction": str(row.id),
                **({"supersedes": str(latest.id)} if latest else {}),
            },
            model=model,
            doc_hashes=(document.sha256,) if document.sha256 else (),
            decision={
                "workflow": workflow,
                "version": str(row.version),
                "payload_sha256": row.payload_sha256,
                "prompt_version": prompt_version,
            },
            record_kind="extraction",
            record_digest=extraction_row_digest(session, row),
        ),
        now=now,
        key=key,
    )
    return row


def _same_run(
    session: Session, document_id: int, workflow: str, digest: str, run_key: str | None
) -> ExtractionRow | None:
    """The stored version this write would duplicate: same run key, or same latest payload."""
    if run_key is not None:
        found = session.scalars(select(ExtractionRow).where(ExtractionRow.run_key == run_key))
        row = found.first()
        if row is not None:
            return row
    latest = session.scalars(
        select(ExtractionRow)
        .where(ExtractionRow.document_id == document_id, ExtractionRow.workflow == workflow)
        .order_by(ExtractionRow.version.desc())
        .limit(1)
    ).first()
    return latest if latest is not None and latest.payload_sha256 == digest else None


class ExtractionRepository:
    """Store and read extraction versions.

    Args:
        engine: The database.
        clock: Returns the current aware UTC time.
        key: The audit key the events are signed with.
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime], key: AuditKey) -> None:
        self._engine = engine
        self._clock = clock
        self._key = key

    def add(
        self,
        document_id: int,
        workflow: str,
        payload: Mapping[str, Any],
        *,
        created_by: str = "system",
        model: str | None = None,
        provider: str | None = None,
        prompt_version: str | None = None,
        confidence: Mapping[str, Any] | None = None,
        evidence: Sequence[Evidence] = (),
        findings: Sequence[Finding] = (),
        run_key: str | None = None,
    ) -> tuple[ExtractionRecord, bool]:
        """Store a workflow's output as the document's next version.

        Args:
            document_id: The document it was extracted from.
            workflow: ``prior_auth``, ``note_summary``, ...
            payload: The validated output as JSON-compatible data.
            created_by: ``system`` or the user id.
            model: The model that produced it (``None`` for the rules engine).
            provider: The provider string that answered.
            prompt_version: Version of the prompt used.
            confidence: Per-field confidence.
            evidence: Evidence spans for the values.
            findings: Validation findings.
            run_key: The run's idempotency key (tenant, workflow, workflow version, input
                hash): a version stored under it is returned instead of adding another.

        Returns:
            The record and whether a new version was created (``False`` when a version of the
            same run exists, or the payload equals the latest version's).

        Raises:
            RecordNotFound: No such document.
        """
        digest = payload_sha256(payload)
        attempts = 3
        for attempt in range(attempts):
            try:
                with Session(self._engine) as session, session.begin():
                    # Checked inside the write transaction: a concurrent run of the same input
                    # commits first or fails on the unique run key and retries into this check.
                    same = _same_run(session, document_id, workflow, digest, run_key)
                    if same is not None:
                        return extraction_record(same), False
                    row = add_version(
                        session,
                        document_id=document_id,
                        workflow=workflow,
                        payload=payload,
                        created_by=created_by,
                        now=self._clock(),
                        model=model,
                        provider=provider,
                        prompt_version=prompt_version,
                        confidence=confidence,
                        evidence=evidence,
                        findings=findings,
                        key=self._key,
                        run_key=run_key,
                    )
                    return extraction_record(row), True
            except IntegrityError:  # a concurrent writer took this version number: retry
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def get(self, extraction_id: int) -> ExtractionRecord:
        """Fetch one version by id.

        Raises:
            RecordNotFound: No such extraction.
        """
        with Session(self._engine) as session:
            row = session.get(ExtractionRow, extraction_id)
            if row is None:
                raise RecordNotFound("extraction", extraction_id)
            return extraction_record(row)

    def latest(self, document_id: int, workflow: str) -> ExtractionRecord | None:
        """The newest version for a document and workflow, if any."""
        with Session(self._engine) as session:
            row = session.scalars(
                select(ExtractionRow)
                .where(ExtractionRow.document_id == document_id, ExtractionRow.workflow == workflow)
                .order_by(ExtractionRow.version.desc())
                .limit(1)
            ).first()
            return None if row is None else extraction_record(row)

    def history(self, document_id: int, workflow: str) -> list[ExtractionRecord]:
        """Every version for a document and workflow, oldest first."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(ExtractionRow)
                .where(ExtractionRow.document_id == document_id, ExtractionRow.workflow == workflow)
                .order_by(ExtractionRow.version)
            )
            return [extraction_record(row) for row in rows]

    def evidence(self, extraction_id: int) -> list[Evidence]:
        """Evidence spans stored with a version (each with its field path)."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(EvidenceRow)
                .where(EvidenceRow.extraction_id == extraction_id)
                .order_by(EvidenceRow.id)
            )
            return [
                Evidence(
                    start=r.start,
                    end=r.end,
                    text=r.quote,
                    page=r.page,
                    field=r.field or None,
                    source=r.source,
                )
                for r in rows
            ]

    def findings(self, extraction_id: int) -> list[Finding]:
        """Findings stored with a version."""
        with Session(self._engine) as session:
            rows = session.scalars(
                select(FindingRow)
                .where(FindingRow.extraction_id == extraction_id)
                .order_by(FindingRow.id)
            )
            return [
                Finding(
                    code=r.code,
                    severity=r.severity,  # type: ignore[arg-type]
                    message=r.detail or "",
                    field=r.field,
                )
                for r in rows
            ]

    def count(self, workflow: str | None = None) -> int:
        """Number of stored versions, optionally for one workflow."""
        query = select(func.count()).select_from(ExtractionRow)
        if workflow is not None:
            query = query.where(ExtractionRow.workflow == workflow)
        with Session(self._engine) as session:
            return int(session.scalar(query) or 0)
