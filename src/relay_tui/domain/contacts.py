"""Contacts: which outbound messages still await the client's reply."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from relay_tui.domain import stored
from relay_tui.i18n import tr
from relay_tui.vocab import Channel, Direction

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Protocol

    class ContactLike(Protocol):
        id: int | None
        at: datetime
        direction: str
        awaiting_reply: bool


def awaiting_ids(contacts: Iterable[ContactLike]) -> set[int]:
    """Ids of contacts still awaiting a reply: outbound, flagged awaiting, and no inbound
    contact of the same project after them. `contacts` are those of one project."""
    return {contact.id for contact in awaiting_in_order(contacts)}  # type: ignore[misc]


def awaiting_in_order(contacts: Iterable[ContactLike]) -> list[Any]:
    """The contacts still awaiting a reply (`awaiting_ids`), oldest first (by instant,
    then id)."""
    rows: Sequence[ContactLike] = sorted(contacts, key=lambda c: (c.at, c.id or 0))
    last_inbound: datetime | None = None
    for contact in rows:
        if contact.direction == "in" and (last_inbound is None or contact.at > last_inbound):
            last_inbound = contact.at
    return [
        contact
        for contact in rows
        if contact.id is not None
        and contact.direction == "out"
        and contact.awaiting_reply
        and (last_inbound is None or contact.at >= last_inbound)
    ]


def stored_problems(
    channel: object, direction: object, awaiting_reply: object, summary: str
) -> tuple[str, ...]:
    """What is wrong with a contact as stored (`domain.stored`): an unknown channel or
    direction, an inbound contact flagged as awaiting a reply (which nothing awaits: the
    flag is ignored), a summary longer than relay takes (shown shortened)."""
    inbound_awaiting = direction == "in" and bool(awaiting_reply)
    return stored.collect(
        stored.unknown_word("channel", channel, Channel),
        stored.unknown_word("direction", direction, Direction),
        tr("an inbound contact cannot await a reply: the flag is ignored")
        if inbound_awaiting
        else None,
        stored.long_text("summary", summary, stored.text_limit("contact", "summary")),
    )


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
    version: int = 1  # sent back by the edit form and the deletion: a stale one is refused

    def as_json(self) -> dict[str, Any]:
        return stored.with_problems(
            {
                "id": self.id,
                "project_id": self.project_id,
                "project": self.project,
                "at": self.at.astimezone(UTC).isoformat(),
                "channel": self.channel,
                "direction": self.direction,
                "summary": self.summary,
                "awaiting_reply": self.awaiting,
                "is_chase": self.is_chase,
                "created_by": self.by,
            },
            self.problems,
        )


def contact_view(row: Sequence[Any], inbound: dict[int, Any]) -> ContactView:
    """The view of a contact from its row (`sqltext.CONTACT_COLUMNS`: id, project, its
    name, instant, channel, direction, summary, awaiting flag, is a chase, by, version)
    and the last inbound instant of each project (`inbound`): it awaits a reply while
    none came after it."""
    from relay_tui.domain.chase_state import instant

    ident, project_id, name, at, channel, direction, summary, awaiting, chase, by, version = row
    at = instant(at)
    last_in = inbound.get(project_id)
    return ContactView(
        id=ident,
        project_id=project_id,
        project=name,
        at=at,
        channel=str(channel),
        direction=str(direction),
        summary=stored.shortened(summary, stored.text_limit("contact", "summary")),
        awaiting=bool(
            direction == Direction.outbound
            and awaiting
            and (last_in is None or at >= instant(last_in))
        ),
        is_chase=bool(chase),
        by=by,
        problems=stored_problems(channel, direction, awaiting, summary),
        version=version,
    )
