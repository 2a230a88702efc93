"""Review-UI sessions ended by sign-out, shared by every service process.

Revision ID: 0011_ui_sign_outs
Revises: 0010_policy
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_ui_sign_outs"
down_revision: str | None = "0010_policy"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create ``ui_sign_outs``."""
    op.create_table(
        "ui_sign_outs",
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_ui_sign_outs")),
    )
    op.create_index(
        op.f("ix_ui_sign_outs_expires_at"), "ui_sign_outs", ["expires_at"], unique=False
    )


def downgrade() -> None:
    """Drop ``ui_sign_outs`` (signed-out sessions work again until they expire)."""
    op.drop_index(op.f("ix_ui_sign_outs_expires_at"), table_name="ui_sign_outs")
    op.drop_table("ui_sign_outs")
