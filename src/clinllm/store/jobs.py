"""``SqlJobQueue``: the job port over the ``jobs`` table, for any job engine.

A job row is clinllm's record of one submission: its idempotency key, its document, its
status and attempts, the dead letter's reason, the ids its run stored. Which engine moves the
work is a :class:`JobEngine` given to the constructor:

* PostgreSQL: procrastinate (:mod:`clinllm.store.jobs_pg`) queues a job of its own in the
  *same transaction* as the row (and the document), workers take it with ``SKIP LOCKED``.
* SQLite (the embedded default): :class:`EmbeddedEngine`; the row itself is the queue, and
  :mod:`clinllm.store.jobs_embedded` runs it in-process with no server.

The worker-side steps (:meth:`SqlJobQueue.start`, :meth:`~SqlJobQueue.finish`,
:meth:`~SqlJobQueue.fail`) are shared, so both engines record attempts, backoff and dead
letters the same way. Every submission, dead letter, cancel and retry is audited in the
transaction that makes it.
"""

from __future__ import annotations

import builtins
import copy
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinllm.domain.audit import AuditKey
from clinllm.domain.ports import Job, JobStatus
from clinllm.domain.records import SourceDocument
from clinllm.errors import ConfigError, InvalidTransition, RecordNotFound
from clinllm.store.documents import register_in
from clinllm.store.job_engine import (
    EmbeddedEngine,
    JobEngine,
    JobHandler,
    Transient,
    audit_job,
    backoff_s,
    document_of,
    execute,
    job_of,
)
from clinllm.store.models import DocumentRow, JobRow

__all__ = [
    "EmbeddedEngine",
    "JobEngine",
    "JobHandler",
    "SqlJobQueue",
    "Transient",
    "backoff_s",
    "execute",
]


#: Statuses a job never leaves by itself.
_FINAL = ("done", "failed", "cancelled")
#: Documents read ahead with their jobs, kept until their handler asks (bounded).
_MAX_EARLY_INPUTS = 256


class SqlJobQueue:
    """The :class:`~clinllm.domain.ports.JobQueue` port over SQL: one queue for every tenant.

    Each row carries its tenant. A queue scoped to a tenant (:meth:`for_tenant`, what submitters
    and readers get) sees and touches only that tenant's jobs (another's id is
    :class:`RecordNotFound`); the unscoped queue (``tenant=None``, what workers get) claims and
    runs the jobs of every tenant.

    Args:
        engine: The database (schema at head).
        job_engine: What moves the work (:class:`EmbeddedEngine` or procrastinate's).
        tenant: Whose jobs these are; None for every tenant's (workers, not submitters).
        clock: Aware UTC clock.
        max_attempts: Attempts before a transient failure becomes a dead letter.
        backoff_base_s: First retry delay; doubled per attempt.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        job_engine: JobEngine,
        tenant: str | None,
        clock: Callable[[], datetime],
        audit_key: AuditKey,
        max_attempts: int = 5,
        backoff_base_s: float = 2.0,
    ) -> None:
        self.engine = engine
        self._key = audit_key
        self.job_engine = job_engine
        self.tenant = tenant
        self._clock = clock
        self.max_attempts = max_attempts
        self.backoff_base_s = backoff_base_s
        self._inputs: dict[int, SourceDocument] = {}  # read with their jobs' start

    def __repr__(self) -> str:
        return f"SqlJobQueue(engine={type(self.job_engine).__name__}, tenant={self.tenant!r})"

    def for_tenant(self, tenant: str) -> SqlJobQueue:
        """The same queue (engine, database, settings) seeing only ``tenant``'s jobs."""
        scoped = copy.copy(self)
        scoped.tenant = tenant
        return scoped

    def _owner(self) -> str:
        if self.tenant is None:
            raise ConfigError(
                "submitting needs a tenant: use queue.for_tenant(tenant)", setting="tenant"
            )
        return self.tenant

    def _mine(self, row: JobRow | None) -> bool:
        return row is not None and (self.tenant is None or row.tenant == self.tenant)

    def _scoped(self, query: Select[Any]) -> Select[Any]:
        return query if self.tenant is None else query.where(JobRow.tenant == self.tenant)

    # ------------------------------------------------------------------ submitting (the port)
    async def enqueue(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Job:
        """Queue a job, or return the one already queued under ``idempotency_key``."""
        return self.enqueue_sync(kind, payload, idempotency_key)

    def enqueue_sync(
        self,
        kind: str,
        payload: Mapping[str, Any],
        idempotency_key: str,
        *,
        actor: str = "system",
        queue: str = "default",
    ) -> Job:
        """:meth:`enqueue` for synchronous callers (the CLI)."""
        return self._write(
            kind, dict(payload), idempotency_key, document=None, actor=actor, queue=queue
        )

    async def submit(
        self,
        workflow: str,
        document: SourceDocument,
        *,
        idempotency_key: str | None = None,
        actor: str = "system",
        options: Mapping[str, str] | None = None,
    ) -> Job:
        """Store ``document`` and queue ``run:<workflow>`` on it, in one transaction."""
        return self.submit_sync(
            workflow, document, idempotency_key=idempotency_key, actor=actor, options=options
        )

    def submit_sync(
        self,
        workflow: str,
        document: SourceDocument,
        *,
        idempotency_key: str | None = None,
        actor: str = "system",
        queue: str = "default",
        options: Mapping[str, str] | None = None,
    ) -> Job:
        """:meth:`submit` for synchronous callers."""
        key = idempotency_key or f"{workflow}:{document.sha256}"
        payload = {**(options or {}), "workflow": workflow, "actor": actor}
        return self._write(
            f"run:{workflow}", payload, key, document=document, actor=actor, queue=queue
        )

    def _write(
        self,
        kind: str,
        payload: dict[str, Any],
        key: str,
        *,
        document: SourceDocument | None,
        actor: str,
        queue: str,
    ) -> Job:
        self._owner()
        for attempt in (1, 2):
            existing = self._by_key(key)
            if existing is not None:
                return existing
            try:
                return self._insert(kind, payload, key, document, actor=actor, queue=queue)
            except IntegrityError:
                # A concurrent submitter stored the same key (or the same document) first:
                # everything of ours rolled back; the second pass finds theirs.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _insert(
        self,
        kind: str,
        payload: dict[str, Any],
        key: str,
        document: SourceDocument | None,
        *,
        actor: str,
        queue: str,
    ) -> Job:
        now = self._clock()
        with Session(self.engine) as session, session.begin():
            document_id: int | None = None
            doc_hashes: tuple[str, ...] = ()
            if document is not None:
                doc_row, _ = register_in(
                    session,
                    tenant=self._owner(),
                    sha256=document.sha256,
                    source_name=document.source_name,
                    text=document.text,
                    pages=document.pages,
                    media_type=document.media_type,
                    byte_size=document.byte_size,
                    page_starts=document.page_starts,
                    actor=actor,
                    now=now,
                    key=self._key,
                )
                document_id = doc_row.id
                doc_hashes = (document.sha256,)
                payload = {**payload, "document_id": document_id}
            row = JobRow(
                id=uuid.uuid4().hex,
                tenant=self._owner(),
                kind=kind[:64],
                queue=queue[:64],
                idempotency_key=key[:255],
                payload=payload,
                document_id=document_id,
                status="queued",
                attempts=0,
                max_attempts=self.max_attempts,
                run_after=now,
                created_by=actor[:128],
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            row.engine_job_id = self.job_engine.defer(session, row)
            audit_job(session, row, "job.enqueued", actor, now, self._key, doc_hashes=doc_hashes)
            session.flush()
            return job_of(row)

    # --------------------------------------------------------------------- reading (the port)
    async def get(self, job_id: str) -> Job:
        """Fetch a job by id."""
        return self.get_sync(job_id)

    def get_sync(self, job_id: str) -> Job:
        """:meth:`get` for synchronous callers."""
        with Session(self.engine) as session:
            row = session.get(JobRow, job_id)
            if row is None or not self._mine(row):
                raise RecordNotFound("job", job_id)
            return job_of(row)

    def _by_key(self, key: str) -> Job | None:
        with Session(self.engine) as session:
            row = session.execute(
                select(JobRow).where(JobRow.tenant == self._owner(), JobRow.idempotency_key == key)
            ).scalar()
            return job_of(row) if row is not None else None

    async def list(
        self, *, status: JobStatus | None = None, kind: str | None = None, limit: int = 100
    ) -> builtins.list[Job]:
        """Jobs of this tenant, newest first."""
        return self.list_sync(status=status, kind=kind, limit=limit)

    def list_sync(
        self, *, status: JobStatus | None = None, kind: str | None = None, limit: int = 100
    ) -> builtins.list[Job]:
        """:meth:`list` for synchronous callers."""
        query = self._scoped(select(JobRow))
        if status is not None:
            query = query.where(JobRow.status == status)
        if kind is not None:
            query = query.where(JobRow.kind == kind)
        query = query.order_by(JobRow.created_at.desc(), JobRow.id).limit(limit)
        with Session(self.engine) as session:
            return [job_of(r) for r in session.execute(query).scalars()]

    def counts(self) -> dict[str, int]:
        """How many jobs of this tenant (of every tenant, unscoped) are in each status."""
        query = select(JobRow.status, func.count()).group_by(JobRow.status)
        if self.tenant is not None:
            query = query.where(JobRow.tenant == self.tenant)
        with Session(self.engine) as session:
            return {str(status): int(n) for status, n in session.execute(query).all()}

    def source_document(self, document_id: int) -> SourceDocument:
        """A stored document as the pipeline reads it (the worker's input; PHI).

        The one :meth:`start` or :meth:`claim` read with its job is handed out once without a
        second query.
        """
        early = self._inputs.pop(document_id, None)
        if early is not None:
            return early
        with Session(self.engine) as session:
            return document_of(session.get(DocumentRow, document_id), document_id)

    def _read_input(self, session: Session, job: Job) -> None:
        """Read the job's document in the transaction that starts it (one round trip less)."""
        if job.document_id is None:
            return
        if len(self._inputs) >= _MAX_EARLY_INPUTS:  # a handler that never asked: forget them
            self._inputs.clear()
        row = session.get(DocumentRow, job.document_id)
        if row is not None and row.sha256 is not None and row.text is not None:
            self._inputs[job.document_id] = document_of(row, job.document_id)

    # ---------------------------------------------------------------- operators (the port)
    async def retry(self, job_id: str, *, actor: str = "system") -> Job:
        """Queue a failed or cancelled job again, with its attempts reset."""
        return self.retry_sync(job_id, actor=actor)

    def retry_sync(self, job_id: str, *, actor: str = "system") -> Job:
        """:meth:`retry` for synchronous callers."""
        now = self._clock()
        with Session(self.engine) as session, session.begin():
            row = self._locked(session, job_id)
            if row.status not in ("failed", "cancelled"):
                raise InvalidTransition("job", job_id, state=row.status, action="retry")
            row.status, row.attempts, row.run_after, row.updated_at = "queued", 0, now, now
            row.error_type = row.reason = None
            row.engine_job_id = self.job_engine.defer(session, row)
            audit_job(session, row, "job.retried", actor, now, self._key)
            session.flush()
            return job_of(row)

    async def cancel(self, job_id: str, *, actor: str = "system") -> Job:
        """Cancel a queued job."""
        return self.cancel_sync(job_id, actor=actor)

    def cancel_sync(self, job_id: str, *, actor: str = "system") -> Job:
        """:meth:`cancel` for synchronous callers."""
        now = self._clock()
        with Session(self.engine) as session, session.begin():
            row = self._locked(session, job_id)
            if row.status != "queued":
                raise InvalidTransition("job", job_id, state=row.status, action="cancel")
            self.job_engine.cancel(session, row)
            row.status, row.reason, row.updated_at = "cancelled", "cancelled by an operator", now
            audit_job(session, row, "job.cancelled", actor, now, self._key)
            session.flush()
            return job_of(row)

    # ----------------------------------------------------------------- worker-side steps
    def start(self, job_id: str, *, worker: str) -> Job | None:
        """Mark a job running for one more attempt; None when it must not run (final).

        One ``UPDATE ... RETURNING`` (the row lock it takes serializes it against a
        concurrent start, cancel or sweep) and the job's document, in one transaction.
        """
        now = self._clock()
        query = (
            update(JobRow)
            .where(JobRow.id == job_id, JobRow.status.not_in(_FINAL))
            .values(
                status="running",
                attempts=JobRow.attempts + 1,
                worker=worker[:128],
                heartbeat_at=now,
                updated_at=now,
            )
        )
        if self.tenant is not None:
            query = query.where(JobRow.tenant == self.tenant)
        with Session(self.engine) as session, session.begin():
            row = session.execute(query.returning(JobRow)).scalar()
            if row is None:
                return None
            job = job_of(row)
            self._read_input(session, job)
            return job

    def finish(self, job_id: str, result: Mapping[str, Any]) -> Job:
        """Mark a job done with the ids its run stored (one ``UPDATE ... RETURNING``)."""
        now = self._clock()
        query = update(JobRow).where(JobRow.id == job_id)
        if self.tenant is not None:
            query = query.where(JobRow.tenant == self.tenant)
        values = {"status": "done", "result": dict(result), "updated_at": now}
        with Session(self.engine) as session, session.begin():
            row = session.execute(
                query.values(**values, error_type=None, reason=None).returning(JobRow)
            ).scalar()
            if row is None:
                raise RecordNotFound("job", job_id)
            return job_of(row)

    def fail(self, job_id: str, *, error_type: str, reason: str, transient: bool) -> Job:
        """Record a failed attempt: queued again after a backoff, or the dead letter.

        Only a transient failure (provider unavailable, rate limited, connection lost) is
        retried, and only while attempts remain; anything else fails the job at once with
        its reason (audited as ``job.failed``).

        Returns:
            The job: ``queued`` (with ``run_after`` set) when it will be retried.
        """
        now = self._clock()
        with Session(self.engine) as session, session.begin():
            row = self._locked(session, job_id)
            row.error_type, row.updated_at, row.heartbeat_at = error_type[:64], now, None
            if transient and row.attempts < row.max_attempts:
                delay = backoff_s(row.attempts, base_s=self.backoff_base_s)
                row.status, row.run_after = "queued", now + timedelta(seconds=delay)
                row.reason = f"retrying after a transient failure ({error_type})"[:255]
            else:
                row.status, row.reason = "failed", reason[:255]
                audit_job(session, row, "job.failed", "system", now, self._key)
            session.flush()
            return job_of(row)

    def claim(self, *, worker: str, queues: Sequence[str] | None = None) -> Job | None:
        """Take the oldest due queued job for one more attempt (the embedded engine's fetch).

        SQLite serializes writers (``BEGIN IMMEDIATE``), so two workers never take one row;
        on PostgreSQL ``FOR UPDATE SKIP LOCKED`` does the same.
        """
        now = self._clock()
        query = self._scoped(
            select(JobRow).where(JobRow.status == "queued", JobRow.run_after <= now)
        )
        if queues:
            query = query.where(JobRow.queue.in_(list(queues)))
        query = query.order_by(JobRow.run_after, JobRow.created_at).limit(1)
        with Session(self.engine) as session, session.begin():
            row = session.execute(query.with_for_update(skip_locked=True)).scalar()
            if row is None:
                return None
            row.status, row.attempts, row.worker = "running", row.attempts + 1, worker[:128]
            row.heartbeat_at = row.updated_at = now
            session.flush()
            job = job_of(row)
            self._read_input(session, job)
            return job

    def heartbeat(self, job_ids: Sequence[str]) -> None:
        """Refresh the heartbeat of running jobs (the liveness signal the stall sweeps read)."""
        if not job_ids:
            return
        now = self._clock()
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(JobRow)
                .where(JobRow.id.in_(list(job_ids)), JobRow.status == "running")
                .values(heartbeat_at=now)
            )

    def _locked(self, session: Session, job_id: str) -> JobRow:
        row = session.execute(select(JobRow).where(JobRow.id == job_id).with_for_update()).scalar()
        if row is None or not self._mine(row):
            raise RecordNotFound("job", job_id)
        return row

    def requeue_stalled(self, *, stalled_after_s: float, ids: Sequence[str] = ()) -> int:
        """Queue again running jobs whose worker stopped heartbeating (embedded engine)."""
        now = self._clock()
        cutoff = now - timedelta(seconds=stalled_after_s)
        query = update(JobRow).where(JobRow.status == "running", JobRow.heartbeat_at < cutoff)
        if self.tenant is not None:
            query = query.where(JobRow.tenant == self.tenant)
        if ids:
            query = query.where(JobRow.id.in_(list(ids)))
        with Session(self.engine) as session, session.begin():
            done = session.execute(
                query.values(status="queued", run_after=now, updated_at=now, worker=None)
            )
            return int(done.rowcount)  # type: ignore[attr-defined]
