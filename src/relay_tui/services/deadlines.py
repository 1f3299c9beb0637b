"""Deadlines: the alarm bells of a project."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from relay_tui import sqltext
from relay_tui.db import Store
from relay_tui.domain.deadline_views import DeadlineView as DeadlineView
from relay_tui.domain.deadline_views import deadline_problems as deadline_problems
from relay_tui.domain.deadline_views import deadline_views
from relay_tui.domain.freeze import would_cycle
from relay_tui.domain.parsing import ParseError, parse_date, parse_due
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.i18n import N_, tr
from relay_tui.models import Deadline
from relay_tui.schemas import DeadlineInput
from relay_tui.services.common import (
    add_new,
    context,
    edited,
    local_today,
    new_in_project,
    row_to_change,
    take_version,
)


def add_deadline(store: Store, data: dict[str, Any], *, now: datetime | None = None) -> Deadline:
    with store.write() as session:
        project, clean = new_in_project(session, DeadlineInput, data, now)
        if clean.after_id is not None:
            before = session.get(Deadline, clean.after_id)
            if before is None or before.project_id != project.id:
                raise NotFound(
                    tr(
                        "no deadline #{id} in project {project}",
                        id=clean.after_id,
                        project=repr(project.name),
                    ),
                    "after",
                )
        return add_new(session, Deadline(**clean.model_dump()))


def mark_done(
    store: Store,
    deadline_id: int,
    on: str | date | None = None,
    *,
    now: datetime | None = None,
    version: int | None = None,
) -> Deadline:
    today = local_today(now)
    if isinstance(on, date):
        done_on = on
    else:
        try:
            done_on = parse_date(on or "today", today)
        except ParseError as exc:
            raise InvalidInput(str(exc), "on") from None
    if done_on > today:
        raise InvalidInput(tr("is in the future"), "on")
    with store.write() as session:
        deadline = _seen_deadline(session, deadline_id, version)
        deadline.done_on = done_on
        session.add(deadline)
        session.flush()
        return deadline


def _check_cycle(session: Session, project_id: int, deadline_id: int, after_id: int | None) -> None:
    edges = dict(
        session.exec(
            select(Deadline.id, Deadline.after_id).where(Deadline.project_id == project_id)
        ).all()
    )
    loop = would_cycle(edges, deadline_id, after_id)  # type: ignore[arg-type]
    if loop:
        titles = dict(
            session.exec(
                select(Deadline.id, Deadline.title).where(col(Deadline.id).in_(loop))
            ).all()
        )
        path = " → ".join(titles.get(i, f"#{i}") for i in loop)
        raise InvalidInput(tr("this would make a loop of deadlines: {path}", path=path), "after")


def update_deadline(
    store: Store, deadline_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Deadline:
    fields, version = take_version(data)
    with store.write() as session:
        row = _seen_deadline(session, deadline_id, version)
        ctx = context(now)
        if _gives_clock(fields, ctx["today"]):
            fields["due_time"] = None  # the time typed with the day replaces the stored one
        clean = edited(row, DeadlineInput, fields, ctx)
        if clean.after_id is not None:
            before = session.get(Deadline, clean.after_id)
            if before is None or before.project_id != row.project_id:
                raise NotFound(tr("no deadline #{id} in this project", id=clean.after_id), "after")
        _check_cycle(session, row.project_id, deadline_id, clean.after_id)
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        session.add(row)
        return row


def _gives_clock(fields: dict[str, Any], today: date) -> bool:
    """Whether the due day typed (`fri 14:00`) carries a time of day, and no time is given
    on its own (an edit from the command line gives only what changes)."""
    due = fields.get("due_on")
    if not isinstance(due, str) or "due_time" in fields:
        return False
    try:
        return parse_due(due, today)[1] is not None
    except ParseError:
        return False  # the schema says what is wrong with it


def reopen_deadline(store: Store, deadline_id: int, *, version: int | None = None) -> Deadline:
    with store.write() as session:
        row = _seen_deadline(session, deadline_id, version)
        row.done_on = None
        session.add(row)
        return row


def _seen_deadline(session: Any, deadline_id: int, version: int | None) -> Deadline:
    """The deadline to change, refused if someone changed it since `version` was read."""
    missing = tr("no deadline with id {id}", id=deadline_id)
    label = N_("alarm bell")
    return row_to_change(session, Deadline, deadline_id, version, label, missing=missing)


def deadlines(store: Store, project_id: int, today: date) -> list[DeadlineView]:
    with store.read() as session:
        rows = session.execute(sa.text(sqltext.PROJECT_DEADLINES), {"project": project_id})
        return deadline_views(rows.all(), today)


def active_deadlines(store: Store, today: date, *, alarms_only: bool = False) -> list[DeadlineView]:
    """The deadlines of every active project (with `alarms_only`, only the alarm bells
    ringing: open, late or in their margin). Plain rows, not ORM objects: the board reads
    deadlines across the whole store (the SQL is `relay_tui.sqltext`'s, which the light
    reads of `relay_tui.fastreads` run too)."""
    with store.read() as session:
        if alarms_only:
            dialect = session.get_bind().dialect.name
            query, values = sqltext.alarm_bells(dialect), {"today": today.isoformat()}
        else:
            query, values = sqltext.ACTIVE_DEADLINES, {}
        rows = session.execute(sa.text(query), values).all()
        return deadline_views(rows, today, alarms_only=alarms_only)
