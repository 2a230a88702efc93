"""Which failures a job retries (with backoff) and which go to the dead letter at once."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from clinllm.bootstrap.jobs import is_transient, serve_workers
from clinllm.domain.audit import AuditKey
from clinllm.errors import (
    ConfigError,
    EmptyDocument,
    NotImplementedWorkflow,
    ProviderConnectionError,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
    RateLimited,
    SchemaViolation,
)
from clinllm.store.jobs import EmbeddedEngine, SqlJobQueue


@pytest.mark.parametrize(
    "exc",
    [
        ProviderUnavailable("mock:m"),
        RateLimited("mock:m"),
        ProviderTimeout("mock:m"),
        ProviderConnectionError("mock:m"),
        OperationalError("SELECT 1", {}, ConnectionError("server closed the connection")),
        ConnectionResetError(),
    ],
)
def test_world_failures_are_retried(exc: BaseException) -> None:
    assert is_transient(exc)


@pytest.mark.parametrize(
    "exc",
    [
        ConfigError("bad provider", setting="CLINLLM_DEFAULT_CHAIN"),
        EmptyDocument("empty.txt", "no text"),
        NotImplementedWorkflow("note_summary"),
        ProviderRejected("mock:m", status_code=401),
        SchemaViolation("TriageModelOutput", locations=("category",)),
        ValueError("a bug"),
    ],
)
def test_misuse_content_and_bugs_go_to_the_dead_letter(exc: BaseException) -> None:
    assert not is_transient(exc)


class _ServerEngine:
    """A job engine with a server of its own (procrastinate's place): not the embedded one."""

    def defer(self, session: object, job: object) -> int | None:
        return 1

    def cancel(self, session: object, job: object) -> None:
        return None


def _queue(job_engine: object) -> SqlJobQueue:
    from datetime import UTC, datetime

    from sqlalchemy import create_engine

    return SqlJobQueue(
        create_engine("sqlite://"),
        job_engine=job_engine,  # type: ignore[arg-type]
        tenant=None,
        clock=lambda: datetime.now(UTC),
        audit_key=AuditKey.ephemeral(),
    )


def test_serve_runs_the_embedded_worker_only_where_there_is_no_job_server() -> None:
    embedded = _queue(EmbeddedEngine())
    assert serve_workers(embedded, None) == 2
    assert serve_workers(embedded, 0) == 0
    assert serve_workers(embedded, 5) == 5
    server = _queue(_ServerEngine())
    assert serve_workers(server, None) == 0  # the service only enqueues
    with pytest.raises(ConfigError, match="clinllm worker"):
        serve_workers(server, 2)


def test_a_queue_scoped_to_a_tenant_is_the_same_queue() -> None:
    every = _queue(EmbeddedEngine())
    acme = every.for_tenant("acme")
    assert (every.tenant, acme.tenant) == (None, "acme")
    assert acme.engine is every.engine
    assert acme.job_engine is every.job_engine
