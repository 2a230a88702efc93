"""Sentence vectors stored with their chunks, on real SQLite and PostgreSQL (when reachable).

A search built afresh over the same database (what a new ``clinllm policies ask`` process or a
second server is) must read the vectors the ingest stored instead of embedding the sentences
again, decide the same, and never read a vector of a chunk its reader may not read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.policies import IngestResult, Reader
from clinllm.gateway import CallPolicy, Gateway
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.retrieval import sql_rows
from clinllm.retrieval.loader import load_policy_text
from clinllm.retrieval.memory import RecordingPolicyAudit
from clinllm.retrieval.postgres_index import PostgresPolicyIndex, reader_transaction
from clinllm.retrieval.sqlite_index import SqlitePolicyIndex
from clinllm.screening import RuleScreen
from clinllm.store import migrate
from clinllm.store.testing import migrated_postgres, postgres_unavailable_reason
from clinllm.workflows.policy_search import RULES, PolicyIngestor, PolicySearch
from clinllm.workflows.policy_search.sentence_vectors import SentenceVectors, passage_sentences

pytestmark = pytest.mark.anyio
KEY = b"k" * 32
FAST = CallPolicy(deadline_s=5, max_attempts=1, backoff_initial_s=0.0)
PTO = """Paid Time Off
1. Requests
Requests of 5 or more consecutive days must be submitted at least 4 weeks in advance.
Holidays follow the company calendar published by human resources each December.
Unused hours carry over into the next calendar year up to a cap of 80 hours.
"""
QUESTION = "How far ahead must a week off be requested?"
HR = Reader(user="u1", groups=frozenset({"hr"}), tenant="t1")


class _Counting:
    """A fake whose question sits on the "in advance" sentence alone (the chunk is off topic).

    So the answer depends on that sentence's vector: 1.0 for it, 0.8 for the whole chunk,
    which is under the floor by more than the band. Every passage embedded is counted.
    """

    def __init__(self, name: str = "counting-fake") -> None:
        self._name = name
        self.passages: list[str] = []
        self.queries = 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def answer_floor(self) -> float:
        return 0.84

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += texts
        return [
            [1.0, 0.0] if "in advance" in t and "Holidays" not in t else [0.8, 0.6] for t in texts
        ]

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return [1.0, 0.0]


def _postgres() -> Iterator[Engine]:
    reason = postgres_unavailable_reason()
    if reason is not None:
        print(reason)
        pytest.skip(reason)
    with migrated_postgres() as engine:
        yield engine


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    """PostgreSQL only: row-level security has no SQLite counterpart to test."""
    yield from _postgres()


def _index(engine: Engine) -> SqlitePolicyIndex | PostgresPolicyIndex:
    if engine.dialect.name == "postgresql":
        return PostgresPolicyIndex(engine)
    return SqlitePolicyIndex(engine)


def _ingest(
    engine: Engine,
    embedder: _Counting,
    body: str = PTO,
    *,
    groups: Sequence[str] = ("hr",),
    tenant: str = "t1",
    sentences: bool = True,
    sentence_embedder: _Counting | None = None,
) -> IngestResult:
    return PolicyIngestor(
        _index(engine),
        screen=RuleScreen(),
        embedder=embedder,
        audit=RecordingPolicyAudit(),
        sentences=SentenceVectors(sentence_embedder or embedder) if sentences else None,
    ).ingest("pto", load_policy_text(body), groups=groups, tenant=tenant)


def _fresh_search(engine: Engine, embedder: _Counting) -> PolicySearch:
    """What a new process builds: a new index object and an empty in-memory cache."""
    return PolicySearch(
        _index(engine),
        Gateway(providers={"rules": RulesProvider(RULES)}, default_chain=("rules",)),
        screen=RuleScreen(),
        embedder=embedder,
        audit=RecordingPolicyAudit(),
        digest_key=KEY,
        policy=FAST,
        sentences=SentenceVectors(embedder),
    )


def _stored(engine: Engine) -> list[tuple[str, str | None, int]]:
    """(chunk key, sentence embedder, digest count) of every chunk row, as the owner."""
    with Session(engine) as session:
        rows = session.execute(
            text(
                "SELECT chunk_key, sentence_embedder, sentence_digests FROM policy_chunks "
                "ORDER BY tenant, chunk_key"
            )
        ).all()
    out = []
    for key, embedder, digests in rows:
        if isinstance(digests, str):  # JSON text on SQLite
            digests = json.loads(digests)
        out.append((key, embedder, len(digests or [])))
    return out


async def test_a_fresh_search_reads_the_stored_vectors_and_embeds_no_sentence(
    engine: Engine,
) -> None:
    ingesting = _Counting()
    assert _ingest(engine, ingesting).status == "created"
    assert len(ingesting.passages) == 1 + 3  # the chunk, then its three sentences (one batch)
    fresh = _Counting()
    answer = await _fresh_search(engine, fresh).ask(QUESTION, HR)
    assert answer.decision == "answered"
    assert "4 weeks in advance" in answer.answer
    assert fresh.passages == []  # nothing embedded but the question
    assert fresh.queries == 1


async def test_chunks_stored_without_sentence_vectors_still_embed_them_at_question_time(
    engine: Engine,
) -> None:
    # What a chunk written before migration 0012 (or by a search-only build) gets: the
    # question-time fallback, with the same decision.
    _ingest(engine, _Counting(), sentences=False)
    assert {embedder for _, embedder, _ in _stored(engine)} == {None}
    fresh = _Counting()
    answer = await _fresh_search(engine, fresh).ask(QUESTION, HR)
    assert answer.decision == "answered"
    assert sorted(fresh.passages) == sorted(passage_sentences(PTO))


async def test_another_embedder_never_reuses_the_stored_vectors(engine: Engine) -> None:
    # Chunks of model-b (so the question has chunk cosines), sentences stored by model-a.
    _ingest(engine, _Counting("model-b"), sentence_embedder=_Counting("model-a"))
    assert _stored(engine) == [("pto#0", "model-a", 3)]
    other = _Counting("model-b")
    index = _index(engine)
    assert index.sentence_vectors(HR, ["pto#0"], embedder="model-b") == {}
    await _fresh_search(engine, other).ask(QUESTION, HR)
    assert sorted(other.passages) == sorted(passage_sentences(PTO))


def test_sentence_vectors_are_read_with_the_chunks_permission_filter(engine: Engine) -> None:
    embedder = _Counting()
    _ingest(engine, embedder, groups=("hr",), tenant="t1")
    _ingest(engine, embedder, groups=("ops",), tenant="t2")
    index = _index(engine)
    digests = {sha256_hex(s) for s in passage_sentences(PTO)}
    name = embedder.name
    assert set(index.sentence_vectors(HR, ["pto#0"], embedder=name)) == digests
    for reader in (
        Reader(user="u2", groups=frozenset({"finance"}), tenant="t1"),  # no shared group
        Reader(user="u3", groups=frozenset({"hr"}), tenant="t2"),  # t2's copy is for ops
        Reader(user="u4", groups=frozenset(), tenant="t1"),
    ):
        assert index.sentence_vectors(reader, ["pto#0"], embedder=name) == {}
    t2_ops = Reader(user="u5", groups=frozenset({"ops"}), tenant="t2")
    assert set(index.sentence_vectors(t2_ops, ["pto#0"], embedder=name)) == digests
    assert index.sentence_vectors(HR, ["pto#9", "nothing#0"], embedder=name) == {}


@pytest.mark.postgres
def test_row_level_security_hides_sentence_vectors_without_a_filter(pg_engine: Engine) -> None:
    engine = pg_engine
    _ingest(engine, _Counting(), groups=("hr",))
    for groups, expected in (({"finance"}, 0), ({"hr"}, 1)):
        reader = Reader(user="u", groups=frozenset(groups), tenant="t1")
        with Session(engine) as session, session.begin():
            reader_transaction(session, reader)
            rows = session.execute(
                text(
                    "SELECT sentence_vectors FROM policy_chunks WHERE sentence_vectors IS NOT NULL"
                )
            ).all()
        assert len(rows) == expected


def test_re_ingest_replaces_the_vectors_with_the_chunks_and_the_same_twice_is_one(
    engine: Engine,
) -> None:
    embedder = _Counting()
    _ingest(engine, embedder)
    first = _stored(engine)
    calls = len(embedder.passages)
    assert _ingest(engine, embedder).status == "unchanged"
    assert len(embedder.passages) == calls  # nothing embedded again
    assert _stored(engine) == first == [("pto#0", embedder.name, 3)]
    changed = PTO.replace("80 hours", "120 hours")
    assert _ingest(engine, embedder, changed).status == "replaced"
    stored = _index(engine).sentence_vectors(HR, ["pto#0"], embedder=embedder.name)
    assert set(stored) == {sha256_hex(s) for s in passage_sentences(changed)}
    assert _stored(engine) == [("pto#0", embedder.name, 3)]


def test_a_failed_write_keeps_the_old_chunks_and_their_vectors(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = _Counting()
    _ingest(engine, embedder)
    before = _index(engine).sentence_vectors(HR, ["pto#0"], embedder=embedder.name)

    def fail(session: Session, tenant: str) -> None:
        raise RuntimeError("disk full")  # after the chunks and their vectors were inserted

    monkeypatch.setattr(sql_rows, "_bump_generation", fail)
    with pytest.raises(RuntimeError):
        _ingest(engine, embedder, PTO.replace("80 hours", "120 hours"))
    assert _index(engine).sentence_vectors(HR, ["pto#0"], embedder=embedder.name) == before


async def test_downgrade_drops_the_columns_and_upgrade_falls_back_to_embedding(
    engine: Engine,
) -> None:
    _ingest(engine, _Counting())
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011_ui_sign_outs")
    hits = _index(engine).search(HR, "request vacation in advance", None, embedder=None)
    assert [h.chunk.chunk_id for h in hits] == ["pto#0"]  # full text still indexed
    migrate.upgrade(engine)
    assert _stored(engine) == [("pto#0", None, 0)]
    fresh = _Counting()
    answer = await _fresh_search(engine, fresh).ask(QUESTION, HR)
    assert answer.decision == "answered"
    assert sorted(fresh.passages) == sorted(passage_sentences(PTO))


async def test_ingesting_an_unchanged_document_stores_the_vectors_it_lacks(
    engine: Engine,
) -> None:
    # A database written before migration 0012: same text, same groups, no sentence vectors.
    _ingest(engine, _Counting(), sentences=False)
    embedder = _Counting()
    assert _ingest(engine, embedder).status == "unchanged"
    assert embedder.passages == passage_sentences(PTO)  # the sentences only, not the chunk
    assert _stored(engine) == [("pto#0", embedder.name, 3)]
    again = _Counting()
    assert _ingest(engine, again).status == "unchanged"
    assert again.passages == []  # stored now: nothing to embed
    fresh = _Counting()
    assert (await _fresh_search(engine, fresh).ask(QUESTION, HR)).decision == "answered"
    assert fresh.passages == []


def test_vectors_of_an_older_version_never_land_on_a_newer_one(engine: Engine) -> None:
    _ingest(engine, _Counting(), sentences=False)
    entry = SentenceVectors(_Counting()).for_chunks([PTO])[0]
    assert entry is not None
    index = _index(engine)
    assert not index.store_sentences("t1", "pto", "0" * 64, {"pto#0": entry})
    assert _stored(engine) == [("pto#0", None, 0)]
    current = index.stored_hash("t1", "pto")
    assert current is not None
    assert index.store_sentences("t1", "pto", current[0], {"pto#0": entry})
    assert _stored(engine) == [("pto#0", entry.embedder, 3)]
