"""Workers on PostgreSQL (procrastinate): kill -9 mid-job, SIGTERM, connection loss.

Real ``clinllm worker`` processes, a real PostgreSQL database of the test's own, the real CLI
submitting, and the loopback mock model answering after a fixed latency. What must hold:
every job ends done exactly once (0 lost, 0 duplicated records or escalations) and the audit
chain verifies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clinllm.domain.audit import AuditKey
from clinllm.store import SqlAuditLog, make_engine
from clinllm.testing.fault_server import Fault, FaultServer

from .support import (
    AUDIT_KEY,
    CLINLLM,
    TRIAGE_ANSWER,
    job_status_counts,
    migrate,
    pg_database,
    rows,
    scalar,
    skip_reason,
    start_worker,
    stop_all,
    submit,
    wait_until,
    worker_env,
    write_messages,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def database_url() -> Iterator[str]:
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    with pg_database() as url:
        yield url


def _assert_exactly_once(database_url: str, jobs: int, emergencies: int) -> None:
    engine = make_engine(database_url)
    try:
        assert job_status_counts(engine) == {"done": jobs}
        assert scalar(engine, "SELECT count(*) FROM documents") == jobs
        # one result version per document: a re-run after a crash stored nothing twice
        assert scalar(engine, "SELECT count(*) FROM extractions") == jobs
        duplicated = rows(
            engine,
            "SELECT document_id FROM review_queue WHERE kind = 'triage.escalation' "
            "GROUP BY document_id HAVING count(*) > 1",
        )
        assert duplicated == []
        escalations = scalar(
            engine, "SELECT count(*) FROM review_queue WHERE kind = 'triage.escalation'"
        )
        assert escalations == emergencies
        # procrastinate's side: every run job succeeded, none left doing or todo
        left = rows(
            engine,
            "SELECT status, count(*) FROM procrastinate_jobs "
            "WHERE task_name = 'clinllm.run_job' GROUP BY status",
        )
        assert dict(left) == {"succeeded": jobs}
        verification = SqlAuditLog(
            engine, clock=lambda: datetime.now(UTC), key=AuditKey(AUDIT_KEY)
        ).verify()
        assert verification.ok, verification
    finally:
        engine.dispose()


def test_kill_9_mid_job_with_4_workers_and_200_jobs(database_url: str, tmp_path: Path) -> None:
    messages = tmp_path / "messages"
    emergencies = write_messages(messages, 200)
    with FaultServer(default=Fault.ok(TRIAGE_ANSWER, delay_s=0.2)) as model:
        env = worker_env(database_url, model, tmp_path / "data")
        migrate(database_url)
        engine = make_engine(database_url)
        # workers start while the submissions arrive (as in production, and it saves time)
        workers = [start_worker(env, tmp_path / f"w{i}.log") for i in range(4)]
        try:
            job_ids = submit(env, messages)
            assert len(set(job_ids)) == 200
            by_pid = {str(w.pid): w for w in workers}

            def running() -> list[tuple[str, str, int]]:
                return [
                    (r[0], r[1].rsplit(":", 1)[-1], int(r[2]))
                    for r in rows(
                        engine, "SELECT id, worker, attempts FROM jobs WHERE status = 'running'"
                    )
                ]

            # wait until a worker holds a job in the middle of its run, then kill -9 that worker
            assert wait_until(
                lambda: any(pid in by_pid for _, pid, _ in running()), timeout=180, every=0.05
            ), "no worker started a job"
            snapshot = running()
            victim_pid = next(pid for _, pid, _ in snapshot if pid in by_pid)
            victim = by_pid[victim_pid]
            held = {job_id: attempts for job_id, pid, attempts in snapshot if pid == victim_pid}
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait(10)
            assert wait_until(
                lambda: job_status_counts(engine).get("done", 0) == 200, timeout=150
            ), job_status_counts(engine)
            # the killed worker's jobs ran again elsewhere: one more attempt, done once. A job
            # the victim finished between the snapshot and the kill stays its own (no attempt
            # more). (A job may have had attempts before: a transient failure under load.)
            victim_tag = f":{victim.pid}"
            again = {
                job_id: (int(attempts), str(worker))
                for job_id, attempts, worker in rows(
                    engine,
                    "SELECT id, attempts, worker FROM jobs WHERE id = ANY(:ids)",
                    ids=list(held),
                )
            }
            assert held
            assert all(
                (a > held[job_id] and not w.endswith(victim_tag))
                or (a == held[job_id] and w.endswith(victim_tag))
                for job_id, (a, w) in again.items()
            ), (held, again)
            assert any(a > held[job_id] for job_id, (a, _) in again.items()), (
                "no job the killed worker held was run again"
            )
            assert all(w.poll() is None for w in workers if w is not victim), "a worker died"
        finally:
            stop_all(workers)
            engine.dispose()
    _assert_exactly_once(database_url, 200, emergencies)


def test_sigterm_finishes_the_jobs_in_hand_and_exits(database_url: str, tmp_path: Path) -> None:
    messages = tmp_path / "messages"
    write_messages(messages, 6, emergency_every=100)
    with FaultServer(default=Fault.ok(TRIAGE_ANSWER, delay_s=2.0)) as model:
        env = worker_env(database_url, model, tmp_path / "data")
        migrate(database_url)
        engine = make_engine(database_url)
        worker = start_worker(env, tmp_path / "w.log")
        try:
            submit(env, messages)
            assert wait_until(
                lambda: job_status_counts(engine).get("running", 0) == 2, timeout=60, every=0.05
            )
            started = time.monotonic()
            worker.send_signal(signal.SIGTERM)
            code = worker.wait(30)
            assert code == 0, (tmp_path / "w.log").read_text()
            assert time.monotonic() - started < 15
            counts = job_status_counts(engine)
            # the two in hand were finished, nothing was left running or lost
            assert counts.get("running", 0) == 0
            assert counts.get("done", 0) >= 2
            assert counts.get("done", 0) + counts.get("queued", 0) == 6
            doing = scalar(engine, "SELECT count(*) FROM procrastinate_jobs WHERE status = 'doing'")
            assert doing == 0
            # the rest is still queued for the next worker: nothing was taken and dropped
            todo = scalar(
                engine,
                "SELECT count(*) FROM procrastinate_jobs "
                "WHERE task_name = 'clinllm.run_job' AND status = 'todo'",
            )
            assert todo == counts.get("queued", 0)
        finally:
            stop_all([worker])
            engine.dispose()


def test_workers_reconnect_after_their_connections_are_terminated(
    database_url: str, tmp_path: Path
) -> None:
    messages = tmp_path / "messages"
    emergencies = write_messages(messages, 40)
    with FaultServer(default=Fault.ok(TRIAGE_ANSWER, delay_s=0.2)) as model:
        env = worker_env(database_url, model, tmp_path / "data")
        migrate(database_url)
        engine = make_engine(database_url)
        database = engine.url.database
        workers = [start_worker(env, tmp_path / f"w{i}.log") for i in range(2)]
        try:
            submit(env, messages)
            assert wait_until(lambda: job_status_counts(engine).get("done", 0) >= 5, timeout=60)
            for _ in range(2):  # as a server restart does: every session of the database dies
                killed = scalar(
                    engine,
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()",
                    db=database,
                )
                assert killed >= 2
                time.sleep(1.5)
            assert wait_until(lambda: job_status_counts(engine).get("done", 0) == 40, timeout=90), (
                job_status_counts(engine),
                rows(
                    engine,
                    "SELECT j.status, j.attempts, j.error_type, p.status, p.attempts, "
                    "p.scheduled_at > now() FROM jobs j "
                    "LEFT JOIN procrastinate_jobs p ON p.id = j.engine_job_id "
                    "WHERE j.status <> 'done'",
                ),
            )
            assert all(w.poll() is None for w in workers), "a worker died instead of reconnecting"
            # a completion procrastinate lost with its connection is reconciled by the sweep
            # (after stalled_after_s), so give its own table a few seconds to settle
            assert wait_until(
                lambda: (
                    not scalar(
                        engine,
                        "SELECT count(*) FROM procrastinate_jobs "
                        "WHERE task_name = 'clinllm.run_job' AND status <> 'succeeded'",
                    )
                ),
                timeout=30,
            ), rows(
                engine,
                "SELECT p.status, p.attempts, p.scheduled_at > now(), p.worker_id IS NULL, "
                "w.last_heartbeat > now() - interval '4 seconds', j.status, j.updated_at "
                "FROM procrastinate_jobs p LEFT JOIN procrastinate_workers w ON w.id = p.worker_id "
                "LEFT JOIN jobs j ON j.engine_job_id = p.id "
                "WHERE p.task_name = 'clinllm.run_job' AND p.status <> 'succeeded'",
            )
        finally:
            stop_all(workers)
            engine.dispose()
    _assert_exactly_once(database_url, 40, emergencies)


def test_a_worker_exits_cleanly_when_the_database_url_is_wrong(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CLINLLM_")},
        "CLINLLM_DATABASE_URL": "mysql://nowhere/db",
        "CLINLLM_DATA_DIR": str(tmp_path),
        "CLINLLM_DEFAULT_CHAIN": "rules",
    }
    done = subprocess.run(
        [CLINLLM, "worker"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 3
    assert "unsupported database backend" in done.stderr
