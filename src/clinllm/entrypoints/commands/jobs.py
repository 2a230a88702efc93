"""``clinllm submit``, ``clinllm worker`` and ``clinllm jobs list|show|retry|cancel``.

``submit`` and ``jobs`` act as the tenant of ``CLINLLM_TENANT``; ``worker`` takes the jobs of
every tenant (``--tenant`` for one) and runs each in its tenant's scope. ``submit`` reads each
file now and stores it with its job in one transaction; ``worker`` runs jobs (procrastinate on
PostgreSQL, on any number of machines; the embedded in-process worker on SQLite), stopping
gracefully on SIGTERM. ``submit --wait`` runs the embedded worker until the queue is empty, so
the CLI works offline with no separate process. Exit codes: 0 done; 1 a job failed; 2 bad input
(unknown id, a job that cannot move that way); 3 configuration.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from clinllm.bootstrap import App, build_app, build_store, configure_process
from clinllm.bootstrap.jobs import SqlJobQueueLike, build_jobs, run_worker
from clinllm.domain.ports import Job, JobStatus
from clinllm.entrypoints.commands import group
from clinllm.entrypoints.errors import EXIT_FAILED
from clinllm.errors import ConfigError
from clinllm.settings import load_settings

__all__ = ["app", "submit", "worker"]

app = group("jobs", "Background jobs: list, show, retry (failed or cancelled), cancel (queued).")

Provider = Annotated[
    str | None,
    typer.Option(help="Provider chain for the runs (default: CLINLLM_DEFAULT_CHAIN)."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
JobId = Annotated[str, typer.Argument(help="Job id (from `clinllm jobs list`).")]
Actor = Annotated[
    str, typer.Option("--by", envvar="CLINLLM_ACTOR", help="Who acts (recorded in the audit log).")
]


def _app(provider: str | None = None) -> App:
    settings = load_settings()
    configure_process(settings)
    return build_app(settings, chain=provider)


def _operate(action: Callable[[SqlJobQueueLike], Job | list[Job]]) -> Job | list[Job]:
    """Run one operator action on the job table alone (no gateway, no model: quick)."""
    settings = load_settings()
    configure_process(settings)
    store = build_store(settings)
    try:
        jobs, _ = build_jobs(
            settings, store.engine, audit_key=store.audit_key, tenant=settings.tenant
        )
        return action(jobs)
    finally:
        store.engine.dispose()


def _job_json(job: Job) -> dict[str, Any]:
    data: dict[str, Any] = job.model_dump(mode="json")
    return data


def _print_jobs(jobs: list[Job], title: str) -> None:
    table = Table(title=title)
    for column in ("id", "status", "kind", "document", "attempts", "error", "created (UTC)"):
        table.add_column(column)
    for job in jobs:
        table.add_row(
            job.id,
            job.status,
            job.kind,
            str(job.document_id or ""),
            str(job.attempts),
            job.error_type or "",
            job.created_at.strftime("%Y-%m-%d %H:%M:%S"),
        )
    Console().print(table)


def submit(
    workflow: Annotated[str, typer.Argument(help="Workflow: prior_auth, triage or note_summary.")],
    files: Annotated[list[Path], typer.Argument(help="Files to run it on (text, PDF, image).")],
    idempotency_key: Annotated[
        str | None,
        typer.Option(help="Key of this submission (one file only); default workflow:sha256."),
    ] = None,
    wait: Annotated[
        bool, typer.Option(help="Run the jobs now in this process (embedded SQLite only).")
    ] = False,
    patient: Annotated[
        str | None,
        typer.Option(help="note_summary: the Patient reference (Patient/123) for the Bundle."),
    ] = None,
    provider: Provider = None,
    as_json: AsJson = False,
) -> None:
    """Queue a workflow over each file as a job: the document and its job commit together.

    Jobs are the tenant's of ``CLINLLM_TENANT``.
    """
    if idempotency_key is not None and len(files) != 1:
        raise ConfigError("--idempotency-key names one submission: give one file", setting="key")
    built = _app(provider)

    async def go() -> list[Job]:
        async with built:
            submitted = [
                await built.submit(
                    workflow,
                    path,
                    source_name=path.name,
                    idempotency_key=idempotency_key,
                    options={"patient": patient} if patient else None,
                )
                for path in files
            ]
            if not wait:
                return submitted
            if built.store is None or built.store.engine.dialect.name == "postgresql":
                raise ConfigError(
                    "--wait runs the embedded worker: use `clinllm worker` on PostgreSQL",
                    setting="CLINLLM_DATABASE_URL",
                )
            await run_worker(built, until_empty=True, tenant=built.settings.tenant)
            return [await built.jobs.get(job.id) for job in submitted]

    jobs = asyncio.run(go())
    if as_json:
        typer.echo(json.dumps([_job_json(j) for j in jobs], indent=2))
    else:
        _print_jobs(jobs, "Submitted jobs")
    if any(j.status == "failed" for j in jobs):
        raise typer.Exit(EXIT_FAILED)


def worker(
    concurrency: Annotated[int, typer.Option(min=1, help="Jobs this worker runs at once.")] = 1,
    queues: Annotated[
        list[str] | None, typer.Option("--queues", "-q", help="Queues to take jobs from.")
    ] = None,
    provider: Provider = None,
    until_empty: Annotated[
        bool, typer.Option(help="Exit once no job is queued or running (embedded SQLite only).")
    ] = False,
    tenant: Annotated[
        str | None,
        typer.Option(help="Take only this tenant's jobs (embedded SQLite; default: every one)."),
    ] = None,
) -> None:
    """Run jobs of every tenant until SIGTERM/SIGINT, finishing the jobs in hand first.

    Each job runs in its tenant's scope (its review queue and audit events).
    """
    built = _app(provider)

    async def go() -> None:
        async with built:
            await built.warm_up()
            await run_worker(
                built,
                concurrency=concurrency,
                queues=queues,
                until_empty=until_empty,
                tenant=tenant,
            )

    asyncio.run(go())


@app.command("list")
def list_jobs(
    status: Annotated[
        str | None, typer.Option(help="queued, running, done, failed or cancelled.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    as_json: AsJson = False,
) -> None:
    """List jobs, newest first."""
    found = _operate(lambda jobs: jobs.list_sync(status=_status(status), limit=limit))
    jobs = found if isinstance(found, list) else [found]
    if as_json:
        typer.echo(json.dumps([_job_json(j) for j in jobs], indent=2))
    else:
        _print_jobs(jobs, "Jobs")


def _status(value: str | None) -> JobStatus | None:
    allowed: tuple[JobStatus, ...] = ("queued", "running", "done", "failed", "cancelled")
    if value is None:
        return None
    for status in allowed:
        if status == value:
            return status
    raise ConfigError(f"unknown job status {value!r}", setting="--status")


@app.command()
def show(job_id: JobId) -> None:
    """Show one job: status, attempts, the dead letter's reason, what its run stored."""
    _echo(_operate(lambda jobs: jobs.get_sync(job_id)))


@app.command()
def retry(job_id: JobId, by: Actor = "operator") -> None:
    """Queue a failed (dead-lettered) or cancelled job again."""
    _echo(_operate(lambda jobs: jobs.retry_sync(job_id, actor=by)))


@app.command()
def cancel(job_id: JobId, by: Actor = "operator") -> None:
    """Cancel a queued job (a running one finishes)."""
    _echo(_operate(lambda jobs: jobs.cancel_sync(job_id, actor=by)))


def _echo(job: Job | list[Job]) -> None:
    assert isinstance(job, Job)
    typer.echo(json.dumps(_job_json(job), indent=2))
