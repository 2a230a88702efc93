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
change the model or its settings). The ingestor calls :meth:`SentenceVectors.prime` with each
document's visible chunks, in batches; at question time :meth:`SentenceVectors.best_similarity`
reads the kept vectors and embeds only what it has never seen (a process that did not ingest
the document), so the answer is the same either way. Vectors are kept in memory by a digest of
the embedded text (least recently used dropped past ``limit``); they are not persisted.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.policies import Embedder, content_terms
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

    def _missing(self, texts: Iterable[str]) -> list[str]:
        with self._lock:
            return [t for t in dict.fromkeys(texts) if sha256_hex(t) not in self._vectors]

    def _embed(self, texts: Sequence[str]) -> None:
        for i in range(0, len(texts), BATCH):
            batch = list(texts[i : i + BATCH])
            vectors = self._embedder.embed_passages(batch)
            with self._lock:
                for text, vector in zip(batch, vectors, strict=True):
                    self._vectors[sha256_hex(text)] = np.asarray(vector, dtype=np.float32)
                while len(self._vectors) > self._limit:
                    self._vectors.popitem(last=False)

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
