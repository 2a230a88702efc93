"""Policy search: documents, their groups, chunks with vectors, full-text search, row security.

SQLite gets an FTS5 table over the chunks (external content, kept in step by triggers, Porter
stemming). PostgreSQL gets a stored ``tsvector`` column with a GIN index, a GIN index on the
chunk's groups, and row-level security: a role ``clinllm_policy_reader`` (created once per
cluster, never dropped: other schemas may use it) sees only rows whose tenant and groups match
the ``clinllm.tenant`` / ``clinllm.groups`` settings of its transaction. Search runs as that
role, so even a query that forgot its permission filter returns nothing forbidden.

Revision ID: 0004_policies
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004_policies"
down_revision: str | None = "0002_pipeline"
branch_labels: str | None = None
depends_on: str | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_GROUPS = sa.JSON().with_variant(postgresql.ARRAY(sa.Text()), "postgresql")

#: The role search runs as on PostgreSQL (no login, no BYPASSRLS): ``clinllm_policy_reader``,
#: written out in the statements below so they are constant SQL.

_SQLITE = (
    "CREATE VIRTUAL TABLE policy_chunks_fts USING fts5(title, section, text, "
    "content='policy_chunks', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER policy_chunks_fts_ai AFTER INSERT ON policy_chunks BEGIN "
    "INSERT INTO policy_chunks_fts(rowid, title, section, text) "
    "VALUES (new.id, new.title, new.section, new.text); END",
    "CREATE TRIGGER policy_chunks_fts_ad AFTER DELETE ON policy_chunks BEGIN "
    "INSERT INTO policy_chunks_fts(policy_chunks_fts, rowid, title, section, text) "
    "VALUES ('delete', old.id, old.title, old.section, old.text); END",
    "CREATE TRIGGER policy_chunks_fts_au AFTER UPDATE ON policy_chunks BEGIN "
    "INSERT INTO policy_chunks_fts(policy_chunks_fts, rowid, title, section, text) "
    "VALUES ('delete', old.id, old.title, old.section, old.text); "
    "INSERT INTO policy_chunks_fts(rowid, title, section, text) "
    "VALUES (new.id, new.title, new.section, new.text); END",
)

_PG = (
    "ALTER TABLE policy_chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(section, '')), 'B')"
    " || to_tsvector('english', text)) STORED",
    "CREATE INDEX ix_policy_chunks_tsv ON policy_chunks USING GIN (tsv)",
    "CREATE INDEX ix_policy_chunks_acl ON policy_chunks USING GIN (acl)",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clinllm_policy_reader') THEN
            CREATE ROLE clinllm_policy_reader NOLOGIN;
        END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$""",
    """DO $$ BEGIN
        EXECUTE format('GRANT clinllm_policy_reader TO %I', current_user);
    EXCEPTION WHEN others THEN NULL;
    END $$""",
    "DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO clinllm_policy_reader', "
    "current_schema()); END $$",
    "GRANT SELECT ON policy_chunks, policy_documents, policy_document_groups "
    "TO clinllm_policy_reader",
    "ALTER TABLE policy_chunks ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE policy_documents ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE policy_document_groups ENABLE ROW LEVEL SECURITY",
    """CREATE POLICY policy_document_groups_reader ON policy_document_groups FOR SELECT
        TO clinllm_policy_reader
        USING (group_name = ANY(coalesce(nullif(current_setting('clinllm.groups', true), ''),
                                         '{}')::text[]))""",
    """CREATE POLICY policy_chunks_reader ON policy_chunks FOR SELECT TO clinllm_policy_reader
        USING (tenant = current_setting('clinllm.tenant', true)
               AND acl && coalesce(nullif(current_setting('clinllm.groups', true), ''),
                                   '{}')::text[])""",
    """CREATE POLICY policy_documents_reader ON policy_documents FOR SELECT TO clinllm_policy_reader
        USING (tenant = current_setting('clinllm.tenant', true)
               AND acl && coalesce(nullif(current_setting('clinllm.groups', true), ''),
                                   '{}')::text[])""",
)


def upgrade() -> None:
    """Create the policy tables, then the backend's full-text search and permissions."""
    op.create_table(
        "policy_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=128), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=True),
        sa.Column("effective_date", sa.String(length=10), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("acl", _GROUPS, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_documents")),
        sa.UniqueConstraint("tenant", "key", name=op.f("uq_policy_documents_tenant")),
    )
    op.create_table(
        "policy_document_groups",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("group_name", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["policy_documents.id"],
            name=op.f("fk_policy_document_groups_document_id_policy_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "group_name", name=op.f("pk_policy_document_groups")
        ),
    )
    op.create_index(
        "ix_policy_document_groups_group",
        "policy_document_groups",
        ["group_name", "document_id"],
    )
    op.create_table(
        "policy_chunks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=128), nullable=False),
        sa.Column("acl", _GROUPS, nullable=False),
        sa.Column("chunk_key", sa.String(length=160), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("section", sa.String(length=500), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("findings", _JSON, nullable=False),
        sa.Column("embedder", sa.String(length=64), nullable=True),
        sa.Column("vector", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["policy_documents.id"],
            name=op.f("fk_policy_chunks_document_id_policy_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_chunks")),
        sa.UniqueConstraint("tenant", "chunk_key", name=op.f("uq_policy_chunks_tenant")),
    )
    op.create_index(
        op.f("ix_policy_chunks_document_id"), "policy_chunks", ["document_id"], unique=False
    )
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE if dialect == "sqlite" else _PG if dialect == "postgresql" else ():
        op.execute(statement)


def downgrade() -> None:
    """Drop the policy tables (the PostgreSQL role stays: it is shared by every schema)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS policy_chunks_fts")
    op.drop_table("policy_chunks")
    op.drop_table("policy_document_groups")
    op.drop_table("policy_documents")
