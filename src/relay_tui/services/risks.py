"""Risks: the register of what could go wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import select

from relay_tui.db import Store
from relay_tui.errors import Conflict, InvalidInput
from relay_tui.i18n import N_, tr
from relay_tui.models import Risk
from relay_tui.schemas import RiskInput, RiskUpdateInput, validate
from relay_tui.services.common import (
    add_new,
    apply,
    context,
    edited,
    lesson_for,
    new_in_project,
    row_to_change,
    take_version,
)
from relay_tui.vocab import RiskStatus


def add_risk(store: Store, data: dict[str, Any], *, now: datetime | None = None) -> Risk:
    with store.write() as session:
        _, clean = new_in_project(session, RiskInput, data, now)
        return add_new(session, Risk(**clean.model_dump()))


def update_risk(
    store: Store, risk_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Risk:
    fields, version = take_version(data)
    with store.write() as session:
        row = row_to_change(session, Risk, risk_id, version, N_("risk"))
        ctx = {**context(now), "previous_review_on": row.review_on}
        return apply(row, edited(row, RiskUpdateInput, fields, ctx))


def set_risk_status(store: Store, risk_id: int, status: str, *, version: int | None = None) -> Risk:
    if status not in {s.value for s in RiskStatus}:
        raise InvalidInput(
            tr("{status} is not one of open, mitigated, occurred, closed", status=repr(status)),
            "status",
        )
    with store.write() as session:
        row = row_to_change(session, Risk, risk_id, version, N_("risk"))
        row.status = RiskStatus(status)
        session.add(row)
        return row


def list_risks(store: Store, project_id: int, today: date) -> list[RiskLine]:
    from relay_tui.services.before_view import load_before  # the read model uses this module

    return load_before(store, project_id, today).risks


def lesson_to_risk(store: Store, lesson_id: int, project_id: int) -> Risk:
    with store.write() as session:
        lesson = lesson_for(session, lesson_id, project_id)
        title = _first_sentence(lesson.text)
        exists = session.exec(
            select(Risk.id).where(Risk.project_id == project_id, Risk.title == title)
        ).first()
        if exists is not None:
            raise Conflict(tr("this lesson is already a risk of the project"), "lesson")
        clean = validate(
            RiskInput,
            {
                "project_id": project_id,
                "title": title,
                "probability": 3,
                "impact": 3,
                "mitigation": tr("Lesson learnt: {lesson}", lesson=lesson.text)[:4000],
            },
        )
        return add_new(session, Risk(**clean.model_dump()))


def _first_sentence(text: str, limit: int = 200) -> str:
    head = text.strip().split("\n", 1)[0]
    return head if len(head) <= limit else head[: limit - 1] + "…"


@dataclass(frozen=True)
class RiskView:
    """A risk of a project, as stored (its score and band are in `RiskLine`)."""

    id: int
    version: int
    title: str
    category: str
    probability: int
    impact: int
    mitigation: str
    owner: str
    status: str
    review_on: date | None
    updated_by: str | None


@dataclass(frozen=True)
class RiskLine:
    risk: RiskView
    score: int
    band: str
    overdue: bool
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line
