"""Vectors of single sentences, embedded at ingest, so a passage is judged by its best sentence.

A chunk is a section, and short sections are merged ("Replacement" + "Supplies" +
"References"): its one vector blends several topics, so a question about one of them sits
under the embedding model's on-topic floor even when a sentence of the chunk answers it ("How
far ahead do I have to request a week of vacation?" against the paid-time-off chunk: 0.835 for
the chunk, 0.870 for the sentence that says "at least 4 weeks in advance"). The answer decision
(:func:`.evidence.support`) therefore reads, per passage, the higher of the chunk's cosine and
its best sentence's cosine less :data:`SENTENCE_MARGIN`.

Why the margin: a short text sits a little closer to any short question than a whole chunk
does, so a sentence has to clear the floor by a bit more. On the tune sets (dev, tune, varied
tune: per-question features of the retrieved passages) any margin from 0.005 to 0.01 gives the
same decisions, answering six more paraphrases and no near miss; 0.01 is the cautious end.
The sentence is embedded alone: with the heading prepended (as chunks are) the decisions were
no better and every sentence would have been embedded twice.

:class:`SentenceVectors` wraps any :class:`~clinllm.domain.policies.Embedder` (it does not
change the model or its settings). The ingestor calls :meth:`SentenceVectors.for_chunks` with
each document's chunks (None for a hidden or flagged one), in batches, and stores the result
with the chunks (:class:`~clinllm.domain.policies.ChunkSentences`, in the chunk rows, written
in the chunks' transaction). At question time the search loads the stored vectors of its
context passages that are not in memory yet (:meth:`SentenceVectors.remember`, read through
the chunks' permission filter, for this embedder only), and
:meth:`SentenceVectors.best_similarity` embeds only what is neither in memory nor stored (a
chunk stored before migration ``0012_policy_sentences``, or by another embedder), so the answer
is the same either way. In memory, vectors are kept by a digest of the embedded text, least
recently used dropped past ``limit``: a cache in front of the store.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.policies import ChunkSentences, Embedder, content_terms
from clinllm.workflows.policy_search.evidence import SENTENCE_PATTERN

__all__ = ["BATCH", "SENTENCE_MARGIN", "SentenceVectors", "passage_sentences"]

#: Sentences embedded per call to the model (one call per batch keeps ingest cost low).
BATCH = 32
#: How far a sentence's cosine is lowered before it is compared with a chunk's.
SENTENCE_MARGIN = 0.01
#: A sentence with fewer topic words says too little to be compared on its own.
MIN_TERMS = 3


def passage_sentences(text: str) -> list[str]:
    """The sentences of one passage that are embedded (enough topic words), once each."""
    out: list[str] = []
    for m in SENTENCE_PATTERN.finditer(text):
        body = m.group(0).strip()
        if len(content_terms(body)) >= MIN_TERMS:
            out.append(body)
    return list(dict.fromkeys(out))


class SentenceVectors:
    """Sentence vectors of passages, computed by ``embedder`` and kept by text digest.

    Args:
        embedder: The model that embeds the chunks (the same model must embed the question).
        limit: Most sentence vectors kept (least recently used dropped).
    """

    def __init__(self, embedder: Embedder, *, limit: int = 200_000) -> None:
        self._embedder = embedder
        self._limit = limit
        self._vectors: OrderedDict[str, np.ndarray[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SentenceVectors(embedder={self._embedder.name!r}, kept={len(self._vectors)})"

    @property
    def embedder(self) -> str:
        """Name of the model that makes these vectors (stored vectors are read for it only)."""
        return self._embedder.name

    def _missing(self, texts: Iterable[str]) -> list[str]:
        with self._lock:
            return [t for t in dict.fromkeys(texts) if sha256_hex(t) not in self._vectors]

    def _keep(self, digest: str, vector: np.ndarray[Any, Any]) -> None:
        """Keep one vector (caller holds the lock), dropping the least recently used."""
        self._vectors[digest] = vector
        self._vectors.move_to_end(digest)
        while len(self._vectors) > self._limit:
            self._vectors.popitem(last=False)

    def _embed(self, texts: Sequence[str]) -> dict[str, np.ndarray[Any, Any]]:
        """Embed ``texts`` in batches and keep them; returns them by digest too."""
        out: dict[str, np.ndarray[Any, Any]] = {}
        for i in range(0, len(texts), BATCH):
            batch = list(texts[i : i + BATCH])
            vectors = self._embedder.embed_passages(batch)
            with self._lock:
                for text, vector in zip(batch, vectors, strict=True):
                    digest = sha256_hex(text)
                    out[digest] = np.asarray(vector, dtype=np.float32)
                    self._keep(digest, out[digest])
        return out

    def remember(self, vectors: Mapping[str, Sequence[float]]) -> None:
        """Keep vectors read from the store (by sentence digest), so they are not embedded."""
        with self._lock:
            for digest, vector in vectors.items():
                self._keep(digest, np.asarray(vector, dtype=np.float32))

    def missing(self, passages: Sequence[str]) -> list[int]:
        """Indices of the passages with a sentence whose vector is not in memory."""
        with self._lock:
            return [
                i
                for i, passage in enumerate(passages)
                if any(sha256_hex(t) not in self._vectors for t in passage_sentences(passage))
            ]

    def for_chunks(self, passages: Sequence[str | None]) -> list[ChunkSentences | None]:
        """The sentence vectors of each passage, to store with its chunk (None: none).

        Embeds, in batches, only the sentences not in memory. A None passage (a hidden or
        flagged chunk, whose closeness is never read) gets None.
        """
        per = [passage_sentences(p) if p is not None else [] for p in passages]
        fresh = self._embed(self._missing(t for texts in per for t in texts))
        out: list[ChunkSentences | None] = []
        for texts in per:
            if not texts:
                out.append(None)
                continue
            digests = tuple(map(sha256_hex, texts))
            with self._lock:
                rows = [fresh.get(d, self._vectors.get(d)) for d in digests]
            lost = [t for t, r in zip(texts, rows, strict=True) if r is None]
            if lost:  # dropped from memory by a concurrent caller since: embed them again
                again = self._embed(lost)
                rows = [again[d] if r is None else r for d, r in zip(digests, rows, strict=True)]
            out.append(
                ChunkSentences(
                    embedder=self._embedder.name,
                    digests=digests,
                    vectors=tuple(tuple(r.tolist()) for r in rows if r is not None),
                )
            )
        return out

    def prime(self, passages: Iterable[str]) -> int:
        """Embed the sentences of the passages that were not seen yet.

        Returns:
            How many sentences were embedded.
        """
        texts = [s for passage in passages for s in passage_sentences(passage)]
        missing = self._missing(texts)
        self._embed(missing)
        return len(missing)

    def best_similarity(self, query: Sequence[float], text: str) -> float | None:
        """The highest cosine between ``query`` and a sentence of the passage (None: none)."""
        texts = passage_sentences(text)
        if not texts:
            return None
        self._embed(self._missing(texts))
        rows = []
        with self._lock:
            for digest in map(sha256_hex, texts):
                row = self._vectors.get(digest)
                if row is not None:
                    self._vectors.move_to_end(digest)  # least recently *used* goes first
                rows.append(row)
        kept = [r for r in rows if r is not None]
        if not kept:
            return None
        q = np.asarray(query, dtype=np.float32)
        return float(np.max(np.stack(kept) @ q))
