"""Database failures are clinllm errors: a refused value is an input error, an unreachable or
missing database a configuration error naming the setting; no value is echoed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import text

from clinllm.errors import ConfigError, InputError
from clinllm.store import Store, make_engine, upgrade
from clinllm.store.testing import (
    migrated_postgres,
    postgres_unavailable_reason,
    test_postgres_url,
)

SENTINEL = "Zebulon Quixfeather"


@pytest.mark.postgres
def test_postgres_data_errors_are_input_errors() -> None:
    reason = postgres_unavailable_reason()
    if reason is not None:
        print(reason)
        pytest.skip(reason)
    with migrated_postgres() as engine:
        store = Store(engine)
        with pytest.raises(InputError, match="refused a value") as nul:
            store.documents.register(
                sha256="a" * 64, source_name="m", text=f"{SENTINEL}\x00", pages=1
            )
        assert SENTINEL not in str(nul.value)
        with pytest.raises(InputError, match="refused a value"):
            store.reviews.get(2**40)  # beyond PostgreSQL's integer
        assert store.audit.verify().ok  # nothing half-written


def test_an_unreachable_postgres_is_a_configuration_error() -> None:
    engine = make_engine("postgresql://nobody:secret-pw@127.0.0.1:1/nothing")
    with pytest.raises(ConfigError, match="CLINLLM_DATABASE_URL") as caught:
        upgrade(engine)
    assert caught.value.setting == "CLINLLM_DATABASE_URL"
    assert "secret-pw" not in str(caught.value)


def test_a_missing_sqlite_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "clinllm.db"
    with pytest.raises(ConfigError, match="nothing was created"):
        make_engine(f"sqlite:///{path}", create=False)
    assert not path.parent.exists()


def test_an_unopenable_sqlite_path_is_a_configuration_error(tmp_path: Path) -> None:
    directory = tmp_path / "a-directory.db"
    directory.mkdir()
    with pytest.raises(ConfigError, match="CLINLLM_DATABASE_URL"):
        upgrade(make_engine(f"sqlite:///{directory}"))


@pytest.mark.postgres
def test_a_pooled_connection_the_server_terminated_is_replaced_before_use() -> None:
    # What a restart or failover does to a pool: every idle connection's session is gone.
    # The pool must hand out a working connection (no error to the caller), without the
    # SELECT 1 per checkout that pool_pre_ping spent.
    reason = postgres_unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    url = test_postgres_url()
    engine = make_engine(url, pool_size=2)
    admin = make_engine(url)
    try:
        with engine.connect() as first, engine.connect() as second:
            pids = {
                c.execute(text("SELECT pg_backend_pid()")).scalar_one() for c in (first, second)
            }
        with admin.connect() as connection:
            for pid in pids:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        time.sleep(0.5)  # the server's notice reaches the idle sockets
        for _ in range(3):
            with engine.connect() as connection:
                now = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
            assert now not in pids
    finally:
        engine.dispose()
        admin.dispose()
