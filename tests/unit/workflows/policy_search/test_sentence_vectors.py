from __future__ import annotations

from collections.abc import Sequence

import pytest

from clinllm.gateway import CallPolicy, Gateway
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.retrieval.embeddings import HashingEmbedder
from clinllm.retrieval.loader import load_policy_text
from clinllm.retrieval.memory import InMemoryPolicyIndex, RecordingPolicyAudit
from clinllm.screening import RuleScreen
from clinllm.workflows.policy_search import RULES, PolicyIngestor, PolicySearch
from clinllm.workflows.policy_search.sentence_vectors import (
    BATCH,
    SentenceVectors,
    passage_sentences,
)

from .conftest import TENANT, reader

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


class _OneSentenceEmbedder:
    """The question sits on the "in advance" sentence alone; the whole chunk is further off."""

    # Cosine 1.0 for that sentence (0.99 after the margin), 0.8 for the chunk: under the
    # floor (0.84) by more than the band, so the chunk alone vetoes the question's wording.

    def __init__(self) -> None:
        self.calls: list[int] = []

    @property
    def name(self) -> str:
        return "one-sentence"

    @property
    def answer_floor(self) -> float:
        return 0.84

    def _vector(self, text: str) -> list[float]:
        if "in advance" in text and "Holidays" not in text:
            return [1.0, 0.0]
        return [0.8, 0.6]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(len(texts))
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0]


def test_only_sentences_with_enough_topic_words_are_embedded_once_each() -> None:
    assert passage_sentences("See below.\nHolidays follow it.") == []
    texts = passage_sentences(PTO + PTO)
    assert len(texts) == len(set(texts)) == 3
    assert (
        "Requests of 5 or more consecutive days must be submitted at least 4 weeks in advance."
        in texts
    )


def test_prime_embeds_in_batches_once_and_the_question_reuses_them() -> None:
    embedder = _OneSentenceEmbedder()
    vectors = SentenceVectors(embedder)
    many = "\n".join(f"Rule {i} covers item number {i} for members." for i in range(BATCH + 3))
    assert vectors.prime([many]) == BATCH + 3
    assert embedder.calls == [BATCH, 3]
    assert vectors.prime([many]) == 0
    assert vectors.best_similarity([1.0, 0.0], many) is not None
    assert embedder.calls == [BATCH, 3]


def test_an_unseen_passage_is_embedded_at_question_time_with_the_same_result() -> None:
    primed = SentenceVectors(_OneSentenceEmbedder())
    primed.prime([PTO])
    cold = SentenceVectors(_OneSentenceEmbedder())
    assert primed.best_similarity([1.0, 0.0], PTO) == cold.best_similarity([1.0, 0.0], PTO) == 1.0


async def test_the_best_sentence_answers_when_the_whole_chunk_is_off_topic() -> None:
    outcomes = []
    for with_sentences in (False, True):
        index = InMemoryPolicyIndex()
        audit = RecordingPolicyAudit()
        embedder = _OneSentenceEmbedder()
        sentences = SentenceVectors(embedder) if with_sentences else None
        PolicyIngestor(
            index, screen=RuleScreen(), embedder=embedder, audit=audit, sentences=sentences
        ).ingest("pto", load_policy_text(PTO), groups=["hr"], tenant=TENANT)
        gateway = Gateway(providers={"rules": RulesProvider(RULES)}, default_chain=("rules",))
        search = PolicySearch(
            index,
            gateway,
            screen=RuleScreen(),
            embedder=embedder,
            audit=audit,
            digest_key=KEY,
            policy=FAST,
            sentences=sentences,
        )
        outcomes.append(await search.ask(QUESTION, reader("hr")))
    assert [o.decision for o in outcomes] == ["refused", "answered"]
    assert "4 weeks in advance" in outcomes[1].answer


def test_the_sentences_dropped_past_the_limit_are_the_least_recently_used() -> None:
    embedder = HashingEmbedder()
    vectors = SentenceVectors(embedder, limit=2)
    first = "The member must send six months of progress notes."
    second = "Requests are decided within fourteen calendar days."
    third = "An appeal must be filed within sixty days of the denial."
    vectors.prime([first, second])
    query = embedder.embed_query("progress notes")
    vectors.best_similarity(query, first)  # used: the second is now the oldest
    vectors.prime([third])
    assert vectors.prime([first]) == 0  # still kept
    assert vectors.prime([second]) == 1  # dropped, embedded again


def test_for_chunks_gives_each_chunk_its_vectors_and_embeds_each_sentence_once() -> None:
    embedder = _OneSentenceEmbedder()
    vectors = SentenceVectors(embedder)
    out = vectors.for_chunks([PTO, None, "See below.", PTO])
    assert out[1] is None  # hidden or flagged: never read, never stored
    assert out[2] is None  # no sentence with enough topic words
    assert out[0] is not None
    assert out[0] == out[3]
    assert out[0].embedder == "one-sentence"
    assert len(out[0].digests) == len(out[0].vectors) == 3
    assert embedder.calls == [3]
    assert vectors.for_chunks([PTO]) == [out[0]]
    assert embedder.calls == [3]  # kept in memory


def test_remembered_vectors_are_not_embedded_again() -> None:
    stored = SentenceVectors(_OneSentenceEmbedder()).for_chunks([PTO])[0]
    assert stored is not None
    embedder = _OneSentenceEmbedder()
    cold = SentenceVectors(embedder)
    assert cold.missing([PTO, "See below."]) == [0]
    cold.remember(dict(zip(stored.digests, stored.vectors, strict=True)))
    assert cold.missing([PTO]) == []
    assert cold.best_similarity([1.0, 0.0], PTO) == 1.0
    assert embedder.calls == []


async def test_a_search_with_an_empty_cache_reads_the_index_instead_of_embedding() -> None:
    index = InMemoryPolicyIndex()
    audit = RecordingPolicyAudit()
    ingesting = _OneSentenceEmbedder()
    PolicyIngestor(
        index,
        screen=RuleScreen(),
        embedder=ingesting,
        audit=audit,
        sentences=SentenceVectors(ingesting),
    ).ingest("pto", load_policy_text(PTO), groups=["hr"], tenant=TENANT)
    fresh = _OneSentenceEmbedder()
    search = PolicySearch(
        index,
        Gateway(providers={"rules": RulesProvider(RULES)}, default_chain=("rules",)),
        screen=RuleScreen(),
        embedder=fresh,
        audit=audit,
        digest_key=KEY,
        policy=FAST,
        sentences=SentenceVectors(fresh),
    )
    assert (await search.ask(QUESTION, reader("hr"))).decision == "answered"
    assert fresh.calls == []
    # another reader's question reads nothing it may not read
    assert index.sentence_vectors(reader("finance"), ["pto#0"], embedder="one-sentence") == {}
