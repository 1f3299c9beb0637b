"""The status report as a user sends it: g asks for the period's words (pre-filled),
shows the report with them, s keeps it as sent; the board shows a report due."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Label, TextArea

from relay_tui.db import Store
from relay_tui.screens.board import BoardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.report import ReportModal
from relay_tui.screens.report_period import PeriodForm
from relay_tui.services.status_report import report_draft
from tests.conftest import FIXED_NOW
from tests.screens.helpers import make_app, query_db, running, table_rows
from tests.screens.test_during import open_bakery_during, press

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()
MINE = "This period I built the home page."


def _weekly(db_path: Path) -> None:
    """The sample without its reports sent and cadences, then the bakery weekly."""
    with sqlite3.connect(db_path) as db:
        db.execute("DELETE FROM sent_report")
        db.execute("UPDATE project SET report_every_days = NULL")
        db.execute("UPDATE project SET report_every_days = 7 WHERE name = 'Bakery website'")


async def test_g_asks_for_the_period_then_s_keeps_the_report_as_sent(
    demo: Store, db_path: Path
) -> None:
    _weekly(db_path)
    app = make_app(demo)
    async with running(app) as pilot:
        await open_bakery_during(pilot)
        bakery = app.screen.project_id  # type: ignore[attr-defined]

        # g: the words on the period, pre-filled with the period's facts.
        await press(pilot, "g")
        form = app.screen
        assert isinstance(form, PeriodForm)
        area = form.query_one("#period", TextArea)
        draft = report_draft(demo, bakery, TODAY).draft
        assert area.text == draft
        assert "I sent “Site map” for your validation" in draft
        await pilot.press(*MINE, "enter")
        await press(pilot, "ctrl+s")

        modal = app.screen
        assert isinstance(modal, ReportModal)
        text = modal.query_one("#report-text", TextArea).text
        lines = text.splitlines()
        since = lines.index("## Since the start")
        assert lines[since + 2] == MINE
        assert "- Next status report: Monday 30 November" in lines
        assert query_db(db_path, "SELECT COUNT(*) FROM sent_report") == [(0,)]

        # Back to the project, then g again: what was typed is still there.
        await press(pilot, "escape")
        assert isinstance(app.screen, ProjectScreen)
        await press(pilot, "g")
        assert isinstance(app.screen, PeriodForm)
        assert app.screen.query_one("#period", TextArea).text.startswith(MINE + "\n")
        # Closing the form keeps it too.
        await press(pilot, "escape")
        await press(pilot, "g")
        assert app.screen.query_one("#period", TextArea).text.startswith(MINE + "\n")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReportModal)

        # s: kept as sent today, said on screen; a second s adds nothing.
        await press(pilot, "s")
        await press(pilot, "s")
        rows = query_db(db_path, "SELECT project_id, sent_on, period, body FROM sent_report")
        assert len(rows) == 1
        project_id, sent_on, period, body = rows[0]
        assert (project_id, sent_on) == (bakery, TODAY.isoformat())
        assert period.startswith(MINE) and body == text
        said = str(app.screen.query_one("#report-message", Label).content)
        assert "Stored as sent on Monday 23 November" in said
        assert "the next report is due Monday 30 November" in said

        # The next report starts the day after this one: the facts already told are gone.
        await press(pilot, "escape")
        await press(pilot, "g")
        assert app.screen.query_one("#period", TextArea).text == ""
        await press(pilot, "ctrl+s")
        text = app.screen.query_one("#report-text", TextArea).text
        assert "## Since the last report (Monday 23 November)" in text
        assert "Site map" not in text.split("## What this means")[0]

        # u takes the sent report back.
        await press(pilot, "escape")
        await press(pilot, "u")
        assert query_db(db_path, "SELECT COUNT(*) FROM sent_report") == [(0,)]


async def test_the_board_shows_a_report_due_and_not_once_sent(demo: Store, db_path: Path) -> None:
    _weekly(db_path)
    app = make_app(demo)
    async with running(app) as pilot:
        await press(pilot, "t")
        board = app.screen
        assert isinstance(board, BoardScreen)
        section = board.query_one("#reports-section")
        assert section.display
        rows = table_rows(board.query_one("#reports"))  # type: ignore[arg-type]
        assert rows[0][0] == "Bakery website"
        assert rows[0][-1] == "never"
        assert "1 report due" in str(board.query_one("#board-summary").render())
    with sqlite3.connect(db_path) as db:
        db.execute(
            "INSERT INTO sent_report (project_id, sent_on, period, body, created_by, "
            "updated_by, version, created_at) SELECT id, ?, '', '', '', '', 1, ? FROM project "
            "WHERE name = 'Bakery website'",
            (TODAY.isoformat(), FIXED_NOW.isoformat()),
        )
    app = make_app(demo)
    async with running(app) as pilot:
        await press(pilot, "t")
        assert not app.screen.query_one("#reports-section").display
