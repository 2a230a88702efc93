"""Helpers of the worker tests: a throwaway PostgreSQL database, worker processes, messages.

Each test gets its own database (procrastinate keeps its tables in the search path, so a
database is the clean unit), dropped afterwards with its connections. Workers are real
``clinllm worker`` processes; the model is the loopback fault server with a fixed latency.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from clinllm.store.engine import make_engine
from clinllm.store.testing import postgres_unavailable_reason, test_postgres_url
from clinllm.testing.fault_server import FaultServer

CLINLLM = str(Path(sys.executable).with_name("clinllm"))
#: A valid triage answer: the model says "routine"; the red-flag rules still escalate.
TRIAGE_ANSWER = json.dumps({"category": "other", "urgency": "routine", "evidence": []})


def skip_reason() -> str | None:
    """Why the PostgreSQL worker tests cannot run here (printed by the skip)."""
    return postgres_unavailable_reason()


@contextmanager
def pg_database() -> Iterator[str]:
    """A new empty database on the test server; its URL. Dropped (with its sessions) after."""
    base = make_url(test_postgres_url())
    name = f"jobs_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def migrate(database_url: str) -> None:
    """Bring the database to head and add procrastinate's schema, as the first process would.

    Done once before workers and submitters start together, so none of them waits on another's
    migration lock while the test's clock runs.
    """
    from clinllm.store.jobs_pg import apply_procrastinate_schema
    from clinllm.store.migrate import upgrade

    engine = make_engine(database_url)
    try:
        upgrade(engine)
        apply_procrastinate_schema(engine)
    finally:
        engine.dispose()


#: The audit key every process of a test signs with, so the test can verify the chain.
AUDIT_KEY = b"jobs-test-audit-key-0123456789"


def worker_env(
    database_url: str, model: FaultServer, data_dir: Path, **extra: str
) -> dict[str, str]:
    """Environment of every process of a test: the database, the mock model, fast heartbeats."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CLINLLM_") or k == "CLINLLM_TEST_POSTGRES_URL"
    }
    env.update(
        CLINLLM_DATABASE_URL=database_url,
        CLINLLM_DATA_DIR=str(data_dir),
        CLINLLM_DEFAULT_CHAIN="mock:fault-model,rules",
        CLINLLM_ENDPOINTS__MOCK__BASE_URL=model.base_url,
        CLINLLM_ENDPOINTS__MOCK__PHI_ALLOWED="true",
        CLINLLM_PSEUDONYM_SALT="jobs-test-salt-0123456789",
        CLINLLM_AUDIT_KEY=AUDIT_KEY.decode(),
        CLINLLM_JOBS__HEARTBEAT_S="1",
        CLINLLM_JOBS__STALLED_AFTER_S="4",
        CLINLLM_JOBS__BACKOFF_S="1",
        CLINLLM_LOG_LEVEL="ERROR",
    )
    env.update(extra)
    return env


def write_messages(directory: Path, count: int, *, emergency_every: int = 5) -> int:
    """``count`` distinct synthetic portal messages; every n-th an emergency. Their number."""
    directory.mkdir(parents=True, exist_ok=True)
    emergencies = 0
    for i in range(count):
        if i % emergency_every == 0:
            body = f"Message {i}: my father has crushing chest pain and cannot breathe right now."
            emergencies += 1
        else:
            body = f"Message {i}: please refill my lisinopril {10 + i % 7} mg, I have {i % 5} left."
        (directory / f"msg-{i:04d}.txt").write_text(body + "\n", encoding="utf-8")
    return emergencies


def submit(env: dict[str, str], directory: Path, workflow: str = "triage") -> list[str]:
    """Submit every file in ``directory`` with the CLI; the job ids."""
    files = sorted(str(p) for p in directory.iterdir())
    done = subprocess.run(
        [CLINLLM, "submit", workflow, *files, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [job["id"] for job in json.loads(done.stdout)]


def start_worker(
    env: dict[str, str], log: Path, *, concurrency: int = 2
) -> subprocess.Popen[bytes]:
    """A ``clinllm worker`` process (its own process group, so a test can kill it alone).

    Its standard error goes to ``log`` (read it when a test fails).
    """
    with log.open("ab") as sink:
        return subprocess.Popen(
            [CLINLLM, "worker", "--concurrency", str(concurrency)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
            start_new_session=True,
        )


def stop_all(workers: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM every live worker, then SIGKILL what is left after a grace period."""
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for worker in workers:
        try:
            worker.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)


def wait_until(predicate: Callable[[], bool], *, timeout: float, every: float = 0.25) -> bool:
    """Poll ``predicate`` until true or ``timeout`` seconds passed; whether it became true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return predicate()


def scalar(engine: Engine, sql: str, **params: Any) -> Any:
    """One value of a query."""
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def rows(engine: Engine, sql: str, **params: Any) -> list[Any]:
    """Every row of a query."""
    with engine.connect() as connection:
        return list(connection.execute(text(sql), params).all())


def job_status_counts(engine: Engine) -> dict[str, int]:
    """How many jobs rows are in each status."""
    return {s: n for s, n in rows(engine, "SELECT status, count(*) FROM jobs GROUP BY status")}
