"""The alarm bells as shown: one deadline's view (status, slip, problems) built from its
stored row. The services (SQLAlchemy) and the light reads (`relay_tui.fastreads`, sqlite3)
both read plain rows and call `deadline_views`: one rule, whichever way the rows came."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from functools import cache
from typing import NamedTuple

from relay_tui.domain import stored
from relay_tui.domain.freeze import Slip, Step, loop_problem, slips, without_loops
from relay_tui.domain.parsing import FIRST_YEAR, LAST_YEAR
from relay_tui.domain.schedule import RINGING, deadline_status
from relay_tui.i18n import N_
from relay_tui.vocab import DeadlineKind, Party, choices

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any


@dataclass(slots=True)
class DeadlineView:
    id: int
    project_id: int
    title: str
    kind: str
    owner: str
    due_on: date
    due_time: time | None
    margin_days: int
    after_id: int | None
    after_title: str | None
    done_on: date | None
    status: str
    slip: Slip | None
    version: int = 1  # sent back by the edit form: a save over another's change is refused
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line

    @property
    def effective_due(self) -> date:
        return self.slip.projected_on if self.slip else self.due_on

    @property
    def margin(self) -> int:
        """The margin to compute with: the stored one, or the nearest valid one."""
        return stored.margin(self.margin_days)[0]

    def as_json(self) -> dict[str, Any]:
        return stored.with_problems(
            {
                "id": self.id,
                "project_id": self.project_id,
                "title": self.title,
                "kind": self.kind,
                "owner": self.owner,
                "due_on": self.due_on.isoformat(),
                "due_time": self.due_time.strftime("%H:%M:%S") if self.due_time else None,
                "margin_days": self.margin_days,
                "after_id": self.after_id,
                "done_on": self.done_on.isoformat() if self.done_on else None,
                "status": self.status,
                "projected_on": self.slip.projected_on.isoformat() if self.slip else None,
                "slip_days": self.slip.days if self.slip else 0,
                "slip_cause_id": self.slip.cause_id if self.slip else None,
            },
            self.problems,
        )


@cache
def _usual() -> tuple[frozenset[str], frozenset[str], tuple[int, int]]:
    """The kinds, the owners and the margins a deadline stores as relay writes them."""
    return (
        frozenset(choices(DeadlineKind)),
        frozenset(choices(Party)),
        stored.limits("deadline", "margin_days"),
    )


def deadline_problems(
    kind: object, owner: object, due_on: date, done_on: date | None, margin: object
) -> tuple[str, ...]:
    """The problems of the values stored in one deadline (its links aside)."""
    kinds, owners, (low, high) = _usual()
    if (
        kind in kinds
        and owner in owners
        and type(margin) is int
        and low <= margin <= high
        and (due_on is None or FIRST_YEAR <= due_on.year <= LAST_YEAR)
        and (done_on is None or FIRST_YEAR <= done_on.year <= LAST_YEAR)
    ):
        return ()  # the usual case, first: a board reads thousands
    return stored.collect(
        stored.unknown_word(N_("kind"), kind, DeadlineKind),
        stored.unknown_word(N_("owner"), owner, Party),
        stored.day(N_("due date"), due_on),
        stored.day(N_("done date"), done_on),
        stored.margin(margin)[1],
    )


def as_date(value: object) -> date | None:
    """A date as the driver returns it: a `date`, or SQLite's ISO text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_time(value: object) -> time | None:
    if value is None or isinstance(value, time):
        return value
    return time.fromisoformat(str(value))


#: The columns `deadline_views` reads, in its order (`sqltext.DEADLINE_COLUMNS`).
Row = tuple  # (id, project_id, title, kind, owner, due_on, due_time, margin_days,
#              after_id, done_on, version), dates as the driver returns them


class Prepared(NamedTuple):
    """Deadline rows read for views (`prepare`): the rows with their dates as dates, the
    titles by id, the slips and the loops a hand edit left (by the deadline whose link
    is ignored)."""

    rows: list[Row]
    titles: dict[int, str]
    slips: dict[int, Slip]
    loops: dict[int, list[int]]


def prepare(raw: Iterable[Row], today: date) -> Prepared:
    """The rows `raw` (`Row`) ready for `view`: dates read, slips and loops found."""
    rows = [
        (ident, pid, title, kind, str(owner), as_date(due), when, margin, after, as_date(done), v)
        for ident, pid, title, kind, owner, due, when, margin, after, done, v in raw
    ]
    titles = {r[0]: r[2] for r in rows}
    projected: dict[int, Slip] = {}
    loops: dict[int, list[int]] = {}
    # Only the projects with links between their deadlines can slip or loop (on a board,
    # a few hundred of thousands of rows).
    linked = {r[1] for r in rows if r[8] is not None}
    by_project: dict[int, list[Step]] = {}
    for r in rows:
        if r[1] in linked:
            by_project.setdefault(r[1], []).append(Step(r[0], r[2], r[4], r[5], r[9], r[8]))  # type: ignore[arg-type]
    for steps in by_project.values():
        usable, ignored = without_loops(steps)
        loops.update(ignored)
        projected.update(slips(usable, today, looped=False))
    return Prepared(rows, titles, projected, loops)


def status_of(row: Row, slip: Slip | None, today: date) -> str:
    """The status of a prepared `row` (`prepare`) moved by its `slip`."""
    return str(deadline_status(slip.projected_on if slip else row[5], row[7], row[9], today))


def view(row: Row, status: str, ready: Prepared) -> DeadlineView:
    """The view of a prepared `row` of `ready` with its `status` (`status_of`)."""
    ident, project_id, title, kind, owner, due_on, due_time, margin, after, done, v = row
    problems = deadline_problems(kind, owner, due_on, done, margin)
    if ident in ready.loops:
        problems += (loop_problem(ready.loops[ident]),)
    return DeadlineView(
        id=ident,
        project_id=project_id,
        title=title,
        kind=str(kind),
        owner=owner,
        due_on=due_on,
        due_time=as_time(due_time),
        margin_days=margin,
        after_id=after,
        after_title=ready.titles.get(after) if after else None,
        done_on=done,
        status=status,
        slip=ready.slips.get(ident),
        version=v,
        problems=problems,
    )


def deadline_views(
    raw: Iterable[Row], today: date, *, alarms_only: bool = False
) -> list[DeadlineView]:
    """The views of the deadlines `raw` (all those of their projects, or with
    `alarms_only` the open ones whose margin has begun and the chains of predecessors
    their slips depend on), with their status and slip, in order of due date."""
    ready = prepare(raw, today)
    views = []
    for row in ready.rows:
        if alarms_only and row[9] is not None:
            continue
        status = status_of(row, ready.slips.get(row[0]), today)
        if alarms_only and status not in RINGING:
            continue
        views.append(view(row, status, ready))
    views.sort(key=lambda view: (view.due_on, view.id))
    return views
