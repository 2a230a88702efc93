"""Shared fixtures: the async backend, and library hooks that would log content switched off."""

from __future__ import annotations

from pathlib import Path

import pytest
import stamina.instrumentation


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
