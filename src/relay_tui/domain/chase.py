"""Chasing: who has not answered for too long, counted in working days."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from relay_tui.domain import stored
from relay_tui.domain.contacts import awaiting_in_order
from relay_tui.i18n import tr

#: Whether a day is closed (no work, no clock): weekends by default; the app passes the
#: settings' public holidays and closed days too (`relay_tui.closed_days.ClosedDays`).
Closed = Callable[[date], bool]


def weekend(day: date) -> bool:
    """Saturday and Sunday: the closed days when no others are given."""
    return day.weekday() >= 5


def closing(closed: Closed | Collection[date] | None = None) -> Closed:
    """The closed-day predicate: `closed` itself, or weekends plus a set of dates, or
    weekends only (None)."""
    if closed is None:
        return weekend
    if callable(closed):
        return closed
    dates = frozenset(closed)
    return lambda day: day.weekday() >= 5 or day in dates


def working_days_between(
    start: date, end: date, closed: Closed | Collection[date] | None = None
) -> int:
    """Working days after `start`, up to and including `end`: every day that is not
    closed (by default Monday–Friday; `closing`)."""
    if end <= start:
        return 0
    if closed is None or closed is weekend:
        weeks, rest = divmod((end - start).days, 7)
        first = start.weekday()
        return weeks * 5 + sum(1 for offset in range(1, rest + 1) if (first + offset) % 7 < 5)
    is_closed = closing(closed)
    day, count = start, 0
    while day < end:
        day += timedelta(days=1)
        if not is_closed(day):
            count += 1
    return count


def add_working_days(
    start: date, count: int, closed: Closed | Collection[date] | None = None
) -> date:
    """The date `count` working days after `start` (closed days skipped; `closing`)."""
    if closed is None or closed is weekend:  # the usual case, first: a board has many
        day, added = start, 0
        while added < count:
            day += timedelta(days=1)
            if day.weekday() < 5:
                added += 1
        return day
    is_closed = closing(closed)
    day = start
    added = 0
    while added < count:
        day += timedelta(days=1)
        if not is_closed(day):
            added += 1
    return day


class ContactFact(NamedTuple):
    """What the chase rules read of a contact (a tuple: a board builds thousands)."""

    id: int
    at: datetime
    direction: str
    awaiting_reply: bool
    summary: str
    is_chase: bool = False


@dataclass(frozen=True)
class ChaseItem:
    project_id: int
    project: str
    waiting_since: datetime  # the last time we wrote and are still waiting
    first_asked: datetime  # the oldest unanswered request
    working_days: int
    due_on: date
    summary: str
    open_requests: int
    chases: int
    problems: tuple[str, ...] = ()  # stored values out of range (`domain.stored`)


def chase_item(
    project_id: int,
    project: str,
    contacts: Sequence[ContactFact],
    chase_delay_days: int,
    today: date,
    closed: Closed | Collection[date] | None = None,
    *,
    chases: int | None = None,
    problems: Sequence[str] = (),
) -> ChaseItem | None:
    """The project's chase line if some request has waited `chase_delay_days` working
    days since our last message (a chase restarts the clock; an inbound contact answers
    everything before it). `closed` says which days the clock skips (`closing`: weekends
    by default). A request too long to show (a hand-edited store) is shortened,
    and named in `problems`, after the `problems` given. `chases`: how many chases the
    project holds in all, when `contacts` are not all of them."""
    pending = awaiting_in_order(contacts)
    if not pending:
        return None
    last = pending[-1]
    last_day = last.at.astimezone().date()
    elapsed = working_days_between(last_day, today, closed)
    if elapsed < chase_delay_days:
        return None
    first = _first_request(pending)
    longest = stored.text_limit("contact", "summary")
    found = stored.collect(*problems, stored.long_text("request summary", first.summary, longest))
    return ChaseItem(
        project_id=project_id,
        project=project,
        waiting_since=last.at,
        first_asked=first.at,
        working_days=elapsed,
        due_on=add_working_days(last_day, chase_delay_days, closed),
        summary=stored.shortened(first.summary, longest),
        open_requests=sum(1 for c in pending if not c.is_chase),
        chases=sum(1 for c in contacts if c.is_chase) if chases is None else chases,
        problems=found,
    )


def oldest_request(pending: Sequence[ContactFact]) -> ContactFact | None:
    """The oldest unanswered request among `pending` (all awaiting a reply): the first
    that is not a chase, or the first chase when only chases are left."""
    requests = [c for c in pending if not c.is_chase] or pending
    return min(requests, key=lambda c: (c.at, c.id)) if requests else None


def _first_request(ordered: Sequence[ContactFact]) -> ContactFact:
    """`oldest_request` of requests already in order (at least one)."""
    return next((c for c in ordered if not c.is_chase), ordered[0])


def chase_list(items: Iterable[ChaseItem | None]) -> list[ChaseItem]:
    """Longest wait first."""
    return sorted(
        (i for i in items if i is not None),
        key=lambda i: (-i.working_days, i.waiting_since, i.project),
    )


def chase_summary(original: str, limit: int = 120) -> str:
    """The text of a chase: “Chased: ” and the request (a chase of a chase keeps one
    “Chased: ”, in English or in the language of the moment)."""
    text = original.strip()
    for prefix in ("Chased: ", tr("Chased: {request}", request="")):
        text = text.removeprefix(prefix).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return tr("Chased: {request}", request=text)
