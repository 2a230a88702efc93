"""Policy search: the SQLite full-text trigger fires only when an indexed column changes.

The update trigger of ``0010_policy`` (``AFTER UPDATE ON policy_chunks``) re-indexed a chunk's
full-text entry on *every* update of its row: deleting the entry and inserting it again, which
leaves a new FTS5 segment behind each time. The updates the store makes to an existing chunk
row touch its vectors only (the sentence vectors of an unchanged document,
``sql_rows.write_sentences``; ``0013_compact_vectors`` rewriting vectors in place), so each one
rewrote an entry whose text had not changed. The trigger is now ``AFTER UPDATE OF title,
section, text, scope``: the columns the full-text index holds. An update that names any of
them still re-indexes the row (old values out, new values in), so the index stays exact.

PostgreSQL is unchanged (its ``tsvector`` is a generated column of the row, no trigger).

Revision ID: 0014_policy_fts_text_update
Revises: 0013_compact_vectors
"""

from __future__ import annotations

from alembic import op

revision = "0014_policy_fts_text_update"
down_revision: str | None = "0013_compact_vectors"
branch_labels: str | None = None
depends_on: str | None = None

#: The columns of the full-text index (``0010_policy``), in its order.
COLUMNS = ("title", "section", "text", "scope")


def _trigger(event: str) -> tuple[str, str]:
    names = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    return (
        "DROP TRIGGER IF EXISTS policy_chunks_fts_au",
        f"CREATE TRIGGER policy_chunks_fts_au {event} ON policy_chunks BEGIN "  # noqa: S608 - fixed column names
        f"INSERT INTO policy_chunks_fts(policy_chunks_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO policy_chunks_fts(rowid, {names}) VALUES (new.id, {new}); END",
    )


def upgrade() -> None:
    """Re-create the update trigger for the indexed columns only (SQLite)."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in _trigger(f"AFTER UPDATE OF {', '.join(COLUMNS)}"):
            op.execute(statement)


def downgrade() -> None:
    """The trigger of ``0010_policy`` again: every update re-indexes its row."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in _trigger("AFTER UPDATE"):
            op.execute(statement)
