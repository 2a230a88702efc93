"""Jobs in the composition root: which engine, what a job runs, which failures are transient.

PostgreSQL gets procrastinate (:mod:`clinllm.store.jobs_pg`); SQLite gets the embedded
in-process worker (:mod:`clinllm.store.jobs_embedded`). One queue holds every tenant's jobs; a
worker takes them all (or one tenant's) and runs each in its tenant's scope
(:meth:`clinllm.bootstrap.service.Service.scope`, the same scope an HTTP request of that tenant
gets), through the same :class:`~clinllm.bootstrap.App` that ``clinllm extract`` and the Python
API use, so a job's result is the one a direct call would give.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError

from clinllm.bootstrap.service import NOTE_SUMMARY, Service, build_service
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
from clinllm.store import Store
from clinllm.store.jobs import EmbeddedEngine, JobHandler, SqlJobQueue
from clinllm.store.jobs_embedded import EmbeddedWorker

if TYPE_CHECKING:
    from clinllm.bootstrap import App
    from clinllm.store.jobs_pg import ProcrastinateJobs

__all__ = [
    "SqlJobQueueLike",
    "build_jobs",
    "embedded_worker",
    "is_transient",
    "job_handler",
    "run_worker",
    "serve_workers",
    "service_jobs",
    "serving_worker",
    "warm_up",
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
    settings: Settings,
    engine: Engine,
    *,
    audit_key: AuditKey,
    concurrency: int = 1,
    tenant: str | None = None,
) -> tuple[SqlJobQueue, ProcrastinateJobs | None]:
    """The job queue on ``engine``: procrastinate on PostgreSQL, embedded on SQLite.

    Args:
        settings: The job settings (attempts, backoff, heartbeats) come from here.
        engine: The database (schema at head).
        audit_key: Signs the queue's audit events (the store's key).
        concurrency: Jobs one worker runs at once (sizes procrastinate's pool).
        tenant: Scope the queue to one tenant's jobs; None sees every tenant's (a worker's
            queue; submitters take :meth:`~SqlJobQueue.for_tenant`).

    Returns:
        The queue (the ``JobQueue`` port) and, on PostgreSQL, the procrastinate wiring that
        runs workers.
    """
    options = settings.jobs
    if engine.dialect.name != "postgresql":
        queue = SqlJobQueue(
            engine,
            job_engine=EmbeddedEngine(),
            tenant=tenant,
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
        tenant=tenant,
        clock=_utc_now,
        audit_key=audit_key,
        max_attempts=options.max_attempts,
        backoff_base_s=options.backoff_s,
    )
    return queue, pg


def job_handler(service: Service, jobs: SqlJobQueue) -> JobHandler:
    """What a job does: run its workflow on its stored document, in its tenant's scope."""

    async def handle(job: Job) -> Mapping[str, Any]:
        workflow = str(job.payload.get("workflow") or job.kind.removeprefix("run:"))
        if job.document_id is None:
            raise ConfigError(f"job {job.id} has no document", setting="job.document_id")
        document = await asyncio.to_thread(jobs.source_document, job.document_id)
        actor = str(job.payload.get("actor") or "system")
        patient = job.payload.get("patient")
        references = {"patient": str(patient)} if workflow == NOTE_SUMMARY and patient else None
        outcome = await service.run(
            job.tenant, workflow, document, source_name=None, actor=actor, references=references
        )
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
        if outcome.fhir is not None:  # validated as `summarize` does; not kept in the result
            from clinllm.fhir import validate_bundle

            problems = await asyncio.to_thread(validate_bundle, dict(outcome.fhir))
            result["fhir_valid"] = not problems
        for name, action in outcome.actions.items():  # review items the actions opened
            if action.get("id") is not None:
                result[f"{name}_item_id"] = action["id"]
        return result

    return handle


#: What a worker's recognizers read once before its first job: invented, no identifiers.
_WARM_UP_TEXT = (
    "Portal message: please refill my lisinopril 10 mg, two tablets left. Mild headache since "
    "yesterday. Assessment: hypertension, type 2 diabetes. Follow up in 3 months."
)


async def warm_up(app: App) -> None:
    """Load, before the first job, what each workflow loads on its first run.

    The triage layer's embedding model, the note summary's ICD-10-CM index, the recognizers'
    compiled patterns are loaded lazily; without this a fresh worker's first job of each
    workflow pays for them (measured on 2 shared cores: about 0.4 s for triage, 5 s for a
    note summary), and a fleet started together pays it all at once on its first jobs. Only
    the recognizers run, on an invented text: nothing is stored, audited or sent to a model.
    A failure here is logged and the worker starts anyway (its first job then loads lazily).
    """

    def recognize_every_workflow() -> None:
        for spec in app.specs.values():
            spec.recognize(_WARM_UP_TEXT)

    try:
        await asyncio.to_thread(recognize_every_workflow)
    except Exception as exc:  # noqa: BLE001 - a warm-up must never keep a worker from starting
        logging.getLogger("clinllm.jobs").warning("warm-up failed (%s)", type(exc).__name__)


def worker_name() -> str:
    """A name that tells an operator which machine and process a worker is."""
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_worker(
    app: App,
    *,
    concurrency: int = 1,
    queues: Sequence[str] | None = None,
    until_empty: bool = False,
    tenant: str | None = None,
) -> None:
    """Run a worker for ``app``'s database until SIGTERM/SIGINT (graceful shutdown).

    It takes the jobs of every tenant, or of ``tenant`` alone (embedded SQLite only: on
    PostgreSQL run one fleet for all tenants, or give a tenant queues of its own). Embedded,
    ``until_empty`` returns once no job is queued or running.
    """
    store = _store(app)
    settings = app.settings
    jobs, pg = build_jobs(
        settings, store.engine, audit_key=store.audit_key, concurrency=concurrency, tenant=tenant
    )
    handler = job_handler(build_service(app), jobs)
    await warm_up(app)  # before the worker registers: its first job runs warm
    if pg is not None:
        if tenant is not None:
            raise ConfigError(
                "--tenant restricts the embedded worker only: on PostgreSQL use --queues",
                setting="tenant",
            )
        pg.register(jobs, handler, transient=is_transient)
        await pg.run_worker(
            concurrency=concurrency,
            queues=queues,
            name=worker_name(),
            shutdown_graceful_s=settings.jobs.shutdown_graceful_s,
        )
        return
    worker = embedded_worker(app, jobs, handler, concurrency=concurrency, queues=queues)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await worker.run(stop=stop, until_empty=until_empty)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)


def _store(app: App) -> Store:
    if app.store is None:
        raise ConfigError("a worker needs a database (persist=True)", setting="persist")
    return app.store


def embedded_worker(
    app: App,
    jobs: SqlJobQueue,
    handler: JobHandler,
    *,
    concurrency: int,
    queues: Sequence[str] | None = None,
) -> EmbeddedWorker:
    """The in-process worker on ``jobs`` with the settings' heartbeat and stall limits."""
    options = app.settings.jobs
    return EmbeddedWorker(
        jobs,
        handler,
        transient=is_transient,
        name=worker_name(),
        concurrency=concurrency,
        queues=queues,
        heartbeat_s=min(options.heartbeat_s, options.stalled_after_s / 3),
        stalled_after_s=options.stalled_after_s,
    )


def service_jobs(app: App) -> SqlJobQueue:
    """The queue ``clinllm serve`` hands the API: every tenant's jobs (each request scopes it)."""
    store = _store(app)
    jobs, _ = build_jobs(app.settings, store.engine, audit_key=store.audit_key)
    return jobs


def serve_workers(jobs: SqlJobQueue, requested: int | None) -> int:
    """Jobs the service's in-process worker runs at once: 2 on SQLite unless told, 0 on PG.

    Raises:
        ConfigError: Workers asked for on PostgreSQL (``clinllm worker`` runs them there).
    """
    if isinstance(jobs.job_engine, EmbeddedEngine):
        return 2 if requested is None else requested
    if requested:
        raise ConfigError(
            "--workers runs the embedded worker: on PostgreSQL run `clinllm worker`",
            setting="--workers",
        )
    return 0


@contextlib.asynccontextmanager
async def serving_worker(
    app: App, service: Service, jobs: SqlJobQueue, *, concurrency: int
) -> AsyncIterator[EmbeddedWorker | None]:
    """Run the embedded worker inside the service while the block runs (SQLite only).

    On PostgreSQL (or with ``concurrency`` 0) nothing runs here: the service only enqueues
    and ``clinllm worker`` processes take the jobs. On leaving, the worker takes nothing new
    and finishes the jobs in hand (a job cut short is re-queued by the stalled sweep).
    """
    if concurrency < 1 or not isinstance(jobs.job_engine, EmbeddedEngine):
        yield None
        return
    worker = embedded_worker(app, jobs, job_handler(service, jobs), concurrency=concurrency)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop=stop))
    try:
        yield worker
    finally:
        stop.set()
        await task
