"""Chasing: what awaits the client's reply, when to chase, and logging a chase."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, func, select

from relay_tui import sqltext
from relay_tui.db import Store
from relay_tui.domain import chase as chasing
from relay_tui.domain import chase_state as chase_rules
from relay_tui.domain import rules
from relay_tui.domain.chase_state import ChaseState as ChaseState
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
from relay_tui.vocab import SUMMARY_MAX, Channel


def chase_state(
    store: Store,
    today: date,
    project_id: int | None = None,
    closed: chasing.Closed | None = None,
    projects: Sequence[tuple[int, str, object]] | None = None,
    awaiting: Sequence[Any] | None = None,
) -> ChaseState:
    """The chase list of the active projects (or one), the clock counting the working
    days `closed` leaves: the caller's closed days (`closed_days.for_settings`, from the
    settings it holds), or weekends only. The SQL is `relay_tui.sqltext`'s and the rules
    `domain.chase_state`'s, which `relay_tui.fastreads` shares. `projects` (id, name,
    chase delay of every active project) and `awaiting` (`sqltext.awaiting_facts`' rows):
    already read by the caller (the board)."""
    one = project_id is not None
    values = {"project": project_id} if one else {}
    with store.read() as session:
        if projects is None:
            projects = session.execute(sa.text(sqltext.chase_projects(one)), values).all()
        if not projects:
            return chase_rules.state([], {}, {}, today, closed)
        if awaiting is None:
            query = sa.text(sqltext.awaiting_facts(one))
            awaiting = session.execute(query, values).all()
        facts = chase_rules.awaiting_facts(awaiting)
        ripe = chase_rules.ripe(projects, facts, today, closed)
        ids = [pid for pid, *_ in ripe]
        chases = dict(session.execute(sa.text(sqltext.chase_counts(ids))).all()) if ids else {}
    return chase_rules.state(ripe, chases, facts, today, closed)


def chase_list(
    store: Store,
    today: date,
    project_id: int | None = None,
    closed: chasing.Closed | None = None,
) -> list[chasing.ChaseItem]:
    return list(chase_state(store, today, project_id, closed).items)


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
