"""What to improve becomes action: the lessons step of the retrospective starts from the
improvements, one lesson a line, which the next projects plan at framing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from relay_tui.db import Store
from relay_tui.domain.after import lessons_from_improvements
from tests.screens.helpers import make_app, query_db, running
from tests.screens.test_retro_and_after import (
    current_step,
    open_after,
    open_wizard,
    press,
    project_id,
    type_text,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


def test_each_improvement_is_a_lesson_a_line() -> None:
    assert lessons_from_improvements("- Logos first #documents\n\n* Demo weekly\n• Call") == (
        "Logos first #documents\nDemo weekly\nCall"
    )
    assert lessons_from_improvements("  \n") == ""


async def test_the_lessons_step_starts_from_what_to_improve_and_keeps_what_is_typed(
    demo: Store, db_path: Path
) -> None:
    festival = project_id(db_path, "Festival poster series")
    app = make_app(demo, open_project=festival)
    async with running(app) as pilot:
        await open_after(pilot, "Festival poster series")
        wizard = await open_wizard(pilot)
        for _ in range(3):
            await press(pilot, "ctrl+n")
        assert current_step(wizard) == "improve"
        await type_text(pilot, "- Ask for the logos in the contract #documents")
        await press(pilot, "ctrl+n")
        assert current_step(wizard) == "lessons"
        lessons = wizard.query_one("#lessons-text", TextArea)
        assert lessons.text == "Ask for the logos in the contract #documents"

        # Edited, then back and forth: what the user wrote stays.
        lessons.text = "Logos in the contract #documents"
        await press(pilot, "ctrl+b")
        await press(pilot, "ctrl+n")
        assert lessons.text == "Logos in the contract #documents"
        for _ in range(3):
            await press(pilot, "ctrl+n")
        assert wizard.finished
    assert query_db(db_path, "SELECT text, tags FROM lesson WHERE project_id = ?", festival) == [
        ("Logos in the contract", "documents")
    ]
