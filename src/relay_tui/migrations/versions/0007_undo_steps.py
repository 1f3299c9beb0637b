"""The undo journal: each change a user makes, as it can be taken back (`relay undo`, `u`).

Revision ID: 0007_undo_steps
Revises: 0006_chase_count_index
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from relay_tui.dbtypes import UTCDateTime

revision: str = "0007_undo_steps"
down_revision: str | None = "0006_chase_count_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "undo_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.Column("undone_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_undo_step_by", "undo_step", ["by"])


def downgrade() -> None:
    op.drop_index("ix_undo_step_by", table_name="undo_step")
    op.drop_table("undo_step")
