"""Read model of the timekeeping board: every active project, what waits and on whom."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, func, select

from relay_tui.db import Store
from relay_tui.domain import timekeeping as tk
from relay_tui.domain.chase import ChaseItem, Closed
from relay_tui.domain.envelope import envelope
from relay_tui.domain.stored import with_problems
from relay_tui.i18n import tr
from relay_tui.models import (
    Project,
    TimeEntry,
)
from relay_tui.services.chasing import chase_state
from relay_tui.services.dashboard import as_date
from relay_tui.services.deadlines import DeadlineView, active_deadlines
from relay_tui.services.reports_sent import ReportDue, reports_due
from relay_tui.services.timelog import ProjectTime, time_problems, valid_minutes
from relay_tui.vocab import ProjectStatus


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
    #: The projects whose status report is due (their cadence has come round).
    reports_due: list[ReportDue] = field(default_factory=list)

    def problems(self) -> list[tuple[str, tuple[str, ...]]]:
        """Where the board read a stored value out of range, and what: (line, problems)."""
        return [
            *((f"{name} · {d.title}", d.problems) for name, d in self.alarms if d.problems),
            *(
                (tr("{project} · chase", project=c.project), c.problems)
                for c in self.chase
                if c.problems
            ),
            *(
                (tr("{project} · time", project=t.project), t.problems)
                for t in self.time
                if t.problems
            ),
        ]

    def as_json(self) -> dict[str, Any]:
        """The stable, documented shape of `relay board --json` (docs/cli.md)."""
        return envelope(
            "board",
            today=self.today.isoformat(),
            alarms=[
                with_problems(
                    {
                        "project_id": d.project_id,
                        "project": name,
                        "deadline_id": d.id,
                        "title": d.title,
                        "owner": d.owner,
                        "due_on": d.due_on.isoformat(),
                        "projected_on": d.slip.projected_on.isoformat() if d.slip else None,
                        "slip_days": d.slip.days if d.slip else 0,
                        "status": d.status,
                    },
                    d.problems,
                )
                for name, d in self.alarms
            ],
            chase=[
                with_problems(
                    {
                        "project_id": c.project_id,
                        "project": c.project,
                        "waiting_since_at": c.waiting_since.isoformat(),
                        "working_days": c.working_days,
                        "summary": c.summary,
                        "chases": c.chases,
                    },
                    c.problems,
                )
                for c in self.chase
            ],
            waiting_on_client=[
                {
                    "project_id": w.project_id,
                    "project": w.project,
                    "since_on": w.since.isoformat(),
                    "days": w.days,
                }
                for w in self.waiting
            ],
            time=[
                with_problems(
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
            reports_due=[
                {
                    "project_id": r.project_id,
                    "project": r.project,
                    "due_since_on": r.since.isoformat(),
                    "days": r.days,
                    "last_sent_on": r.last_sent_on.isoformat() if r.last_sent_on else None,
                }
                for r in self.reports_due
            ],
        )


def board(store: Store, today: date, closed: Closed | None = None) -> Board:
    """The board of `today`; the chase clock skips the `closed` days (by default the
    settings' closed days)."""
    views = active_deadlines(store, today, alarms_only=True)
    state = chase_state(store, today, closed=closed)
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
                func.sum(sa.case((valid_minutes(), col(TimeEntry.minutes)), else_=0)),
                func.min(TimeEntry.spent_on),
                func.sum(sa.case((valid_minutes(), 0), else_=1)),
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
            time_problems(budget, bad_entries.get(pid, 0)),
        )
        for pid, name, budget, delivery in projects
        if budget or by_project.get(pid)
    ]
    time_rows.sort(key=lambda t: (-(t.use.ratio or 0), t.project))
    return Board(today, alarms, chase, waiting, time_rows, reports_due(store, today))
