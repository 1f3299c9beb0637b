"""Contacts: the log of every exchange with the client (quick capture)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from relay_tui.db import Store
from relay_tui.models import Contact, Project
from relay_tui.schemas import ContactInput, validate
from relay_tui.services.common import context, get_project, now_utc


def capture(
    store: Store, data: dict[str, Any], *, now: datetime | None = None
) -> tuple[Contact, Project]:
    """Record a contact. `data["project"]` is an id or a name prefix (or omitted)."""
    payload = dict(data)
    ref = payload.pop("project", None)
    with store.write() as session:
        project = get_project(session, ref)
        clean = validate(ContactInput, {**payload, "project_id": project.id}, context(now))
        contact = Contact(
            project_id=project.id,  # type: ignore[arg-type]
            at=clean.at,  # type: ignore[arg-type]
            channel=clean.channel,
            direction=clean.direction,
            summary=clean.summary,
            awaiting_reply=clean.awaiting_reply,
            is_chase=clean.is_chase,
            created_at=now_utc(now),
        )
        session.add(contact)
        session.flush()
        return contact, project
