"""Create a SQLAlchemy engine for clinllm with the settings each backend needs.

SQLite (the embedded default) needs foreign keys switched on, a busy timeout instead of an
immediate "database is locked", WAL so readers do not block the writer, and ``BEGIN
IMMEDIATE`` so a transaction takes the write lock when it starts: without it two writers
that both read first deadlock on the upgrade to a write lock. PostgreSQL needs nothing
special; ``postgresql://`` URLs are pointed at the psycopg 3 driver.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from clinllm.errors import ConfigError

__all__ = ["make_engine"]


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build an engine for a database URL.

    Args:
        url: ``sqlite:///relative/path.db``, ``sqlite:////abs/path.db``, ``sqlite://``
            (in memory) or ``postgresql://user@host/db``.
        **kwargs: Passed to :func:`sqlalchemy.create_engine`.

    Raises:
        ConfigError: The URL cannot be parsed or names an unsupported backend.
    """
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigError("database URL cannot be parsed", setting="CLINLLM_DATABASE_URL") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    if backend != "sqlite":
        raise ConfigError(
            f"unsupported database backend {backend!r}: use sqlite or postgresql",
            setting="CLINLLM_DATABASE_URL",
        )
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook below open transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
