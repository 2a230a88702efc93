"""Policy search: the permission filter inside the SQLite full-text query.

``policy_chunks`` gains ``scope``: one token per (tenant, group) that may read the chunk,
``g<hex of tenant + U+001F + group>x`` (hex, so a group name can never be split or stemmed into
another's token; the trailing ``x`` is out of the stemmer's reach), written with the chunk
(:func:`clinllm.retrieval.sql_rows.scope_token`). On SQLite the FTS5 index gains that column,
and a reader's query is ``{title section text}: (<words>) AND scope:(<reader's tokens>)``:
FTS5 intersects the question's words with the reader's own rows before it scores anything, so
an unreadable chunk is never scored and the cost follows the reader's chunks instead of every
chunk of the table. PostgreSQL keeps its ``tsvector`` and row-level security (the column is
written there too, unused).

``policy_index_state`` holds one generation per tenant, bumped in the transaction of every
document write: the embedded index caches a reader's vectors and uses them only while the
generation they were read at is current.

Revision ID: 0010_policy
Revises: 0009_http
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_policy"
down_revision: str | None = "0009_http"
branch_labels: str | None = None
depends_on: str | None = None


def _fts(columns: tuple[str, ...]) -> tuple[str, ...]:
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return (
        "DROP TRIGGER IF EXISTS policy_chunks_fts_ai",
        "DROP TRIGGER IF EXISTS policy_chunks_fts_ad",
        "DROP TRIGGER IF EXISTS policy_chunks_fts_au",
        "DROP TABLE IF EXISTS policy_chunks_fts",
        f"CREATE VIRTUAL TABLE policy_chunks_fts USING fts5({names}, content='policy_chunks', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER policy_chunks_fts_ai AFTER INSERT ON policy_chunks BEGIN "  # noqa: S608 - fixed column names
        f"INSERT INTO policy_chunks_fts(rowid, {names}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER policy_chunks_fts_ad AFTER DELETE ON policy_chunks BEGIN "  # noqa: S608 - fixed column names
        f"INSERT INTO policy_chunks_fts(policy_chunks_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); END",
        "CREATE TRIGGER policy_chunks_fts_au AFTER UPDATE ON policy_chunks BEGIN "  # noqa: S608 - fixed column names
        f"INSERT INTO policy_chunks_fts(policy_chunks_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO policy_chunks_fts(rowid, {names}) VALUES (new.id, {new}); END",
    )


_FILL = (
    "UPDATE policy_chunks SET scope = (SELECT group_concat("
    "'g' || lower(hex(policy_chunks.tenant || char(31) || j.value)) || 'x', ' ') "
    "FROM json_each(policy_chunks.acl) j)"
)
_REBUILD = "INSERT INTO policy_chunks_fts(policy_chunks_fts) VALUES ('rebuild')"


def upgrade() -> None:
    """Add and fill ``scope``; on SQLite rebuild the full-text index with it."""
    op.create_table(
        "policy_index_state",
        sa.Column("tenant", sa.String(length=128), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tenant", name=op.f("pk_policy_index_state")),
    )
    op.add_column("policy_chunks", sa.Column("scope", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # The old triggers name the old index; drop them before the UPDATE fires them.
        statements = _fts(("title", "section", "text", "scope"))
        for statement in statements[:4]:
            op.execute(statement)
        op.execute(_FILL)
        for statement in (*statements[4:], _REBUILD):
            op.execute(statement)
    else:
        op.execute(
            "UPDATE policy_chunks SET scope = (SELECT string_agg('g' || "
            "encode(convert_to(policy_chunks.tenant || chr(31) || g, 'UTF8'), 'hex') || 'x', ' ') "
            "FROM unnest(policy_chunks.acl) AS g)"
        )


def downgrade() -> None:
    """Back to the full-text index of ``0004_policies``."""
    op.drop_table("policy_index_state")
    if op.get_bind().dialect.name == "sqlite":
        for statement in (*_fts(("title", "section", "text")), _REBUILD):
            op.execute(statement)
        with op.batch_alter_table("policy_chunks") as batch:
            batch.drop_column("scope")
    else:
        op.drop_column("policy_chunks", "scope")
