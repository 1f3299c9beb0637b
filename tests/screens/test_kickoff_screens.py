"""Lessons planned at framing and kept or not in the retrospective, and the framing's
documents for the client in the app (issue 16, items 4, 6 and 7), as a user drives them on
the demo data: keys pressed, then the store and the screen checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import SelectionList, Static, TextArea

from relay_tui.db import Store
from relay_tui.screens.before import BeforePane
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.report import ReportModal
from relay_tui.screens.retro import RetroWizard
from relay_tui.services import undo
from relay_tui.services.kickoff import plan_lesson
from relay_tui.services.projects import add_project
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW
from tests.screens.helpers import make_app, query_db, run_from_palette, running, settle, table_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def shop_lessons(db: Path) -> list[tuple[int, str]]:
    """The lessons of the demo's closed shop (client Sofia Rossi), newest first."""
    return [
        (int(i), str(t))
        for i, t in query_db(
            db,
            "SELECT lesson.id, lesson.text FROM lesson JOIN project"
            " ON project.id = lesson.project_id WHERE project.name = 'Rossi online shop'"
            " ORDER BY lesson.id DESC",
        )
    ]


def planned(db: Path, project_id: int) -> str:
    [(value,)] = query_db(db, "SELECT lessons_planned FROM project WHERE id = ?", project_id)
    return str(value)


async def test_p_plans_a_lesson_and_K_shows_it_in_the_kickoff_summary(
    demo: Store, db_path: Path
) -> None:
    new = add_project(
        demo, {"name": "Rossi app", "client": "Sofia", "kind": "artistic"}, now=FIXED_NOW
    )
    pid = new.id
    assert pid is not None
    lessons = shop_lessons(db_path)
    app = make_app(demo, open_project=pid)
    async with running(app) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen) and screen.phase == "before"
        before = screen.query_one(BeforePane)
        await press(pilot, "5")
        table = before.query_one("#lessons", FittedTable)
        assert table.has_focus
        assert [row[0] for row in table_rows(table)] == ["☐"] * len(lessons)
        intro = text_of(before.query_one("#lessons-intro", Static))
        assert "0 lessons planned." in intro

        await press(pilot, "down", "p")  # the second lesson
        assert planned(db_path, pid) == str(lessons[1][0])
        rows = table_rows(table)
        assert [row[0] for row in rows] == ["☐", "☑", *["☐"] * (len(lessons) - 2)]
        assert table.cursor_row == 1  # the cursor stays on the lesson
        assert "1 lesson planned." in text_of(before.query_one("#lessons-intro", Static))

        # K: the kick-off summary, in the document window.
        await press(pilot, "K")
        modal = app.screen
        assert isinstance(modal, ReportModal)
        assert modal.report_title == "Kick-off summary: Rossi app"
        text = modal.query_one("#report-text", TextArea).text
        assert text.startswith("# Rossi app: kick-off\n\nFor Sofia Rossi, ")
        assert "## What we learnt from past projects and what we do about it" in text
        assert f"- {' '.join(lessons[1][1].split())}" in text
        assert lessons[0][1] not in text
        await press(pilot, "escape")
        assert app.screen is screen

        # p again: no longer planned; undo takes that back.
        await press(pilot, "p")
        assert planned(db_path, pid) == ""
        assert table_rows(table)[1][0] == "☐"
    undo.undo_last(demo, now=FIXED_NOW)
    assert planned(db_path, pid) == str(lessons[1][0])


async def test_the_palette_shows_the_commitments_for_the_contract_and_the_kickoff(
    demo: Store, db_path: Path
) -> None:
    [(bakery,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Bakery website'")
    app = make_app(demo, open_project=int(bakery))
    async with running(app) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "commitments for", "Commitments for the contract (Markdown)")
        modal = app.screen
        assert isinstance(modal, ReportModal)
        assert modal.report_title == "Commitments for the contract: Bakery website"
        assert modal.markdown.startswith("# Bakery website: mutual commitments\n")
        assert modal.default_name == f"commitments-bakery-website-{FIXED_NOW.date()}.md"
        await press(pilot, "escape")

        await run_from_palette(pilot, "kick-off", "Kick-off summary (Markdown)")
        modal = app.screen
        assert isinstance(modal, ReportModal)
        assert modal.markdown.startswith("# Bakery website: kick-off\n")
        assert "## Key dates" in modal.markdown


async def test_the_retrospective_asks_first_whether_the_planned_lessons_were_kept(
    demo: Store, db_path: Path
) -> None:
    [(intranet,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Rossi intranet'")
    pid = int(intranet)
    lessons = shop_lessons(db_path)
    kept = lessons[-1][0]  # the oldest: not the first offered without a plan
    for lesson_id, _ in lessons:  # the sample plans one of its own: this test plans its own
        plan_lesson(demo, pid, lesson_id, False)
    plan_lesson(demo, pid, kept, True)
    app = make_app(demo, open_project=pid)
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "a", "w")
        wizard = app.screen
        assert isinstance(wizard, RetroWizard)
        for _ in range(4):
            await press(pilot, "ctrl+n")
        assert wizard.step == 4
        first = wizard.query_one("#planned", SelectionList)
        others = wizard.query_one("#applied", SelectionList)
        assert first.display and first.option_count == 1
        assert first.get_option_at_index(0).value == kept
        prompt = text_of(wizard.query_one("#planned-prompt", Static))
        assert prompt.startswith("Planned at framing: did you keep it?")
        assert [others.get_option_at_index(i).value for i in range(others.option_count)] == [
            i for i, _ in lessons if i != kept
        ]

        await press(pilot, "tab")  # from the lessons' text to the planned ones
        assert first.has_focus
        await press(pilot, "space")  # kept
        await press(pilot, "ctrl+n")
        assert query_db(
            db_path, "SELECT applied_lessons FROM retrospective WHERE project_id = ?", pid
        ) == [(str(kept),)]
