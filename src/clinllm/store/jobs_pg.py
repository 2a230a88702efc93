"""Jobs on PostgreSQL through procrastinate: transactional enqueue, SKIP LOCKED, LISTEN/NOTIFY.

procrastinate (an existing, maintained engine: no home-made queue) moves the work; clinllm's
``jobs`` row (:mod:`clinllm.store.jobs`) records each submission. What its documentation and
issue threads warn about, and what this module does about it:

* **Transactional enqueue.** The procrastinate job is inserted on the *same* connection and
  transaction as the ``jobs`` row and the document (``configure(connection=...)``, procrastinate
  3.8+), so a submission commits whole or not at all.
* **Stalled jobs are not retried by themselves.** A worker killed with SIGKILL leaves its jobs
  ``doing`` forever. Workers heartbeat every ``heartbeat_s``; every worker sweeps every
  ``stalled_after_s / 2`` in its own loop (:meth:`ProcrastinateJobs._keep_alive`, beside the
  heartbeat: as a procrastinate periodic job, the sweep once left a lost completion
  unreconciled for over 30 s after the database's sessions were terminated, the cause not
  found) and retries the jobs of workers whose heartbeat is older than ``stalled_after_s``.
  Each worker also sweeps once at start, so a restarted fleet picks up what the dead one held.
  Two sweeps racing on one job: the second finds it no longer ``doing`` and moves on.
* **LISTEN needs its own connection.** The pool keeps at least two connections (one listens,
  the others run queries); its size grows with ``concurrency``.
* **Graceful shutdown.** procrastinate's worker stops taking jobs on SIGTERM/SIGINT and waits
  for the running ones (``shutdown_graceful_s`` then aborts them; an aborted job is retried).
* **Connection loss.** A database restart can kill procrastinate's own loop (listener, fetcher,
  heartbeat), not only a job's query: a worker that had started reconnects with backoff
  instead of dying. The pool checks connections before handing them out, without the empty
  query procrastinate's default check sends (a round trip per fetch and per completion): an
  idle connection the server closed has a readable socket
  (:func:`~clinllm.store.engine.connection_still_open`); an exception that
  escapes a job (a query on a dropped connection) makes procrastinate retry the job with
  backoff; the workflow's own transient failures are retried the same way, others become the
  ``jobs`` row's dead letter and the procrastinate job ends.
* **A lost completion.** procrastinate records a job's end on its pool; when that connection
  dies at that moment, the job stays ``doing`` under a worker that lives on and keeps
  heartbeating, so procrastinate's stalled-worker check never retries it. The worker keeps the
  ``jobs`` rows it runs heartbeating too, and the sweep retries a ``doing`` job whose row
  ended long enough ago, or whose row is ``running`` with a heartbeat three stall limits old
  (no worker runs it; a beat or two missed under load is not enough to run a job twice).

The schema is procrastinate's own SQL (``SchemaManager.get_schema()``), applied once under an
advisory lock when its tables are missing; clinllm's migrations do not copy it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import procrastinate
import psycopg
import psycopg_pool
from procrastinate.exceptions import ConnectorException
from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from clinllm.store.engine import connection_still_open
from clinllm.store.jobs import JobHandler, SqlJobQueue, Transient, execute
from clinllm.store.models import JobRow

__all__ = [
    "ProcrastinateJobs",
    "RetryLater",
    "apply_procrastinate_schema",
    "checked_pool",
    "lost_completions",
]

#: Advisory lock key that serializes applying procrastinate's schema (arbitrary, fixed).
_SCHEMA_LOCK = 0x636C696E6A6F62  # "clinjob"
RUN_TASK = "clinllm.run_job"


class RetryLater(Exception):
    """Raised by the task so procrastinate schedules the job's next attempt (with backoff)."""


def apply_procrastinate_schema(engine: Engine) -> bool:
    """Create procrastinate's tables and functions unless they exist; True when created."""
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        exists = connection.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar()
        if exists is not None:
            return False
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute(SchemaManager.get_schema())
        return True


async def _check_open(connection: psycopg.AsyncConnection[Any]) -> None:
    """The pool's check before it hands a connection out: raise for one the server closed.

    The connection is closed first: the pool replaces a connection that failed its check only
    when it is broken, and psycopg does not know yet that this one is (no query failed on it).
    Left open, it would go back to the pool and fail every later check until the pool's
    timeout: after a database restart no worker would get a connection again.
    """
    if not connection_still_open(connection):
        await connection.close()
        raise psycopg.OperationalError("the database closed this connection")


def checked_pool(**options: Any) -> psycopg_pool.AsyncConnectionPool[Any]:
    """The pool procrastinate gets: :func:`_check_open` instead of its round-trip check."""
    options["check"] = _check_open
    return psycopg_pool.AsyncConnectionPool(**options)


def lost_completions(
    engine: Engine, *, before: datetime, running_before: datetime
) -> list[tuple[int, str]]:
    """Jobs procrastinate holds ``doing`` that no worker is running.

    Two ways a dropped connection leaves one behind while its worker lives on (so
    procrastinate's own stalled-worker check never sees it): the row's attempt ended but
    procrastinate's completion was lost (row not ``running``, last changed before ``before``);
    or the attempt itself died with its connection before it could record anything (row
    ``running``, its heartbeat, kept fresh while the job runs, older than ``running_before``:
    set it well before ``before``, since a job retried while its worker still runs it would
    run twice).

    Returns:
        (procrastinate job id, row status) of each such job.
    """
    query = text(
        "SELECT p.id, j.status FROM jobs j JOIN procrastinate_jobs p "
        "ON p.id = j.engine_job_id WHERE p.status = 'doing' AND ("
        "(j.status <> 'running' AND j.updated_at < :before) "
        "OR (j.status = 'running' AND COALESCE(j.heartbeat_at, j.updated_at) < :running))"
    )
    params = {  # the columns hold naive UTC
        "before": before.astimezone(UTC).replace(tzinfo=None),
        "running": running_before.astimezone(UTC).replace(tzinfo=None),
    }
    with engine.connect() as connection:
        rows = connection.execute(query, params).all()
    return [(int(r[0]), str(r[1])) for r in rows]


def _raw(session: Session) -> Any:
    """The psycopg connection under the session's transaction."""
    return session.connection().connection.driver_connection


class ProcrastinateJobs:
    """procrastinate wired for clinllm: the :class:`~clinllm.store.jobs.JobEngine` and workers.

    Args:
        conninfo: libpq connection string (``postgresql://...``, no SQLAlchemy driver suffix).
        concurrency: Jobs one worker runs at once (sizes the pool).
        heartbeat_s: Worker heartbeat interval.
        stalled_after_s: A worker silent this long is dead; its ``doing`` jobs are retried.
        backoff_base_s: First retry delay of a failed attempt (then exponential).
        retry_attempts: procrastinate retries of one job (the ``jobs`` row's own attempts
            decide the dead letter; this only bounds infrastructure failures).
    """

    def __init__(
        self,
        conninfo: str,
        *,
        concurrency: int = 1,
        heartbeat_s: float = 10.0,
        stalled_after_s: float = 30.0,
        backoff_base_s: float = 2.0,
        retry_attempts: int = 10,
    ) -> None:
        connector = procrastinate.PsycopgConnector(
            conninfo=conninfo,
            min_size=2,
            max_size=max(4, concurrency + 2),
            pool_factory=checked_pool,
        )
        self.app = procrastinate.App(connector=connector)
        self.heartbeat_s = heartbeat_s
        self.stalled_after_s = stalled_after_s
        self._retry = procrastinate.RetryStrategy(
            max_attempts=retry_attempts, exponential_wait=max(1, round(backoff_base_s))
        )
        self._jobs: SqlJobQueue | None = None
        self._running: set[str] = set()

    def __repr__(self) -> str:
        return f"ProcrastinateJobs(stalled_after_s={self.stalled_after_s})"

    # ------------------------------------------------------------------ JobEngine (deferring)
    def defer(self, session: Session, job: JobRow) -> int | None:
        """Insert procrastinate's job for ``job`` in the caller's transaction."""
        return self.app.configure_task(RUN_TASK, queue=job.queue, connection=_raw(session)).defer(
            job_id=job.id
        )

    def cancel(self, session: Session, job: JobRow) -> None:
        """Cancel procrastinate's job in the caller's transaction (a queued one only)."""
        if job.engine_job_id is not None:
            self.app.job_manager.cancel_job_by_id(job.engine_job_id, connection=_raw(session))

    # ----------------------------------------------------------------------------- workers
    def register(self, jobs: SqlJobQueue, handler: JobHandler, *, transient: Transient) -> None:
        """Define the tasks a worker runs: one job of a workflow, and the stalled-job sweep."""
        self._jobs = jobs
        app = self.app

        @app.task(name=RUN_TASK, retry=self._retry, pass_context=True)
        async def run_job(context: procrastinate.JobContext, job_id: str) -> None:
            job = await asyncio.to_thread(
                jobs.start, job_id, worker=context.worker_name or "worker"
            )
            if job is None:  # done, failed or cancelled meanwhile: nothing to do twice
                return
            self._running.add(job.id)
            try:
                ended = await execute(jobs, job, handler, transient=transient)
            finally:
                self._running.discard(job.id)
            if ended.status == "queued":
                raise RetryLater(ended.error_type or "transient")

    async def retry_stalled(self) -> int:
        """Retry the ``doing`` jobs of workers whose heartbeat is older than the limit.

        Then reconcile: a job whose attempt ended (its ``jobs`` row is queued for a retry, or
        final) while procrastinate still has it ``doing`` lost procrastinate's own completion
        to a dropped connection, and its live worker will never finish it: it is retried (or
        marked succeeded) here.
        """
        stalled = await self.app.job_manager.get_stalled_jobs(
            seconds_since_heartbeat=self.stalled_after_s
        )
        count = 0
        for job in stalled:
            try:
                await self.app.job_manager.retry_job(job)
            except ConnectorException:  # another sweep (a worker starting) retried it first
                continue
            count += 1
        count += await self._reconcile()
        if count:
            logging.getLogger("clinllm.jobs").info("retried %d stalled jobs", count)
        return count

    async def _reconcile(self) -> int:
        if self._jobs is None:
            return 0
        jobs = self._jobs
        now = datetime.now(UTC)
        lost = await asyncio.to_thread(
            lost_completions,
            jobs.engine,
            before=now - timedelta(seconds=self.stalled_after_s),
            # a row heartbeat missed under load must not run a job twice: wait three limits
            running_before=now - timedelta(seconds=3 * self.stalled_after_s),
        )
        manager = self.app.job_manager
        count = 0
        for engine_job_id, status in lost:
            try:
                if status in ("queued", "running"):
                    await manager.retry_job_by_id_async(engine_job_id, retry_at=datetime.now(UTC))
                else:
                    await manager.finish_job_by_id_async(
                        engine_job_id, status=procrastinate.jobs.Status.SUCCEEDED, delete_job=False
                    )
            except ConnectorException:  # no longer ``doing``: another sweep got there first
                continue
            count += 1
        return count

    async def _keep_alive(self) -> None:
        """Heartbeat the ``jobs`` rows this worker runs; sweep every ``stalled_after_s / 2``."""
        jobs = self._jobs
        if jobs is None:
            return
        sweep_every = self.stalled_after_s / 2
        last_sweep = time.monotonic()
        while True:
            await asyncio.sleep(min(self.heartbeat_s, sweep_every))
            try:
                await asyncio.to_thread(jobs.heartbeat, sorted(self._running))
                if time.monotonic() - last_sweep >= sweep_every:
                    last_sweep = time.monotonic()
                    await self.retry_stalled()
            except Exception as exc:  # noqa: BLE001 - a dropped connection: the next beat retries
                logging.getLogger("clinllm.jobs").warning(
                    "job heartbeat or sweep failed (%s)", type(exc).__name__
                )

    async def run_worker(
        self,
        *,
        concurrency: int,
        queues: Sequence[str] | None,
        name: str,
        shutdown_graceful_s: float | None = None,
        install_signal_handlers: bool = True,
    ) -> None:
        """Run one worker until SIGTERM/SIGINT (finishing the jobs in hand) or cancellation."""
        options: dict[str, Any] = {}
        if queues:  # procrastinate: no queues given = every queue
            options["queues"] = list(queues)
        if shutdown_graceful_s is not None:  # not given = wait for the jobs however long
            options["shutdown_graceful_timeout"] = shutdown_graceful_s
        keep_alive = asyncio.create_task(self._keep_alive(), name="job heartbeat and sweep")
        try:
            await self._work(
                concurrency=concurrency,
                name=name,
                options=options,
                install_signal_handlers=install_signal_handlers,
            )
        finally:
            keep_alive.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keep_alive

    async def _work(
        self, *, concurrency: int, name: str, options: dict[str, Any], install_signal_handlers: bool
    ) -> None:
        started, delay = False, 0.5
        while True:
            try:
                async with self.app.open_async():
                    await self.retry_stalled()
                    started, delay = True, 0.5
                    await self.app.run_worker_async(
                        concurrency=concurrency,
                        name=name,
                        update_heartbeat_interval=self.heartbeat_s,
                        stalled_worker_timeout=self.stalled_after_s,
                        install_signal_handlers=install_signal_handlers,
                        fetch_job_polling_interval=1.0,
                        **options,
                    )
                return
            except ConnectorException as exc:
                # The database went away under procrastinate's own loop (a restart kills the
                # listener and the fetcher too, not only a job's query). A worker that ran
                # before reconnects with backoff; the jobs it held are retried by the stall
                # sweep. One that never connected stops here: its configuration is wrong.
                if not started:
                    raise
                logging.getLogger("clinllm.jobs").warning(
                    "worker lost the database (%s); reconnecting in %.1f s",
                    type(exc).__name__,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
