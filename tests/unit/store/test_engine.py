from __future__ import annotations

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
