"""Testing helpers for code that uses the store: a migrated SQLite file or PostgreSQL schema.

Shipped in the package (like ``structlog.testing``) so that every team's tests get the same
fresh, migrated database without copying fixtures. PostgreSQL tests call
:func:`postgres_unavailable_reason` first and skip with that reason when the server cannot be
reached, so a skipped backend is always visible in the test report, never silent.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from clinllm.store.engine import make_engine
from clinllm.store.migrate import upgrade

__all__ = [
    "DEFAULT_TEST_POSTGRES_URL",
    "migrated_postgres",
    "migrated_sqlite",
    "postgres_unavailable_reason",
    "test_postgres_url",
]

#: Where the test PostgreSQL server is expected (override with ``CLINLLM_TEST_POSTGRES_URL``).
DEFAULT_TEST_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def test_postgres_url() -> str:
    """The PostgreSQL URL tests use: ``CLINLLM_TEST_POSTGRES_URL`` or the local default."""
    return os.environ.get("CLINLLM_TEST_POSTGRES_URL", DEFAULT_TEST_POSTGRES_URL)


test_postgres_url.__test__ = False  # type: ignore[attr-defined]  # not a test for pytest


def postgres_unavailable_reason(url: str | None = None) -> str | None:
    """Why PostgreSQL tests cannot run here, or ``None`` when the server answers."""
    url = url or test_postgres_url()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "PostgreSQL tests skipped: the psycopg driver is not installed"
    engine = make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        where = make_url(url).render_as_string(hide_password=True)
        return f"PostgreSQL tests skipped: {where} unreachable ({type(exc).__name__})"
    finally:
        engine.dispose()
    return None


@contextmanager
def migrated_sqlite(directory: Path) -> Iterator[Engine]:
    """A migrated SQLite database file in ``directory``, disposed afterwards."""
    engine = make_engine(f"sqlite:///{directory / 'clinllm-test.db'}")
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def migrated_postgres(url: str | None = None) -> Iterator[Engine]:
    """A fresh PostgreSQL schema, migrated, used as the search path, dropped afterwards."""
    url = url or test_postgres_url()
    schema = f"clinllm_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
