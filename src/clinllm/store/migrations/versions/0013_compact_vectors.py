"""Policy search: stored vectors become int8 rows with a per-row scale (a quarter of the bytes).

``policy_chunks.vector`` (the chunk's vector) and ``policy_chunks.sentence_vectors`` (its
sentences', migration ``0012_policy_sentences``) held raw float32 rows: about 8.6 KB per
chunk with e5's 384 dimensions, 0.9 GB per 100k chunks. New values are written by
:mod:`clinllm.retrieval.vector_codec` (a header naming the format, then int8 rows with one
float32 scale each: 388 bytes per 384-dimension row). The readers take both forms (a header
starts with a float32 NaN, which no stored normalized vector does), so this migration is not
needed for correctness: it converts the rows already stored, so that an existing database
shrinks too (SQLite gives the pages back on ``VACUUM``).

No column changes. Rows are read and rewritten in batches by id, each converted value checked
to be a legacy one first (a second run converts nothing). The downgrade writes raw float32
rows again (decoded, so what an older version reads is within int8 precision of the original).

Revision ID: 0013_compact_vectors
Revises: 0012_policy_sentences
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from clinllm.store import vector_codec

revision = "0013_compact_vectors"
down_revision: str | None = "0012_policy_sentences"
branch_labels: str | None = None
depends_on: str | None = None

#: Rows read and rewritten per statement.
BATCH = 500

_SELECT = sa.text(
    "SELECT id, vector, sentence_vectors, sentence_digests FROM policy_chunks "
    "WHERE id > :after AND (vector IS NOT NULL OR sentence_vectors IS NOT NULL) "
    "ORDER BY id LIMIT :limit"
)
_UPDATE = sa.text(
    "UPDATE policy_chunks SET vector = :vector, sentence_vectors = :sentences WHERE id = :id"
)


def _rows(digests: Any) -> int:
    """How many sentence rows a value holds (JSON text on SQLite, a list on PostgreSQL)."""
    if isinstance(digests, str):
        digests = json.loads(digests)
    return len(digests or []) or 1


def _to_int8(blob: bytes | None, rows: int) -> bytes | None:
    if blob is None or vector_codec.is_encoded(blob):
        return blob
    return vector_codec.encode(vector_codec.decode(blob, rows))


def _to_float32(blob: bytes | None, rows: int) -> bytes | None:
    if blob is None or not vector_codec.is_encoded(blob):
        return blob
    return bytes(vector_codec.decode(blob, rows).astype("<f4").tobytes())


def _convert(change: Callable[[bytes | None, int], bytes | None]) -> None:
    connection = op.get_bind()
    after = 0
    while True:
        batch = connection.execute(_SELECT, {"after": after, "limit": BATCH}).all()
        if not batch:
            return
        updates = []
        for row_id, stored_vector, stored_sentences, digests in batch:
            vector = None if stored_vector is None else bytes(stored_vector)
            sentences = None if stored_sentences is None else bytes(stored_sentences)
            new_vector = change(vector, 1)
            new_sentences = change(sentences, _rows(digests))
            if new_vector != vector or new_sentences != sentences:
                updates.append({"id": row_id, "vector": new_vector, "sentences": new_sentences})
        if updates:
            connection.execute(_UPDATE, updates)
        after = batch[-1][0]


def upgrade() -> None:
    """Rewrite every legacy float32 vector value as int8 rows with a header."""
    _convert(_to_int8)
    if op.get_bind().dialect.name == "sqlite":
        # Each UPDATE re-indexes its row through the full-text trigger of 0010_policy: merge
        # the segments that leaves behind (on the dev store they doubled the index's pages).
        op.execute("INSERT INTO policy_chunks_fts(policy_chunks_fts) VALUES ('optimize')")


def downgrade() -> None:
    """Rewrite every encoded value as raw float32 rows (what ``0012`` and earlier read)."""
    _convert(_to_float32)
