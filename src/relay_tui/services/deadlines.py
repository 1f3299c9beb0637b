"""Deadlines: the alarm bells of a project."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from relay_tui.db import Store
from relay_tui.domain.parsing import ParseError, parse_date
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.models import Deadline
from relay_tui.schemas import DeadlineInput, validate
from relay_tui.services.common import check_version, context, get_project, local_today


def add_deadline(store: Store, data: dict[str, Any], *, now: datetime | None = None) -> Deadline:
    payload = dict(data)
    ref = payload.pop("project", None)
    with store.write() as session:
        project = get_project(session, ref)
        clean = validate(DeadlineInput, {**payload, "project_id": project.id}, context(now))
        if clean.after_id is not None:
            before = session.get(Deadline, clean.after_id)
            if before is None or before.project_id != project.id:
                raise NotFound(
                    f"no deadline #{clean.after_id} in project {project.name!r}", "after"
                )
        deadline = Deadline(**clean.model_dump())
        session.add(deadline)
        session.flush()
        return deadline


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
        raise InvalidInput("is in the future", "on")
    with store.write() as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            raise NotFound(f"no deadline with id {deadline_id}", "id")
        check_version(deadline, version, "alarm bell")
        deadline.done_on = done_on
        session.add(deadline)
        session.flush()
        return deadline
