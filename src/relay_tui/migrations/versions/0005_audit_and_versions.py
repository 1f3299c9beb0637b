"""Every record remembers who created it and who changed it last, and carries a version
checked on update (a shared store: several people, one client).

Revision ID: 0005_audit_and_versions
Revises: 0004_read_indexes
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_audit_and_versions"
down_revision: str | None = "0004_read_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "client",
    "project",
    "self_assessment",
    "profile",
    "craft_card",
    "stakeholder",
    "commitment",
    "risk",
    "deadline",
    "contact",
    "validation",
    "change_request",
    "time_entry",
    "incident",
    "retrospective",
    "lesson",
    "handover",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("created_by", sa.String(120), nullable=False, server_default="")
        )
        op.add_column(
            table, sa.Column("updated_by", sa.String(120), nullable=False, server_default="")
        )
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
            batch.drop_column("updated_by")
            batch.drop_column("created_by")
