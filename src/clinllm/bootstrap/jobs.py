"""Jobs in the composition root: which engine, what a job runs, which failures are transient.

PostgreSQL gets procrastinate (:mod:`clinllm.store.jobs_pg`); SQLite gets the embedded
in-process worker (:mod:`clinllm.store.jobs_embedded`). Either way a job runs its workflow on
its stored document through the same :class:`~clinllm.bootstrap.App` that ``clinllm extract``
and the Python API use, so a job's result is the one a direct call would give.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError

from clinllm.domain.audit import AuditKey
from clinllm.domain.ports import Job
from clinllm.errors import (
    AllProvidersFailed,
    CircuitOpen,
    ConfigError,
    DeadlineExceeded,
    ProviderConnectionError,
    ProviderTimeout,
    ProviderUnavailable,
    RateLimited,
)
from clinllm.settings import Settings
from clinllm.store.jobs import EmbeddedEngine, JobHandler, SqlJobQueue
from clinllm.store.jobs_embedded import EmbeddedWorker

if TYPE_CHECKING:
    from clinllm.bootstrap import App
    from clinllm.store.jobs_pg import ProcrastinateJobs

__all__ = [
    "SqlJobQueueLike",
    "build_jobs",
    "is_transient",
    "job_handler",
    "run_worker",
    "worker_name",
]

#: The job queue entrypoints operate on (the SQL adapter, with its synchronous methods).
SqlJobQueueLike = SqlJobQueue

#: World failures worth another attempt later: the provider or the database was unreachable
#: or busy. A content failure, a misconfiguration or an unreadable document is not: retrying
#: it would fail the same way, so it goes to the dead letter at once.
_TRANSIENT: tuple[type[BaseException], ...] = (
    ProviderUnavailable,
    RateLimited,
    ProviderTimeout,
    ProviderConnectionError,
    CircuitOpen,
    DeadlineExceeded,
    AllProvidersFailed,
    ConnectionError,
    TimeoutError,
    OperationalError,
    DisconnectionError,
)


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` is a transient failure (retried with backoff) or a dead letter."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, ConfigError) and exc.setting == "CLINLLM_DATABASE_URL":
        # The database could not be reached mid-job (a restart): the worker itself started,
        # so the URL is right; try again later rather than dead-lettering the job.
        return True
    return isinstance(exc, _TRANSIENT)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _conninfo(engine: Engine) -> str:
    """Libpq connection string of a SQLAlchemy PostgreSQL engine (driver suffix dropped)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def build_jobs(
    settings: Settings, engine: Engine, *, audit_key: AuditKey, concurrency: int = 1
) -> tuple[SqlJobQueue, ProcrastinateJobs | None]:
    """The job queue on ``engine``: procrastinate on PostgreSQL, embedded on SQLite.

    Returns:
        The queue (the ``JobQueue`` port) and, on PostgreSQL, the procrastinate wiring that
        runs workers.
    """
    options = settings.jobs
    if engine.dialect.name != "postgresql":
        queue = SqlJobQueue(
            engine,
            job_engine=EmbeddedEngine(),
            tenant=settings.tenant,
            clock=_utc_now,
            audit_key=audit_key,
            max_attempts=options.max_attempts,
            backoff_base_s=options.backoff_s,
        )
        return queue, None
    from clinllm.store.jobs_pg import ProcrastinateJobs, apply_procrastinate_schema

    apply_procrastinate_schema(engine)
    pg = ProcrastinateJobs(
        _conninfo(engine),
        concurrency=concurrency,
        heartbeat_s=options.heartbeat_s,
        stalled_after_s=options.stalled_after_s,
        backoff_base_s=options.backoff_s,
    )
    queue = SqlJobQueue(
        engine,
        job_engine=pg,
        tenant=settings.tenant,
        clock=_utc_now,
        audit_key=audit_key,
        max_attempts=options.max_attempts,
        backoff_base_s=options.backoff_s,
    )
    return queue, pg


def job_handler(app: App, jobs: SqlJobQueue) -> JobHandler:
    """What a job does: run its workflow on its stored document through ``app``."""

    async def handle(job: Job) -> Mapping[str, Any]:
        workflow = str(job.payload.get("workflow") or job.kind.removeprefix("run:"))
        if job.document_id is None:
            raise ConfigError(f"job {job.id} has no document", setting="job.document_id")
        document = await asyncio.to_thread(jobs.source_document, job.document_id)
        outcome = await app.run(workflow, document)
        result: dict[str, Any] = {"workflow": workflow, "route": outcome.route.action}
        stored = outcome.stored
        if stored is not None:
            result.update(
                document_id=stored.document_id,
                extraction_id=stored.extraction_id,
                created=stored.created,
            )
            if stored.review_item_id is not None:
                result["review_item_id"] = stored.review_item_id
        for name, action in outcome.actions.items():  # review items the actions opened
            if action.get("id") is not None:
                result[f"{name}_item_id"] = action["id"]
        return result

    return handle


def worker_name() -> str:
    """A name that tells an operator which machine and process a worker is."""
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_worker(
    app: App,
    *,
    concurrency: int = 1,
    queues: Sequence[str] | None = None,
    until_empty: bool = False,
) -> None:
    """Run a worker for ``app``'s database until SIGTERM/SIGINT (graceful shutdown).

    Embedded (SQLite), ``until_empty`` returns once no job is queued or running.
    """
    if app.store is None:
        raise ConfigError("a worker needs a database (persist=True)", setting="persist")
    settings = app.settings
    jobs, pg = build_jobs(
        settings, app.store.engine, audit_key=app.store.audit_key, concurrency=concurrency
    )
    handler = job_handler(app, jobs)
    if pg is not None:
        pg.register(jobs, handler, transient=is_transient)
        await pg.run_worker(
            concurrency=concurrency,
            queues=queues,
            name=worker_name(),
            shutdown_graceful_s=settings.jobs.shutdown_graceful_s,
        )
        return
    worker = EmbeddedWorker(
        jobs,
        handler,
        transient=is_transient,
        name=worker_name(),
        concurrency=concurrency,
        queues=queues,
        heartbeat_s=min(settings.jobs.heartbeat_s, settings.jobs.stalled_after_s / 3),
        stalled_after_s=settings.jobs.stalled_after_s,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await worker.run(stop=stop, until_empty=until_empty)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
