"""Opening a project from the dashboard: the screen is built at once on the phase the row
shows, before the project is read; its tab loads once; a reload keeps the same widgets."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import ContentSwitcher

from relay_tui.db import Store
from relay_tui.screens.before import BeforePane
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.during import DuringPane
from relay_tui.screens.during_bells import BellsTab
from relay_tui.screens.messages import OpenProject, StoreChanged
from relay_tui.screens.project import ProjectScreen
from relay_tui.services import project_header as header_service
from tests.screens.helpers import make_app, query_db, running, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


class HeldHeader:
    """`project_header`, held (in the load's thread) until `go` is set."""

    def __init__(self) -> None:
        self.function = header_service.project_header
        self.entered = threading.Event()
        self.go = threading.Event()

    def __call__(self, *args: Any) -> Any:
        self.entered.set()
        assert self.go.wait(30), "the test never let the header be read"
        return self.function(*args)


def counted_fetches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each load of an alarm bells tab, by the id of the tab."""
    calls: list[int] = []
    fetch = BellsTab.fetch

    def counting(self: BellsTab, store: Any, today: Any) -> Any:
        calls.append(id(self))
        return fetch(self, store, today)

    monkeypatch.setattr(BellsTab, "fetch", counting)
    return calls


def first_row(db_path: Path) -> tuple[int, str]:
    [(pid, phase)] = query_db(
        db_path, "SELECT id, phase FROM project WHERE name = 'Bakery website'"
    )
    return int(pid), str(phase)


async def test_enter_builds_the_phase_of_the_row_before_the_project_is_read(
    demo: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid, phase = first_row(db_path)
    assert phase == "during"
    fetches = counted_fetches(monkeypatch)
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        held = HeldHeader()
        monkeypatch.setattr(header_service, "project_header", held)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ProjectScreen) and screen.project_id == pid
        while not held.entered.is_set():  # the screen's load has started, and waits
            await pilot.pause()
        # The header is not read yet: the during phase and its first tab are built.
        assert screen.header is None and not screen.keys_ready
        pane = screen.query_one("#during", DuringPane)
        tab = pane.query_one(BellsTab)
        held.go.set()
        await settle(pilot)
        assert screen.header is not None and screen.header.phase == "during"
        assert screen.keys_ready and screen.sub_title == "Bakery website · During"
        assert screen.query_one("#phases", ContentSwitcher).current == "during"
        assert tab.loaded and len(tab.deadlines) > 0
        assert fetches == [id(tab)]  # loaded once, not again by the first reload

        # A change elsewhere: the same widgets show it, loaded once more.
        screen.post_message(StoreChanged())
        await settle(pilot)
        assert screen.query_one("#during", DuringPane) is pane
        assert pane.query_one(BellsTab) is tab
        assert fetches == [id(tab), id(tab)]


async def test_a_row_that_showed_another_phase_still_opens_on_the_project_s_own(
    demo: Store, db_path: Path
) -> None:
    """The dashboard's row was read before the project moved: the screen built that phase,
    then shows the project's own once read."""
    pid, _ = first_row(db_path)
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        app.post_message(OpenProject(pid, expected="before"))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.phase == "during" and screen.keys_ready
        assert screen.query_one("#phases", ContentSwitcher).current == "during"
        assert screen.query_one("#during", DuringPane).display
        assert not screen.query_one("#before", BeforePane).display
        await pilot.press("b")
        await settle(pilot)
        assert screen.phase == "before" and screen.keys_ready


async def test_an_open_without_a_phase_to_expect_builds_it_once_read(
    demo: Store, db_path: Path
) -> None:
    pid, _ = first_row(db_path)
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        app.post_message(OpenProject(pid))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.phase == "during" and screen.keys_ready
        assert [pane.id for pane in screen.query_one("#phases").children] == ["during"]


async def opened_at(demo: Store, size: tuple[int, int]) -> tuple[float, int, int, int]:
    """Open the first project (the during phase) at `size`: the phase's scroll, the
    focused table's first line, and the top and bottom of the phase's view."""
    app = make_app(demo)
    async with running(app, size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pane = app.screen.query_one("#during", DuringPane)
        focused = app.screen.focused
        assert focused is not None and focused.id == "deadlines"
        view = pane.scrollable_content_region
        return pane.scroll_y, focused.region.y, view.y, view.bottom


async def test_a_phase_shows_from_its_top_with_its_table_focused(demo: Store) -> None:
    """Its parts load in any order: the view is placed from the last layout, the same
    each time (the top, as the focused table starts in view there)."""
    scroll, table, top, bottom = await opened_at(demo, (80, 24))
    assert scroll == 0
    assert top <= table and table + 3 <= bottom


async def test_a_focused_table_below_the_view_is_brought_into_it(demo: Store) -> None:
    """On a terminal too short for the lines above it, the table the keys act on is
    scrolled into view (centred) once the phase has its data."""
    scroll, table, top, bottom = await opened_at(demo, (80, 14))
    assert scroll > 0
    assert top <= table < bottom
