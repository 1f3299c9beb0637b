"""The open deadlines indexed on the day their margin starts, on SQLite: the board's alarm
bells (`sqltext.alarm_bells`) read the few thousand whose margin has begun instead of
working out that day for every open deadline of every active project (28,000 on a store
of 10,000 projects).

The index holds the expression the query compares (`sqltext.margin_start`: the due day
less the margin held in its range, as a Julian day number), so SQLite reads a range of
it. Only the deadlines not done are in it. On PostgreSQL the query compares dates
(`sqltext.margin_begun`) and the board has no speed target there: no index. Not in the
models (an expression index on one database): Alembic's comparison leaves it out
(`migrations.UNMODELLED`).

Revision ID: 0013_deadline_margin_start
Revises: 0012_board_read_model
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from relay_tui.sqltext import MARGIN_START_INDEX, margin_start

revision: str = "0013_deadline_margin_start"
down_revision: str | None = "0012_board_read_model"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # The expression without the table's alias: SQLite matches it to the query's.
        op.execute(
            f"CREATE INDEX {MARGIN_START_INDEX} ON deadline ({margin_start('')}) "
            "WHERE done_on IS NULL"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP INDEX IF EXISTS {MARGIN_START_INDEX}")
