"""Which failures a job retries (with backoff) and which go to the dead letter at once."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from clinllm.bootstrap.jobs import is_transient
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
