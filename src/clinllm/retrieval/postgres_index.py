"""The production policy index: PostgreSQL full-text search with row-level security.

Every read runs in a transaction that first switches to the role ``clinllm_policy_reader``
(``SET LOCAL ROLE``) and sets ``clinllm.tenant`` and ``clinllm.groups`` for that transaction
only. The row-level security policies of migration ``0004_policies`` then hide every chunk of
another tenant or without a shared group, *inside the database*: the explicit filter in each
query below is a second lock, not the only one. ``ts_rank_cd`` scores a chunk from its own
text only, so no statistic of a forbidden chunk reaches a readable one's rank.

Vectors: pgvector is detected (:attr:`PostgresPolicyIndex.vector_backend`). This version stores
vectors as ``bytea`` on every server and ranks the reader's (already permission-filtered)
vectors in numpy; with pgvector installed it says so and still uses that path, because the
schema has no ``vector`` column yet (see docs/policy-search.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from clinllm.domain.policies import (
    Reader,
    SearchHit,
    content_terms,
)
from clinllm.observability.logging import get_logger, log_event
from clinllm.retrieval.sql_rows import (
    DenseRanking,
    StoredDocuments,
    dense_ranking,
    fused_hits,
    read_sentences,
)

__all__ = ["READER_ROLE", "PostgresPolicyIndex", "reader_transaction", "tsquery"]

#: The role reads run as (created by migration ``0004_policies``).
READER_ROLE = "clinllm_policy_reader"
MAX_TERMS = 32

_log = get_logger("clinllm.retrieval")

_READABLE = "c.tenant = :tenant AND c.acl && CAST(:groups AS text[])"
_LEXICAL = text(
    "SELECT c.chunk_key FROM policy_chunks c, to_tsquery('english', :tsq) q "  # noqa: S608 - constant SQL, values are bound
    f"WHERE c.tsv @@ q AND {_READABLE} ORDER BY ts_rank_cd(c.tsv, q) DESC, c.id LIMIT :limit"
)
_DENSE = text(
    f"SELECT c.chunk_key, c.vector FROM policy_chunks c WHERE {_READABLE} "  # noqa: S608 - constant SQL, values are bound
    "AND c.embedder = :embedder AND c.vector IS NOT NULL"
)
_COUNT = text(f"SELECT count(*) FROM policy_chunks c WHERE {_READABLE}")  # noqa: S608 - constant SQL, values are bound
_DF = text(
    "SELECT count(*) FROM policy_chunks c "  # noqa: S608 - constant SQL, values are bound
    f"WHERE c.tsv @@ to_tsquery('english', :tsq) AND {_READABLE}"
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def tsquery(question: str) -> str | None:
    """``a | b | c`` over the question's topic words (letters and digits only: no syntax)."""
    terms = list(dict.fromkeys(content_terms(question)))[:MAX_TERMS]
    return " | ".join(terms) if terms else None


def reader_transaction(session: Session, reader: Reader) -> None:
    """Become the reader role and set the reader's tenant and groups for this transaction.

    Names are identifiers (checked by :class:`Reader`), so the array literal is safe.
    """
    session.execute(text(f"SET LOCAL ROLE {READER_ROLE}"))
    session.execute(
        text(
            "SELECT set_config('clinllm.tenant', :tenant, true), "
            "set_config('clinllm.groups', :groups, true)"
        ),
        {"tenant": reader.tenant, "groups": "{" + ",".join(sorted(reader.groups)) + "}"},
    )


class PostgresPolicyIndex(StoredDocuments):
    """:class:`~clinllm.domain.policies.PolicyIndex` on PostgreSQL (RLS, tsvector, GIN).

    Args:
        engine: A PostgreSQL engine, schema migrated to ``0004_policies``.
        clock: Current aware UTC time.
        candidates: How many chunks each retriever contributes to the fusion.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = _utc_now,
        candidates: int = 40,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._candidates = candidates
        self._vector_backend: str | None = None

    def __repr__(self) -> str:
        return "PostgresPolicyIndex()"

    @property
    def vector_backend(self) -> Literal["pgvector-unused", "numpy"]:
        """``numpy`` (no pgvector), or ``pgvector-unused`` (installed, not used by this schema)."""
        if self._vector_backend is None:
            with self._engine.connect() as connection:
                installed = connection.execute(
                    text("SELECT 1 FROM pg_extension WHERE extname = 'vector'")
                ).first()
            self._vector_backend = "pgvector-unused" if installed else "numpy"
            log_event(_log, "policy.vectors", backend=self._vector_backend)
        return self._vector_backend  # type: ignore[return-value]

    def search(
        self,
        reader: Reader,
        query: str,
        query_vector: Sequence[float] | None,
        *,
        embedder: str | None,
        k: int = 8,
    ) -> list[SearchHit]:
        """The ``k`` best readable chunks, as the reader role, full-text and vector fused."""
        if not reader.groups:
            return []
        scope = self._scope(reader)
        tsq = tsquery(query)
        with Session(self._engine) as session, session.begin():
            reader_transaction(session, reader)
            lexical: list[str] = []
            if tsq is not None:
                lexical = list(
                    session.execute(
                        _LEXICAL, {**scope, "tsq": tsq, "limit": self._candidates}
                    ).scalars()
                )
            dense = DenseRanking()
            if query_vector is not None and embedder is not None:
                rows = session.execute(_DENSE, {**scope, "embedder": embedder})
                dense = dense_ranking(((r[0], r[1]) for r in rows), query_vector, self._candidates)
            return fused_hits(session, reader, lexical, dense, k)

    def document_frequencies(
        self, reader: Reader, terms: Sequence[str]
    ) -> tuple[int, dict[str, int]]:
        """Readable chunk count and per-term readable chunk counts, as the reader role."""
        if not reader.groups:
            return 0, {t: 0 for t in terms}
        scope = self._scope(reader)
        out: dict[str, int] = {}
        with Session(self._engine) as session, session.begin():
            reader_transaction(session, reader)
            total = int(session.execute(_COUNT, scope).scalar_one())
            for term in dict.fromkeys(terms):
                tsq = tsquery(term)
                out[term] = (
                    int(session.execute(_DF, {**scope, "tsq": tsq}).scalar_one()) if tsq else 0
                )
        return total, out

    def sentence_vectors(
        self, reader: Reader, chunk_ids: Sequence[str], *, embedder: str
    ) -> dict[str, list[float]]:
        """Stored sentence vectors of readable chunks, as the reader role (row-level security)."""
        if not reader.groups:
            return {}
        with Session(self._engine) as session, session.begin():
            reader_transaction(session, reader)
            return read_sentences(session, reader, chunk_ids, embedder)
