"""Jobs: one row per submission (idempotency key, status, attempts, dead-letter reason).

On PostgreSQL procrastinate's own schema (applied by procrastinate's schema manager, not by
this migration) queues and locks the work; this table is clinllm's record of each job. On
SQLite the same table is the embedded queue.

Revision ID: 0006_jobs
Revises: 0005_api_keys
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006_jobs"
down_revision: str | None = "0005_api_keys"
branch_labels: str | None = None
depends_on: str | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    """Create the jobs table."""
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("tenant", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("queue", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("payload", _JSON, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", sa.DateTime(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=True),
        sa.Column("worker", sa.String(length=128), nullable=True),
        sa.Column("engine_job_id", sa.Integer(), nullable=True),
        sa.Column("error_type", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.String(length=255), nullable=True),
        sa.Column("result", _JSON, nullable=True),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_jobs_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("tenant", "idempotency_key", name=op.f("uq_jobs_tenant")),
    )
    op.create_index("ix_jobs_claim", "jobs", ["status", "queue", "run_after"])
    op.create_index(op.f("ix_jobs_document_id"), "jobs", ["document_id"])


def downgrade() -> None:
    """Drop the jobs table."""
    op.drop_index(op.f("ix_jobs_document_id"), table_name="jobs")
    op.drop_index("ix_jobs_claim", table_name="jobs")
    op.drop_table("jobs")
