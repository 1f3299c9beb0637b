"""Read model of the timekeeping board: every active project, what waits and on whom.

The rows are read with `relay_tui.sqltext`'s SQL and the board is built by
`domain.board.assemble`; `relay_tui.fastreads` runs the same SQL with sqlite3 alone for
`relay board` on a SQLite store."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from relay_tui import sqltext
from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain.board import Board as Board
from relay_tui.domain.board import Waiting as Waiting
from relay_tui.domain.board import assemble, reports_due, started_on
from relay_tui.domain.chase import Closed
from relay_tui.services.chasing import chase_state
from relay_tui.services.deadlines import active_deadlines


def board(store: Store, today: date, closed: Closed | None = None) -> Board:
    """The board of `today`; the chase clock skips the `closed` days (by default the
    settings' closed days)."""
    views = active_deadlines(store, today, alarms_only=True)
    low, high = stored.limits("time_entry", "minutes")
    with store.read() as session:
        projects = session.execute(sa.text(sqltext.ACTIVE_PROJECTS)).all()
        spent = session.execute(sa.text(sqltext.time_totals(low, high))).all()
        cadenced = session.execute(sa.text(sqltext.REPORT_CADENCES)).all()
        last_sent = dict(session.execute(sa.text(sqltext.LAST_REPORTS)).all())
    state = chase_state(
        store, today, closed=closed, projects=[(pid, name, d) for pid, name, _, _, d in projects]
    )
    due = reports_due(
        (
            (pid, name, every, started_on(start, created))
            for pid, name, every, start, created in cadenced
        ),
        last_sent,
        today,
    )
    return assemble(today, projects, views, state.items, state.oldest_request, spent, due)
