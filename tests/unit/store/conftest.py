from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from clinllm.store import Store
from clinllm.store.testing import migrated_sqlite


class TickingClock:
    """A clock that moves one second per reading, so ordering by time is deterministic."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path) as engine:
        yield engine


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine, clock=TickingClock())
