"""Each client's language: the status report, the retrospective summary and the calendar
file meant for them are written in it (NULL: the user's own language).

Revision ID: 0008_client_language
Revises: 0007_undo_steps
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_client_language"
down_revision: str | None = "0007_undo_steps"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("client") as batch:
        batch.drop_column("language")
