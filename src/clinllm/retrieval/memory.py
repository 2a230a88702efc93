"""The in-memory fakes of the policy-search ports: an index and an audit sink, for tests.

:class:`InMemoryPolicyIndex` applies the same permission rule as the real indexes
(:meth:`clinllm.domain.policies.Reader.may_read`) before it ranks anything, ranks by shared
topic words and cosine similarity, and fuses the two lists like the real ones.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from clinllm.domain.policies import (
    ChunkSentences,
    PolicyAuditEvent,
    PolicyChunk,
    PolicyDocument,
    Reader,
    SearchHit,
    content_terms,
)
from clinllm.retrieval.fusion import reciprocal_rank_fusion

__all__ = ["InMemoryPolicyIndex", "RecordingPolicyAudit"]


@dataclass(slots=True)
class _Stored:
    document: PolicyDocument
    chunks: list[PolicyChunk]
    vectors: list[list[float]] | None
    embedder: str | None
    sentences: list[ChunkSentences | None] | None = None


class InMemoryPolicyIndex:
    """A dict-backed :class:`~clinllm.domain.policies.PolicyIndex`."""

    def __init__(self) -> None:
        self._docs: dict[tuple[str, str], _Stored] = {}

    def upsert(
        self,
        document: PolicyDocument,
        chunks: Sequence[PolicyChunk],
        vectors: Sequence[Sequence[float]] | None,
        *,
        embedder: str | None,
        sentences: Sequence[ChunkSentences | None] | None = None,
    ) -> Literal["created", "replaced", "unchanged"]:
        """Store or replace a document."""
        key = (document.tenant, document.key)
        old = self._docs.get(key)
        if (
            old
            and (old.document.sha256, old.document.groups) == (document.sha256, document.groups)
            and not (vectors is not None and old.embedder != embedder)
        ):
            return "unchanged"
        self._docs[key] = _Stored(
            document,
            list(chunks),
            [list(v) for v in vectors] if vectors else None,
            embedder,
            list(sentences) if sentences is not None else None,
        )
        return "replaced" if old else "created"

    def stored_hash(self, tenant: str, key: str) -> tuple[str, frozenset[str]] | None:
        """The stored hash and groups of a document."""
        stored = self._docs.get((tenant, key))
        return (stored.document.sha256, stored.document.groups) if stored else None

    def sentence_embedders(self, tenant: str, key: str) -> dict[str, str | None]:
        """Per stored chunk, the model of its stored sentence vectors."""
        stored = self._docs.get((tenant, key))
        if stored is None:
            return {}
        entries = stored.sentences or [None] * len(stored.chunks)
        return {
            c.chunk_id: e.embedder if e else None
            for c, e in zip(stored.chunks, entries, strict=True)
        }

    def chunk_embedders(self, tenant: str, key: str) -> dict[str, str | None]:
        """Per stored chunk, the model of its stored vector."""
        stored = self._docs.get((tenant, key))
        if stored is None:
            return {}
        embedder = stored.embedder if stored.vectors else None
        return {c.chunk_id: embedder for c in stored.chunks}

    def store_sentences(
        self, tenant: str, key: str, sha256: str, sentences: dict[str, ChunkSentences]
    ) -> bool:
        """Add sentence vectors to an unchanged document's chunks."""
        stored = self._docs.get((tenant, key))
        if stored is None or stored.document.sha256 != sha256:
            return False
        entries = stored.sentences or [None] * len(stored.chunks)
        stored.sentences = [
            sentences.get(c.chunk_id, e) for c, e in zip(stored.chunks, entries, strict=True)
        ]
        return True

    def _readable(self, reader: Reader) -> list[tuple[PolicyChunk, list[float] | None, str | None]]:
        out: list[tuple[PolicyChunk, list[float] | None, str | None]] = []
        for stored in self._docs.values():
            if not reader.may_read(stored.document.tenant, stored.document.groups):
                continue
            for i, chunk in enumerate(stored.chunks):
                vector = stored.vectors[i] if stored.vectors else None
                out.append((chunk, vector, stored.embedder))
        return out

    def search(
        self,
        reader: Reader,
        query: str,
        query_vector: Sequence[float] | None,
        *,
        embedder: str | None,
        k: int = 8,
    ) -> list[SearchHit]:
        """Readable chunks only, ranked by shared words and by cosine, fused."""
        readable = self._readable(reader)
        terms = set(content_terms(query))
        lexical = sorted(
            (c for c, _, _ in readable if terms & set(content_terms(c.text))),
            key=lambda c: -len(terms & set(content_terms(c.text))),
        )
        dense: list[PolicyChunk] = []
        similarity: dict[str, float] = {}
        relative: dict[str, float] = {}
        if query_vector is not None:
            scored = [
                (sum(a * b for a, b in zip(v, query_vector, strict=False)), c)
                for c, v, e in readable
                if v is not None and e == embedder
            ]
            scored = [(s, c) for s, c in scored if not math.isnan(s)]
            dense = [c for s, c in sorted(scored, key=lambda x: -x[0])]
            if scored:
                mean = statistics.fmean(s for s, _ in scored)
                spread = statistics.pstdev(s for s, _ in scored) or 1.0
                similarity = {c.chunk_id: s for s, c in scored}
                relative = {c.chunk_id: (s - mean) / spread for s, c in scored}
        by_id = {c.chunk_id: c for c, _, _ in readable}
        fused = reciprocal_rank_fusion(
            [c.chunk_id for c in lexical[:40]], [c.chunk_id for c in dense[:40]]
        )
        return [
            SearchHit(
                by_id[i],
                rank=n,
                lexical_rank=r[0],
                dense_rank=r[1],
                score=s,
                similarity=similarity.get(i),
                relative_similarity=relative.get(i),
            )
            for n, (i, s, r) in enumerate(fused[:k], start=1)
        ]

    def document_frequencies(
        self, reader: Reader, terms: Sequence[str]
    ) -> tuple[int, dict[str, int]]:
        """Counts over the reader's chunks only."""
        readable = [set(content_terms(c.text)) for c, _, _ in self._readable(reader)]
        return len(readable), {t: sum(t in words for words in readable) for t in terms}

    def sentence_vectors(
        self, reader: Reader, chunk_ids: Sequence[str], *, embedder: str
    ) -> dict[str, list[float]]:
        """Stored sentence vectors of the named readable chunks, made by ``embedder``."""
        wanted = set(chunk_ids)
        out: dict[str, list[float]] = {}
        for stored in self._docs.values():
            if stored.sentences is None:
                continue
            if not reader.may_read(stored.document.tenant, stored.document.groups):
                continue
            for chunk, entry in zip(stored.chunks, stored.sentences, strict=True):
                if entry is not None and entry.embedder == embedder and chunk.chunk_id in wanted:
                    out.update(zip(entry.digests, map(list, entry.vectors), strict=True))
        return out


class RecordingPolicyAudit:
    """An audit sink that keeps the events in a list."""

    def __init__(self) -> None:
        self.events: list[PolicyAuditEvent] = []

    def record_policy_event(self, event: PolicyAuditEvent) -> None:
        """Keep the event."""
        self.events.append(event)
