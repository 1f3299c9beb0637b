"""Chasing: what awaits the client's reply, when to chase, and logging a chase."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from relay_tui.db import Store
from relay_tui.dbtypes import UTCDateTime
from relay_tui.domain import chase as chasing
from relay_tui.domain import rules, stored
from relay_tui.errors import InvalidInput
from relay_tui.i18n import tr
from relay_tui.models import (
    Client,
    Contact,
    Project,
)
from relay_tui.services.common import (
    get_project,
)
from relay_tui.services.contacts import contacts_page
from relay_tui.services.deadlines import DeadlineView as DeadlineView
from relay_tui.services.deadlines import active_deadlines as active_deadlines
from relay_tui.services.deadlines import deadlines as deadlines
from relay_tui.vocab import SUMMARY_MAX, Channel, Direction, ProjectStatus

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


def chase_state(
    store: Store,
    today: date,
    project_id: int | None = None,
    closed: chasing.Closed | None = None,
) -> ChaseState:
    """The chase list of the active projects (or one), the clock counting the working
    days `closed` leaves: the caller's closed days (`closed_days.for_settings`, from the
    settings it holds), or weekends only."""
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
            chasing.chase_item(pid, name, facts.get(pid, []), delays[pid][0], today, closed)  # type: ignore[arg-type]
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


def chase_list(
    store: Store,
    today: date,
    project_id: int | None = None,
    closed: chasing.Closed | None = None,
) -> list[chasing.ChaseItem]:
    return chase_state(store, today, project_id, closed).items


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
    """Log a chase as a new outbound contact awaiting a reply: it restarts the clock.

    Its text is `note` (the chase message's subject, in the app), else “Chased: ” and
    the oldest request unanswered; its channel is `channel`, else that request's. With
    nothing awaiting a reply, a chase needs its `note` (what is chased: a late document,
    a validation) and takes the client's usual channel, else email."""
    from relay_tui.services.contacts import capture

    # The note becomes the contact's text: the same rule, refused naming the note.
    written = rules.clean_text(note, "note", SUMMARY_MAX, required=False)
    with store.read() as session:
        found = get_project(session, project)
        client = session.get(Client, found.client_id)
        usual = client.channel if client is not None else None
    waiting = contacts_page(store, found.id, awaiting_only=True, limit=200)
    if not waiting and not written:
        raise InvalidInput(tr("nothing awaits a reply on {project}", project=found.name), "project")
    oldest = min(
        (c for c in waiting if not c.is_chase),
        key=lambda c: (c.at, c.id),
        default=waiting[-1] if waiting else None,
    )
    known = {str(c.value) for c in Channel}
    fallback = oldest.channel if oldest else (usual if usual in known else Channel.email)
    return capture(
        store,
        {
            "project": found.id,
            "summary": written or chasing.chase_summary(oldest.summary),  # type: ignore[union-attr]
            "channel": channel or fallback,
            "direction": "out",
            "awaiting_reply": True,
            "is_chase": True,
        },
        now=now,
    )
