"""Policy search: each chunk's sentence vectors, stored in the chunk's own row.

The answer decision reads a passage's best sentence (``workflows/policy_search/
sentence_vectors.py``). Until now those vectors lived only in the memory of the process that
ingested, so every other process (``clinllm policies ask``, a second or restarted server)
embedded the sentences of its context passages at question time. ``policy_chunks`` gains:

* ``sentence_embedder``: the model that made them (another model never reuses them);
* ``sentence_digests``: SHA-256 hex of each embedded sentence, in order;
* ``sentence_vectors``: the sentences' normalized float32 vectors, one row each, as bytes.

Columns of the chunk row rather than a table of their own: they are written by the same
``INSERT`` as the chunk (so a re-ingest replaces them in the chunk's transaction, and a
deleted chunk takes them along), and every read of them goes through the chunk's own
permission filter, which on PostgreSQL includes the row-level security of ``0004_policies``:
nothing new to grant or to keep in step. The FTS5 triggers of ``0010_policy`` name their
columns and are unaffected. Existing rows keep NULL: their sentences are embedded at question
time, as before, until the document is ingested again with a change.

Revision ID: 0012_policy_sentences
Revises: 0011_ui_sign_outs
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012_policy_sentences"
down_revision: str | None = "0011_ui_sign_outs"
branch_labels: str | None = None
depends_on: str | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_COLUMNS = ("sentence_vectors", "sentence_digests", "sentence_embedder")


def upgrade() -> None:
    """Add the three nullable columns (no table rebuild on either backend)."""
    op.add_column("policy_chunks", sa.Column("sentence_embedder", sa.String(64), nullable=True))
    op.add_column("policy_chunks", sa.Column("sentence_digests", _JSON, nullable=True))
    op.add_column("policy_chunks", sa.Column("sentence_vectors", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    """Drop them (questions embed their passages' sentences again)."""
    for column in _COLUMNS:
        if op.get_bind().dialect.name == "sqlite":
            # SQLite >= 3.35 drops an unreferenced column in place; a batch rebuild would
            # drop the full-text triggers with the old table.
            op.execute(f"ALTER TABLE policy_chunks DROP COLUMN {column}")
        else:
            op.drop_column("policy_chunks", column)
