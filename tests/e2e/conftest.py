"""Every CLI subprocess in these tests gets its own data directory (database, code tables)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Subprocesses inherit the environment: point them at a fresh data dir."""
    monkeypatch.setenv("CLINLLM_DATA_DIR", str(tmp_path / "clinllm-data"))
    monkeypatch.delenv("CLINLLM_DATABASE_URL", raising=False)
