"""Shared fixtures: the async backend, library hooks that would log content switched off, and a
migrated store on each backend (the integration tests' ``engine``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import stamina.instrumentation
from sqlalchemy import Engine

from clinllm.store.testing import migrated_postgres, migrated_sqlite, postgres_unavailable_reason


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio (the backend the gateway and llama.cpp threads use)."""
    return "asyncio"


@pytest.fixture(autouse=True, scope="session")
def _no_retry_logging_hooks() -> None:
    """As bootstrap does in production: stamina's default hooks log call arguments."""
    stamina.instrumentation.set_on_retry_hooks([])


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test (and every CLI subprocess it starts) gets a fresh data dir and database."""
    monkeypatch.setenv("CLINLLM_DATA_DIR", str(tmp_path / "clinllm-data"))
    monkeypatch.delenv("CLINLLM_DATABASE_URL", raising=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A freshly migrated store: SQLite in the test's folder, then PostgreSQL.

    Without a reachable PostgreSQL server the second run is skipped with the reason.
    """
    if request.param == "sqlite":
        with migrated_sqlite(tmp_path) as engine:
            yield engine
        return
    reason = postgres_unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    with migrated_postgres() as engine:
        yield engine
