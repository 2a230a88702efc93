"""Bring a database to the current schema: run at startup by the app, no ``alembic.ini`` needed.

The migrations ship inside the package (:mod:`clinllm.store.migrations`), so an installed
clinllm can create or upgrade its own database wherever it runs. Running ``upgrade`` on an
up-to-date database does nothing, so every process may call it at start; on PostgreSQL
concurrent upgrades are serialized by an advisory lock.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from clinllm.store.engine import make_engine

__all__ = ["current_revision", "head_revision", "upgrade"]

_SCRIPTS = Path(__file__).parent / "migrations"
#: Advisory lock key that serializes concurrent upgrades on PostgreSQL (arbitrary, fixed).
_LOCK_KEY = 0x636C696E6D6967  # "clinmig"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def upgrade(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Apply every pending migration.

    Args:
        engine_or_url: An engine, or a database URL (``sqlite:///path.db``,
            ``postgresql+psycopg://...``); a URL gets an engine from :func:`make_engine`.
        revision: Target revision; ``head`` is the newest.
    """
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    try:
        config = _config()
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine, config, revision)
            return
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Workers starting together take turns; the later ones find nothing to do.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if isinstance(engine_or_url, str):
            engine.dispose()


def _upgrade_sqlite(engine: Engine, config: Config, revision: str) -> None:
    """Migrate SQLite with foreign-key enforcement off, then check every reference.

    A batch migration rebuilds a table (copy, drop, rename); with enforcement on, dropping a
    table that other rows reference fails, and the pragma cannot change inside a transaction.
    This is SQLite's own procedure for altering a table: enforcement off outside the
    transaction, ``foreign_key_check`` before commit, enforcement back on.
    """
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if raw is None:  # pragma: no cover - a live pooled connection always has one
            raise RuntimeError("no DBAPI connection to migrate")
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(
                        f"migration left {len(broken)} broken foreign-key references; rolled back"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def head_revision() -> str | None:
    """The newest revision shipped in this package."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision a database is at (``None`` before the first migration)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
