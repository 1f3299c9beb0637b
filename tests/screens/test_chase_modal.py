"""`h` on the during phase and on the board: the chase message in its window, then the
chase logged only when the message is used (copied, mailed, or logged alone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, TextArea

from relay_tui.db import Store
from relay_tui.screens import chase as chase_screen
from relay_tui.screens.chase import ChaseModal, split_message
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.widgets.tables import FittedTable
from tests.screens.helpers import make_app, query_db, running, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SUBJECT = "Bakery website: waiting for “Mock-ups validated by Marie” and 2 more things"
CHASES = "SELECT summary, channel FROM contact WHERE is_chase = 1 ORDER BY id"


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def chase_window(pilot: Pilot[Any]) -> ChaseModal:
    """The bakery's during phase (the dashboard's first row, enter, d), then h."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await press(pilot, "enter", "d")
    assert isinstance(pilot.app.screen, ProjectScreen)
    await press(pilot, "h")
    modal = pilot.app.screen
    assert isinstance(modal, ChaseModal)
    return modal


def said(modal: ChaseModal) -> str:
    return str(modal.query_one("#chase-said", Label).content)


async def test_h_shows_the_message_esc_logs_nothing_l_logs_one_chase(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        modal = await chase_window(pilot)
        text = modal.query_one("#chase-text", TextArea).text
        assert text.startswith(SUBJECT + "\n\nHello Marie Lambert,\n")
        assert "“Mock-ups validated by Marie”, expected on Tuesday 17 November" in text
        assert "without it today, “Go live” moves to Saturday 12 December." in text
        assert str(modal.query_one("#chase-to", Label).content) == "To: marie@lambert.example"

        await press(pilot, "escape")
        assert not isinstance(app.screen, ChaseModal)
        assert query_db(db_path, CHASES) == []

        await press(pilot, "h")
        assert isinstance(app.screen, ChaseModal)
        await press(pilot, "l")
        assert not isinstance(app.screen, ChaseModal)
        assert query_db(db_path, CHASES) == [(SUBJECT, "email")]


async def test_y_copies_the_message_and_logs_the_chase(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        modal = await chase_window(pilot)
        text = modal.query_one("#chase-text", TextArea).text
        await press(pilot, "y")
        assert app.clipboard == text
        assert query_db(db_path, CHASES) == [(SUBJECT, "email")]


async def test_e_adjusts_the_message_and_its_first_line_is_logged(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        modal = await chase_window(pilot)
        area = modal.query_one("#chase-text", TextArea)
        await press(pilot, "e")
        assert modal.editing and not area.read_only and area.has_focus
        area.move_cursor((0, 0))
        await press(pilot, *"Friendly: ")
        await press(pilot, "l")  # typed while editing, not the key
        assert query_db(db_path, CHASES) == []
        await press(pilot, "escape")  # stops editing, still open
        assert app.screen is modal and area.read_only
        await press(pilot, "y")
        assert app.clipboard.startswith("Friendly: l" + SUBJECT)
        assert query_db(db_path, CHASES) == [("Friendly: l" + SUBJECT, "email")]


async def test_m_opens_a_mail_and_logs_or_says_nothing_could_open_it(
    demo: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(chase_screen, "open_mail", lambda url: opened.append(url) and False)
    app = make_app(demo)
    async with running(app) as pilot:
        modal = await chase_window(pilot)
        await press(pilot, "m")
        assert opened[0].startswith("mailto:marie@lambert.example?subject=Bakery%20website")
        assert app.screen is modal  # nothing opened it: the text stays
        assert said(modal).startswith("Nothing could open a mail here")
        assert query_db(db_path, CHASES) == []

        monkeypatch.setattr(chase_screen, "open_mail", lambda url: True)
        await press(pilot, "m")
        assert not isinstance(app.screen, ChaseModal)
        assert query_db(db_path, CHASES) == [(SUBJECT, "email")]


async def test_h_on_the_board_shows_the_selected_project_s_message(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        app.screen.query_one("#chase", FittedTable).focus()
        await press(pilot, "h")
        modal = app.screen
        assert isinstance(modal, ChaseModal)
        assert modal.view.subject == SUBJECT
        await press(pilot, "escape")
        assert query_db(db_path, CHASES) == []
        await press(pilot, "h", "l")
        assert query_db(db_path, CHASES) == [(SUBJECT, "email")]


def test_the_subject_is_the_first_line_that_is_not_blank() -> None:
    assert split_message("\n\n  Subject  here \n\nBody\nmore\n") == ("Subject here", "Body\nmore")
    assert split_message("  \n ") == ("", "")
