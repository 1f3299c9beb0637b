"""Read models of the project phases' panes (`screens.during_incidents`, `screens.after`,
`screens.before_overview`): plain frozen views, so that the screens hold no ORM row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.models import CraftCard, Lesson, Project
from relay_tui.services import anytime, closing


@dataclass(frozen=True)
class IncidentView:
    """An incident, with the attribute names of its row (the incident form reads them)."""

    id: int
    version: int
    title: str
    occurred_on: date
    facts: str
    contract_says: str
    next_step: str
    status: str


def incidents_view(store: Store, project_id: int) -> list[IncidentView]:
    """The project's incidents, newest first (as `anytime.incidents` orders them)."""
    return [
        IncidentView(
            id=row.id,  # type: ignore[arg-type]
            version=row.version,
            title=row.title,
            occurred_on=row.occurred_on,
            facts=row.facts,
            contract_says=row.contract_says,
            next_step=row.next_step,
            status=str(row.status),
        )
        for row in anytime.incidents(store, project_id)
    ]


@dataclass(frozen=True)
class LessonView:
    id: int
    text: str
    tags: str


def lessons_view(store: Store, project_id: int) -> list[LessonView]:
    """The lessons the project's retrospective carried forward, oldest first."""
    with store.read() as session:
        rows = session.exec(
            select(Lesson).where(Lesson.project_id == project_id).order_by(col(Lesson.id))
        ).all()
        return [LessonView(row.id, row.text, row.tags) for row in rows]  # type: ignore[arg-type]


@dataclass(frozen=True)
class RetroView:
    """Where the retrospective stands (a draft saved at `step`, or completed)."""

    format: str
    step: int
    worked: str
    not_worked: str
    improve: str
    satisfaction: int | None
    completed_at: datetime | None


@dataclass(frozen=True)
class AfterView:
    project_id: int
    project: str
    retro: RetroView
    handover: closing.HandoverView
    lessons: list[LessonView]


def after_view(store: Store, project_id: int) -> AfterView:
    """What the after phase shows: the retrospective, the handover and the lessons."""
    with store.read() as session:
        project = session.get(Project, project_id)
        name = project.name if project else "?"
    retro = closing.get_retro(store, project_id)
    return AfterView(
        project_id,
        name,
        RetroView(
            str(retro.format),
            retro.step,
            retro.worked,
            retro.not_worked,
            retro.improve,
            retro.satisfaction,
            retro.completed_at,
        ),
        closing.handover(store, project_id),
        lessons_view(store, project_id),
    )


def craft_to_edit(card: Any) -> CraftCard:
    """The craft card the form edits: the stored one, or a blank one never stored."""
    return card if card is not None else CraftCard(id=1)
