"""Read model of the timekeeping board: every active project, what waits and on whom.

The rows are read with `relay_tui.sqltext`'s SQL and the board is built by
`domain.board.assemble`; `relay_tui.fastreads` runs the same SQL with sqlite3 alone for
`relay board` on a SQLite store."""

from __future__ import annotations

from datetime import date
from typing import Any

from relay_tui import sqltext
from relay_tui.db import Store
from relay_tui.domain.board import Board as Board
from relay_tui.domain.board import Waiting as Waiting
from relay_tui.domain.board import assemble, reports_due, started_on
from relay_tui.domain.chase import Closed
from relay_tui.services.chasing import chase_state
from relay_tui.services.dashboard import rows_of


def board(store: Store, today: date, closed: Closed | None = None) -> Board:
    """The board of `today`; the chase clock skips the `closed` days (weekends only when
    None: the app passes the settings' closed days)."""
    # Speed: the thousands of rows of the alarm bells, the projects and the messages
    # awaiting a reply are read as the driver gives them (tuples: SQLAlchemy's rows cost
    # some 10 ms more to read and index on a store of 10,000 projects), on a pooled
    # connection (its page cache is warm: a new connection's is not).
    with store.read() as session:
        driver = session.connection().connection

        def read(sql: str) -> list[Any]:
            return rows_of(driver, sql)

        dialect = session.get_bind().dialect.name
        alarms = read(sqltext.alarm_bells(dialect, today))
        projects = read(sqltext.ACTIVE_PROJECTS)
        facts = read(sqltext.awaiting_facts())
        cadenced = read(sqltext.REPORT_CADENCES)
        last_sent = dict(read(sqltext.LAST_REPORTS))
    state = chase_state(
        store,
        today,
        closed=closed,
        projects=[(row[0], row[1], row[4]) for row in projects],
        awaiting=facts,
    )
    due = reports_due(
        (
            (pid, name, every, started_on(start, created))
            for pid, name, every, start, created in cadenced
        ),
        last_sent,
        today,
    )
    return assemble(today, projects, alarms, state.items, state.oldest_request, due)
