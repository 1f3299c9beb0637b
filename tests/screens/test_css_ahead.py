"""The CSS of the project screen and the board, read ahead once the dashboard is idle
(screens.css_ahead): their first open does not parse it."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.screens.board import BoardScreen
from relay_tui.screens.css_ahead import read_ahead
from relay_tui.screens.project import ProjectScreen
from tests.screens.helpers import make_app, running, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


def css_files(screen: type) -> list[str]:
    here = Path(inspect.getfile(screen)).parent
    names = [screen.CSS_PATH] if isinstance(screen.CSS_PATH, str) else screen.CSS_PATH
    return [str((here / name).resolve()) for name in names]


async def test_the_dashboard_reads_the_css_of_a_project_and_of_the_board_ahead(
    demo: Store,
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        # The warm-up starts a moment after the first rows (a timer), and ends with the
        # CSS read on the app's thread: wait for that (running() fails a stuck test).
        sheet = app.stylesheet
        last = css_files(BoardScreen)[-1]
        while not sheet.has_source(last, ""):
            await pilot.pause()
        for path in css_files(ProjectScreen) + css_files(BoardScreen):
            assert sheet.has_source(path, ""), path
        reparsed: list[int] = []
        parse = sheet.reparse
        sheet.reparse = lambda: (reparsed.append(1), parse())[1]  # type: ignore[method-assign]
        read_ahead(app, (ProjectScreen, BoardScreen))  # all read: nothing to do
        assert reparsed == []
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
