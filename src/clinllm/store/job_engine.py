"""What moves jobs and what runs one: the engine port, the embedded engine, one attempt.

Shared by both engines (:mod:`clinllm.store.jobs_pg`, :mod:`clinllm.store.jobs_embedded`) so
that a job's attempt is recorded the same way whichever engine ran it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.orm import Session

from clinllm.domain.audit import AuditEvent, AuditKey
from clinllm.domain.ports import Job
from clinllm.domain.records import SourceDocument
from clinllm.errors import RecordNotFound
from clinllm.store.audit import append_event
from clinllm.store.models import DocumentRow, JobRow

if TYPE_CHECKING:
    from clinllm.store.jobs import SqlJobQueue

__all__ = [
    "EmbeddedEngine",
    "JobEngine",
    "JobHandler",
    "Transient",
    "audit_job",
    "backoff_s",
    "document_of",
    "execute",
    "job_of",
]

#: Runs one job (its workflow, through the composition root) and returns the ids it stored.
JobHandler = Callable[[Job], Awaitable[Mapping[str, Any]]]
#: Whether a failure is transient (retry with backoff) rather than a dead letter.
Transient = Callable[[BaseException], bool]


def job_of(row: JobRow) -> Job:
    """The port's view of a job row."""
    return Job(
        id=row.id,
        kind=row.kind,
        payload=dict(row.payload),
        idempotency_key=row.idempotency_key,
        status=row.status,  # type: ignore[arg-type]
        created_at=row.created_at,
        attempts=row.attempts,
        result=dict(row.result) if row.result is not None else None,
        tenant=row.tenant,
        queue=row.queue,
        document_id=row.document_id,
        error_type=row.error_type,
        reason=row.reason,
        updated_at=row.updated_at,
    )


def document_of(row: DocumentRow | None, document_id: int) -> SourceDocument:
    """A stored document as the pipeline reads it (a job's input; PHI).

    Raises:
        RecordNotFound: No such document, or one stored without its text (a failed ingest).
    """
    if row is None or row.sha256 is None or row.text is None:
        raise RecordNotFound("document", document_id)
    return SourceDocument(
        sha256=row.sha256,
        source_name=row.source_name,
        text=row.text,
        pages=row.pages or 0,
        media_type=row.media_type,
        byte_size=row.byte_size,
        page_starts=tuple(row.page_starts or ()),
    )


def audit_job(
    session: Session,
    row: JobRow,
    action: str,
    actor: str,
    now: datetime,
    key: AuditKey,
    *,
    doc_hashes: tuple[str, ...] = (),
) -> None:
    """Append a job's audit event (its tenant's) in the transaction that changes it."""
    subjects = {"job": row.id}
    if row.document_id is not None:
        subjects["document"] = str(row.document_id)
    decision: dict[str, str | list[str] | None] = {"kind": row.kind, "status": row.status}
    if row.error_type:
        decision["error_type"] = row.error_type
    event = AuditEvent(
        actor=actor,
        action=action,
        subjects=subjects,
        doc_hashes=doc_hashes,
        decision=decision,
        tenant=row.tenant,
    )
    append_event(session, event, now=now, key=key)


class JobEngine(Protocol):
    """What moves jobs: called inside the transaction that writes the job row."""

    def defer(self, session: Session, job: JobRow) -> int | None:
        """Queue the engine's own job for ``job`` on the session's connection; its id."""
        ...

    def cancel(self, session: Session, job: JobRow) -> None:
        """Withdraw the engine's job for a cancelled row (no-op when it has none)."""
        ...


class EmbeddedEngine:
    """The embedded default: the ``jobs`` row is the queue, nothing else to write."""

    def defer(self, session: Session, job: JobRow) -> int | None:
        """Nothing to queue: the embedded worker claims rows directly."""
        return None

    def cancel(self, session: Session, job: JobRow) -> None:
        """Nothing to withdraw: the row's status is what the embedded worker reads."""


def backoff_s(attempt: int, *, base_s: float = 2.0, cap_s: float = 300.0) -> float:
    """Seconds to wait before retrying after ``attempt`` transient failures: 2, 4, 8, ... s."""
    return float(min(cap_s, base_s * 2.0 ** max(0, attempt - 1)))


async def execute(
    jobs: SqlJobQueue,
    job: Job,
    handler: JobHandler,
    *,
    transient: Transient,
) -> Job:
    """Run a started job through ``handler`` and record how it ended.

    The database steps are blocking calls, so they run in a thread: a worker running several
    jobs at once keeps its event loop (and the other jobs' model calls) moving.

    Returns:
        The job as recorded: ``done``, ``failed`` (dead letter) or ``queued`` again (a
        transient failure with attempts left; the caller's engine schedules the retry).
    """
    try:
        result = await handler(job)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure is recorded, none is lost
        retry = transient(exc)
        reason = (
            f"transient failure ({type(exc).__name__}), attempts exhausted"
            if retry
            else f"permanent failure ({type(exc).__name__})"
        )
        return await asyncio.to_thread(
            jobs.fail, job.id, error_type=type(exc).__name__, reason=reason, transient=retry
        )
    return await asyncio.to_thread(jobs.finish, job.id, result)
