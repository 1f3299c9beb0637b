"""`relay remind` through the services: what needs attention today, read from the board.

This is the reference notion of "due": `relay_tui.fastremind` computes the same items with
sqlite3 alone, and a test proves the two equal on the same stores. Writing down the
reminders shown (`shown_today`, `mark_shown`) is shared by both paths' callers.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import col, delete, func, select

from relay_tui.db import Store
from relay_tui.domain import remind
from relay_tui.domain.chase import Closed
from relay_tui.domain.remind import Reminder
from relay_tui.domain.stored import margin, shift
from relay_tui.models import TimeEntry
from relay_tui.models_local import ReminderSent
from relay_tui.services.board import board
from relay_tui.services.timelog import valid_minutes


def reminders(store: Store, today: date, closed: Closed | None = None) -> list[Reminder]:
    """Every item that needs attention `today`, newest risk first (`domain.remind`)."""
    data = board(store, today, closed)
    items: list[Reminder] = []
    for name, d in data.alarms:
        kind = remind.bell_kind(d.owner, d.status)
        if kind is None:
            continue
        due = d.effective_due
        began = shift(due, 1) if d.status == "late" else shift(due, -margin(d.margin_days)[0])
        items.append(
            Reminder(
                kind,
                d.project_id,
                name,
                began,
                ref=d.id,
                title=d.title,
                due_on=due,
                days=max((today - due).days, 0),
            )
        )
    for c in data.chase:
        items.append(
            Reminder(
                "chase",
                c.project_id,
                c.project,
                c.due_on,
                title=c.summary,
                due_on=c.due_on,
                days=c.working_days,
            )
        )
    over = [t for t in data.time if t.use.over]
    crossed = _budget_crossed(store, {t.project_id: t.use.budget_minutes or 0 for t in over})
    for t in over:
        items.append(
            Reminder(
                "budget",
                t.project_id,
                t.project,
                crossed.get(t.project_id, today),
                ratio=t.use.ratio,
            )
        )
    for r in data.reports_due:
        items.append(
            Reminder("report", r.project_id, r.project, r.since, due_on=r.since, days=r.days)
        )
    return remind.ordered(items)


def _budget_crossed(store: Store, budgets: dict[int, int]) -> dict[int, date]:
    """Per project over its budget, the day its logged time went past it."""
    if not budgets:
        return {}
    with store.read() as session:
        rows = session.exec(
            select(TimeEntry.project_id, TimeEntry.spent_on, func.sum(col(TimeEntry.minutes)))
            .where(col(TimeEntry.project_id).in_(list(budgets)), valid_minutes())
            .group_by(col(TimeEntry.project_id), col(TimeEntry.spent_on))
            .order_by(col(TimeEntry.project_id), col(TimeEntry.spent_on))
        ).all()
    days: dict[int, list[tuple[date, int]]] = {}
    for pid, day, minutes in rows:
        days.setdefault(pid, []).append((_as_date(day), int(minutes or 0)))
    return {
        pid: found
        for pid, budget in budgets.items()
        if (found := remind.budget_crossed_on(days.get(pid, []), budget)) is not None
    }


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def shown_today(store: Store, today: date) -> set[str]:
    """The keys of the reminders already shown today."""
    with store.read() as session:
        return set(session.exec(select(ReminderSent.item).where(ReminderSent.day == today)).all())


def mark_shown(store: Store, today: date, keys: list[str]) -> None:
    """Write down that the reminders `keys` were shown today; the days before are
    forgotten (nothing reads them). Not a change the user takes back: not journaled."""
    with store.write() as session:
        session.exec(delete(ReminderSent).where(col(ReminderSent.day) < today))  # type: ignore[call-overload]
        for key in keys:
            session.merge(ReminderSent(day=today, item=key))
