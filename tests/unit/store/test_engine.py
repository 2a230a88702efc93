from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from clinllm.errors import ConfigError
from clinllm.store import make_engine


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        engine.dispose()


def test_postgres_url_uses_psycopg3() -> None:
    engine = make_engine("postgresql://u@127.0.0.1:1/db")
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


@pytest.mark.parametrize("url", ["mysql://x@y/z", "not a url"])
def test_unsupported_urls(url: str) -> None:
    with pytest.raises(ConfigError) as info:
        make_engine(url)
    assert info.value.setting == "CLINLLM_DATABASE_URL"


def test_busy_journal_switch_is_retried() -> None:
    from clinllm.store.engine import _retry_busy

    calls: list[int] = []

    def flaky() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")

    _retry_busy(flaky, wait_s=5)
    assert len(calls) == 3


def test_busy_gives_up_after_the_wait_and_other_errors_raise_at_once() -> None:
    from clinllm.store.engine import _retry_busy

    def locked() -> None:
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _retry_busy(locked, wait_s=0.05)

    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("no such table: x")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _retry_busy(broken, wait_s=5)
    assert calls == [1]


def test_a_file_that_is_not_a_database_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"this is not a SQLite database file, just some text " * 40)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with pytest.raises(ConfigError) as info, engine.connect():
            pass
    finally:
        engine.dispose()
    assert info.value.setting == "CLINLLM_DATABASE_URL"
    assert str(path) not in str(info.value)
