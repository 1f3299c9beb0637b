"""Snapshots of the timekeeping board and of two steps of the retrospective wizard on the
demo data (pytest-textual-snapshot).

Regenerate after a deliberate change with `--snapshot-update`, then look at the SVGs.
Deterministic: the demo is seeded on the fixed clock, the app runs on it too, every worker
is settled before the screenshot, and the text cursor does not blink.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from relay_tui.db import Store
from relay_tui.screens.board import BoardScreen
from relay_tui.screens.retro import RetroWizard
from tests.screens.helpers import make_app, query_db, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SIZE = (120, 40)


async def board(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BoardScreen)
    assert screen.query_one("#time").row_count == 4  # type: ignore[attr-defined]


def wizard_step(*keys: str, lessons: str = "") -> Callable[[Pilot[Any]], Awaitable[None]]:
    """The Bakery website's after phase, its wizard, then `keys` (and `lessons` written in
    the lessons box, cursor at the end)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in ("a", "w", *keys):
            await pilot.press(key)
            await settle(pilot)
        wizard = pilot.app.screen
        assert isinstance(wizard, RetroWizard)
        assert wizard.sub_title == "Retrospective · Bakery website"
        for area in wizard.query(TextArea):
            area.cursor_blink = False
        if lessons:
            area = wizard.query_one("#lessons-text", TextArea)
            assert area.has_focus
            area.text = lessons
            area.move_cursor(area.document.end)
        await settle(pilot)

    return run_before


def bakery_app(store: Store, db_path: Path) -> Any:
    [(pid,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Bakery website'")
    return make_app(store, open_project=int(pid))


def test_board_on_the_demo_120x40(demo: Store, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo), terminal_size=SIZE, run_before=board)


def test_retro_wizard_facts_step(demo: Store, db_path: Path, snap_compare: Any) -> None:
    assert snap_compare(bakery_app(demo, db_path), terminal_size=SIZE, run_before=wizard_step())


def test_retro_wizard_lessons_step(demo: Store, db_path: Path, snap_compare: Any) -> None:
    lessons = "Ask for the photos with the contract #documents"
    steps = wizard_step("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n", lessons=lessons)
    assert snap_compare(bakery_app(demo, db_path), terminal_size=SIZE, run_before=steps)
