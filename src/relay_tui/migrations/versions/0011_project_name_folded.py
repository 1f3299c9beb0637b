"""Each project's name as name resolution compares it (`str.casefold`), indexed: `relay
capture -p NAME` then reads the projects whose name starts with NAME, not every project.

Derived data, kept by relay itself (`relay_tui.folded_names`) and not exported: it is
not in the models. SQLite cannot fold a name as Python does, hence a stored column. On
PostgreSQL the index compares texts code point by code point (`text_pattern_ops`), as
SQLite's does, so that one prefix range serves both.

Revision ID: 0011_project_name_folded
Revises: 0010_outside
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_project_name_folded"
down_revision: str | None = "0010_outside"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("project", sa.Column("name_folded", sa.Text(), nullable=True))
    connection = op.get_bind()
    project = sa.table("project", sa.column("id"), sa.column("name"), sa.column("name_folded"))
    rows = connection.execute(sa.select(project.c.id, project.c.name)).all()
    if rows:
        # The fold of the time of writing (`relay_tui.domain.rules.folded_name`), frozen here.
        connection.execute(
            project.update()
            .where(project.c.id == sa.bindparam("_id"))
            .values(name_folded=sa.bindparam("_folded")),
            [{"_id": pid, "_folded": name.casefold()} for pid, name in rows],
        )
    op.create_index(
        "ix_project_name_folded",
        "project",
        ["name_folded"],
        postgresql_ops={"name_folded": "text_pattern_ops"},
    )


def downgrade() -> None:
    op.drop_index("ix_project_name_folded", table_name="project")
    with op.batch_alter_table("project") as batch:
        batch.drop_column("name_folded")
