"""Read model of the after pane: the retrospective, the handover and the lessons."""

from __future__ import annotations

from dataclasses import dataclass

from relay_tui.db import Store
from relay_tui.services.handover import HandoverView, handover
from relay_tui.services.projects import project_header
from relay_tui.services.retro import LessonView, RetroView, get_retro, lessons_view


@dataclass(frozen=True)
class AfterView:
    project_id: int
    project: str
    retro: RetroView
    handover: HandoverView
    lessons: list[LessonView]


def after_view(store: Store, project_id: int) -> AfterView:
    """What the after phase shows: the retrospective, the handover and the lessons."""
    name = project_header(store, project_id).name
    return AfterView(
        project_id,
        name,
        get_retro(store, project_id),
        handover(store, project_id),
        lessons_view(store, project_id),
    )
