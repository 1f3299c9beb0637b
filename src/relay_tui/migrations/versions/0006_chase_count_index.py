"""An index for counting the chases of each project (the board's chase list): the count
reads the index alone instead of every contact of the project.

Revision ID: 0006_chase_count_index
Revises: 0005_audit_and_versions
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_chase_count_index"
down_revision: str | None = "0005_audit_and_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_contact_project_chase", "contact", ["project_id", "is_chase"])


def downgrade() -> None:
    op.drop_index("ix_contact_project_chase", table_name="contact")
