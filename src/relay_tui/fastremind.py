"""`relay remind` on a SQLite store, without SQLAlchemy, SQLModel, pydantic or Textual.

Hand-written for speed: `relay remind --format line` runs in a tmux status bar every few
seconds, and importing the services alone costs about 600 ms (see benchmarks/remind.py).
It reads the facts the board reads, with the same SQL, and applies the same rules
(`services.board`, `services.chasing`, `domain.freeze`, `domain.schedule`,
`domain.report_period`); a test proves its items equal to `services.remind.reminders` on
the same stores. Whatever it does not handle the way the services do — a value out of
range, a loop of predecessors, a date it cannot read: a store edited by hand — makes it
return None, and the caller takes the services' path, which names the problem.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

from relay_tui.domain.remind import Reminder, budget_crossed_on, ordered
from relay_tui.sqltext import AWAITING_INDEX_WHERE
from relay_tui.terms import (
    BUDGET_MAX_MINUTES,
    CHASE_DELAY_MAX,
    DURATION_MAX_MINUTES,
    MARGIN_MAX_DAYS,
    SUMMARY_MAX,
)

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Callable

#: The open alarm bells whose margin has begun (due − margin ≤ today, the margin held in
#: its range as `sqltext.margin_begun` does) and the chains of predecessors
#: their slips depend on.
_BELLS = f"""
WITH RECURSIVE chain(id) AS (
    SELECT d.id FROM deadline d JOIN project p ON p.id = d.project_id
    WHERE p.status = 'active' AND d.done_on IS NULL
      AND julianday(d.due_on) - (CASE WHEN d.margin_days < 0 THEN 0
          WHEN d.margin_days > {MARGIN_MAX_DAYS} THEN {MARGIN_MAX_DAYS}
          ELSE d.margin_days END) <= julianday(?)
    UNION
    SELECT s.after_id FROM deadline s JOIN chain ON s.id = chain.id
    WHERE s.after_id IS NOT NULL
)
SELECT id, project_id, title, owner, due_on, margin_days, after_id, done_on
FROM deadline WHERE id IN (SELECT id FROM chain)
"""

#: The outbound contacts awaiting a reply with no later inbound contact, per active
#: project (as `services.chasing._awaiting_facts`, on ix_contact_project_direction_at).
_AWAITING = """
SELECT c.id, c.project_id, c.at, c.summary, c.is_chase
FROM project p JOIN contact c ON c.project_id = p.id AND c.direction = 'out'
  AND c.at >= COALESCE(
      (SELECT max(r.at) FROM contact r WHERE r.project_id = p.id AND r.direction = 'in'),
      '0001-01-01 00:00:00.000000')
WHERE p.status = 'active' AND c.awaiting_reply
"""

#: Per active project, its last message awaiting a reply and its last inbound contact: two
#: seeks, on ix_contact_awaiting (its condition written as the index's) and
#: ix_contact_project_direction_at.
_LAST_WAITING = f"""
SELECT p.id,
  (SELECT max(c.at) FROM contact c INDEXED BY ix_contact_awaiting
   WHERE c.project_id = p.id AND {AWAITING_INDEX_WHERE}),
  (SELECT max(r.at) FROM contact r WHERE r.project_id = p.id AND r.direction = 'in')
FROM project p WHERE p.status = 'active'
"""

_PROJECTS = (
    "SELECT id, name, chase_delay_days, budget_minutes, report_every_days, start_on, "
    "created_at FROM project WHERE status = 'active'"
)

#: Minutes logged per project, within the range relay takes (`services.timelog`).
_LOGGED = (
    "SELECT t.project_id, sum(t.minutes) FROM time_entry t JOIN project p "
    "ON p.id = t.project_id WHERE p.status = 'active' AND p.budget_minutes IS NOT NULL "
    f"AND t.minutes BETWEEN 1 AND {DURATION_MAX_MINUTES} GROUP BY t.project_id"
)


class _Unusual(Exception):
    """A stored value the services would name as a problem: their path answers."""


def reminders(
    conn: sqlite3.Connection, today: date, closed: Callable[[date], bool], *, dated: bool = True
) -> list[Reminder] | None:
    """The items of `services.remind.reminders`, read with sqlite3; None when the store
    holds something only the services' path handles (see the module's docstring).

    `dated=False` leaves out the one costly fact only the order needs, the day a project
    went past its budget (its `since` is then today): `--format line` only counts."""
    try:
        projects = {row[0]: row for row in conn.execute(_PROJECTS)}
        items = _bells(conn, projects, today)
        items += _chases(conn, projects, today, closed, dated)
        items += _budgets(conn, projects, today, dated)
        items += _reports(conn, projects, today)
    except (_Unusual, ValueError, TypeError, OverflowError):
        return None
    return ordered(items)


def _day(value: object) -> date:
    if not isinstance(value, str):
        raise _Unusual
    return date.fromisoformat(value)


def _instant(value: object) -> datetime:
    """An instant as `relay_tui.dbtypes.UTCDateTime` reads it: naive means UTC."""
    if not isinstance(value, str):
        raise _Unusual
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _whole(value: object, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise _Unusual
    return value


def _bells(conn: sqlite3.Connection, projects: dict, today: date) -> list[Reminder]:  # type: ignore[type-arg]
    rows = conn.execute(_BELLS, (today.isoformat(),)).fetchall()
    by_id = {row[0]: row for row in rows}
    items = []
    for ident, pid, title, owner, due, margin, after, done in rows:
        if done is not None or pid not in projects:
            continue
        margin = _whole(margin, 0, MARGIN_MAX_DAYS)
        effective = _day(due) + timedelta(days=_slip(by_id, ident, owner, after, today))
        if today > effective:
            status, began = "late", effective + timedelta(days=1)
        elif today >= effective - timedelta(days=margin):
            status, began = "in_margin", effective - timedelta(days=margin)
        else:
            continue
        kind = "client" if owner == "client" else ("late" if status == "late" else "margin")
        items.append(
            Reminder(
                kind,
                pid,
                projects[pid][1],
                began,
                ref=ident,
                title=title,
                due_on=effective,
                days=max((today - effective).days, 0),
            )
        )
    return items


def _slip(by_id: dict, ident: int, owner: str, after: int | None, today: date) -> int:  # type: ignore[type-arg]
    """How many days late client input moves an open provider bell (`domain.freeze`):
    the largest lateness among the client's bells up its chain of predecessors."""
    if owner != "provider":
        return 0
    best = 0
    seen = {ident}
    while after is not None and after in by_id:
        if after in seen:
            raise _Unusual  # a loop (a hand edit): the services break it and say so
        seen.add(after)
        _, _, _, p_owner, p_due, _, p_after, p_done = by_id[after]
        if p_owner == "client":
            end = _day(p_done) if p_done is not None else today
            best = max(best, (end - _day(p_due)).days)
        after = p_after
    return best


def _chases(
    conn: sqlite3.Connection,
    projects: dict,  # type: ignore[type-arg]
    today: date,
    closed: Callable[[date], bool],
    dated: bool,
) -> list[Reminder]:
    """The projects whose last message awaiting a reply has waited their chase delay.
    Two index seeks a project find the last one; the messages themselves (for the oldest
    request and the days waited) are read only for the projects due, and only `dated`."""
    due: dict[int, tuple[date, date]] = {}
    for pid, last_waiting, last_in in conn.execute(_LAST_WAITING):
        if last_waiting is None or (last_in is not None and last_waiting < last_in):
            continue
        delay = _whole(projects[pid][2], 1, CHASE_DELAY_MAX)
        last_day = _instant(last_waiting).astimezone().date()
        chase_on = last_day
        for _ in range(delay):  # the delay-th working day after the last message
            chase_on += timedelta(days=1)
            while closed(chase_on):
                chase_on += timedelta(days=1)
        if chase_on <= today:
            due[pid] = (last_day, chase_on)
    if not dated:
        return [
            Reminder("chase", pid, projects[pid][1], chase_on, due_on=chase_on)
            for pid, (_, chase_on) in due.items()
        ]
    pending: dict[int, list[tuple[datetime, int, str, int]]] = {}
    if due:
        marks = ",".join("?" * len(due))
        for ident, pid, at, summary, is_chase in conn.execute(
            f"{_AWAITING} AND p.id IN ({marks})", list(due)
        ):
            pending.setdefault(pid, []).append((_instant(at), ident, summary, is_chase))
    items = []
    for pid, (last_day, chase_on) in due.items():
        rows = sorted(pending[pid])
        first = next((row for row in rows if not row[3]), rows[0])
        if not isinstance(first[2], str) or len(first[2]) > SUMMARY_MAX:
            raise _Unusual
        items.append(
            Reminder(
                "chase",
                pid,
                projects[pid][1],
                chase_on,
                title=first[2],
                due_on=chase_on,
                days=_working_days(last_day, today, closed),
            )
        )
    return items


def _working_days(start: date, end: date, closed: Callable[[date], bool]) -> int:
    day, count = start, 0
    while day < end:
        day += timedelta(days=1)
        if not closed(day):
            count += 1
    return count


def _budgets(
    conn: sqlite3.Connection,
    projects: dict,  # type: ignore[type-arg]
    today: date,
    dated: bool,
) -> list[Reminder]:
    over: dict[int, tuple[int, int]] = {}
    for pid, logged in conn.execute(_LOGGED):
        budget = _whole(projects[pid][3], 1, BUDGET_MAX_MINUTES)
        if logged > budget:
            over[pid] = (logged, budget)
    if not over:
        return []
    days: dict[int, list[tuple[date, int]]] = {}
    if dated:
        _logged_days(conn, list(over), days)
    return [
        Reminder(
            "budget",
            pid,
            projects[pid][1],
            budget_crossed_on(days.get(pid, []), budget) or today,
            ratio=logged / budget,
        )
        for pid, (logged, budget) in over.items()
    ]


def _logged_days(
    conn: sqlite3.Connection, projects: list[int], days: dict[int, list[tuple[date, int]]]
) -> None:
    """The minutes logged per day of each of `projects`, in order."""
    marks = ",".join("?" * len(projects))
    for pid, day, minutes in conn.execute(
        "SELECT project_id, spent_on, sum(minutes) FROM time_entry "
        f"WHERE project_id IN ({marks}) AND minutes BETWEEN 1 AND {DURATION_MAX_MINUTES} "
        "GROUP BY project_id, spent_on ORDER BY project_id, spent_on",
        projects,
    ):
        days.setdefault(pid, []).append((_day(day), minutes))


def _reports(conn: sqlite3.Connection, projects: dict, today: date) -> list[Reminder]:  # type: ignore[type-arg]
    cadenced = {pid: row for pid, row in projects.items() if row[4] is not None}
    if not cadenced:
        return []
    last = dict(
        conn.execute("SELECT project_id, max(sent_on) FROM sent_report GROUP BY project_id")
    )
    items = []
    for pid, (_, name, _, _, every, start_on, created_at) in cadenced.items():
        if type(every) is not int:
            raise _Unusual
        if every <= 0:
            continue
        if start_on is not None:
            started = _day(start_on)
        else:
            moment = datetime.fromisoformat(created_at)
            started = (
                (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment)
                .astimezone()
                .date()
            )
        sent = last.get(pid)
        due = (_day(sent) if sent is not None else started) + timedelta(days=every)
        if due <= today:
            items.append(Reminder("report", pid, name, due, due_on=due, days=(today - due).days))
    return items
