"""The embedded policy index: SQLite FTS5 (BM25) plus stored vectors, fused by reciprocal rank.

Permissions are part of each query: the tenant and the reader's groups restrict the rows the
full-text match and the vector scan read, *before* any ranking, so a chunk the reader may not
read is never scored, counted or returned. The question's words are passed to FTS5 as quoted
terms, never as query syntax, so nothing typed can add a column filter or an operator.

BM25 in FTS5 uses statistics of the whole table (how rare a word is across every tenant's
chunks). Those statistics shape the order of readable results only and are never shown; the
answer-or-refuse decision uses :meth:`SqlitePolicyIndex.document_frequencies`, counted over
the reader's chunks alone.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import Engine, bindparam, text
from sqlalchemy.orm import Session

from clinllm.domain.policies import (
    Reader,
    SearchHit,
    content_terms,
)
from clinllm.retrieval.sql_rows import (
    DenseRanking,
    StoredDocuments,
    fused_hits,
    index_generation,
    rank_matrix,
    read_sentences,
    scope_token,
    vector_matrix,
)

__all__ = ["SqlitePolicyIndex", "fts_query", "scope_tokens"]

#: Most question words sent to the full-text index.
MAX_TERMS = 32

#: The second lock: every chunk the full-text query yields is checked against the tenant and
#: the reader's groups again (it already matched the reader's scope tokens inside FTS5).
_READABLE = (
    "c.tenant = :tenant AND c.document_id IN "
    "(SELECT g.document_id FROM policy_document_groups g WHERE g.group_name IN :groups)"
)
#: The permission filter inside the full-text query (``scope:`` tokens, migration
#: ``0010_policy``): FTS5 intersects the question's words with the reader's rows, so an
#: unreadable chunk is never scored and the cost follows the reader's chunks, not the table.
_LEXICAL = text(
    "SELECT c.chunk_key FROM ("  # noqa: S608 - constant SQL, values are bound
    "SELECT rowid AS id, bm25(policy_chunks_fts, 2.0, 2.0, 1.0, 0.0) AS rank "
    "FROM policy_chunks_fts WHERE policy_chunks_fts MATCH :match ORDER BY rank LIMIT :limit"
    f") f JOIN policy_chunks c ON c.id = f.id WHERE {_READABLE} ORDER BY f.rank"
).bindparams(bindparam("groups", expanding=True))
#: ``+c.tenant`` keeps SQLite from scanning the tenant's whole ``(tenant, chunk_key)`` index:
#: the readable documents (group index, then chunk index by document) drive the query.
_DENSE = text(
    "SELECT c.chunk_key, c.vector FROM policy_chunks c "  # noqa: S608 - constant SQL, values are bound
    f"WHERE +{_READABLE} AND c.embedder = :embedder AND c.vector IS NOT NULL"
).bindparams(bindparam("groups", expanding=True))
#: The question's words match the text columns only, never the scope tokens.
_TEXT_COLUMNS = "{title section text}"
_COUNT = text("SELECT count(*) FROM policy_chunks_fts WHERE policy_chunks_fts MATCH :match")


def scope_tokens(reader: Reader) -> str:
    """The FTS5 expression of the reader's scope: one token per (tenant, group), ORed.

    The tokens are those :func:`~clinllm.retrieval.sql_rows.write_document` stores with
    each chunk (migration ``0010_policy``).
    """
    return " OR ".join(f"scope:{scope_token(reader.tenant, g)}" for g in sorted(reader.groups))


#: (tenant, sorted groups, embedder) of a cached matrix.
_CacheKey = tuple[str, tuple[str, ...], str]
#: (generation, chunk keys, vectors) of one group set.
_Cached = tuple[int, list[str], np.ndarray[Any, Any]]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def fts_query(question: str) -> str | None:
    """An FTS5 query that ORs the question's topic words, each quoted (no syntax passes)."""
    terms = list(dict.fromkeys(content_terms(question)))[:MAX_TERMS]
    return " OR ".join(f'"{t}"' for t in terms) if terms else None


class SqlitePolicyIndex(StoredDocuments):
    """:class:`~clinllm.domain.policies.PolicyIndex` on SQLite (migrated to ``0004_policies``).

    A reader's vectors are read once per group set and kept as one float32 matrix, while the
    tenant's write generation (bumped in the transaction of every document write) is
    unchanged; a matrix only ever holds the vectors the permission-filtered query returned for
    exactly that group set, and every result is loaded again through the permission filter.

    Args:
        engine: A SQLite engine from :func:`clinllm.store.make_engine`.
        clock: Current aware UTC time.
        candidates: How many chunks each retriever contributes to the fusion.
        cached_vectors: Most vectors kept across group sets (least recently used dropped;
            0 turns the cache off). 200,000 x 384 float32 is about 300 MB.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = _utc_now,
        candidates: int = 40,
        cached_vectors: int = 200_000,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._candidates = candidates
        self._cache_limit = cached_vectors
        self._cache: OrderedDict[_CacheKey, _Cached] = OrderedDict()
        self._cached_rows = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "SqlitePolicyIndex()"

    def search(
        self,
        reader: Reader,
        query: str,
        query_vector: Sequence[float] | None,
        *,
        embedder: str | None,
        k: int = 8,
    ) -> list[SearchHit]:
        """The ``k`` best readable chunks, full-text and vector ranks fused."""
        if not reader.groups:
            return []
        scope = self._scope(reader)
        words = fts_query(query)
        match = f"{_TEXT_COLUMNS}: ({words}) AND ({scope_tokens(reader)})" if words else None
        with Session(self._engine) as session:
            connection = session.connection()
            lexical: list[str] = []
            if match is not None:
                lexical = list(
                    connection.execute(
                        _LEXICAL, {**scope, "match": match, "limit": self._candidates}
                    ).scalars()
                )
            dense = DenseRanking()
            if query_vector is not None and embedder is not None:
                keys, matrix = self._vectors(session, reader, embedder)
                query_array = np.asarray(query_vector, dtype=np.float32)
                dense = rank_matrix(keys, matrix, query_array, self._candidates)
            return fused_hits(session, reader, lexical, dense, k)

    def _vectors(
        self, session: Session, reader: Reader, embedder: str
    ) -> tuple[list[str], np.ndarray[Any, Any]]:
        """The reader's vectors: from the cache at the current generation, else read."""
        key: _CacheKey = (reader.tenant, tuple(sorted(reader.groups)), embedder)
        generation = index_generation(session, reader.tenant)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] == generation:
                self._cache.move_to_end(key)
                return cached[1], cached[2]
        rows = session.connection().execute(_DENSE, {**self._scope(reader), "embedder": embedder})
        keys, matrix = vector_matrix((r[0], r[1]) for r in rows)
        if self._cache_limit > 0 and len(keys) <= self._cache_limit:
            with self._lock:
                old = self._cache.pop(key, None)
                self._cached_rows -= len(old[1]) if old else 0
                self._cache[key] = (generation, keys, matrix)
                self._cached_rows += len(keys)
                while self._cached_rows > self._cache_limit:
                    _, dropped = self._cache.popitem(last=False)
                    self._cached_rows -= len(dropped[1])
        return keys, matrix

    def document_frequencies(
        self, reader: Reader, terms: Sequence[str]
    ) -> tuple[int, dict[str, int]]:
        """Readable chunk count and, per term, how many readable chunks contain it.

        Both are counted inside FTS5 over the reader's scope tokens only, so a forbidden
        chunk never adds to a count.
        """
        if not reader.groups:
            return 0, {t: 0 for t in terms}
        readable = scope_tokens(reader)
        out: dict[str, int] = {}
        with self._engine.connect() as connection:
            total = int(connection.execute(_COUNT, {"match": readable}).scalar_one())
            for term in dict.fromkeys(terms):
                match = fts_query(term)
                out[term] = (
                    int(
                        connection.execute(
                            _COUNT, {"match": f"{_TEXT_COLUMNS}: ({match}) AND ({readable})"}
                        ).scalar_one()
                    )
                    if match
                    else 0
                )
        return total, out

    def sentence_vectors(
        self, reader: Reader, chunk_ids: Sequence[str], *, embedder: str
    ) -> dict[str, list[float]]:
        """Stored sentence vectors of readable chunks (tenant and document-group filter)."""
        with Session(self._engine) as session:
            return read_sentences(session, reader, chunk_ids, embedder)
