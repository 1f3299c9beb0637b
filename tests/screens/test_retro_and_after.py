"""The after phase, the retrospective wizard, the time log and the board, as a user drives
them on the demo data: keys pressed, then the store and the screen checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, DataTable, Input, Label, Select, Static, TextArea

from relay_tui.db import Store
from relay_tui.screens.after import AfterPane
from relay_tui.screens.before import BeforePane
from relay_tui.screens.board import BoardScreen
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.during import DuringPane
from relay_tui.screens.form import FormModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.project_form import NewProjectScreen
from relay_tui.screens.report import ReportModal
from relay_tui.screens.retro import RetroWizard
from relay_tui.services.validations import validate_deliverable
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW, table_counts
from tests.screens.helpers import make_app, query_db, running, settle, table_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()


def project_id(db: Path, name: str) -> int:
    [(pid,)] = query_db(db, "SELECT id FROM project WHERE name = ?", name)
    return int(pid)


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` key by key into the focused widget (newlines as enter)."""
    await pilot.press(*("enter" if char == "\n" else char for char in text))
    await settle(pilot)


async def open_after(pilot: Pilot[Any], name: str) -> AfterPane:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    await press(pilot, "a")
    assert screen.phase == "after"
    assert screen.sub_title == f"{name} · After"
    pane = screen.query_one(AfterPane)
    assert pane.data is not None and pane.data.project == name
    return pane


async def open_wizard(pilot: Pilot[Any]) -> RetroWizard:
    await press(pilot, "w")
    wizard = pilot.app.screen
    assert isinstance(wizard, RetroWizard), wizard
    assert wizard.retro is not None
    return wizard


def current_step(wizard: RetroWizard) -> str:
    return wizard.query_one(ContentSwitcher).current or ""


def messages(pilot: Pilot[Any]) -> list[tuple[str, str]]:
    """Notifications are read from the app's list (toasts vanish on a timer)."""
    return [(n.title, n.message) for n in pilot.app._notifications]


# --- the retrospective wizard -----------------------------------------------------------


async def test_wizard_quit_at_step_three_resumes_there_then_its_lessons_reach_a_new_project(
    demo: Store, db_path: Path
) -> None:
    """Step three is "What did not" (index 2): the wizard is left there with escape."""
    festival = project_id(db_path, "Festival poster series")
    app = make_app(demo, open_project=festival)
    async with running(app) as pilot:
        pane = await open_after(pilot, "Festival poster series")
        assert "Not started" in text_of(pane.query_one("#retro-status", Static))

        wizard = await open_wizard(pilot)
        assert (wizard.step, current_step(wizard)) == (0, "facts")
        facts = text_of(wizard.query_one("#facts-text", Static))
        assert "Deadlines kept on time: 0 of " in facts  # none done yet
        assert "Time: 46h30 logged for a budget of 25h (186%)" in facts

        await press(pilot, "ctrl+n")
        assert (wizard.step, current_step(wizard)) == (1, "worked")
        assert wizard.query_one("#worked-text", TextArea).has_focus
        await type_text(pilot, "Quick calls")
        await press(pilot, "ctrl+n")
        assert (wizard.step, current_step(wizard)) == (2, "not_worked")
        assert text_of(wizard.query_one("#step-title", Static)) == "Step 3 of 7: What did not"
        await type_text(pilot, "Late logos")

        # Leaving saves the draft at this step.
        await press(pilot, "escape")
        assert app.screen is not wizard
        assert query_db(
            db_path,
            "SELECT step, worked, not_worked, completed_at FROM retrospective WHERE project_id = ?",
            festival,
        ) == [(2, "Quick calls", "Late logos", None)]
        status = text_of(pane.query_one("#retro-status", Static))
        assert "Draft saved at step 3 of 7: What did not. w resumes it." in status

        # Opening it again resumes on step three with the drafts intact.
        wizard = await open_wizard(pilot)
        assert (wizard.step, current_step(wizard)) == (2, "not_worked")
        assert text_of(wizard.query_one("#step-title", Static)) == "Step 3 of 7: What did not"
        assert wizard.query_one("#worked-text", TextArea).text == "Quick calls"
        assert wizard.query_one("#not_worked-text", TextArea).text == "Late logos"
        assert wizard.query_one("#not_worked-text", TextArea).has_focus

        # Back one step and forward again keeps the text.
        await press(pilot, "ctrl+b")
        assert (wizard.step, current_step(wizard)) == (1, "worked")
        await press(pilot, "ctrl+n")  # each step is saved before the wizard moves on
        await press(pilot, "ctrl+n")
        assert (wizard.step, current_step(wizard)) == (3, "improve")
        await press(pilot, "ctrl+n")
        assert (wizard.step, current_step(wizard)) == (4, "lessons")
        await type_text(pilot, "Logos first #documents")
        await press(pilot, "ctrl+n")
        assert current_step(wizard) == "satisfaction"
        wizard.query_one("#satisfaction-value", Select).value = "3"
        await settle(pilot)
        await press(pilot, "ctrl+n")
        assert (wizard.step, current_step(wizard)) == (6, "enjoy")
        await press(pilot, "ctrl+n")  # finishes it
        assert wizard.finished

        lessons = query_db(db_path, "SELECT text, tags FROM lesson WHERE project_id = ?", festival)
        assert lessons == [("Logos first", "documents")]
        [(completed, satisfaction, not_worked)] = query_db(
            db_path,
            "SELECT completed_at, satisfaction, not_worked FROM retrospective WHERE project_id = ?",
            festival,
        )
        assert completed is not None
        assert (satisfaction, not_worked) == (3, "Late logos")
        assert (
            "Well done",
            "Retrospective finished: 1 lesson carried forward to your next projects.",
        ) in messages(pilot)

        # A finished retrospective is read only; escape leaves.
        assert wizard.query_one("#lessons-text", TextArea).read_only
        await press(pilot, "escape")
        assert isinstance(app.screen, ProjectScreen)
        lessons = table_rows(pane.query_one("#own-lessons", DataTable))
        assert lessons == [["Logos first", "documents"]]

        # A new project for the same client, from the dashboard's form.
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, NewProjectScreen)
        form.query_one("#name", Input).value = "Festival 2027 posters"
        [(tom,)] = query_db(db_path, "SELECT id FROM client WHERE name = 'Tom Becker'")
        form.query_one("#client", Select).value = tom
        await settle(pilot)
        await press(pilot, "ctrl+s")
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        new = project_id(db_path, "Festival 2027 posters")
        assert screen.project_id == new
        await press(pilot, "b")
        assert screen.phase == "before"
        await press(pilot, "5")
        before = screen.query_one(BeforePane)
        rows = table_rows(before.query_one("#lessons", FittedTable))
        assert [r[1] for r in rows] == ["Logos first"]
        assert rows[0][2:] == ["documents", "Festival poster series", "same client"]
        assert rows[0][0] == "☐"  # not planned for this project yet


# --- the handover checklist -------------------------------------------------------------


async def test_invoice_box_refuses_while_a_validation_is_open_then_ticks_once_validated(
    demo: Store, db_path: Path
) -> None:
    bakery = project_id(db_path, "Bakery website")
    app = make_app(demo, open_project=bakery)
    async with running(app) as pilot:
        pane = await open_after(pilot, "Bakery website")
        handover = text_of(pane.query_one("#handover", Static))
        assert "[ ] Deliverables approved  1 of 2 deliverables validated" in handover
        assert "not yet: 1 deliverable still awaits the client's validation" in handover
        assert "relay never stores passwords or keys" in handover
        counts = table_counts(db_path)

        await press(pilot, "2")
        assert (
            query_db(db_path, "SELECT invoice_sent_on FROM handover WHERE project_id = ?", bakery)
            == []
        )
        assert table_counts(db_path) == counts
        refusals = [m for t, m in messages(pilot) if t == "Not saved"]
        assert refusals, messages(pilot)
        assert "1 deliverable still awaits the client's validation" in refusals[-1]
        assert "[ ] 2 Invoice sent" in text_of(pane.query_one("#handover", Static))

        [(waiting,)] = query_db(
            db_path,
            "SELECT id FROM validation WHERE project_id = ? AND validated_on IS NULL",
            bakery,
        )
        validate_deliverable(
            demo, waiting, {"validated_by": "Marie Lambert", "validated_on": "2026-11-23"}
        )
        await press(pilot, "2")
        assert query_db(
            db_path, "SELECT invoice_sent_on FROM handover WHERE project_id = ?", bakery
        ) == [(TODAY.isoformat(),)]
        handover = text_of(pane.query_one("#handover", Static))
        assert "[x] Deliverables approved  2 of 2 deliverables validated" in handover
        assert "[x] 2 Invoice sent  sent on 23 Nov 2026" in handover

        await press(pilot, "1")  # one tick at a time: each is shown before the next
        await press(pilot, "3")
        assert query_db(
            db_path,
            "SELECT access_handed_over, client_thanked FROM handover WHERE project_id = ?",
            bakery,
        ) == [(1, 1)]
        assert "Everything is done: C closes the project." in text_of(
            pane.query_one("#closing", Static)
        )


async def test_closing_with_an_incomplete_checklist_needs_a_reason(
    demo: Store, db_path: Path
) -> None:
    bakery = project_id(db_path, "Bakery website")
    app = make_app(demo, open_project=bakery)
    async with running(app) as pilot:
        pane = await open_after(pilot, "Bakery website")
        await press(pilot, "C")
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.form_title == "Close without the full checklist"
        assert "Still missing: deliverables approved, access handed over, invoice sent" in (
            text_of(form.query_one("#form-intro", Static))
        )
        counts = table_counts(db_path)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert str(form.query_one("#override_reason-error", Label).content) == (
            "a reason is needed to override"
        )
        assert table_counts(db_path) == counts
        assert query_db(db_path, "SELECT status FROM project WHERE id = ?", bakery) == [("active",)]

        await type_text(pilot, "Bakery sold")
        assert form.query_one("#override_reason", TextArea).text == "Bakery sold"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        assert query_db(
            db_path, "SELECT status, close_reason FROM project WHERE id = ?", bakery
        ) == [("closed", "Bakery sold")]
        closing = text_of(pane.query_one("#closing", Static))
        assert "This project is closed. Closed without the full checklist: Bakery sold" in closing
        assert app.screen.sub_title == "Bakery website (closed) · After"
        # C is not offered on a closed project: pressing it opens nothing.
        await press(pilot, "C")
        assert isinstance(app.screen, ProjectScreen)

        # O reopens it.
        await press(pilot, "O")
        assert query_db(db_path, "SELECT status FROM project WHERE id = ?", bakery) == [("active",)]
        assert "To close: " in text_of(pane.query_one("#closing", Static))


# --- the time log -----------------------------------------------------------------------


async def open_time_form(pilot: Pilot[Any]) -> FormModal:
    await press(pilot, "T")
    form = pilot.app.screen
    assert isinstance(form, FormModal), form
    assert form.form_title == "Log time"
    assert form.query_one("#minutes", Input).has_focus
    return form


LAST_ENTRY = (
    "SELECT project_id, minutes, category, spent_on FROM time_entry ORDER BY id DESC LIMIT 1"
)


async def test_T_logs_time_from_the_dashboard_and_from_a_project(
    demo: Store, db_path: Path
) -> None:
    bakery = project_id(db_path, "Bakery website")
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        before = query_db(db_path, "SELECT count(*) FROM time_entry")[0][0]
        form = await open_time_form(pilot)
        await type_text(pilot, "1h30")
        form.query_one("#project", Select).value = str(bakery)
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
        assert query_db(db_path, "SELECT count(*) FROM time_entry")[0][0] == before + 1
        assert query_db(db_path, LAST_ENTRY) == [(bakery, 90, "work", TODAY.isoformat())]

        # In a project, the form is on that project: nothing to choose.
        await press(pilot, "enter")
        assert isinstance(app.screen, ProjectScreen) and app.screen.project_id == bakery
        form = await open_time_form(pilot)
        assert form.query_one("#project", Select).value == str(bakery)
        await type_text(pilot, "45m")
        form.query_one("#category", Select).value = "rework"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        assert query_db(db_path, LAST_ENTRY) == [(bakery, 45, "rework", TODAY.isoformat())]


async def test_T_on_the_dashboard_logs_time_on_the_highlighted_project(
    demo: Store, db_path: Path
) -> None:
    bakery = project_id(db_path, "Bakery website")
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", FittedTable)
        assert table_rows(table)[table.cursor_row][0] == "Bakery website"
        await open_time_form(pilot)
        await type_text(pilot, "1h30")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
        assert query_db(db_path, LAST_ENTRY) == [(bakery, 90, "work", TODAY.isoformat())]


# --- the board --------------------------------------------------------------------------


async def test_board_shows_over_investment_and_h_logs_a_chase(demo: Store, db_path: Path) -> None:
    bakery = project_id(db_path, "Bakery website")
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        board = app.screen
        assert isinstance(board, BoardScreen)
        summary = text_of(board.query_one("#board-summary", Static))
        assert (
            summary
            == "2 alarm bells · 1 to chase · 2 projects waiting on the client · 1 over budget"
            " · 1 report due"
        )
        time_rows = {r[0]: r for r in table_rows(board.query_one("#time", FittedTable))}
        festival = time_rows["Festival poster series"]
        assert festival[1:3] == ["46h30", "25h"]
        assert festival[3].startswith("186% ")  # the share first: a narrow column keeps it
        assert festival[3].endswith(" over-investment")
        assert "over-investment" not in time_rows["Bakery website"][3]
        alarms = table_rows(board.query_one("#alarms", FittedTable))
        assert [(r[0], r[1], r[2]) for r in alarms] == [
            ("Bakery website", "Mock-ups validated by Marie", "client"),
            ("Festival poster series", "Line-up and logos from Tom", "client"),
        ]

        chase = board.query_one("#chase", FittedTable)
        assert [r[0] for r in table_rows(chase)] == ["Bakery website"]
        chased = "SELECT count(*) FROM contact WHERE project_id = ? AND is_chase = 1"
        assert query_db(db_path, chased, bakery) == [(0,)]
        chase.focus()
        await press(pilot, "h")
        assert query_db(db_path, chased, bakery) == [(0,)]  # the message first
        await press(pilot, "l")
        assert query_db(db_path, chased, bakery) == [(1,)]
        assert ("", "Chase logged on Bakery website.") in messages(pilot)
        # The clock restarts: nobody to chase today any more.
        assert table_rows(chase) == [["Nobody to chase today.", "", "", ""]]
        # Still waiting on the client: its validation is late.
        waiting = table_rows(board.query_one("#waiting", FittedTable))
        assert [r[0] for r in waiting] == ["Bakery website", "Festival poster series"]


def marked_section(table: DataTable[Any]) -> bool:
    """Is the table's section the one marked as focused (`:focus-within` in board.tcss)?"""
    return table.parent is not None and table.parent.has_pseudo_class("focus-within")


async def test_board_marks_the_focused_table_and_T_logs_time_on_its_line(
    demo: Store, db_path: Path
) -> None:
    rossi = project_id(db_path, "Rossi intranet")
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        board = app.screen
        assert isinstance(board, BoardScreen)
        tables = {t.id: t for t in board.query(FittedTable)}
        # The four tables line up: the same project column in each.
        widths = {tid: t.ordered_columns[0].width for tid, t in tables.items()}
        assert set(widths.values()) == {widths["alarms"]}, widths
        # Only the focused table's section is marked.
        assert tables["alarms"].has_focus
        marked = [tid for tid, t in tables.items() if marked_section(t)]
        assert marked == ["alarms"]
        time = tables["time"]
        time.focus()
        await settle(pilot)
        marked = [tid for tid, t in tables.items() if marked_section(t)]
        assert marked == ["time"]
        time.move_cursor(row=[r[0] for r in table_rows(time)].index("Rossi intranet"))
        await settle(pilot)
        form = await open_time_form(pilot)
        assert form.query_one("#project", Select).value == str(rossi)
        await type_text(pilot, "20m")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen)
        assert query_db(db_path, LAST_ENTRY) == [(rossi, 20, "work", TODAY.isoformat())]


# --- during: time and incidents ---------------------------------------------------------


async def test_time_tab_then_an_incident_recorded_edited_resolved_and_its_timeline(
    demo: Store, db_path: Path
) -> None:
    bakery = project_id(db_path, "Bakery website")
    app = make_app(demo, open_project=bakery)
    async with running(app) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        await press(pilot, "d")  # the during phase, shown once loaded, then its time tab
        await press(pilot, "4")
        pane = screen.query_one(DuringPane)
        summary = text_of(pane.query_one("#time-summary", Static))
        assert "Logged 27h45 of 40h" in summary
        assert "69%" in summary
        assert "At this pace: 36h05 by the delivery date" in summary
        assert "Rework: 1h (4% of the time)" in summary  # under 20 %: no mark
        weeks = table_rows(pane.query_one("#weeks", DataTable))
        assert len(weeks) == 8
        # Newest week first. Nothing yet this week; the week of the 16th has the work of
        # the 17th and the 20th (2h each) and an hour of rework on the 18th.
        assert weeks[0][:6] == ["23 Nov", "·", "·", "·", "·", "·"]
        assert weeks[1][:6] == ["16 Nov", "4h", "1h", "·", "·", "5h"]
        assert [w[0] for w in weeks][-1] == "5 Oct"
        sparkline = summary.split("Last 8 weeks: ", 1)[1][:8]
        assert sparkline[-1] == " " and "█" in sparkline

        await press(pilot, "5")
        counts = table_counts(db_path)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.form_title == "New incident"
        await type_text(pilot, "Marie disputes the scope")
        form.query_one("#occurred_on", Input).value = "2026-11-24"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "future" in str(form.query_one("#occurred_on-error", Label).content)
        assert table_counts(db_path) == counts
        form.query_one("#occurred_on", Input).value = "2026-11-20"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        stored = (
            "SELECT id, title, occurred_on, next_step, status FROM incident WHERE project_id = ?"
        )
        [(incident, *rest)] = query_db(db_path, stored, bakery)
        assert rest == ["Marie disputes the scope", "2026-11-20", "", "open"]
        table = pane.query_one("#incidents", FittedTable)
        assert table_rows(table)[0][:3] == ["20 Nov 2026", "Marie disputes the scope", "open"]

        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.query_one("#title", Input).value == "Marie disputes the scope"
        form.query_one("#next_step", Input).value = "Call Marie with the contract"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert query_db(db_path, stored, bakery) == [
            (
                incident,
                "Marie disputes the scope",
                "2026-11-20",
                "Call Marie with the contract",
                "open",
            )
        ]

        await press(pilot, "s")
        assert query_db(db_path, "SELECT status FROM incident WHERE id = ?", incident) == [
            ("resolved",)
        ]
        assert table_rows(table)[0][2] == "resolved"

        await press(pilot, "l")
        modal = app.screen
        assert isinstance(modal, ReportModal)
        assert modal.report_title == "Factual timeline"
        timeline = modal.query_one("#report-text", TextArea).text
        assert timeline.startswith("# Timeline of Bakery website\n\nClient: Marie Lambert.\n")
        assert "Prepared about: Marie disputes the scope." in timeline
        assert "- Deadline missed: Mock-ups validated by Marie (still open) (client)" in timeline
        assert "- Incident: Marie disputes the scope" in timeline
