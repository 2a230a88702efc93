"""Create a SQLAlchemy engine for clinllm with the settings each backend needs.

SQLite (the embedded default) needs foreign keys switched on, a busy timeout instead of an
immediate "database is locked", WAL so readers do not block the writer, and ``BEGIN
IMMEDIATE`` so a transaction takes the write lock when it starts: without it two writers
that both read first deadlock on the upgrade to a write lock. ``postgresql://`` URLs are
pointed at the psycopg 3 driver.

PostgreSQL connections are checked when the pool hands them out, without a round trip: a
server that terminated the session (a restart, a failover, ``pg_terminate_backend``) has sent
its goodbye or closed the socket, so an idle connection whose socket is readable, or that
psycopg already knows is broken, is replaced before use (:func:`connection_still_open`).
SQLAlchemy's ``pool_pre_ping`` did the same with a ``SELECT 1`` per checkout (about five
round trips per job). What the check cannot see (a peer that vanished without closing the
socket) fails the first statement with ``connection_invalidated`` set, which SQLAlchemy
answers by recycling the pool and a job worker by retrying the job (a transient failure).

Database failures are translated here, at the adapter boundary, into the one exception tree:
a database that cannot be reached or opened is a :class:`~clinllm.errors.ConfigError` naming
``CLINLLM_DATABASE_URL`` (exit 3, not an internal error), and a value the database refuses
(PostgreSQL's NUL bytes in text, an id longer than its column) is an
:class:`~clinllm.errors.InputError`. Neither message carries the value or the URL's password.

A SQLite file clinllm creates is made 0600 and its directory 0700: it holds documents' text.
"""

from __future__ import annotations

import contextlib
import os
import select
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import ExceptionContext, make_url

from clinllm.errors import ConfigError, InputError

__all__ = ["connection_still_open", "make_engine"]


_SETTING = "CLINLLM_DATABASE_URL"
_BUSY_WAIT_S = 10.0


def _retry_busy(statement: Callable[[], object], *, wait_s: float = _BUSY_WAIT_S) -> None:
    """Run a SQLite statement, retrying while another connection holds the lock.

    ``PRAGMA journal_mode=WAL`` answers "database is locked" at once, without waiting out
    ``busy_timeout``, while another connection is creating the file or switching its journal
    mode: several processes opening a new database together (workers, a service and a CLI)
    would fail at random. Retry with a short backoff for up to ``wait_s`` seconds.
    """
    deadline = time.monotonic() + wait_s
    delay = 0.005
    while True:
        try:
            statement()
            return
        except sqlite3.OperationalError as exc:
            locked = "locked" in str(exc) or "busy" in str(exc)
            if not locked or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _translate(context: ExceptionContext) -> None:
    """Raise the clinllm error for a database failure (SQLAlchemy's ``handle_error`` hook)."""
    original = context.original_exception
    error = context.sqlalchemy_exception
    if isinstance(error, sa_exc.DataError) or (
        isinstance(original, ValueError) and "NUL" in str(original)
    ):
        raise InputError(
            "the database refused a value: text with NUL bytes, or an identifier or label "
            "longer than its column allows"
        ) from original
    # Only a failure to connect is a configuration error. A connection that broke while in use
    # (a restarted server, a terminated backend) stays SQLAlchemy's own disconnect error, with
    # ``connection_invalidated`` set, so that a job worker retries it as transient.
    # A file that is not a database (DatabaseError) is as much a wrong setting as a missing one.
    unreachable = context.connection is None
    if unreachable and isinstance(error, sa_exc.DatabaseError | sa_exc.InterfaceError):
        raise ConfigError(
            f"the database cannot be reached or opened ({type(original).__name__}): "
            f"check {_SETTING}",
            setting=_SETTING,
        ) from original


def connection_still_open(dbapi_connection: Any) -> bool:
    """Whether an idle psycopg connection is still usable, judged without a round trip.

    Idle in the pool, a connection has nothing to read: readable data is the server's
    termination notice or the end of the stream (or, harmlessly, a message nobody awaits; the
    connection is then replaced for nothing).
    """
    if getattr(dbapi_connection, "broken", False) or getattr(dbapi_connection, "closed", False):
        return False
    pgconn = getattr(dbapi_connection, "pgconn", None)
    if pgconn is None:  # not psycopg: nothing to judge by, trust it
        return True
    import psycopg

    try:
        readable, _, _ = select.select([pgconn.socket], [], [], 0)
    except (OSError, ValueError, psycopg.Error):  # psycopg: "the connection is lost"
        return False
    return not readable


def _check_open(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Pool ``checkout`` hook: a closed connection is replaced (SQLAlchemy reconnects)."""
    if not connection_still_open(dbapi_connection):
        raise sa_exc.DisconnectionError("the database closed this connection")


def _create_private(path: Path) -> None:
    """Create the SQLite file's directory (0700) and the empty file (0600) if missing."""
    directory = path.parent
    if not directory.exists():
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def make_engine(url: str, *, create: bool = True, **kwargs: Any) -> Engine:
    """Build an engine for a database URL.

    Args:
        url: ``sqlite:///relative/path.db``, ``sqlite:////abs/path.db``, ``sqlite://``
            (in memory) or ``postgresql://user@host/db``.
        create: Create a missing SQLite file (0600, in a 0700 directory). False for read-only
            commands: a mistyped path is then an error, and nothing is created.
        **kwargs: Passed to :func:`sqlalchemy.create_engine`.

    Raises:
        ConfigError: The URL cannot be parsed, names an unsupported backend, or (``create``
            False) names a SQLite file that does not exist.
    """
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise ConfigError("database URL cannot be parsed", setting="CLINLLM_DATABASE_URL") from exc
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        pg_engine = create_engine(parsed, **kwargs)
        event.listen(pg_engine, "handle_error", _translate)
        event.listen(pg_engine, "checkout", _check_open)
        return pg_engine
    if backend != "sqlite":
        raise ConfigError(
            f"unsupported database backend {backend!r}: use sqlite or postgresql",
            setting="CLINLLM_DATABASE_URL",
        )
    if parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database).expanduser()
        if not create and not path.is_file():
            raise ConfigError(
                f"no database at the configured path: check {_SETTING} (or CLINLLM_DATA_DIR); "
                "nothing was created",
                setting=_SETTING,
            )
        if create:
            _create_private(path)
    engine = create_engine(parsed, **kwargs)
    event.listen(engine, "handle_error", _translate)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook below open transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if parsed.database and parsed.database != ":memory:":
            _retry_busy(lambda: cursor.execute("PRAGMA journal_mode=WAL"))
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
