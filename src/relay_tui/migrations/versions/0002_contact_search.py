"""Contact search and the awaiting-reply index.

Adds an index on contact (project_id, direction, at) for the "awaiting a reply" queries,
and on SQLite a full-text index of contact summaries (FTS5, kept in sync by triggers, so
that the fast capture path needs nothing more than its INSERT).

Revision ID: 0002_contact_search
Revises: 0001_initial
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from relay_tui.sqltext import AWAITING_INDEX_WHERE

revision: str = "0002_contact_search"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE contact_fts USING fts5("
    "summary, content='contact', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN "
    "INSERT INTO contact_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN "
    "INSERT INTO contact_fts(contact_fts, rowid, summary) VALUES ('delete', old.id, old.summary); "
    "END",
    "CREATE TRIGGER contact_fts_update AFTER UPDATE OF summary ON contact BEGIN "
    "INSERT INTO contact_fts(contact_fts, rowid, summary) VALUES ('delete', old.id, old.summary); "
    "INSERT INTO contact_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "INSERT INTO contact_fts(contact_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(
            "ix_contact_project_direction_at", ["project_id", "direction", "at"], unique=False
        )
        batch_op.create_index(
            "ix_contact_awaiting",
            ["project_id", "at"],
            unique=False,
            sqlite_where=sa.text(AWAITING_INDEX_WHERE),
            postgresql_where=sa.text(AWAITING_INDEX_WHERE),
        )
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("contact_fts_insert", "contact_fts_delete", "contact_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS contact_fts")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_awaiting")
        batch_op.drop_index("ix_contact_project_direction_at")
