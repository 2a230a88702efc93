"""What the SQLite and PostgreSQL policy indexes share: the atomic write and the row mapping.

Writing a document is one transaction: its row, its groups and every chunk (with the chunk's
sentence vectors, in the chunk's own row) are replaced together, so a reader never sees half
of an old version and half of a new one. Dense ranking
happens in numpy over the vectors the permission-filtered query returned: the only vectors it
ever sees are the reader's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import numpy as np
from sqlalchemy import ColumnElement, Engine, Select, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from clinllm.domain.policies import (
    ChunkSentences,
    PolicyChunk,
    PolicyDocument,
    Reader,
    SearchHit,
)
from clinllm.domain.screening import ScreenFinding
from clinllm.retrieval.fusion import reciprocal_rank_fusion
from clinllm.store import vector_codec
from clinllm.store.models import (
    PolicyChunkRow,
    PolicyDocumentGroupRow,
    PolicyDocumentRow,
    PolicyIndexStateRow,
)

__all__ = [
    "DenseRanking",
    "chunk_embedders",
    "dense_ranking",
    "fused_hits",
    "index_generation",
    "rank_matrix",
    "read_sentences",
    "readable_chunks",
    "row_to_chunk",
    "scope_token",
    "sentence_embedders",
    "stored_hash",
    "vector_matrix",
    "write_document",
    "write_sentences",
]


def _encode(vector: Sequence[float] | None) -> bytes | None:
    return None if vector is None else vector_codec.encode([vector])


def scope_token(tenant: str, group: str) -> str:
    """The full-text token that lets readers of ``group`` in ``tenant`` find a chunk.

    Hex of the UTF-8 bytes, so no group name can be split, stemmed or lower-cased into another
    group's token; the ``g`` and ``x`` around it keep it one word out of the stemmer's reach.
    Migration ``0010_policy`` computes the same token in SQL for existing rows.
    """
    return f"g{(tenant + chr(31) + group).encode('utf-8').hex()}x"


def row_to_chunk(row: Any) -> PolicyChunk:
    """A chunk from a ``policy_chunks`` row (ORM object or result row with the same names)."""
    return PolicyChunk(
        chunk_id=row.chunk_key,
        document_key=row.chunk_key.rsplit("#", 1)[0],
        ordinal=row.ordinal,
        title=row.title,
        section=row.section,
        start=row.start,
        end=row.end,
        text=row.text,
        hidden=bool(row.hidden),
        findings=tuple(
            ScreenFinding(
                start=int(f["start"]),
                end=int(f["end"]),
                reason=str(f["reason"]),
                score=float(f["score"]),
            )
            for f in (row.findings or [])
        ),
    )


def _readable(reader: Reader) -> ColumnElement[bool]:
    """The permission filter of a chunk row: reader's tenant, a document of a reader's group."""
    documents = select(PolicyDocumentGroupRow.document_id).where(
        PolicyDocumentGroupRow.group_name.in_(sorted(reader.groups))
    )
    return (PolicyChunkRow.tenant == reader.tenant) & PolicyChunkRow.document_id.in_(documents)


def readable_chunks(reader: Reader) -> Select[PolicyChunkRow]:
    """Chunks of the reader's tenant in a document that shares a group with the reader."""
    return select(PolicyChunkRow).where(_readable(reader))


def _sentence_columns(entry: ChunkSentences | None) -> dict[str, Any]:
    if entry is None or not entry.digests:
        return {"sentence_embedder": None, "sentence_digests": None, "sentence_vectors": None}
    return {
        "sentence_embedder": entry.embedder,
        "sentence_digests": list(entry.digests),
        "sentence_vectors": vector_codec.encode(entry.vectors),
    }


def read_sentences(
    session: Session, reader: Reader, chunk_ids: Sequence[str], embedder: str
) -> dict[str, list[float]]:
    """Stored sentence vectors (by digest) of the named chunks, through the chunk filter.

    The same filter as every chunk read (on PostgreSQL also row-level security, when the
    caller runs as the reader role), so no vector of an unreadable chunk is ever loaded.
    """
    if not reader.groups or not chunk_ids:
        return {}
    rows = session.execute(
        select(PolicyChunkRow.sentence_digests, PolicyChunkRow.sentence_vectors).where(
            _readable(reader),
            PolicyChunkRow.chunk_key.in_(sorted(set(chunk_ids))),
            PolicyChunkRow.sentence_embedder == embedder,
            PolicyChunkRow.sentence_vectors.is_not(None),
        )
    )
    out: dict[str, list[float]] = {}
    for digests, blob in rows:
        if not digests or blob is None:  # pragma: no cover - the query asks for stored ones
            continue
        matrix = vector_codec.decode(blob, len(digests))
        out.update(zip(digests, matrix.tolist(), strict=True))
    return out


def stored_hash(session: Session, tenant: str, key: str) -> tuple[str, frozenset[str]] | None:
    """The stored text hash and groups of one document, or None."""
    row = session.execute(
        select(PolicyDocumentRow.sha256, PolicyDocumentRow.acl).where(
            PolicyDocumentRow.tenant == tenant, PolicyDocumentRow.key == key
        )
    ).first()
    return None if row is None else (row[0], frozenset(row[1]))


def sentence_embedders(session: Session, tenant: str, key: str) -> dict[str, str | None]:
    """Per chunk of one stored document, the model of its stored sentence vectors (or None)."""
    return _embedders(session, tenant, key, PolicyChunkRow.sentence_embedder)


def chunk_embedders(session: Session, tenant: str, key: str) -> dict[str, str | None]:
    """Per chunk of one stored document, the model of its stored chunk vector (or None)."""
    return _embedders(session, tenant, key, PolicyChunkRow.embedder)


def _embedders(session: Session, tenant: str, key: str, column: Any) -> dict[str, str | None]:
    rows = session.execute(
        select(PolicyChunkRow.chunk_key, column)
        .join(PolicyDocumentRow, PolicyDocumentRow.id == PolicyChunkRow.document_id)
        .where(PolicyDocumentRow.tenant == tenant, PolicyDocumentRow.key == key)
    )
    return {chunk_key: embedder for chunk_key, embedder in rows}


def write_sentences(
    session: Session, tenant: str, key: str, sha256: str, sentences: dict[str, ChunkSentences]
) -> bool:
    """Set the sentence vectors of an unchanged document's chunks, in the caller's transaction.

    The document row is locked and its hash checked first, so vectors computed from one
    version can never land on the chunks of another written meanwhile.
    """
    row = session.scalars(
        select(PolicyDocumentRow)
        .where(PolicyDocumentRow.tenant == tenant, PolicyDocumentRow.key == key)
        .with_for_update()
    ).first()
    if row is None or row.sha256 != sha256:
        return False
    for chunk_key, entry in sentences.items():
        session.execute(
            update(PolicyChunkRow)
            .where(PolicyChunkRow.document_id == row.id, PolicyChunkRow.chunk_key == chunk_key)
            .values(**_sentence_columns(entry))
        )
    return True


def write_document(
    session: Session,
    document: PolicyDocument,
    chunks: Sequence[PolicyChunk],
    vectors: Sequence[Sequence[float]] | None,
    *,
    embedder: str | None,
    now: datetime,
    sentences: Sequence[ChunkSentences | None] | None = None,
) -> Literal["created", "replaced", "unchanged"]:
    """Insert or replace one document, its groups and chunks, in the caller's transaction.

    ``sentences`` (one entry per chunk) go into the chunk rows themselves, by the same insert.
    """
    if vectors is not None and len(vectors) != len(chunks):
        raise ValueError("one vector per chunk is required")
    if sentences is not None and len(sentences) != len(chunks):
        raise ValueError("one sentence entry (or None) per chunk is required")
    groups = sorted(document.groups)
    row = session.scalars(
        select(PolicyDocumentRow)
        .where(PolicyDocumentRow.tenant == document.tenant, PolicyDocumentRow.key == document.key)
        .with_for_update()
    ).first()
    if (
        row is not None
        and row.sha256 == document.sha256
        and sorted(row.acl) == groups
        and not (vectors is not None and _other_vectors(session, row.id, embedder))
    ):
        return "unchanged"
    status: Literal["created", "replaced"]
    if row is None:
        row = PolicyDocumentRow(
            tenant=document.tenant, key=document.key, revision=1, created_at=now
        )
        session.add(row)
        status = "created"
    else:
        session.execute(delete(PolicyChunkRow).where(PolicyChunkRow.document_id == row.id))
        session.execute(
            delete(PolicyDocumentGroupRow).where(PolicyDocumentGroupRow.document_id == row.id)
        )
        row.revision += 1
        status = "replaced"
    row.title = document.title[:255]
    row.media_type = document.media_type
    row.version = document.version
    row.effective_date = document.effective_date
    row.sha256 = document.sha256
    row.acl = groups
    row.updated_at = now
    session.flush()
    session.execute(
        insert(PolicyDocumentGroupRow),
        [{"document_id": row.id, "group_name": g} for g in groups],
    )
    if chunks:
        # One executemany for every chunk: the ORM's per-object unit of work is several times
        # slower on a 10-chunk document and dominates ingest at 100k chunks.
        session.execute(
            insert(PolicyChunkRow),
            [
                {
                    "document_id": row.id,
                    "tenant": document.tenant,
                    "acl": groups,
                    "scope": " ".join(scope_token(document.tenant, g) for g in groups),
                    "chunk_key": chunk.chunk_id,
                    "ordinal": chunk.ordinal,
                    "title": chunk.title[:255],
                    "section": chunk.section[:500],
                    "start": chunk.start,
                    "end": chunk.end,
                    "text": chunk.text,
                    "hidden": chunk.hidden,
                    "findings": [
                        {"start": f.start, "end": f.end, "reason": f.reason, "score": f.score}
                        for f in chunk.findings
                    ],
                    "embedder": embedder if vectors is not None else None,
                    "vector": _encode(vectors[i]) if vectors is not None else None,
                    **_sentence_columns(sentences[i] if sentences is not None else None),
                }
                for i, chunk in enumerate(chunks)
            ],
        )
    session.flush()
    _bump_generation(session, document.tenant)
    return status


def _other_vectors(session: Session, document_id: int, embedder: str | None) -> bool:
    """Whether a stored chunk of the document has no vector of ``embedder``."""
    other = session.scalar(
        select(PolicyChunkRow.id)
        .where(
            PolicyChunkRow.document_id == document_id,
            PolicyChunkRow.embedder.is_distinct_from(embedder),
        )
        .limit(1)
    )
    return other is not None


def _bump_generation(session: Session, tenant: str) -> None:
    """One more write for ``tenant``: cached vectors read before it are stale."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(PolicyIndexStateRow).values(tenant=tenant, generation=1)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[PolicyIndexStateRow.tenant],
            set_={"generation": PolicyIndexStateRow.generation + 1},
        )
    )


def index_generation(session: Session, tenant: str) -> int:
    """The tenant's current write generation (0 before the first write)."""
    value = session.scalar(
        select(PolicyIndexStateRow.generation).where(PolicyIndexStateRow.tenant == tenant)
    )
    return int(value or 0)


def vector_matrix(rows: Iterable[tuple[str, bytes]]) -> tuple[list[str], np.ndarray[Any, Any]]:
    """Chunk keys and their stored vectors (any stored format) as one float32 matrix."""
    keys: list[str] = []
    blobs: list[bytes] = []
    for key, blob in rows:
        keys.append(key)
        blobs.append(blob)
    return keys, vector_codec.decode_rows(blobs)


@dataclass(frozen=True, slots=True)
class DenseRanking:
    """The reader's chunks by cosine similarity to the question, best first.

    Attributes:
        keys: Chunk keys, best first (at most the requested limit).
        similarity: Cosine similarity of each ranked key.
        relative: Each ranked key's similarity in standard deviations above the mean over
            *every* chunk the reader may read: how much a chunk stands out from the reader's
            corpus, whatever the embedding model's typical cosine range is.
    """

    keys: list[str] = field(default_factory=list)
    similarity: dict[str, float] = field(default_factory=dict)
    relative: dict[str, float] = field(default_factory=dict)


def dense_ranking(
    rows: Iterable[tuple[str, bytes]], query: Sequence[float], limit: int
) -> DenseRanking:
    """Chunk keys by cosine similarity to ``query`` (vectors are stored normalized)."""
    keys, matrix = vector_matrix(rows)
    return rank_matrix(keys, matrix, np.asarray(query, dtype=np.float32), limit)


def rank_matrix(
    keys: Sequence[str], matrix: np.ndarray[Any, Any], query: np.ndarray[Any, Any], limit: int
) -> DenseRanking:
    """Rank the rows of a normalized ``matrix`` (one per key) by cosine with ``query``."""
    if not keys or matrix.shape[1] != query.shape[0]:
        return DenseRanking()
    scores = matrix @ query
    if limit < len(keys):
        part = np.argpartition(-scores, limit)[:limit]
        top = part[np.argsort(-scores[part], kind="stable")]
    else:
        top = np.argsort(-scores, kind="stable")
    mean = float(scores.mean())
    spread = float(scores.std()) or 1.0
    ranked = [keys[int(i)] for i in top]
    return DenseRanking(
        keys=ranked,
        similarity={keys[int(i)]: float(scores[i]) for i in top},
        relative={keys[int(i)]: (float(scores[i]) - mean) / spread for i in top},
    )


def fused_hits(
    session: Session,
    reader: Reader,
    lexical: Sequence[str],
    dense: DenseRanking,
    k: int,
) -> list[SearchHit]:
    """Fuse the two rankings and load the ``k`` best chunks (still as the reader) as hits.

    The one place both SQL indexes turn ranked keys into results, so a chunk is loaded with
    the same permission filter and carries the same ranks and similarities on either store.
    """
    fused = reciprocal_rank_fusion(lexical, dense.keys)[:k]
    if not fused:
        return []
    chunks = {
        row.chunk_key: row_to_chunk(row)
        for row in session.scalars(
            readable_chunks(reader).where(
                PolicyChunkRow.chunk_key.in_([key for key, _, _ in fused])
            )
        )
    }
    return [
        SearchHit(
            chunk=chunks[key],
            rank=i,
            lexical_rank=ranks[0],
            dense_rank=ranks[1],
            score=score,
            similarity=dense.similarity.get(key),
            relative_similarity=dense.relative.get(key),
        )
        for i, (key, score, ranks) in enumerate(fused, start=1)
        if key in chunks
    ]


class StoredDocuments:
    """What both SQL policy indexes read and write the same way (SQLite and PostgreSQL).

    A subclass sets ``_engine`` and ``_clock``; the queries are those of this module.
    """

    _engine: Engine
    _clock: Callable[[], datetime]

    def upsert(
        self,
        document: PolicyDocument,
        chunks: Sequence[PolicyChunk],
        vectors: Sequence[Sequence[float]] | None,
        *,
        embedder: str | None,
        sentences: Sequence[ChunkSentences | None] | None = None,
    ) -> Literal["created", "replaced", "unchanged"]:
        """Store a document and its chunks in one transaction (see the port).

        On PostgreSQL the engine is the owner role's: readers never write.
        """
        with Session(self._engine) as session, session.begin():
            return write_document(
                session,
                document,
                chunks,
                vectors,
                embedder=embedder,
                now=self._clock(),
                sentences=sentences,
            )

    def stored_hash(self, tenant: str, key: str) -> tuple[str, frozenset[str]] | None:
        """The stored hash and groups of a document, or None."""
        with Session(self._engine) as session:
            return stored_hash(session, tenant, key)

    def sentence_embedders(self, tenant: str, key: str) -> dict[str, str | None]:
        """Per stored chunk of the document, the model of its stored sentence vectors."""
        with Session(self._engine) as session:
            return sentence_embedders(session, tenant, key)

    def chunk_embedders(self, tenant: str, key: str) -> dict[str, str | None]:
        """Per stored chunk of the document, the model of its stored chunk vector."""
        with Session(self._engine) as session:
            return chunk_embedders(session, tenant, key)

    def store_sentences(
        self, tenant: str, key: str, sha256: str, sentences: dict[str, ChunkSentences]
    ) -> bool:
        """Add sentence vectors to an unchanged document's chunks (one transaction)."""
        with Session(self._engine) as session, session.begin():
            return write_sentences(session, tenant, key, sha256, sentences)

    @staticmethod
    def _scope(reader: Reader) -> dict[str, object]:
        return {"tenant": reader.tenant, "groups": sorted(reader.groups)}
