"""Stored vectors: compact (int8 with a scale), legacy float32 still read, and re-embedded when
the model changes. On real SQLite and PostgreSQL (when reachable)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from alembic import command
from sqlalchemy import Engine, text

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.policies import IngestResult, Reader
from clinllm.retrieval.loader import load_policy_text
from clinllm.retrieval.memory import InMemoryPolicyIndex, RecordingPolicyAudit
from clinllm.retrieval.postgres_index import PostgresPolicyIndex
from clinllm.retrieval.sqlite_index import SqlitePolicyIndex
from clinllm.screening import RuleScreen
from clinllm.store import migrate, vector_codec
from clinllm.workflows.policy_search import PolicyIngestor
from clinllm.workflows.policy_search.sentence_vectors import SentenceVectors

DIM = 16
PTO = """Paid Time Off
1. Requests
Requests of 5 or more consecutive days must be submitted at least 4 weeks in advance.
Holidays follow the company calendar published by human resources each December.
Unused hours carry over into the next calendar year up to a cap of 80 hours.
"""
HR = Reader(user="u1", groups=frozenset({"hr"}), tenant="t1")
Index = SqlitePolicyIndex | PostgresPolicyIndex


class _Seeded:
    """A fake model: a fixed unit vector per text (seeded by the text and the model's name)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self.passages: list[str] = []

    @property
    def name(self) -> str:
        return self._name

    @property
    def answer_floor(self) -> float:
        return 0.84

    def _vector(self, text: str) -> list[float]:
        seed = sum(map(ord, self._name + text))
        v = np.random.default_rng(seed).standard_normal(DIM)
        return [float(x) for x in v / np.linalg.norm(v)]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += texts
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def _index(engine: Engine) -> Index:
    if engine.dialect.name == "postgresql":
        return PostgresPolicyIndex(engine)
    return SqlitePolicyIndex(engine)


def _ingest(index: Index | InMemoryPolicyIndex, model: _Seeded) -> IngestResult:
    return PolicyIngestor(
        index,
        screen=RuleScreen(),
        embedder=model,
        audit=RecordingPolicyAudit(),
        sentences=SentenceVectors(model),
    ).ingest("pto", load_policy_text(PTO), groups=["hr"], tenant="t1")


def _blobs(engine: Engine) -> tuple[bytes, bytes]:
    with engine.connect() as connection:
        vector, sentences = connection.execute(
            text("SELECT vector, sentence_vectors FROM policy_chunks")
        ).one()
    return bytes(vector), bytes(sentences)


def _embedders(engine: Engine) -> tuple[str, str]:
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT embedder, sentence_embedder FROM policy_chunks")
        ).one()
    return row[0], row[1]


def _ranked(index: Index, model: _Seeded) -> dict[str, float]:
    hits = index.search(HR, "vacation", model.embed_query(PTO), embedder=model.name)
    return {h.chunk.chunk_id: h.similarity or 0.0 for h in hits}


def test_vectors_are_stored_as_int8_rows_a_quarter_of_float32(engine: Engine) -> None:
    model = _Seeded("model-a")
    _ingest(_index(engine), model)
    vector, sentences = _blobs(engine)
    assert vector_codec.is_encoded(vector)
    assert vector_codec.is_encoded(sentences)
    assert len(vector) == 8 + 4 + DIM
    assert len(sentences) == 8 + 3 * (4 + DIM)
    chunk_text, *texts = model.passages  # the chunk first, then its sentences
    stored = _index(engine).sentence_vectors(HR, ["pto#0"], embedder=model.name)
    exact = dict(zip(map(sha256_hex, texts), model.embed_passages(texts), strict=True))
    assert stored.keys() == exact.keys()
    for digest, row in stored.items():
        assert np.abs(np.asarray(row) - np.asarray(exact[digest])).max() < 0.01
    # The cosine a search reports is the stored (decoded) one, within int8 precision.
    cosine = float(np.dot(model.embed_passages([chunk_text])[0], model.embed_query(PTO)))
    assert _ranked(_index(engine), model)["pto#0"] == pytest.approx(cosine, abs=0.01)


def test_legacy_float32_rows_are_read_and_the_migration_converts_them(engine: Engine) -> None:
    model = _Seeded("model-a")
    _ingest(_index(engine), model)
    vector, sentences = _blobs(engine)
    legacy_vector = vector_codec.decode(vector).astype("<f4").tobytes()
    legacy_sentences = vector_codec.decode(sentences).astype("<f4").tobytes()
    # What migration 0012 left: raw float32 (the downgrade writes them back).
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012_policy_sentences")
    assert _blobs(engine) == (legacy_vector, legacy_sentences)
    fresh = _index(engine)
    before = _ranked(fresh, model)
    read = fresh.sentence_vectors(HR, ["pto#0"], embedder=model.name)
    assert len(read) == 3
    migrate.upgrade(engine)
    assert _blobs(engine) == (vector, sentences)  # the same int8 values as a fresh ingest
    after = _index(engine)
    assert _ranked(after, model) == before
    assert after.sentence_vectors(HR, ["pto#0"], embedder=model.name) == read
    migrate.upgrade(engine)  # a second run changes nothing
    assert _blobs(engine) == (vector, sentences)


def test_a_changed_embedder_embeds_an_unchanged_document_again(engine: Engine) -> None:
    index = _index(engine)
    assert _ingest(index, _Seeded("model-a")).status == "created"
    same = _Seeded("model-a")
    assert _ingest(index, same).status == "unchanged"
    assert same.passages == []
    model_b = _Seeded("model-b")
    assert _ingest(index, model_b).status == "replaced"
    assert _embedders(engine) == ("model-b", "model-b")
    assert len(model_b.passages) == 1 + 3  # the chunk and its sentences
    assert "pto#0" in _ranked(index, model_b)
    assert _ingest(index, _Seeded("model-b")).status == "unchanged"


def test_the_in_memory_index_re_embeds_on_a_changed_embedder_too() -> None:
    index = InMemoryPolicyIndex()
    assert _ingest(index, _Seeded("model-a")).status == "created"
    assert _ingest(index, _Seeded("model-a")).status == "unchanged"
    assert _ingest(index, _Seeded("model-b")).status == "replaced"
    assert set(index.chunk_embedders("t1", "pto").values()) == {"model-b"}
