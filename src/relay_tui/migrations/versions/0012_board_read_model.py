"""The board without summing every time entry nor searching every project's messages:
each project's time totals and the messages awaiting a reply, kept on write by the
database, and the open deadlines indexed on their own.

`project_time_total` holds, per project with time logged, what the board shows of it:
the minutes within range, the rework minutes among them, the first day logged and how
many entries were left out (minutes out of range). Triggers on `time_entry` keep it, so
that any writer keeps it right: relay, `import json`, undo, another program. An insert
adds to the totals; an update or a delete sums the project's entries again (one project:
a few hundred rows at most). Derived data, not in the models and not exported.

`pending_reply` holds the messages awaiting a reply (`sqltext.AWAITING`: outbound,
flagged awaiting, no later inbound message of the same project): the board and the chase
list read those few thousand instead of looking for them in a million messages. Triggers
on `contact` keep it: an inbound message answers what its project's pending messages
asked before it; a correction or a removal looks at the project's messages again.

`ix_project_board` holds what the board reads of every active project (10,000 rows
read from the index alone). `ix_deadline_open` indexes only the deadlines not done: the board's alarm bells read
those of every active project (a third of the deadlines on a long-lived store).

What the tables hold is `relay_tui.sqltext`'s (`time_totals_of`, `pending_of`), which
`import json` runs again to fill them at once (`services.read_model`); the range of valid
minutes (1–1440, `domain.record_rules`) is written into the triggers. Tests prove both
tables equal to what they stand for, after every kind of write.

Revision ID: 0012_board_read_model
Revises: 0011_project_name_folded
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import relay_tui.dbtypes
from relay_tui.sqltext import (
    PENDING_COLUMNS,
    TIME_TOTAL_COLUMNS,
    pending_of,
    time_totals_of,
    valid_minutes,
)

revision: str = "0012_board_read_model"
down_revision: str | None = "0011_project_name_folded"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "project_time_total"


def _added(new: str) -> str:
    """The totals of the one entry `new`, to add to its project's."""
    valid = valid_minutes(new)
    return (
        f"{new}.project_id, CASE WHEN {valid} THEN {new}.minutes ELSE 0 END, "
        f"CASE WHEN {new}.category = 'rework' AND {valid} THEN {new}.minutes ELSE 0 END, "
        f"{new}.spent_on, CASE WHEN {valid} THEN 0 ELSE 1 END"
    )


#: Adding an entry's totals to its project's (UPSERT on both databases).
def _add(new: str, least: str) -> str:
    return (
        f"INSERT INTO {TABLE} ({TIME_TOTAL_COLUMNS}) VALUES ({_added(new)}) "
        "ON CONFLICT (project_id) DO UPDATE SET "
        f"logged_minutes = {TABLE}.logged_minutes + excluded.logged_minutes, "
        f"rework_minutes = {TABLE}.rework_minutes + excluded.rework_minutes, "
        f"first_on = {least}, left_out = {TABLE}.left_out + excluded.left_out"
    )


#: The earlier first day (a missing one does not count), per database.
_LEAST = {
    "sqlite": (
        f"CASE WHEN {TABLE}.first_on IS NULL OR excluded.first_on < {TABLE}.first_on "
        f"THEN excluded.first_on ELSE {TABLE}.first_on END"
    ),
    "postgresql": f"least({TABLE}.first_on, excluded.first_on)",
}


def _sqlite_statements() -> list[str]:
    def resum(project: str) -> str:
        return (
            f"DELETE FROM {TABLE} WHERE project_id = {project}; "
            f"INSERT INTO {TABLE} ({TIME_TOTAL_COLUMNS}) {time_totals_of(project)};"
        )

    return [
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON time_entry BEGIN "
        f"{_add('new', _LEAST['sqlite'])}; END",
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON time_entry BEGIN "
        f"{resum('old.project_id')} END",
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF project_id, spent_on, minutes, category "
        f"ON time_entry BEGIN {resum('old.project_id')} "
        f"{resum('new.project_id')} END",
    ]


def _postgresql_statements() -> list[str]:
    # The project's row is locked before its entries are summed again: a colleague's
    # entry added meanwhile is then either in the sum or added after it, never lost.
    def resum(project: str) -> str:
        return (
            f"PERFORM 1 FROM {TABLE} WHERE project_id = {project} FOR UPDATE; "
            f"DELETE FROM {TABLE} WHERE project_id = {project}; "
            f"INSERT INTO {TABLE} ({TIME_TOTAL_COLUMNS}) {time_totals_of(project)};"
        )

    return [
        f"""CREATE FUNCTION {TABLE}_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_add("NEW", _LEAST["postgresql"])};
        RETURN NULL;
    END IF;
    {resum("OLD.project_id")}
    IF TG_OP = 'UPDATE' AND NEW.project_id IS DISTINCT FROM OLD.project_id THEN
        {resum("NEW.project_id")}
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER {TABLE}_keep AFTER INSERT OR DELETE OR UPDATE OF "
        "project_id, spent_on, minutes, category ON time_entry "
        f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_keep()",
    ]


PENDING = "pending_reply"

#: The columns whose change makes a project's messages looked at again.
_WATCHED = "project_id, direction, awaiting_reply, at, summary, is_chase"


def _pending_again(dialect: str, project: str, when: str = "TRUE") -> str:
    """Statements that look at a project's messages again (if `when`)."""
    return (
        f"DELETE FROM {PENDING} WHERE {when} AND project_id = {project}; "
        f"INSERT INTO {PENDING} ({PENDING_COLUMNS}) {pending_of(dialect, project)} AND {when};"
    )


#: A new message: an inbound one answers the pending messages before it; an outbound
#: one awaiting a reply is pending unless an inbound message came after it.
_ANSWERED = f"DELETE FROM {PENDING} WHERE project_id = NEW.project_id AND at < NEW.at"
_ASKED = (
    f"INSERT INTO {PENDING} ({PENDING_COLUMNS}) "
    "SELECT NEW.id, NEW.project_id, NEW.at, NEW.summary, NEW.is_chase"
)
_NOT_ANSWERED = (
    "NOT EXISTS (SELECT 1 FROM contact r WHERE r.project_id = NEW.project_id "
    "AND r.direction = 'in' AND r.at > NEW.at)"
)

_INBOUND_GONE = "OLD.direction = 'in'"


def _pending_sqlite() -> list[str]:
    return [
        f"CREATE TRIGGER {PENDING}_insert AFTER INSERT ON contact BEGIN "
        f"{_ANSWERED} AND NEW.direction = 'in'; "
        f"{_ASKED} WHERE NEW.direction = 'out' AND NEW.awaiting_reply = TRUE AND {_NOT_ANSWERED}; "
        "END",
        f"CREATE TRIGGER {PENDING}_delete AFTER DELETE ON contact BEGIN "
        f"DELETE FROM {PENDING} WHERE contact_id = OLD.id; "
        f"{_pending_again('sqlite', 'OLD.project_id', _INBOUND_GONE)} END",
        f"CREATE TRIGGER {PENDING}_update AFTER UPDATE OF {_WATCHED} "
        f"ON contact BEGIN {_pending_again('sqlite', 'OLD.project_id')} "
        f"{_pending_again('sqlite', 'NEW.project_id')} END",
    ]


def _pending_postgresql() -> list[str]:
    # One project's messages at a time (a lock per project, to the end of the
    # transaction): a reply written meanwhile by a colleague is seen, never missed.
    def lock(project: str) -> str:
        return f"PERFORM pg_advisory_xact_lock(1208, {project});"

    return [
        f"""CREATE FUNCTION {PENDING}_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {lock("NEW.project_id")}
        IF NEW.direction = 'in' THEN
            {_ANSWERED};
        ELSIF NEW.direction = 'out' AND NEW.awaiting_reply AND {_NOT_ANSWERED} THEN
            {_ASKED};
        END IF;
        RETURN NULL;
    END IF;
    {lock("OLD.project_id")}
    IF TG_OP = 'DELETE' THEN
        DELETE FROM {PENDING} WHERE contact_id = OLD.id;
        IF OLD.direction = 'in' THEN
            {_pending_again("postgresql", "OLD.project_id")}
        END IF;
        RETURN NULL;
    END IF;
    {_pending_again("postgresql", "OLD.project_id")}
    IF NEW.project_id IS DISTINCT FROM OLD.project_id THEN
        {lock("NEW.project_id")}
        {_pending_again("postgresql", "NEW.project_id")}
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE TRIGGER {PENDING}_keep AFTER INSERT OR DELETE OR UPDATE OF {_WATCHED} ON contact "
        f"FOR EACH ROW EXECUTE FUNCTION {PENDING}_keep()",
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        TABLE,
        sa.Column("project_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("logged_minutes", sa.Integer(), nullable=False),
        sa.Column("rework_minutes", sa.Integer(), nullable=False),
        sa.Column("first_on", sa.Date(), nullable=True),
        sa.Column("left_out", sa.Integer(), nullable=False),
    )
    op.execute(f"INSERT INTO {TABLE} ({TIME_TOTAL_COLUMNS}) {time_totals_of()}")
    op.create_table(
        PENDING,
        sa.Column("contact_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("at", relay_tui.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("is_chase", sa.Boolean(), nullable=False),
    )
    op.create_index(f"ix_{PENDING}_project_at", PENDING, ["project_id", "at"])
    op.execute(f"INSERT INTO {PENDING} ({PENDING_COLUMNS}) {pending_of(dialect)}")
    if dialect == "sqlite":
        statements = _sqlite_statements() + _pending_sqlite()
    else:
        statements = _postgresql_statements() + _pending_postgresql()
    for statement in statements:
        op.execute(statement)
    op.create_index(
        "ix_project_board",
        "project",
        ["status", "id", "name", "budget_minutes", "delivery_on", "chase_delay_days"],
    )
    op.create_index(
        "ix_deadline_open",
        "deadline",
        ["project_id", "due_on", "margin_days"],
        sqlite_where=sa.text("done_on IS NULL"),
        postgresql_where=sa.text("done_on IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_deadline_open", table_name="deadline")
    op.drop_index("ix_project_board", table_name="project")
    for table, source in ((TABLE, "time_entry"), (PENDING, "contact")):
        if op.get_bind().dialect.name == "sqlite":
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_keep ON {source}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_keep()")
    op.drop_index(f"ix_{PENDING}_project_at", table_name=PENDING)
    op.drop_table(PENDING)
    op.drop_table(TABLE)
