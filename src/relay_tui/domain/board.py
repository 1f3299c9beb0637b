"""The timekeeping board as shown, built from plain rows: what rings, whom to chase, who
waits on the client, time against budget, reports due. The services (SQLAlchemy) and the
light reads (`relay_tui.fastreads`, sqlite3) read the same rows (`relay_tui.sqltext`) and
call `assemble`: one rule, whichever way the rows came."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from relay_tui.domain import stored
from relay_tui.domain import timekeeping as tk
from relay_tui.domain.chase import ChaseItem
from relay_tui.domain.deadline_views import DeadlineView, as_date
from relay_tui.domain.envelope import envelope
from relay_tui.domain.report_period import report_due_since
from relay_tui.domain.stored import with_problems
from relay_tui.i18n import tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any


@dataclass(frozen=True)
class ProjectTime:
    project_id: int
    project: str
    use: tk.BudgetUse
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line


def time_problems(budget: object, bad_entries: int) -> tuple[str, ...]:
    problem = stored.budget(budget)[1]
    if problem is None and not bad_entries:
        return ()  # the usual case, first: the board has a line per project
    return stored.collect(problem, stored.entries_left_out(bad_entries))


@dataclass(frozen=True)
class ReportDue:
    """A project whose status report is due (the board's "Report due")."""

    project_id: int
    project: str
    since: date
    days: int
    last_sent_on: date | None


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


def started_on(start_on: object, created_at: object) -> date:
    """The day a project started: its start date, else the day it was created (local)."""
    if start_on is not None:
        return as_date(start_on)  # type: ignore[return-value]
    moment = (
        created_at if isinstance(created_at, datetime) else datetime.fromisoformat(str(created_at))
    )
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).astimezone().date()


def reports_due(
    projects: Iterable[tuple[int, str, int | None, date]],
    last_sent: dict[int, object],
    today: date,
) -> list[ReportDue]:
    """The reports due today among `projects` (id, name, cadence, started on), the
    longest due first; `last_sent`: the day each project's last report was sent."""
    due = []
    for pid, name, every, started in projects:
        sent = as_date(last_sent.get(pid))
        since = report_due_since(every, started, sent, today)
        if since is not None:
            due.append(ReportDue(pid, name, since, (today - since).days, sent))
    due.sort(key=lambda d: (-d.days, d.project))
    return due


def assemble(
    today: date,
    projects: Sequence[tuple[int, str, object, object, object]],
    views: Sequence[DeadlineView],
    chase: list[ChaseItem],
    oldest_request: dict[int, datetime],
    spent: Iterable[tuple[int, object, object, object, object]],
    reports: list[ReportDue],
) -> Board:
    """The board of `today` from the active `projects` (`sqltext.ACTIVE_PROJECTS`'s rows:
    id, name, budget minutes, delivery day, chase delay), their ringing alarm bells
    `views`, the `chase` list and each project's oldest request unanswered, the time
    `spent` (`sqltext.time_totals`'s rows) and the `reports` due."""
    names = {row[0]: row[1] for row in projects}
    # Only ringing alarm bells were read: all of them are listed.
    alarms = sorted(
        ((names.get(d.project_id, "?"), d) for d in views),
        key=lambda pair: (pair[1].status != "late", pair[1].effective_due, pair[0]),
    )
    late_client: dict[int, list[date]] = {}
    for d in views:
        if d.owner == "client" and d.status == "late":
            late_client.setdefault(d.project_id, []).append(d.due_on)
    asked = {pid: at.astimezone().date() for pid, at in oldest_request.items()}
    waiting = []
    for pid, name, _, _, _ in projects:
        if pid not in asked and pid not in late_client:
            continue  # nothing asked, nothing late: no wait (and 10,000 projects to go)
        since = tk.waiting_since(asked.get(pid), late_client.get(pid, []))
        if since is not None:
            waiting.append(Waiting(pid, name, since, (today - since).days))
    waiting.sort(key=lambda w: (-w.days, w.project))
    # One row a project (`sqltext.time_totals`): 8,000 of them on a large store, hence
    # the days read once each (a few hundred distinct).
    totals = {row[0]: row for row in spent}
    days: dict[object, date | None] = {None: None}
    time_rows = []
    for pid, name, stored_budget, delivery, _ in projects:
        row = totals.get(pid)
        if row is None:
            if not stored_budget:
                continue  # no budget, nothing logged: no line
            logged = rework = bad = 0
            first = None
        else:
            _, logged, rework, first, bad = row
            logged, rework, bad = int(logged or 0), int(rework or 0), int(bad or 0)  # type: ignore[call-overload]
        if first not in days:
            days[first] = as_date(first)
        if delivery not in days:
            days[delivery] = as_date(delivery)
        # A budget out of range (a hand-edited store) is left out, and said (`time_problems`).
        budget = stored.budget(stored_budget)[0]
        use = tk.budget_totals(
            logged, rework, budget, first_day=days[first], delivery_on=days[delivery], today=today
        )
        time_rows.append(ProjectTime(pid, name, use, time_problems(stored_budget, bad)))
    time_rows.sort(key=lambda t: (-(t.use.ratio or 0), t.project))
    return Board(today, alarms, chase, waiting, time_rows, reports)
