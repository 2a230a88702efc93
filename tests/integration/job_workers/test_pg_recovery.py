"""Workers on PostgreSQL after their connections die: the pool recovers, nothing stays held.

procrastinate's pool must hand out working connections again at once after the server ended
every session (a restart, a failover), not after its timeout.

The stalled-job sweep: jobs a live worker holds ``doing`` but no longer runs.

A dropped connection can cost procrastinate a job's completion (or the attempt itself) while
the worker lives on and keeps heartbeating, so procrastinate's own stalled-worker check never
sees the job. The sweep reads the ``jobs`` rows instead: a ``running`` row whose heartbeat went
stale, or a row whose attempt ended, has its ``doing`` job retried (or marked succeeded).
The states are built directly (a real database, procrastinate's own calls), not raced for.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from clinllm.domain.audit import AuditKey
from clinllm.store import make_engine
from clinllm.store.jobs import SqlJobQueue
from clinllm.store.jobs_pg import ProcrastinateJobs, checked_pool

from .support import AUDIT_KEY, migrate, pg_database, scalar, skip_reason

pytestmark = pytest.mark.postgres

STALLED_AFTER_S = 1.0


@pytest.fixture
def database_url() -> Iterator[str]:
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    with pg_database() as url:
        yield url


def _now() -> datetime:
    return datetime.now(UTC)


async def _no_work(job: object) -> dict[str, str]:  # pragma: no cover - never run here
    raise AssertionError("the sweep runs no job")


def _status(engine: Engine, job_id: str) -> str:
    """procrastinate's status of the job behind ``jobs`` row ``job_id``."""
    return str(
        scalar(
            engine,
            "SELECT p.status FROM procrastinate_jobs p JOIN jobs j ON p.id = j.engine_job_id "
            "WHERE j.id = :id",
            id=job_id,
        )
    )


def test_the_sweep_retries_a_doing_job_that_no_live_worker_runs(database_url: str) -> None:
    migrate(database_url)
    engine = make_engine(database_url)
    conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    pg = ProcrastinateJobs(conninfo, heartbeat_s=0.2, stalled_after_s=STALLED_AFTER_S)
    queue = SqlJobQueue(
        engine, job_engine=pg, tenant=None, clock=_now, audit_key=AuditKey(AUDIT_KEY)
    )
    pg.register(queue, _no_work, transient=lambda exc: False)
    submitter = queue.for_tenant("t1")  # submitted first, as by another process
    lost, ended, alive = [submitter.enqueue_sync("noop", {"n": n}, f"key-{n}") for n in (1, 2, 3)]

    async def scenario() -> None:
        manager = pg.app.job_manager
        async with pg.app.open_async():
            # (the queue's calls are blocking: in a thread, as the worker runs them)
            worker_id = await manager.register_worker()
            for job in (lost, ended, alive):  # a live worker takes all three
                fetched = await manager.fetch_job(queues=None, worker_id=worker_id)
                assert fetched is not None
                assert await asyncio.to_thread(queue.start, job.id, worker="w1") is not None
            # its completion never reached procrastinate
            await asyncio.to_thread(queue.finish, ended.id, {"ok": True})

            async def live_worker(seconds: float) -> None:  # only `alive` still runs
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    await manager.update_heartbeat(worker_id)
                    await asyncio.to_thread(queue.heartbeat, [alive.id])
                    await asyncio.sleep(0.2)

            # nothing is stale yet: the sweep leaves every job alone
            assert await pg.retry_stalled() == 0
            await live_worker(STALLED_AFTER_S + 0.3)
            # an ended attempt after one limit; a silent running row not yet (a missed beat)
            assert await pg.retry_stalled() == 1
            assert _status(engine, ended.id) == "succeeded"
            assert _status(engine, lost.id) == "doing"
            await live_worker(2 * STALLED_AFTER_S)
            assert await pg.retry_stalled() == 1  # three limits without a beat: nobody runs it
            assert _status(engine, lost.id) == "todo"  # run again by a worker
            assert _status(engine, alive.id) == "doing"  # still in hand
            # a second sweep (another worker starting) finds nothing more to do
            assert await pg.retry_stalled() == 0

    try:
        asyncio.run(scenario())
    finally:
        engine.dispose()


def test_the_pool_replaces_connections_the_server_ended_without_waiting(database_url: str) -> None:
    conninfo = make_url(database_url).set(drivername="postgresql")
    dsn = conninfo.render_as_string(hide_password=False)
    database = conninfo.database

    async def scenario() -> float:
        pool = checked_pool(conninfo=dsn, min_size=2, max_size=4, open=False, timeout=20)
        await pool.open(wait=True)
        try:
            async with pool.connection() as connection:
                await connection.execute("SELECT 1")
            async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as admin:
                cursor = await admin.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    (database,),
                )
                killed: Any = await cursor.fetchone()
                assert killed[0] >= 2
            await asyncio.sleep(0.3)  # the server's notices reach the idle sockets
            started = time.monotonic()
            for _ in range(4):  # every connection handed out works
                async with pool.connection() as connection:
                    await connection.execute("SELECT 1")
            return time.monotonic() - started
        finally:
            await pool.close()

    # before the fix: a failed check put the dead connection back, PoolTimeout after 20 s
    assert asyncio.run(scenario()) < 10
