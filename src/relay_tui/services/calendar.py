"""The alarm bells of every active project as an iCalendar file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import select

from relay_tui.db import Store
from relay_tui.domain.calendar import CalendarDeadline, calendar_ics
from relay_tui.i18n import tr
from relay_tui.models import (
    Client,
    Project,
)
from relay_tui.services.common import (
    get_project,
    now_utc,
)
from relay_tui.services.deadlines import DeadlineView as DeadlineView
from relay_tui.services.deadlines import active_deadlines as active_deadlines
from relay_tui.services.deadlines import deadlines as deadlines


def export_ics(
    store: Store,
    output: Path,
    *,
    project: int | str | None = None,
    now: datetime | None = None,
    all_projects: bool = True,
    flagged: list[str] | None = None,
) -> int:
    """Write the open alarm bells as an iCalendar file; returns how many. The exported
    deadlines holding a stored value out of range are added to `flagged`, one line each."""
    from relay_tui.services.transfer import write_private

    moment = now_utc(now)
    today = moment.astimezone().date()
    with store.read() as session:
        names = dict(session.exec(select(Project.id, Project.name)).all())
        languages = dict(
            session.exec(
                select(Project.id, Client.language).where(Project.client_id == Client.id)
            ).all()
        )
        chosen = get_project(session, project).id if project is not None else None
    views = deadlines(store, chosen, today) if chosen else active_deadlines(store, today)  # type: ignore[arg-type]
    events = [
        CalendarDeadline(
            d.id,
            d.project_id,
            names.get(d.project_id, "?"),
            d.title,
            d.owner,
            d.kind,
            d.effective_due,
            d.due_time,
            d.margin,
            "; ".join(d.problems),
            languages.get(d.project_id),
        )
        for d in views
        if d.done_on is None
    ]
    if flagged is not None:
        flagged += [
            tr("#{id} {title}: {problem}", id=e.id, title=e.title, problem=e.problem)
            for e in events
            if e.problem
        ]
    write_private(output, calendar_ics(events, moment).decode("utf-8"))
    return len(events)
