"""Any time: the timekeeping board, the time log by week, incidents and the factual
timeline of a project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, func, select

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain import timekeeping as tk
from relay_tui.domain.chase import ChaseItem
from relay_tui.domain.closing import Timeline, TimelineEvent, timeline_markdown
from relay_tui.errors import NotFound
from relay_tui.models import (
    ChangeRequest,
    Client,
    Commitment,
    Contact,
    Incident,
    Project,
    TimeEntry,
    Validation,
)
from relay_tui.schemas import IncidentInput, validate
from relay_tui.services.common import context, take_version, upsert_in_project
from relay_tui.services.dashboard import as_date
from relay_tui.services.running import DeadlineView, active_deadlines, chase_state
from relay_tui.vocab import ProjectStatus

BOARD_FORMAT_VERSION = 1


@dataclass(frozen=True)
class ProjectTime:
    project_id: int
    project: str
    use: tk.BudgetUse
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line


def _valid_minutes() -> sa.ColumnElement[bool]:
    """Whether a time entry's minutes are within what relay takes (`stored.minutes_ok`):
    the others are left out of every total, and counted (`_time_problems`)."""
    return col(TimeEntry.minutes).between(*stored.limits("time_entry", "minutes"))


def _time_problems(budget: object, bad_entries: int) -> tuple[str, ...]:
    return stored.collect(stored.budget(budget)[1], stored.entries_left_out(bad_entries))


def _with_problems(shown: dict[str, Any], problems: tuple[str, ...]) -> dict[str, Any]:
    if problems:
        shown["problems"] = list(problems)
    return shown


@dataclass(frozen=True)
class Waiting:
    project_id: int
    project: str
    since: date
    days: int


@dataclass(frozen=True)
class Board:
    today: date
    alarms: list[tuple[str, DeadlineView]]
    chase: list[ChaseItem]
    waiting: list[Waiting]
    time: list[ProjectTime]

    def problems(self) -> list[tuple[str, tuple[str, ...]]]:
        """Where the board read a stored value out of range, and what: (line, problems)."""
        return [
            *((f"{name} · {d.title}", d.problems) for name, d in self.alarms if d.problems),
            *((f"{c.project} · chase", c.problems) for c in self.chase if c.problems),
            *((f"{t.project} · time", t.problems) for t in self.time if t.problems),
        ]

    def as_json(self) -> dict[str, Any]:
        """The stable, documented shape of `relay board --json` (docs/cli.md)."""
        return {
            "format": "relay-board",
            "version": BOARD_FORMAT_VERSION,
            "today": self.today.isoformat(),
            "alarms": [
                _with_problems(
                    {
                        "project_id": d.project_id,
                        "project": name,
                        "deadline_id": d.id,
                        "title": d.title,
                        "owner": d.owner,
                        "due": d.due_on.isoformat(),
                        "projected": d.slip.projected_on.isoformat() if d.slip else None,
                        "slip_days": d.slip.days if d.slip else 0,
                        "status": d.status,
                    },
                    d.problems,
                )
                for name, d in self.alarms
            ],
            "chase": [
                _with_problems(
                    {
                        "project_id": c.project_id,
                        "project": c.project,
                        "waiting_since": c.waiting_since.isoformat(),
                        "working_days": c.working_days,
                        "request": c.summary,
                        "chases": c.chases,
                    },
                    c.problems,
                )
                for c in self.chase
            ],
            "waiting_on_client": [
                {
                    "project_id": w.project_id,
                    "project": w.project,
                    "since": w.since.isoformat(),
                    "days": w.days,
                }
                for w in self.waiting
            ],
            "time": [
                _with_problems(
                    {
                        "project_id": t.project_id,
                        "project": t.project,
                        "logged_minutes": t.use.logged_minutes,
                        "budget_minutes": t.use.budget_minutes,
                        "budget_ratio": round(t.use.ratio, 3) if t.use.ratio is not None else None,
                        "over_budget": t.use.over,
                        "projected_minutes": t.use.projected_minutes,
                        "projected_ratio": round(t.use.projected_ratio, 3)
                        if t.use.projected_ratio is not None
                        else None,
                        "rework_share": round(t.use.rework_share, 3)
                        if t.use.rework_share is not None
                        else None,
                    },
                    t.problems,
                )
                for t in self.time
            ],
        }


def board(store: Store, today: date) -> Board:
    views = active_deadlines(store, today, alarms_only=True)
    state = chase_state(store, today)
    chase = state.items
    with store.read() as session:
        projects = session.exec(
            select(Project.id, Project.name, Project.budget_minutes, Project.delivery_on).where(
                Project.status == ProjectStatus.active
            )
        ).all()
        spent = session.exec(
            select(
                TimeEntry.project_id,
                TimeEntry.category,
                func.sum(sa.case((_valid_minutes(), col(TimeEntry.minutes)), else_=0)),
                func.min(TimeEntry.spent_on),
                func.sum(sa.case((_valid_minutes(), 0), else_=1)),
            )
            .where(
                col(TimeEntry.project_id).in_(
                    select(Project.id).where(Project.status == ProjectStatus.active)
                )
            )
            # In the order of ix_time_entry_project_category, which covers the query.
            .group_by(col(TimeEntry.project_id), col(TimeEntry.category))
        ).all()
    names = {pid: name for pid, name, _, _ in projects}
    # Only ringing alarm bells were read: all of them are listed.
    alarms = sorted(
        ((names.get(d.project_id, "?"), d) for d in views),
        key=lambda pair: (pair[1].status != "late", pair[1].effective_due, pair[0]),
    )
    late_client: dict[int, list[date]] = {}
    for d in views:
        if d.owner == "client" and d.status == "late":
            late_client.setdefault(d.project_id, []).append(d.due_on)
    oldest_request = {pid: at.astimezone().date() for pid, at in state.oldest_request.items()}
    waiting = []
    for pid, name, _, _ in projects:
        since = tk.waiting_since(oldest_request.get(pid), late_client.get(pid, []))
        if since is not None:
            waiting.append(Waiting(pid, name, since, (today - since).days))
    waiting.sort(key=lambda w: (-w.days, w.project))
    by_project: dict[int, dict[str, int]] = {}
    first_day: dict[int, date] = {}
    bad_entries: dict[int, int] = {}
    for pid, category, minutes, first, bad in spent:
        by_project.setdefault(pid, {})[str(category)] = int(minutes or 0)
        bad_entries[pid] = bad_entries.get(pid, 0) + int(bad or 0)
        first = as_date(first)
        first_day[pid] = min(first_day.get(pid, first), first)
    time_rows = [
        ProjectTime(
            pid,
            name,
            tk.budget_use(
                by_project.get(pid, {}),
                budget,
                first_day=first_day.get(pid),
                delivery_on=delivery,
                today=today,
            ),
            _time_problems(budget, bad_entries.get(pid, 0)),
        )
        for pid, name, budget, delivery in projects
        if budget or by_project.get(pid)
    ]
    time_rows.sort(key=lambda t: (-(t.use.ratio or 0), t.project))
    return Board(today, alarms, chase, waiting, time_rows)


# --- time log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeView:
    weeks: list[tuple[date, dict[str, int]]]
    use: tk.BudgetUse
    problems: tuple[str, ...] = ()  # stored values out of range, shown with the totals


def time_view(store: Store, project_id: int, today: date, weeks: int = 8) -> TimeView:
    with store.read() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}", "project")
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
        project.budget_minutes,
        first_day=first,
        delivery_on=project.delivery_on,
        today=today,
    )
    weekly = tk.weekly_minutes(((d, str(c), m) for d, c, m in entries), today, weeks)
    return TimeView(weekly, use, _time_problems(project.budget_minutes, len(read) - len(entries)))


# --- incidents and the factual timeline -------------------------------------------------


def incidents(store: Store, project_id: int) -> list[Incident]:
    with store.read() as session:
        return list(
            session.exec(
                select(Incident)
                .where(Incident.project_id == project_id)
                .order_by(col(Incident.occurred_on).desc(), col(Incident.id).desc())
            ).all()
        )


def save_incident(
    store: Store,
    project_id: int,
    data: dict[str, Any],
    incident_id: int | None = None,
    *,
    now: datetime | None = None,
) -> Incident:
    fields, version = take_version(data)
    clean = validate(IncidentInput, {**fields, "project_id": project_id}, context(now))
    with store.write() as session:
        values = clean.model_dump()
        return upsert_in_project(
            session, Incident, project_id, incident_id, values, "incident", version
        )


def timeline(store: Store, project_id: int, today: date) -> Timeline:
    """Contacts, deadlines (kept or missed, and by whom), validations and change requests,
    commitments broken and incidents, as dated facts."""
    from relay_tui.services.running import deadlines

    with store.read() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}", "project")
        client = session.get(Client, project.client_id)
        contacts = session.exec(select(Contact).where(Contact.project_id == project_id)).all()
        validations = session.exec(
            select(Validation).where(Validation.project_id == project_id)
        ).all()
        changes = session.exec(
            select(ChangeRequest, Validation.deliverable)
            .join(Validation, col(Validation.id) == col(ChangeRequest.validation_id))
            .where(Validation.project_id == project_id)
        ).all()
        broken = session.exec(
            select(Commitment).where(
                Commitment.project_id == project_id, Commitment.status == "broken"
            )
        ).all()
        incident_rows = session.exec(
            select(Incident).where(Incident.project_id == project_id)
        ).all()
    events: list[TimelineEvent] = []
    client_name = client.name if client else "the client"
    for c in contacts:
        way = f"from {client_name}" if c.direction == "in" else f"to {client_name}"
        kind = "Chase" if c.is_chase else f"{str(c.channel).capitalize()} {way}"
        events.append(TimelineEvent(c.at.astimezone().date(), kind, c.summary))
    for d in deadlines(store, project_id, today):
        holder = "client" if d.owner == "client" else "provider"
        if d.done_on is not None and d.done_on > d.due_on:
            events.append(
                TimelineEvent(
                    d.done_on,
                    "Deadline kept late",
                    f"{d.title} (due {d.due_on:%d %b}, {(d.done_on - d.due_on).days} days late)",
                    holder,
                )
            )
        elif d.done_on is not None:
            events.append(TimelineEvent(d.done_on, "Deadline kept", d.title, holder))
        elif d.due_on < today:
            events.append(
                TimelineEvent(d.due_on, "Deadline missed", f"{d.title} (still open)", holder)
            )
    for v in validations:
        events.append(TimelineEvent(v.requested_on, "Validation requested", v.deliverable))
        if v.validated_on:
            events.append(TimelineEvent(v.validated_on, "Validated", v.deliverable, v.validated_by))
    for change, deliverable in changes:
        if change.previous_validated_on is not None:
            # The client's earlier approval stays a fact even after the reopening.
            events.append(
                TimelineEvent(
                    change.previous_validated_on,
                    "Validated",
                    deliverable,
                    change.previous_validated_by or None,
                )
            )
        events.append(
            TimelineEvent(
                change.created_at.astimezone().date(), "Reopened", f"{deliverable}: {change.reason}"
            )
        )
    for commitment in broken:
        holder = "client" if commitment.party == "client" else "provider"
        note = f" ({commitment.note})" if commitment.note else ""
        day = commitment.due_on or commitment.created_at.astimezone().date()
        events.append(TimelineEvent(day, "Commitment broken", commitment.text + note, holder))
    for incident in incident_rows:
        events.append(TimelineEvent(incident.occurred_on, "Incident", incident.title))
    return Timeline(project.name, client_name, events)


def timeline_text(
    store: Store, project_id: int, today: date, incident_id: int | None = None
) -> str:
    title = None
    if incident_id is not None:
        with store.read() as session:
            incident = session.get(Incident, incident_id)
            title = incident.title if incident else None
    return timeline_markdown(timeline(store, project_id, today), title)
