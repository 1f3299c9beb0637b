"""The read commands (`relay board`, `contact list`, `deadline list`, `chase`) on a SQLite
store, with sqlite3 alone: no SQLAlchemy, SQLModel, pydantic or Textual.

Hand-written for speed: importing the services costs about 500 ms, ten times the work of
these commands. Each function runs the services' SQL (`relay_tui.sqltext`) and builds
the services' views with the same rules (`domain.deadline_views`, `domain.chase_state`,
`domain.board`, `domain.contacts`); tests prove them equal to the services on the same
stores. A stored value it cannot read (a date a hand edit broke) raises `Unusual`, and
the caller takes the services' path, which names the problem.
"""

from __future__ import annotations

import sqlite3

from relay_tui import sqltext
from relay_tui.domain import board as boards
from relay_tui.domain import chase_state as chase_rules
from relay_tui.domain import rules
from relay_tui.domain.contacts import ContactView, contact_view
from relay_tui.domain.deadline_views import DeadlineView, deadline_views

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from relay_tui.domain.chase import Closed

#: The errors a value the services would read differently (or name) raises here.
Unusual = (ValueError, TypeError, OverflowError, KeyError, AttributeError)


def find_project(conn: sqlite3.Connection, ref: str | None) -> rules.ProjectRef:
    """A project by number or name, as `services.projects.find_project` finds it (the
    same rule, `domain.rules.resolve_project`, and the same messages)."""
    return rules.resolve_project(
        ref,
        [
            rules.ProjectRef(id=pid, name=name, active=status == "active")
            for pid, name, status in conn.execute("SELECT id, name, status FROM project")
        ],
    )


def deadlines(conn: sqlite3.Connection, project_id: int, today: date) -> list[DeadlineView]:
    """`services.deadlines.deadlines`."""
    rows = conn.execute(sqltext.PROJECT_DEADLINES, {"project": project_id}).fetchall()
    return deadline_views(rows, today)


def chase_state(
    conn: sqlite3.Connection,
    today: date,
    closed: Closed | None,
    projects: Sequence[tuple[int, str, object]] | None = None,
) -> chase_rules.ChaseState:
    """`services.chasing.chase_state` for every active project (`projects`: already read)."""
    if projects is None:
        projects = conn.execute(sqltext.chase_projects()).fetchall()
    if not projects:
        return chase_rules.state([], {}, {}, today, closed)
    facts = chase_rules.awaiting_facts(conn.execute(sqltext.awaiting_facts()))
    ripe = chase_rules.ripe(projects, facts, today, closed)
    ids = [pid for pid, *_ in ripe]
    chases = dict(conn.execute(sqltext.chase_counts(ids)).fetchall()) if ids else {}
    return chase_rules.state(ripe, chases, facts, today, closed)


def board(conn: sqlite3.Connection, today: date, closed: Closed | None) -> boards.Board:
    """`services.board.board`."""
    alarms = conn.execute(sqltext.alarm_bells("sqlite"), {"today": today.isoformat()}).fetchall()
    projects = conn.execute(sqltext.ACTIVE_PROJECTS).fetchall()
    state = chase_state(conn, today, closed, [(row[0], row[1], row[4]) for row in projects])
    cadenced = conn.execute(sqltext.REPORT_CADENCES).fetchall()
    last_sent = dict(conn.execute(sqltext.LAST_REPORTS).fetchall())
    due = boards.reports_due(
        (
            (pid, name, every, boards.started_on(start, created))
            for pid, name, every, start, created in cadenced
        ),
        last_sent,
        today,
    )
    return boards.assemble(today, projects, alarms, state.items, state.oldest_request, due)


def contacts_page(
    conn: sqlite3.Connection,
    project_id: int | None,
    *,
    channel: str | None,
    awaiting_only: bool,
    limit: int,
) -> list[ContactView]:
    """`services.contacts.contacts_page`, first page (the channel already checked)."""
    query, values = (
        sqltext.contacts_page(project_id is not None, bool(channel), awaiting_only),
        {"project": project_id, "channel": channel, "limit": limit},
    )
    rows = conn.execute(query, values).fetchall()
    projects = sorted({row[1] for row in rows})
    inbound = dict(conn.execute(sqltext.last_inbound(projects)).fetchall()) if projects else {}
    return [contact_view(row, inbound) for row in rows]
