"""Documents belong to a tenant: the same bytes sent by two tenants are two documents.

``documents`` was unique on the SHA-256 of its bytes across the whole database, so a tenant that
sent a fax another tenant had already sent was handed that tenant's document record (its id,
file name and status): a cross-tenant leak of the fact, and of the name. The hash is now unique
per tenant (``uq_documents_tenant``), and every existing document is the ``default`` tenant's,
which is where the CLI and the single-tenant service put them.

SQLite cannot drop a table's unique constraint in place: batch mode rebuilds the table, which
:func:`clinllm.store.migrate.upgrade` runs with foreign-key enforcement off (as SQLite's own
ALTER TABLE procedure requires) and checks afterwards.

Revision ID: 0008_documents_tenant
Revises: 0007_integrity
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_documents_tenant"
down_revision: str | None = "0007_integrity"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``documents.tenant`` (``default`` for every existing row); unique per tenant."""
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tenant", sa.String(length=128), nullable=False, server_default="default")
        )
        batch_op.drop_constraint(batch_op.f("uq_documents_sha256"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_documents_tenant"), ["tenant", "sha256"])


def downgrade() -> None:
    """Back to one document per hash for the whole database (fails if two tenants share one)."""
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_documents_tenant"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_documents_sha256"), ["sha256"])
        batch_op.drop_column("tenant")
