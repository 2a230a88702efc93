"""Fixtures shared by the integration tests: a migrated database on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from clinllm.store.testing import migrated_postgres, migrated_sqlite, postgres_unavailable_reason


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
