"""Deadlines: the alarm bells of a project."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain.freeze import Slip, Step, loop_problem, slips, without_loops, would_cycle
from relay_tui.domain.parsing import ParseError, parse_date, parse_due
from relay_tui.domain.schedule import RINGING, deadline_status
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.i18n import N_, tr
from relay_tui.models import Deadline, Project
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
from relay_tui.services.dashboard import as_date
from relay_tui.vocab import DeadlineKind, Party, ProjectStatus


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


def deadline_problems(
    kind: object, owner: object, due_on: date, done_on: date | None, margin: object
) -> tuple[str, ...]:
    """The problems of the values stored in one deadline (its links aside)."""
    return stored.collect(
        stored.unknown_word(N_("kind"), kind, DeadlineKind),
        stored.unknown_word(N_("owner"), owner, Party),
        stored.day(N_("due date"), due_on),
        stored.day(N_("done date"), done_on),
        stored.margin(margin)[1],
    )


def _untyped(column: Any) -> sa.ColumnElement[Any]:
    """The column as the driver returns it: SQLAlchemy's per-value processing of dates
    is most of the cost when the board reads every deadline of the store."""
    return sa.literal_column(f"{column.table.name}.{column.key}")


_DEADLINE_COLUMNS = (
    Deadline.id,
    Deadline.project_id,
    Deadline.title,
    Deadline.kind,
    _untyped(Deadline.owner),
    _untyped(Deadline.due_on),
    _untyped(Deadline.due_time),
    Deadline.margin_days,
    Deadline.after_id,
    _untyped(Deadline.done_on),
    Deadline.version,
)


def _margin_begun(session: Session, today: date) -> sa.ColumnElement[bool]:
    """Whether a deadline's margin has begun by `today` (due − margin ≤ today), as each
    database does date arithmetic; a stored margin out of range counts as the nearest
    valid one (`stored.margin`), as in `deadline_status`."""
    due = col(Deadline.due_on)
    low, high = stored.limits("deadline", "margin_days")
    margin = sa.case(
        (col(Deadline.margin_days) < low, low),
        (col(Deadline.margin_days) > high, high),
        else_=col(Deadline.margin_days),
    )
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(due) - margin <= func.julianday(sa.literal(today.isoformat()))
    # due − margin ≤ today, written so that no date below the calendar's first is made.
    return due <= sa.literal(today, sa.Date()) + margin


def _clock(value: Any) -> time | None:
    if value is None or isinstance(value, time):
        return value
    return time.fromisoformat(str(value))


def _deadline_views(
    session: Session,
    which: Sequence[sa.ColumnElement[bool]],
    today: date,
    *,
    alarms_only: bool = False,
) -> list[DeadlineView]:
    """The deadlines of the projects matching `which`, with their status and slip, in
    order of due date. Slips need every deadline of a chain (done ones included); with
    `alarms_only` only the open deadlines that are late or in their margin are returned."""
    # Plain rows, not ORM objects: the board reads deadlines across the whole store.
    query = select(*_DEADLINE_COLUMNS)
    if alarms_only:
        # The open deadlines whose margin has begun (a slip only moves a date later, so
        # no other can be an alarm bell) and the chains of predecessors their slips
        # depend on.
        chain = (
            select(Deadline.id)
            .join(Project, col(Project.id) == col(Deadline.project_id))
            .where(*which, col(Deadline.done_on).is_(None), _margin_begun(session, today))
            .cte("chain", recursive=True)
        )
        step = sa.orm.aliased(Deadline)
        # UNION (not UNION ALL) ends the recursion on a loop a hand edit left in a store.
        chain = chain.union(
            select(step.after_id)
            .join(chain, col(step.id) == chain.c.id)
            .where(col(step.after_id).is_not(None))
        )
        query = query.where(col(Deadline.id).in_(select(chain.c.id)))
    else:
        query = query.join(Project, col(Project.id) == col(Deadline.project_id)).where(*which)
    rows = session.exec(query).all()
    rows = [
        (ident, pid, title, kind, str(owner), as_date(due), when, margin, after, as_date(done), v)
        for ident, pid, title, kind, owner, due, when, margin, after, done, v in rows
    ]
    titles = {r[0]: r[2] for r in rows}
    projected: dict[int, Slip] = {}
    loops: dict[int, list[int]] = {}
    by_project: dict[int, list[Step]] = {}
    for r in rows:
        by_project.setdefault(r[1], []).append(Step(r[0], r[2], r[4], r[5], r[9], r[8]))  # type: ignore[arg-type]
    for steps in by_project.values():
        usable, ignored = without_loops(steps)
        loops.update(ignored)
        projected.update(slips(usable, today))
    views = []
    for ident, project_id, title, kind, owner, due_on, due_time, margin, after, done, v in rows:
        if alarms_only and done is not None:
            continue
        slip = projected.get(ident)
        status = str(deadline_status(slip.projected_on if slip else due_on, margin, done, today))  # type: ignore[arg-type]
        if alarms_only and status not in RINGING:
            continue
        problems = deadline_problems(kind, owner, due_on, done, margin)  # type: ignore[arg-type]
        if ident in loops:
            problems += (loop_problem(loops[ident]),)
        views.append(
            DeadlineView(
                id=ident,
                project_id=project_id,
                title=title,
                kind=str(kind),
                owner=owner,
                due_on=due_on,  # type: ignore[arg-type]
                due_time=_clock(due_time),
                margin_days=margin,
                after_id=after,
                after_title=titles.get(after) if after else None,
                done_on=done,
                status=status,
                slip=slip,
                version=v,
                problems=problems,
            )
        )
    views.sort(key=lambda view: (view.due_on, view.id))
    return views


def deadlines(store: Store, project_id: int, today: date) -> list[DeadlineView]:
    with store.read() as session:
        return _deadline_views(session, [col(Project.id) == project_id], today)


def active_deadlines(store: Store, today: date, *, alarms_only: bool = False) -> list[DeadlineView]:
    """The deadlines of every active project (with `alarms_only`, only the alarm bells
    ringing: open, late or in their margin)."""
    with store.read() as session:
        return _deadline_views(
            session, [col(Project.status) == ProjectStatus.active], today, alarms_only=alarms_only
        )
