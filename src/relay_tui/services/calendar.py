"""The alarm bells as an iCalendar file: exported once (`relay export ics`), or kept
current in the file of the `calendar_file` setting (`relay_tui.services.calendar_file`).

Both hold the alarm bells of the active projects, open ones as events with their alarm.
They differ in the bells marked done:

- the kept file is read again and again by a calendar that subscribes to it
  (Thunderbird, GNOME Calendar, khal through vdirsyncer's file storage): a bell marked
  done, or of a project closed, is left out, and the calendar drops it at once;
- an export is imported by hand (`khal import`, `calcurse -i`), and an importer never
  deletes what a file leaves out: so a bell done in the last `DONE_KEPT_DAYS` days, or of
  a project closed in those days, is sent as a cancelled event (its SEQUENCE raised: it
  is its `version`), which replaces the open one on the next import.

A deleted bell is left out of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.domain.calendar import CalendarDeadline, calendar_ics
from relay_tui.i18n import tr
from relay_tui.models import Client, Project, ProjectStatus
from relay_tui.models_local import StoreMeta
from relay_tui.services.common import get_project, now_utc
from relay_tui.services.deadlines import DeadlineView as DeadlineView
from relay_tui.services.deadlines import active_deadlines as active_deadlines
from relay_tui.services.deadlines import deadlines as deadlines

#: How long a bell marked done (or of a project closed) stays in the file as a cancelled
#: event. Two months: a calendar that imports the file by hand (khal, calcurse) has had
#: many occasions to import it again and learn the bell is done; past that, the file
#: would only grow with bells no calendar still shows.
DONE_KEPT_DAYS = 60

#: The UIDs of a store whose id is missing (a hand-edited store: the migration sets one).
NO_STORE_ID = "0" * 32


@dataclass(frozen=True)
class CalendarFile:
    """The iCalendar text and what it holds: the open bells and the cancelled ones."""

    text: str
    open: int
    cancelled: int
    flagged: tuple[str, ...]  # the bells holding a stored value out of range, one line each


def store_id(store: Store) -> str:
    """The store's own id (`store_meta`), which makes the calendar's UIDs unique to it."""
    with store.read() as session:
        row = session.get(StoreMeta, "store_id")
    return row.value if row is not None and row.value else NO_STORE_ID


def calendar_file(
    store: Store,
    *,
    project: int | str | None = None,
    now: datetime | None = None,
    cancelled: bool = True,
) -> CalendarFile:
    """The calendar of the alarm bells (of one project, or of every active project);
    without `cancelled`, the bells done and those of closed projects are left out."""
    moment = now_utc(now)
    today = moment.astimezone().date()
    since = today - timedelta(days=DONE_KEPT_DAYS)
    with store.read() as session:
        rows = session.exec(
            select(Project.id, Project.name, Project.status, Project.closed_at, Client.language)
            .where(Project.client_id == Client.id)
            .order_by(col(Project.id))
        ).all()
        chosen = get_project(session, project).id if project is not None else None
    projects = {row[0]: row for row in rows}
    if chosen is not None:
        views = deadlines(store, chosen, today)
    else:
        views = active_deadlines(store, today)
        for pid, _name, status, closed_at, _language in rows if cancelled else ():
            if status != ProjectStatus.active and _recently(closed_at, moment, since):
                views += deadlines(store, pid, today)
    events = []
    for d in views:
        _pid, name, status, _closed, language = projects.get(
            d.project_id, (d.project_id, "?", ProjectStatus.active, None, None)
        )
        if d.done_on is not None and (not cancelled or d.done_on < since):
            continue  # done: a subscriber drops it; long done: no calendar still shows it
        events.append(
            CalendarDeadline(
                d.id,
                d.project_id,
                name,
                d.title,
                d.owner,
                d.kind,
                d.effective_due,
                d.due_time,
                d.margin,
                "; ".join(d.problems),
                language,
                sequence=d.version,
                cancelled=d.done_on is not None or status != ProjectStatus.active,
            )
        )
    text = calendar_ics(events, moment, store_id=store_id(store)).decode("utf-8")
    flagged = tuple(
        tr("#{id} {title}: {problem}", id=e.id, title=e.title, problem=e.problem)
        for e in events
        if e.problem and not e.cancelled
    )
    cancelled = sum(e.cancelled for e in events)
    return CalendarFile(text, len(events) - cancelled, cancelled, flagged)


def _recently(closed_at: datetime | None, moment: datetime, since: object) -> bool:
    if closed_at is None:
        return False
    return closed_at.astimezone().date() >= since  # type: ignore[operator]


def export_ics(
    store: Store,
    output: Path | None,
    *,
    project: int | str | None = None,
    now: datetime | None = None,
    all_projects: bool = True,
    flagged: list[str] | None = None,
    force: bool = False,
) -> int:
    """Write the alarm bells as an iCalendar file (`relay_tui.output.write_output`: a new
    file, or with `force` in place of one; None: standard output); returns how many are
    open. The open bells holding a stored value out of range are added to `flagged`."""
    from relay_tui.output import write_output

    made = calendar_file(store, project=project, now=now)
    if flagged is not None:
        flagged += made.flagged
    write_output(output, (made.text,), force=force)
    return made.open
