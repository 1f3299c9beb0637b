"""The board's read model (migration 0012) around a bulk import: its triggers set aside
while the rows go in, then the tables filled at once.

Row by row, the triggers would add each time entry to its project's totals and look for a
later reply to each message: on a store of a million messages, that doubled the time of
`import json`. Into an empty SQLite store, the import drops them, and once every row is in
fills `project_time_total` and `pending_reply` with `sqltext`'s definitions in two
statements and puts the triggers back as they were defined, in the same transaction: a
failed import leaves the store as it was, triggers included. On a database server the
triggers stay (dropping them needs the tables' owner).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from relay_tui import sqltext

#: The triggers that keep the read model, on SQLite (migration 0012).
TRIGGERS = tuple(
    f"{table}_{event}"
    for table in ("project_time_total", "pending_reply")
    for event in ("insert", "delete", "update")
)


@contextmanager
def set_aside(connection: sa.Connection) -> Iterator[None]:
    """The block's writes made without the read model's triggers (SQLite), then the read
    model filled from every row at once and the triggers put back. An error in the block
    leaves them dropped: the caller's transaction, rolled back, brings them back."""
    if connection.dialect.name != "sqlite":
        yield
        return
    definitions = [
        str(sql)
        for (sql,) in connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join('?' * len(TRIGGERS))})",
            TRIGGERS,
        )
    ]
    for name in TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    yield
    fill(connection)
    for definition in definitions:
        connection.exec_driver_sql(definition)


def fill(connection: sa.Connection) -> None:
    """The read model made anew from the time entries and the contacts."""
    dialect = connection.dialect.name
    for table, columns, rows in (
        ("project_time_total", sqltext.TIME_TOTAL_COLUMNS, sqltext.time_totals_of()),
        ("pending_reply", sqltext.PENDING_COLUMNS, sqltext.pending_of(dialect)),
    ):
        connection.exec_driver_sql(f"DELETE FROM {table}")
        connection.exec_driver_sql(f"INSERT INTO {table} ({columns}) {rows}")
