"""What the SQLite and PostgreSQL policy indexes share: the atomic write and the row mapping.

Writing a document is one transaction: its row, its groups and every chunk are replaced
together, so a reader never sees half of an old version and half of a new one. Dense ranking
happens in numpy over the vectors the permission-filtered query returned: the only vectors it
ever sees are the reader's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Literal

import numpy as np
from sqlalchemy import Select, delete, insert, select
from sqlalchemy.orm import Session

from clinllm.domain.policies import PolicyChunk, PolicyDocument, Reader
from clinllm.domain.screening import ScreenFinding
from clinllm.store.models import PolicyChunkRow, PolicyDocumentGroupRow, PolicyDocumentRow

__all__ = ["dense_ranking", "readable_chunks", "row_to_chunk", "stored_hash", "write_document"]


def _encode(vector: Sequence[float] | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


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


def readable_chunks(reader: Reader) -> Select[PolicyChunkRow]:
    """Chunks of the reader's tenant in a document that shares a group with the reader."""
    documents = select(PolicyDocumentGroupRow.document_id).where(
        PolicyDocumentGroupRow.group_name.in_(sorted(reader.groups))
    )
    return select(PolicyChunkRow).where(
        PolicyChunkRow.tenant == reader.tenant, PolicyChunkRow.document_id.in_(documents)
    )


def stored_hash(session: Session, tenant: str, key: str) -> tuple[str, frozenset[str]] | None:
    """The stored text hash and groups of one document, or None."""
    row = session.execute(
        select(PolicyDocumentRow.sha256, PolicyDocumentRow.acl).where(
            PolicyDocumentRow.tenant == tenant, PolicyDocumentRow.key == key
        )
    ).first()
    return None if row is None else (row[0], frozenset(row[1]))


def write_document(
    session: Session,
    document: PolicyDocument,
    chunks: Sequence[PolicyChunk],
    vectors: Sequence[Sequence[float]] | None,
    *,
    embedder: str | None,
    now: datetime,
) -> Literal["created", "replaced", "unchanged"]:
    """Insert or replace one document, its groups and chunks, in the caller's transaction."""
    if vectors is not None and len(vectors) != len(chunks):
        raise ValueError("one vector per chunk is required")
    groups = sorted(document.groups)
    row = session.scalars(
        select(PolicyDocumentRow)
        .where(PolicyDocumentRow.tenant == document.tenant, PolicyDocumentRow.key == document.key)
        .with_for_update()
    ).first()
    if row is not None and row.sha256 == document.sha256 and sorted(row.acl) == groups:
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
                }
                for i, chunk in enumerate(chunks)
            ],
        )
    session.flush()
    return status


def dense_ranking(
    rows: Iterable[tuple[str, bytes]], query: Sequence[float], limit: int
) -> list[str]:
    """Chunk keys by cosine similarity to ``query`` (vectors are stored normalized)."""
    keys: list[str] = []
    blobs: list[bytes] = []
    for key, blob in rows:
        keys.append(key)
        blobs.append(blob)
    if not keys:
        return []
    q = np.asarray(query, dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(keys), -1)
    if matrix.shape[1] != q.shape[0]:
        return []
    scores = matrix @ q
    top = np.argsort(-scores, kind="stable")[:limit]
    return [keys[int(i)] for i in top]
