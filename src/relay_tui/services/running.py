"""The "during" phase: alarm bells with the feedback freeze, the contact log and search,
chasing, validations, the status report and the calendar export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from relay_tui.db import Store
from relay_tui.dbtypes import UTCDateTime
from relay_tui.domain import chase as chasing
from relay_tui.domain import rules, stored
from relay_tui.domain.calendar import CalendarDeadline, calendar_ics
from relay_tui.domain.contacts import stored_problems
from relay_tui.domain.freeze import would_cycle
from relay_tui.domain.report import (
    ReportData,
    ReportDeadline,
    ReportRisk,
    ReportValidation,
    status_report,
)
from relay_tui.domain.risks import read_back
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.models import (
    ChangeRequest,
    Client,
    Contact,
    Deadline,
    Project,
    Risk,
    Validation,
)
from relay_tui.schemas import (
    DeadlineInput,
    ReopenInput,
    ValidationDoneInput,
    ValidationRequestInput,
    validate,
)
from relay_tui.services.bells import (  # re-exported: the names the screens use
    DeadlineView as DeadlineView,
)
from relay_tui.services.bells import active_deadlines as active_deadlines
from relay_tui.services.bells import deadlines as deadlines
from relay_tui.services.common import (
    check_version,
    context,
    get_project,
    now_utc,
    take_version,
)
from relay_tui.vocab import SUMMARY_MAX, Channel, Direction, ProjectStatus, RiskStatus

PAGE_SIZE = 50


# --- alarm bells (read in `services.bells`) --------------------------------------------


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
        raise InvalidInput(f"this would make a loop of deadlines: {path}", "after")


def update_deadline(
    store: Store, deadline_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Deadline:
    fields, version = take_version(data)
    with store.write() as session:
        row = session.get(Deadline, deadline_id)
        if row is None:
            raise NotFound(f"no deadline with id {deadline_id}", "id")
        check_version(row, version, "alarm bell")
        clean = validate(DeadlineInput, {**fields, "project_id": row.project_id}, context(now))
        if clean.after_id is not None:
            before = session.get(Deadline, clean.after_id)
            if before is None or before.project_id != row.project_id:
                raise NotFound(f"no deadline #{clean.after_id} in this project", "after")
        _check_cycle(session, row.project_id, deadline_id, clean.after_id)
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        session.add(row)
        return row


def reopen_deadline(store: Store, deadline_id: int, *, version: int | None = None) -> Deadline:
    with store.write() as session:
        row = session.get(Deadline, deadline_id)
        if row is None:
            raise NotFound(f"no deadline with id {deadline_id}", "id")
        check_version(row, version, "alarm bell")
        row.done_on = None
        session.add(row)
        return row


# --- contacts -------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactView:
    id: int
    project_id: int
    project: str
    at: datetime
    channel: str
    direction: str
    summary: str
    awaiting: bool
    is_chase: bool
    by: str = ""  # who captured it (a shared store has several people)
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line

    def as_json(self) -> dict[str, Any]:
        shown = {
            "id": self.id,
            "project_id": self.project_id,
            "project": self.project,
            "at": self.at.astimezone(UTC).isoformat(),
            "channel": self.channel,
            "direction": self.direction,
            "summary": self.summary,
            "awaiting_reply": self.awaiting,
            "chase": self.is_chase,
            "by": self.by,
        }
        if self.problems:
            shown["problems"] = list(self.problems)
        return shown


def _last_inbound(session: Session, project_ids: list[int]) -> dict[int, datetime]:
    rows = session.exec(
        select(Contact.project_id, func.max(Contact.at))
        .where(col(Contact.project_id).in_(project_ids), Contact.direction == Direction.inbound)
        .group_by(col(Contact.project_id))
    ).all()
    to_utc = UTCDateTime().process_result_value
    return {pid: to_utc(at, session.get_bind().dialect) for pid, at in rows if at is not None}  # type: ignore[misc]


def _views(session: Session, rows: list[tuple[Contact, str]]) -> list[ContactView]:
    inbound = _last_inbound(session, list({c.project_id for c, _ in rows}))
    return [
        ContactView(
            id=c.id,  # type: ignore[arg-type]
            project_id=c.project_id,
            project=name,
            at=c.at,
            channel=str(c.channel),
            direction=str(c.direction),
            summary=stored.shortened(c.summary, stored.text_limit("contact", "summary")),
            awaiting=(
                c.direction == Direction.outbound
                and c.awaiting_reply
                and (c.project_id not in inbound or c.at >= inbound[c.project_id])
            ),
            is_chase=c.is_chase,
            by=c.created_by,
            problems=stored_problems(c.channel, c.direction, c.awaiting_reply, c.summary),
        )
        for c, name in rows
    ]


def contacts_page(
    store: Store,
    project_id: int | None = None,
    *,
    channel: str | None = None,
    awaiting_only: bool = False,
    before: tuple[datetime, int] | None = None,
    limit: int = PAGE_SIZE,
) -> list[ContactView]:
    """Newest first, one page at a time (`before`: the last (at, id) of the previous page)."""
    if channel is not None and channel not in {c.value for c in Channel}:
        raise InvalidInput(f"{channel!r} is not a channel", "channel")
    with store.read() as session:
        query = select(Contact, Project.name).join(
            Project, col(Project.id) == col(Contact.project_id)
        )
        if project_id is not None:
            query = query.where(Contact.project_id == project_id)
        if channel:
            query = query.where(Contact.channel == channel)
        if awaiting_only:
            reply = sa.orm.aliased(Contact)
            query = query.where(
                Contact.direction == Direction.outbound,
                col(Contact.awaiting_reply).is_(True),
                ~sa.exists().where(
                    reply.project_id == Contact.project_id,
                    reply.direction == Direction.inbound,
                    reply.at > Contact.at,
                ),
            )
        if before is not None:
            at, cid = before
            query = query.where(
                sa.or_(col(Contact.at) < at, sa.and_(col(Contact.at) == at, col(Contact.id) < cid))
            )
        query = query.order_by(col(Contact.at).desc(), col(Contact.id).desc()).limit(limit)
        return _views(session, list(session.exec(query).all()))


#: Accented lower-case letters and their plain letter, for searching where there is no
#: full-text index that ignores accents (PostgreSQL without the unaccent extension).
_ACCENTED = "àáâãäåāçćčèéêëēėęìíîïīñńòóôõöøōœùúûüūýÿžźżšśß"
_PLAIN = "aaaaaaaccceeeeeeeiiiiinnoooooooouuuuuyyzzzsss"


def _fold(text: str) -> str:
    return text.lower().translate(str.maketrans(_ACCENTED, _PLAIN))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_query(text: str) -> str:
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"*' for w in words)


def search_contacts(
    store: Store, text: str, *, project_id: int | None = None, limit: int = PAGE_SIZE
) -> list[ContactView]:
    """Across all projects (or one): full-text on SQLite, a plain match elsewhere."""
    wanted = text.strip()
    if not wanted:
        raise InvalidInput("type something to search for", "search")
    if "\x00" in wanted:
        raise InvalidInput("contains a NUL character", "search")
    with store.read() as session:
        base = select(Contact, Project.name).join(
            Project, col(Project.id) == col(Contact.project_id)
        )
        if project_id is not None:
            base = base.where(Contact.project_id == project_id)
        if session.get_bind().dialect.name == "sqlite":
            match = _fts_query(wanted)
            if not match:
                return []
            ids = sa.text("SELECT rowid FROM contact_fts WHERE contact_fts MATCH :q")
            # `+ 0` keeps SQLite from looking matches up one by one and sorting them all:
            # it walks ix_contact_at_id newest first and stops at `limit` matches.
            query = base.where((col(Contact.id) + 0).in_(ids.bindparams(q=match)))
        else:
            # Every word must appear (as on SQLite's full-text index), whatever the case
            # and the accents: both sides are folded the same way.
            folded = func.translate(func.lower(col(Contact.summary)), _ACCENTED, _PLAIN)
            query = base.where(
                *(
                    folded.like(f"%{_like_escape(w)}%", escape="\\")
                    for w in _fold(wanted.replace('"', " ")).split()
                )
            )
        query = query.order_by(col(Contact.at).desc(), col(Contact.id).desc()).limit(limit)
        return _views(session, list(session.exec(query).all()))


# --- chasing --------------------------------------------------------------------------


#: Earlier than any contact: what "no inbound contact yet" compares as.
_DAWN = datetime(1, 1, 1, tzinfo=UTC)


def _awaiting_facts(
    session: Session, projects: Sequence[sa.ColumnElement[bool]]
) -> dict[int, list[chasing.ContactFact]]:
    """Per project matching `projects`, the outbound contacts awaiting a reply with no
    later inbound contact. Driven by the project: its latest inbound instant, then a
    range read of its later outbound contacts (both on ix_contact_project_direction_at)."""
    reply = sa.orm.aliased(Contact)
    last_in = (
        select(func.max(reply.at))
        .where(reply.project_id == Project.id, reply.direction == Direction.inbound)
        .scalar_subquery()
    )
    rows = session.exec(
        select(Contact.id, Contact.project_id, Contact.at, Contact.summary, Contact.is_chase)
        .select_from(Project)
        .join(
            Contact,
            sa.and_(
                col(Contact.project_id) == col(Project.id),
                Contact.direction == Direction.outbound,
                col(Contact.at) >= func.coalesce(last_in, sa.literal(_DAWN, UTCDateTime())),
            ),
        )
        .where(*projects, col(Contact.awaiting_reply).is_(True))
    ).all()
    facts: dict[int, list[chasing.ContactFact]] = {}
    for ident, project_id, at, summary, is_chase in rows:
        facts.setdefault(project_id, []).append(
            chasing.ContactFact(ident, at, "out", True, summary, bool(is_chase))
        )
    return facts


@dataclass(frozen=True)
class ChaseState:
    """The chase list and, per project, the oldest request still unanswered (chased or
    not): the board's "waiting on the client" reads the second."""

    items: list[chasing.ChaseItem]
    oldest_request: dict[int, datetime]


def chase_state(store: Store, today: date, project_id: int | None = None) -> ChaseState:
    with store.read() as session:
        which = [col(Project.status) == ProjectStatus.active]
        if project_id is not None:
            which.append(col(Project.id) == project_id)
        projects = session.exec(
            select(Project.id, Project.name, Project.chase_delay_days).where(*which)
        ).all()
        if not projects:
            return ChaseState([], {})
        facts = _awaiting_facts(session, which)
        # A stored delay out of range counts as the nearest valid one, and is named.
        delays = {pid: stored.chase_delay(delay) for pid, _, delay in projects}
        items = [
            chasing.chase_item(pid, name, facts.get(pid, []), delays[pid][0], today)  # type: ignore[arg-type]
            for pid, name, _ in projects
        ]
        due = [i.project_id for i in items if i is not None]
        chases = (
            dict(
                session.exec(
                    select(Contact.project_id, func.count())
                    .where(col(Contact.project_id).in_(due), col(Contact.is_chase).is_(True))
                    .group_by(col(Contact.project_id))
                ).all()
            )
            if due
            else {}
        )
    listed = chasing.chase_list(
        chasing.ChaseItem(
            **{
                **i.__dict__,
                "chases": chases.get(i.project_id, 0),
                "problems": stored.collect(delays[i.project_id][1], *i.problems),
            }
        )
        for i in items
        if i is not None
    )
    oldest = {}
    for pid, pending in facts.items():
        first = chasing.oldest_request(pending)
        if first is not None:
            oldest[pid] = first.at
    return ChaseState(listed, oldest)


def chase_list(store: Store, today: date, project_id: int | None = None) -> list[chasing.ChaseItem]:
    return chase_state(store, today, project_id).items


def chase_count(store: Store, project_id: int) -> int:
    with store.read() as session:
        return session.exec(
            select(func.count())
            .select_from(Contact)
            .where(Contact.project_id == project_id, col(Contact.is_chase).is_(True))
        ).one()


def log_chase(
    store: Store,
    project: int | str | None,
    *,
    channel: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> tuple[Contact, Project]:
    """Log a chase as a new outbound contact awaiting a reply: it restarts the clock."""
    from relay_tui.services.contacts import capture

    # The note becomes the contact's text: the same rule, refused naming the note.
    written = rules.clean_text(note, "note", SUMMARY_MAX, required=False)
    with store.read() as session:
        found = get_project(session, project)
    waiting = contacts_page(store, found.id, awaiting_only=True, limit=200)
    if not waiting:
        raise InvalidInput(f"nothing awaits a reply on {found.name}", "project")
    oldest = min(
        (c for c in waiting if not c.is_chase), key=lambda c: (c.at, c.id), default=waiting[-1]
    )
    return capture(
        store,
        {
            "project": found.id,
            "summary": written or chasing.chase_summary(oldest.summary),
            "channel": channel or oldest.channel,
            "direction": "out",
            "awaiting_reply": True,
            "is_chase": True,
        },
        now=now,
    )


# --- validations ----------------------------------------------------------------------


@dataclass(frozen=True)
class ValidationView:
    id: int
    deliverable: str
    requested_on: date
    validated_on: date | None
    validated_by: str
    history: list[ChangeRequest]
    version: int = 1  # sent back by the validate and reopen forms
    requested_by: str = ""  # who asked for it (a shared store has several people)
    recorded_by: str = ""  # who recorded the latest change (validated, reopened)

    @property
    def locked(self) -> bool:
        return self.validated_on is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "deliverable": self.deliverable,
            "requested": self.requested_on.isoformat(),
            "validated": self.validated_on.isoformat() if self.validated_on else None,
            "by": self.validated_by or None,
            "requested_by": self.requested_by or None,
            "recorded_by": self.recorded_by or None,
            "change_requests": [
                {
                    "reason": c.reason,
                    "at": c.created_at.isoformat(),
                    "reopened_by": c.created_by or None,
                    "previously_validated": c.previous_validated_on.isoformat()
                    if c.previous_validated_on
                    else None,
                }
                for c in self.history
            ],
        }


def validations(store: Store, project_id: int) -> list[ValidationView]:
    with store.read() as session:
        rows = session.exec(
            select(Validation)
            .where(Validation.project_id == project_id)
            .order_by(col(Validation.requested_on), col(Validation.id))
        ).all()
        changes = session.exec(
            select(ChangeRequest)
            .join(Validation, col(Validation.id) == col(ChangeRequest.validation_id))
            .where(Validation.project_id == project_id)
            .order_by(col(ChangeRequest.id))
        ).all()
    history: dict[int, list[ChangeRequest]] = {}
    for change in changes:
        history.setdefault(change.validation_id, []).append(change)
    return [
        ValidationView(
            v.id,
            v.deliverable,
            v.requested_on,
            v.validated_on,  # type: ignore[arg-type]
            v.validated_by,
            history.get(v.id, []),
            v.version,
            v.created_by,
            v.updated_by,
        )
        for v in rows
    ]  # type: ignore[arg-type]


def request_validation(
    store: Store, project: int | str | None, data: dict[str, Any], *, now: datetime | None = None
) -> Validation:
    with store.write() as session:
        found = get_project(session, project)
        clean = validate(ValidationRequestInput, {**data, "project_id": found.id}, context(now))
        row = Validation(**clean.model_dump())
        session.add(row)
        session.flush()
        return row


def validate_deliverable(
    store: Store, validation_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Validation:
    fields, version = take_version(data)
    clean = validate(ValidationDoneInput, fields, context(now))
    with store.write() as session:
        row = session.get(Validation, validation_id)
        if row is None:
            raise NotFound(f"no validation with id {validation_id}", "id")
        check_version(row, version, "validation")
        if row.validated_on is not None:
            raise Conflict(
                f"already validated on {row.validated_on:%d %b %Y} by {row.validated_by}: "
                "it is locked (reopen it with a reason to change it)",
                "id",
            )
        if clean.validated_on < row.requested_on:
            raise InvalidInput("comes before the request", "on")
        row.validated_on = clean.validated_on
        row.validated_by = clean.validated_by
        session.add(row)
        return row


def reopen_validation(
    store: Store, validation_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> ChangeRequest:
    fields, version = take_version(data)
    clean = validate(ReopenInput, fields)
    with store.write() as session:
        row = session.get(Validation, validation_id)
        if row is None:
            raise NotFound(f"no validation with id {validation_id}", "id")
        check_version(row, version, "validation")
        if row.validated_on is None:
            raise Conflict("it is not validated yet: nothing to reopen", "id")
        change = ChangeRequest(
            validation_id=validation_id,
            reason=clean.reason,
            previous_validated_on=row.validated_on,
            previous_validated_by=row.validated_by,
            created_at=now_utc(now),
        )
        row.validated_on = None
        row.validated_by = ""
        session.add(row)
        session.add(change)
        session.flush()
        return change


# --- report and calendar --------------------------------------------------------------


def report(store: Store, project: int | str | None, today: date) -> tuple[Project, str]:
    with store.read() as session:
        found = get_project(session, project)
        client = session.get(Client, found.client_id)
        risks = session.exec(
            select(Risk).where(Risk.project_id == found.id, Risk.status == RiskStatus.open)
        ).all()
    views = deadlines(store, found.id, today)  # type: ignore[arg-type]
    awaiting = contacts_page(store, found.id, awaiting_only=True, limit=20)
    data = ReportData(
        project=found.name,
        client=client.name if client else "",
        today=today,
        deadlines=[
            ReportDeadline(
                d.title,
                d.owner,
                d.due_on,
                d.done_on,
                d.status,
                d.slip.projected_on if d.slip else None,
                d.slip.explain() if d.slip else "",
                "; ".join(d.problems),
            )
            for d in views
        ],
        validations=[
            ReportValidation(v.deliverable, v.requested_on, v.validated_on)
            for v in validations(store, found.id)
        ],  # type: ignore[arg-type]
        risks=[
            ReportRisk(r.title, c.score, c.band, r.mitigation, "; ".join(c.problems))
            for r, c in ((r, read_back(r.probability, r.impact, r.category)) for r in risks)
        ],
        awaiting=[
            c.summary for c in sorted(awaiting, key=lambda c: (c.at, c.id)) if not c.is_chase
        ],
    )
    return found, status_report(data)


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
        )
        for d in views
        if d.done_on is None
    ]
    if flagged is not None:
        flagged += [f"#{e.id} {e.title}: {e.problem}" for e in events if e.problem]
    write_private(output, calendar_ics(events, moment).decode("utf-8"))
    return len(events)
