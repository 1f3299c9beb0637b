"""Time entries: minutes spent on a project, by day and category."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from relay_tui.db import Store
from relay_tui.models import TimeEntry
from relay_tui.schemas import TimeInput, validate
from relay_tui.services.common import context, get_project


def log_time(store: Store, data: dict[str, Any], *, now: datetime | None = None) -> TimeEntry:
    payload = dict(data)
    ref = payload.pop("project", None)
    payload.setdefault("spent_on", None)
    with store.write() as session:
        project = get_project(session, ref)
        clean = validate(TimeInput, {**payload, "project_id": project.id}, context(now))
        entry = TimeEntry(**clean.model_dump())
        session.add(entry)
        session.flush()
        return entry
