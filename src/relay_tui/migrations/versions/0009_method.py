"""The method in depth: reports kept as sent and their cadence, problems explained and
told, posture cards put away per project, the frame's rigour checklist, the lessons
planned at framing.

Revision ID: 0009_method
Revises: 0008_client_language
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from relay_tui.dbtypes import UTCDateTime

revision: str = "0009_method"
down_revision: str | None = "0008_client_language"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RIGOUR = (
    "rigour_written_validations",
    "rigour_progress_point",
    "rigour_single_contact",
    "rigour_changes_in_writing",
)
_INCIDENT_TEXTS = ("for_client", "for_me", "proposal")


def _audited() -> list[sa.Column[object]]:
    return [
        sa.Column("created_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("updated_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    ]


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite and PostgreSQL both have it): a batch rebuild of the tables
    # is not needed to add nullable or defaulted columns.
    for name in _RIGOUR:
        op.add_column(
            "project", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.add_column("project", sa.Column("report_every_days", sa.Integer(), nullable=True))
    op.add_column(
        "project", sa.Column("lessons_planned", sa.Text(), nullable=False, server_default="")
    )
    for name in _INCIDENT_TEXTS:
        op.add_column("incident", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.add_column("incident", sa.Column("told_on", sa.Date(), nullable=True))
    op.add_column("incident", sa.Column("told_how", sa.String(24), nullable=True))
    op.add_column(
        "incident", sa.Column("blamed", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_table(
        "sent_report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("project.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        *_audited(),
    )
    op.create_index("ix_sent_report_project_on", "sent_report", ["project_id", "sent_on"])
    op.create_table(
        "dismissed_card",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("project.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("card", sa.String(24), nullable=False),
        sa.Column("dismissed_on", sa.Date(), nullable=False),
        *_audited(),
        sa.UniqueConstraint("project_id", "card", name="uq_dismissed_card"),
    )
    op.create_index("ix_dismissed_card_project_id", "dismissed_card", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_dismissed_card_project_id", "dismissed_card")
    op.drop_table("dismissed_card")
    op.drop_index("ix_sent_report_project_on", "sent_report")
    op.drop_table("sent_report")
    with op.batch_alter_table("incident") as batch:
        for name in ("blamed", "told_how", "told_on", *_INCIDENT_TEXTS):
            batch.drop_column(name)
    with op.batch_alter_table("project") as batch:
        for name in ("lessons_planned", "report_every_days", *_RIGOUR):
            batch.drop_column(name)
