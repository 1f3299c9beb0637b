"""Risks: the register of what could go wrong."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from relay_tui.db import Store
from relay_tui.models import Risk
from relay_tui.schemas import RiskInput, validate
from relay_tui.services.common import context, get_project


def add_risk(store: Store, data: dict[str, Any], *, now: datetime | None = None) -> Risk:
    payload = dict(data)
    ref = payload.pop("project", None)
    with store.write() as session:
        project = get_project(session, ref)
        clean = validate(RiskInput, {**payload, "project_id": project.id}, context(now))
        risk = Risk(**clean.model_dump())
        session.add(risk)
        session.flush()
        return risk
