"""Indexes for the reads that cross the whole store: the newest contacts first (search
across projects) and time per project and category (the board's budget figures).

Revision ID: 0004_read_indexes
Revises: 0003_retro_lessons_draft
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004_read_indexes"
down_revision: str | None = "0003_retro_lessons_draft"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_contact_at_id", "contact", ["at", "id"])
    op.create_index(
        "ix_time_entry_project_category",
        "time_entry",
        ["project_id", "category", "spent_on", "minutes"],
    )


def downgrade() -> None:
    op.drop_index("ix_time_entry_project_category", table_name="time_entry")
    op.drop_index("ix_contact_at_id", table_name="contact")
