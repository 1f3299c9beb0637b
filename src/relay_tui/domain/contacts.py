"""Contacts: which outbound messages still await the client's reply."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from relay_tui.domain import stored
from relay_tui.i18n import tr
from relay_tui.vocab import Channel, Direction

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class ContactLike(Protocol):
        id: int | None
        at: datetime
        direction: str
        awaiting_reply: bool


def awaiting_ids(contacts: Iterable[ContactLike]) -> set[int]:
    """Ids of contacts still awaiting a reply: outbound, flagged awaiting, and no inbound
    contact of the same project after them. `contacts` are those of one project."""
    rows: Sequence[ContactLike] = sorted(contacts, key=lambda c: (c.at, c.id or 0))
    last_inbound: datetime | None = None
    for contact in rows:
        if contact.direction == "in" and (last_inbound is None or contact.at > last_inbound):
            last_inbound = contact.at
    return {
        contact.id
        for contact in rows
        if contact.id is not None
        and contact.direction == "out"
        and contact.awaiting_reply
        and (last_inbound is None or contact.at >= last_inbound)
    }


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
