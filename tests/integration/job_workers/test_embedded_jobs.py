"""The job queue on SQLite (the embedded default): transactional submit, idempotency, retries
with backoff for transient failures only, dead letters, cancel/retry, stalled rows re-queued.

Real SQLite files; the embedded worker in this process with scripted handlers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from clinllm.domain.audit import AuditKey
from clinllm.domain.hashing import sha256_hex
from clinllm.domain.ports import Job
from clinllm.domain.records import SourceDocument
from clinllm.errors import ConfigError, InvalidTransition, ProviderUnavailable, RateLimited
from clinllm.store.jobs import EmbeddedEngine, SqlJobQueue
from clinllm.store.jobs_embedded import EmbeddedWorker
from clinllm.store.models import AuditRow, DocumentRow, JobRow
from clinllm.store.testing import migrated_sqlite

pytestmark = pytest.mark.anyio


def transient(exc: BaseException) -> bool:
    return isinstance(exc, ProviderUnavailable | RateLimited)


def document(text: str) -> SourceDocument:
    return SourceDocument(sha256=sha256_hex(text), source_name="msg.txt", text=text)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path) as engine:
        yield engine


def queue(engine: Engine, **options: Any) -> SqlJobQueue:
    return SqlJobQueue(
        engine,
        job_engine=options.pop("job_engine", EmbeddedEngine()),
        tenant="t1",
        clock=lambda: datetime.now(UTC),
        audit_key=options.pop("audit_key", AuditKey.ephemeral()),
        **options,
    )


def count(engine: Engine, model: type[Any]) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


class BrokenEngine(EmbeddedEngine):
    def defer(self, session: Session, job: JobRow) -> int | None:
        raise ConnectionError("the job engine is down")


async def test_no_document_without_its_job_when_the_enqueue_fails(engine: Engine) -> None:
    jobs = queue(engine, job_engine=BrokenEngine())
    with pytest.raises(ConnectionError):
        await jobs.submit("triage", document("Please refill my inhaler."))
    assert count(engine, DocumentRow) == 0
    assert count(engine, JobRow) == 0
    assert count(engine, AuditRow) == 0  # the document.ingested event rolled back too


async def test_the_same_document_twice_is_one_job_unless_the_key_differs(engine: Engine) -> None:
    jobs = queue(engine)
    first = await jobs.submit("triage", document("Please refill my inhaler."))
    again = await jobs.submit("triage", document("Please refill my inhaler."))
    other = await jobs.submit(
        "triage", document("Please refill my inhaler."), idempotency_key="resubmit-2"
    )
    assert again.id == first.id
    assert other.id != first.id
    assert other.document_id == first.document_id
    assert count(engine, DocumentRow) == 1
    assert [j.id for j in await jobs.list()] == [other.id, first.id]  # newest first


def scripted(*outcomes: BaseException | None) -> tuple[list[str], Any]:
    calls: list[str] = []
    script = list(outcomes)

    async def handler(job: Job) -> Mapping[str, Any]:
        calls.append(job.id)
        outcome = script.pop(0) if script else None
        if outcome is not None:
            raise outcome
        return {"document_id": job.document_id}

    return calls, handler


async def run_until_empty(jobs: SqlJobQueue, handler: Any, **options: Any) -> EmbeddedWorker:
    worker = EmbeddedWorker(jobs, handler, transient=transient, name="test", **options)
    await asyncio.wait_for(worker.run(until_empty=True), 30)
    return worker


async def test_transient_failures_are_retried_with_backoff_then_done(engine: Engine) -> None:
    jobs = queue(engine, backoff_base_s=0.2)
    job = await jobs.submit("triage", document("Refill please."))
    calls, handler = scripted(ProviderUnavailable("mock:m"), RateLimited("mock:m"), None)
    loop = asyncio.get_running_loop()
    started = loop.time()
    worker = await run_until_empty(jobs, handler, poll_s=0.05)
    done = await jobs.get(job.id)
    assert done.status == "done"
    assert done.attempts == 3
    assert len(calls) == 3
    assert worker.stats.retried == 2
    assert worker.stats.done == 1
    assert loop.time() - started >= 0.2 + 0.4  # backoff 0.2 s, then 0.4 s


async def test_a_permanent_failure_is_dead_lettered_at_once_with_its_reason(
    engine: Engine,
) -> None:
    jobs = queue(engine)
    job = await jobs.submit("triage", document("Refill please."))
    calls, handler = scripted(ConfigError("bad provider", setting="CLINLLM_DEFAULT_CHAIN"))
    await run_until_empty(jobs, handler)
    failed = await jobs.get(job.id)
    assert failed.status == "failed"
    assert failed.attempts == 1
    assert len(calls) == 1
    assert failed.error_type == "ConfigError"
    assert failed.reason == "permanent failure (ConfigError)"
    with Session(engine) as session:
        actions = session.scalars(select(AuditRow.action).order_by(AuditRow.seq)).all()
    assert actions[-1] == "job.failed"


async def test_transient_failures_past_max_attempts_are_dead_lettered(engine: Engine) -> None:
    jobs = queue(engine, max_attempts=2, backoff_base_s=0.05)
    job = await jobs.submit("triage", document("Refill please."))
    _, handler = scripted(*(ProviderUnavailable("mock:m") for _ in range(5)))
    await run_until_empty(jobs, handler, poll_s=0.02)
    failed = await jobs.get(job.id)
    assert (failed.status, failed.attempts) == ("failed", 2)
    assert failed.reason == "transient failure (ProviderUnavailable), attempts exhausted"


async def test_cancel_a_queued_job_then_retry_it(engine: Engine) -> None:
    jobs = queue(engine)
    job = await jobs.submit("triage", document("Refill please."))
    cancelled = await jobs.cancel(job.id, actor="ops")
    assert cancelled.status == "cancelled"
    calls, handler = scripted()
    await run_until_empty(jobs, handler)
    assert calls == []  # a cancelled job never runs
    with pytest.raises(InvalidTransition):
        await jobs.cancel(job.id)
    assert (await jobs.retry(job.id, actor="ops")).status == "queued"
    await run_until_empty(jobs, handler)
    assert (await jobs.get(job.id)).status == "done"
    with pytest.raises(InvalidTransition):
        await jobs.retry(job.id)


async def test_a_running_row_whose_worker_stopped_heartbeating_is_queued_again(
    engine: Engine,
) -> None:
    jobs = queue(engine)
    job = await jobs.submit("triage", document("Refill please."))
    taken = jobs.claim(worker="dead-worker")
    assert taken is not None
    assert taken.id == job.id
    assert jobs.requeue_stalled(stalled_after_s=30) == 0  # its heartbeat is fresh
    with Session(engine) as session, session.begin():
        row = session.get_one(JobRow, job.id)
        row.heartbeat_at = datetime.now(UTC) - timedelta(seconds=60)
    assert jobs.requeue_stalled(stalled_after_s=30) == 1
    calls, handler = scripted()
    await run_until_empty(jobs, handler)
    done = await jobs.get(job.id)
    assert done.status == "done"
    assert done.attempts == 2
    assert calls == [job.id]
