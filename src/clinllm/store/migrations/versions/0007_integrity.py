"""Integrity: a keyed audit chain that commits to records, and an audit log that only grows.

``audit_log`` gains ``key_id`` (the fingerprint of the key that signed the entry; NULL for the
unkeyed entries written before) and ``record_kind`` (which subject the entry's
``record_digest`` describes, so ``audit verify`` can recompute it). ``extractions`` gains a
unique ``run_key`` (tenant, workflow, workflow version, input hash): a run repeated, or two
processes running the same input at once, store one record.

The database refuses, by itself, every way of changing an entry after it is written:

* SQLite: besides the UPDATE and DELETE triggers of 0001, an INSERT trigger refuses a row that
  is not the next link (its ``seq`` must be one past the head and its ``prev_hash`` the head's
  hash). ``INSERT OR REPLACE`` of an existing row deletes it without firing the DELETE trigger
  (recursive triggers are off), so this is what stops REPLACE.
* PostgreSQL: the same INSERT check, a TRUNCATE trigger, and UPDATE, DELETE and TRUNCATE revoked
  from PUBLIC and from the migrating role (the table's owner could grant them back; a
  deployment that runs the app as another role keeps them revoked for good). ``INSERT ... ON
  CONFLICT DO UPDATE`` needs UPDATE, so it is refused as well.

Anyone who owns the file or the database can still drop a trigger; what they cannot do without
the audit key is produce a chain that verifies (``docs/audit.md``).

Revision ID: 0007_integrity
Revises: 0006_jobs
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_integrity"
down_revision: str | None = "0006_jobs"
branch_labels: str | None = None
depends_on: str | None = None

#: The genesis ``prev_hash`` (64 zeros) is written out in the statements so they are constant.

_SQLITE_UP = (
    "CREATE TRIGGER audit_log_next_link BEFORE INSERT ON audit_log "
    "WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log) "
    "OR NEW.prev_hash IS NOT COALESCE("
    "(SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), "
    "'0000000000000000000000000000000000000000000000000000000000000000') "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: not the next link'); END",
)

_PG_UP = (
    """CREATE OR REPLACE FUNCTION clinllm_audit_log_next_link() RETURNS trigger AS $$
DECLARE
    head_seq integer;
    head_hash text;
BEGIN
    SELECT seq, hash INTO head_seq, head_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
    IF NEW.seq IS DISTINCT FROM COALESCE(head_seq, 0) + 1
       OR NEW.prev_hash IS DISTINCT FROM COALESCE(head_hash, repeat('0', 64)) THEN
        RAISE EXCEPTION 'audit_log is append-only: not the next link';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql""",
    "CREATE TRIGGER audit_log_next_link BEFORE INSERT ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION clinllm_audit_log_next_link()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION clinllm_audit_log_append_only()",
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC",
    "DO $$ BEGIN EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM %I', "
    "current_user); END $$",
)


def upgrade() -> None:
    """Add the key, record-kind and run-key columns; refuse writes that are not the next link."""
    op.add_column("audit_log", sa.Column("record_kind", sa.String(length=32), nullable=True))
    op.add_column("audit_log", sa.Column("key_id", sa.String(length=16), nullable=True))
    op.add_column("extractions", sa.Column("run_key", sa.String(length=255), nullable=True))
    op.create_index("uq_extractions_run_key", "extractions", ["run_key"], unique=True)
    statements = _PG_UP if op.get_bind().dialect.name == "postgresql" else _SQLITE_UP
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    """Drop the triggers and columns of this revision (the privileges stay revoked)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_next_link ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS clinllm_audit_log_next_link()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_next_link")
    op.drop_index("uq_extractions_run_key", table_name="extractions")
    with op.batch_alter_table("extractions") as batch:
        batch.drop_column("run_key")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("key_id")
        batch.drop_column("record_kind")
