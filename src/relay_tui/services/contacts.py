"""Contacts: the log of every exchange with the client (quick capture)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from relay_tui.db import Store
from relay_tui.dbtypes import UTCDateTime
from relay_tui.domain.contacts import ContactView as ContactView
from relay_tui.domain.contacts import contact_view
from relay_tui.errors import InvalidInput
from relay_tui.i18n import N_, tr
from relay_tui.models import Contact, Project
from relay_tui.schemas import ContactInput
from relay_tui.services.common import (
    add_new,
    edit_movable,
    new_in_project,
    now_utc,
)
from relay_tui.services.deadlines import DeadlineView as DeadlineView
from relay_tui.services.deadlines import active_deadlines as active_deadlines
from relay_tui.services.deadlines import deadlines as deadlines
from relay_tui.vocab import Channel, Direction


def capture(
    store: Store, data: dict[str, Any], *, now: datetime | None = None
) -> tuple[Contact, Project]:
    """Record a contact. `data["project"]` is an id or a name prefix (or omitted)."""
    with store.write() as session:
        project, clean = new_in_project(session, ContactInput, data, now)
        return add_new(session, contact_row(project.id, clean, now)), project  # type: ignore[arg-type]


def contact_row(
    project_id: int, clean: ContactInput, now: datetime | None, message_id: str | None = None
) -> Contact:
    """The row of a contact checked by `ContactInput` (typed, or read from a mail)."""
    return Contact(
        project_id=project_id,
        at=clean.at,  # type: ignore[arg-type]
        channel=clean.channel,
        direction=clean.direction,
        summary=clean.summary,
        awaiting_reply=clean.awaiting_reply,
        is_chase=clean.is_chase,
        message_id=message_id,
        created_at=now_utc(now),
    )


def edit_contact(
    store: Store, contact_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Contact:
    """Correct a contact: the fields given change (`project` moves it to another project);
    refused if someone changed it since `data["version"]` was read."""
    return edit_movable(store, Contact, ContactInput, N_("contact"), contact_id, data, now)


PAGE_SIZE = 50


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
        contact_view(
            (
                c.id,
                c.project_id,
                name,
                c.at,
                c.channel,
                c.direction,
                c.summary,
                c.awaiting_reply,
                c.is_chase,
                c.created_by,
                c.version,
            ),
            inbound,
        )
        for c, name in rows
    ]


def _plain_views(rows: list[tuple[Any, ...]]) -> list[ContactView]:
    """`contact_search.contact_rows` as views (SQLite's text instants read as the models
    read them)."""
    return [contact_view(row[:11], {} if row[11] is None else {row[1]: row[11]}) for row in rows]


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
        raise InvalidInput(tr("{channel} is not a channel", channel=repr(channel)), "channel")
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


def search_contacts(
    store: Store, text: str, *, project_id: int | None = None, limit: int = PAGE_SIZE
) -> list[ContactView]:
    """Across all projects (or one): full-text on SQLite, a plain match elsewhere."""
    wanted = text.strip()
    if not wanted:
        raise InvalidInput(tr("type something to search for"), "search")
    if "\x00" in wanted:
        raise InvalidInput(tr("contains a NUL character"), "search")
    if store.location.is_sqlite:
        from relay_tui.services.contact_search import contact_rows, fts_query, matching_ids

        match = fts_query(wanted)
        if not match:
            return []
        with store.dbapi() as conn:
            ids = matching_ids(conn, match, project_id, limit)  # type: ignore[arg-type]
            return _plain_views(contact_rows(conn, ids))  # type: ignore[arg-type]
    with store.read() as session:
        base = select(Contact, Project.name).join(
            Project, col(Project.id) == col(Contact.project_id)
        )
        if project_id is not None:
            base = base.where(Contact.project_id == project_id)
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
