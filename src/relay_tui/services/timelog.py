"""Time entries: minutes spent on a project, by day and category."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain import timekeeping as tk
from relay_tui.domain.board import ProjectTime as ProjectTime
from relay_tui.domain.board import time_problems as time_problems
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.i18n import N_, tr
from relay_tui.models import Project, TimeEntry
from relay_tui.schemas import TimeInput
from relay_tui.services.common import (
    add_new,
    edit_movable,
    new_in_project,
)
from relay_tui.vocab import TimeCategory


def log_time(store: Store, data: dict[str, Any], *, now: datetime | None = None) -> TimeEntry:
    with store.write() as session:
        _, clean = new_in_project(session, TimeInput, {"spent_on": None, **data}, now)
        return add_new(session, TimeEntry(**clean.model_dump()))


def edit_time_entry(
    store: Store, entry_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> TimeEntry:
    """Correct a time entry: the fields given change (`project` moves it); refused if
    someone changed it since `data["version"]` was read."""
    return edit_movable(store, TimeEntry, TimeInput, N_("time entry"), entry_id, data, now)


#: The most entries one list of time entries gives (`time_entries`).
ENTRIES_LIMIT = 10_000


@dataclass(frozen=True)
class TimeEntryView:
    """A time entry as `relay time list` shows it, with the id to correct it by."""

    id: int
    project_id: int
    project: str
    spent_on: date
    minutes: int
    category: str
    note: str
    version: int = 1
    by: str = ""  # who logged it (a shared store has several people)
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line

    def as_json(self) -> dict[str, Any]:
        return stored.with_problems(
            {
                "id": self.id,
                "project_id": self.project_id,
                "project": self.project,
                "spent_on": self.spent_on.isoformat(),
                "minutes": self.minutes,
                "category": self.category,
                "note": self.note,
                "created_by": self.by,
            },
            self.problems,
        )


def time_entries(
    store: Store, project_id: int | None = None, limit: int = 50
) -> list[TimeEntryView]:
    """The time entries of one project (or all), newest day first, at most `limit` (from
    1 to ENTRIES_LIMIT)."""
    if isinstance(limit, bool) or not 1 <= limit <= ENTRIES_LIMIT:
        raise InvalidInput(
            tr("must be from 1 to {most} (got {limit})", most=ENTRIES_LIMIT, limit=limit), "limit"
        )
    low, high = stored.limits("time_entry", "minutes")
    with store.read() as session:
        if project_id is not None and session.get(Project, project_id) is None:
            raise NotFound(tr("no project with id {id}", id=project_id), "project")
        query = select(TimeEntry, Project.name).join(
            Project, col(Project.id) == col(TimeEntry.project_id)
        )
        if project_id is not None:
            query = query.where(TimeEntry.project_id == project_id)
        query = query.order_by(col(TimeEntry.spent_on).desc(), col(TimeEntry.id).desc())
        return [
            TimeEntryView(
                id=entry.id,  # type: ignore[arg-type]
                project_id=entry.project_id,
                project=name,
                spent_on=entry.spent_on,
                minutes=entry.minutes,
                category=str(entry.category),
                note=entry.note,
                version=entry.version,
                by=entry.created_by,
                problems=stored.collect(
                    stored.out_of_range(N_("minutes"), entry.minutes, low, high),
                    stored.unknown_word(N_("category"), entry.category, TimeCategory),
                    stored.day(N_("day"), entry.spent_on),
                ),
            )
            for entry, name in session.exec(query.limit(limit)).all()
        ]


def valid_minutes() -> sa.ColumnElement[bool]:
    """Whether a time entry's minutes are within what relay takes (`stored.minutes_ok`):
    the others are left out of every total, and counted (`time_problems`)."""
    return col(TimeEntry.minutes).between(*stored.limits("time_entry", "minutes"))


@dataclass(frozen=True)
class TimeView:
    weeks: list[tuple[date, dict[str, int]]]
    use: tk.BudgetUse
    problems: tuple[str, ...] = ()  # stored values out of range, shown with the totals


def time_view(store: Store, project_id: int, today: date, weeks: int = 8) -> TimeView:
    with store.read() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(tr("no project with id {id}", id=project_id), "project")
        read = session.exec(
            select(TimeEntry.spent_on, TimeEntry.category, TimeEntry.minutes).where(
                TimeEntry.project_id == project_id
            )
        ).all()
    entries = [(d, c, m) for d, c, m in read if stored.minutes_ok(m)]
    totals: dict[str, int] = {}
    for _, category, minutes in entries:
        totals[str(category)] = totals.get(str(category), 0) + minutes
    first = min((day for day, _, _ in entries), default=None)
    use = tk.budget_use(
        totals,
        stored.budget(project.budget_minutes)[0],  # out of range: left out, and said
        first_day=first,
        delivery_on=project.delivery_on,
        today=today,
    )
    weekly = tk.weekly_minutes(((d, str(c), m) for d, c, m in entries), today, weeks)
    return TimeView(weekly, use, time_problems(project.budget_minutes, len(read) - len(entries)))
