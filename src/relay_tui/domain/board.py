"""The timekeeping board as shown, built from plain rows: what rings, whom to chase, who
waits on the client, time against budget, reports due. The services (SQLAlchemy) and the
light reads (`relay_tui.fastreads`, sqlite3) read the same rows (`relay_tui.sqltext`) and
call `assemble`: one rule, whichever way the rows came."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import NamedTuple

from relay_tui.domain import timekeeping as tk
from relay_tui.domain.board_alarms import AlarmLines
from relay_tui.domain.board_time import ProjectTime as ProjectTime
from relay_tui.domain.board_time import TimeLines
from relay_tui.domain.board_time import time_problems as time_problems
from relay_tui.domain.chase_state import ChaseLines
from relay_tui.domain.deadline_views import as_date
from relay_tui.domain.envelope import envelope
from relay_tui.domain.report_period import report_due_since
from relay_tui.domain.stored import with_problems
from relay_tui.i18n import tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

    from relay_tui.domain.deadline_views import Row


@dataclass(frozen=True)
class ReportDue:
    """A project whose status report is due (the board's "Report due")."""

    project_id: int
    project: str
    since: date
    days: int
    last_sent_on: date | None


class Waiting(NamedTuple):
    """A project waiting on the client (a tuple: a board lists thousands)."""

    project_id: int
    project: str
    since: date
    days: int


@dataclass(frozen=True)
class Board:
    today: date
    #: The alarm bells with their project's name, late first (built as they are read).
    alarms: AlarmLines
    #: The chase list, longest wait first (built as it is read).
    chase: ChaseLines
    waiting: list[Waiting]
    #: The time lines, most of the budget used first (built as they are read).
    time: TimeLines
    #: The projects whose status report is due (their cadence has come round).
    reports_due: list[ReportDue] = field(default_factory=list)

    def problems(self) -> list[tuple[str, tuple[str, ...]]]:
        """Where the board read a stored value out of range, and what: (line, problems)."""
        return [
            *((f"{name} · {d.title}", d.problems) for name, d in self.alarms.with_problems()),
            *(
                (tr("{project} · chase", project=c.project), c.problems)
                for c in self.chase.with_problems()
            ),
            *(
                (tr("{project} · time", project=t.project), t.problems)
                for t in self.time.with_problems()
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
    projects: Sequence[Sequence[Any]],
    alarm_rows: Iterable[Row],
    chase: ChaseLines,
    oldest_request: dict[int, datetime],
    reports: list[ReportDue],
) -> Board:
    """The board of `today` from the active `projects` (`sqltext.ACTIVE_PROJECTS`'s rows:
    id, name, budget minutes, delivery day, chase delay, then the time totals), their
    alarm bells' deadline rows (`sqltext.alarm_bells`), the `chase` list and each
    project's oldest request unanswered, and the `reports` due."""
    names = {row[0]: row[1] for row in projects}
    alarms = AlarmLines(alarm_rows, today, names)
    late_client = alarms.late_for_client
    waiting = []
    for pid in oldest_request.keys() | late_client.keys():
        if pid not in names:
            continue
        asked = oldest_request.get(pid)
        day = asked.astimezone().date() if asked is not None else None
        lates = late_client.get(pid)
        # Speed: most projects wait on a request alone (2,000 of them on a large store).
        since = tk.waiting_since(day, lates) if lates else day
        if since is not None:
            waiting.append(Waiting(pid, names[pid], since, (today - since).days))
    waiting.sort(key=lambda w: (-w.days, w.project, w.project_id))
    return Board(today, alarms, chase, waiting, TimeLines(today, projects), reports)
