"""The retrospective keeps the lessons being written as a draft.

Revision ID: 0003_retro_lessons_draft
Revises: 0002_contact_search
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_retro_lessons_draft"
down_revision: str | None = "0002_contact_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("retrospective", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lessons_draft", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("retrospective", schema=None) as batch_op:
        batch_op.drop_column("lessons_draft")
