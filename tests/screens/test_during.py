"""The during phase as a user drives it on the demo data: keys pressed, then the store and
the screen checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent, TextArea

from relay_tui.db import Store
from relay_tui.screens.chase import ChaseModal
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.during import DuringPane
from relay_tui.screens.during_bells import BellsTab
from relay_tui.screens.form import FormModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.report import ReportModal
from relay_tui.services.status_report import report
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW, table_counts
from tests.screens.helpers import (
    colleague,
    column_values,
    make_app,
    query_db,
    running,
    settle,
    table_rows,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()
#: The bakery's chase message's subject: what `h` then `l` logs.
CHASE_SUBJECT = "Bakery website: waiting for “Mock-ups validated by Marie” and 2 more things"


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def open_bakery_during(pilot: Pilot[Any]) -> DuringPane:
    """From the demo dashboard (the Bakery website is the first row): enter, then d."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    await press(pilot, "d")
    assert screen.phase == "during"
    assert screen.sub_title == "Bakery website · During"
    pane = screen.query_one(DuringPane)
    assert pane.display and pane.region.area > 0
    assert pane.project_name == "Bakery website" and pane.query_one(BellsTab).loaded
    return pane


async def open_form(pilot: Pilot[Any], *keys: str) -> FormModal:
    await press(pilot, *keys)
    form = pilot.app.screen
    assert isinstance(form, FormModal), form
    return form


async def move_to(pilot: Pilot[Any], table: DataTable[Any], first_cell: str) -> None:
    """Move the table's cursor with the arrow keys to the row starting with `first_cell`."""
    firsts = [row[0] for row in table_rows(table)]
    target = firsts.index(first_cell)
    table.focus()
    await pilot.pause()
    key = "down" if target > table.cursor_row else "up"
    for _ in range(abs(target - table.cursor_row)):
        await pilot.press(key)
    await settle(pilot)
    assert table.cursor_row == target


def bakery_id(db: Path) -> int:
    [(pid,)] = query_db(db, "SELECT id FROM project WHERE name = 'Bakery website'")
    return int(pid)


# --- reading the screen -----------------------------------------------------------------


async def test_alarm_bells_show_the_late_validation_the_freeze_then_report_and_search(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        tabs = pane.query_one("#during-tabs", TabbedContent)
        assert tabs.active == "bells"
        table = pane.query_one("#deadlines", FittedTable)
        # The focus is inside the pane, so that its keys work at once.
        assert app.focused is not None and pane in app.focused.ancestors_with_self
        rows = {row[0]: row for row in table_rows(table)}
        assert list(rows) == [
            "Photos and texts from Marie",
            "Mock-ups validated by Marie",
            "Build the pages",
            "Go live",
        ]
        late = rows["Mock-ups validated by Marie"]
        assert (late[1], late[2], late[3], late[5]) == ("client", "17 Nov (6 d ago)", "", "● late")
        build = rows["Build the pages"]
        assert (build[1], build[2], build[3]) == ("me", "27 Nov (in 4 d)", "3 Dec (+6 d)")
        assert build[6] == "Mock-ups validated by Marie"
        assert rows["Go live"][3] == "11 Dec (+6 d)"
        assert rows["Go live"][6] == "Build the pages"
        assert rows["Photos and texts from Marie"][5] == "✓ done"

        banner = text_of(pane.query_one("#during-banner", Static))
        assert (
            "The client is 6 days late on Mock-ups validated by Marie: the work that depends "
            "on it is frozen." in banner
        )
        assert "Chase today: “Sent the mock-ups for validation”" in banner
        freeze = text_of(pane.query_one("#freeze", Static))
        assert freeze.startswith("Feedback freeze\n")
        assert (
            "Build the pages: moved 6 days by the late 'Mock-ups validated by Marie', now "
            "projected on Thu 3 Dec." in freeze
        )
        assert (
            "Go live: moved 6 days by the late 'Mock-ups validated by Marie', now projected "
            "on Fri 11 Dec." in freeze
        )

        # The status report: g asks for the period's words (the draft kept), then shows
        # it; y copies the Markdown.
        await press(pilot, "g")
        assert isinstance(app.screen, FormModal)
        await press(pilot, "ctrl+s")
        modal = app.screen
        assert isinstance(modal, ReportModal)
        _, expected = report(demo, bakery_id(db_path), TODAY)
        assert modal.query_one("#report-text", TextArea).text == expected
        await press(pilot, "y")
        assert app.clipboard == expected
        assert app.clipboard.startswith("# Bakery website: where we stand\n")
        assert "overdue since Tuesday 17 November" in app.clipboard
        await press(pilot, "escape")
        assert isinstance(app.screen, ProjectScreen)

        # The contact log: this project only, newest first; a search spans every project.
        await press(pilot, "2")
        assert tabs.active == "contacts-tab"
        contacts = pane.query_one("#contacts", FittedTable)
        assert contacts.has_focus
        assert column_values(contacts, "summary") == [
            "⏳ Reminder: mock-ups still waiting for your go",
            "⏳ Sent the mock-ups for validation",
            "Kick-off at the bakery; Marie wants online orders later",
        ]
        await press(pilot, "slash")
        field = pane.query_one("#contact-search", Input)
        assert field.display and field.has_focus
        await press(pilot, "s", "e", "n", "t", "enter")
        assert field.value == "sent"
        found = [(row[3], row[4]) for row in table_rows(contacts)]
        assert found == [
            ("Wedding site for Léa", "Léa sent her favourite templates"),
            ("Bakery website", "⏳ Sent the mock-ups for validation"),
        ]
        assert "search “sent” in all projects" in text_of(
            pane.query_one("#contact-filters", Static)
        )
        # Escape clears the search: back to this project's log.
        field.focus()
        await press(pilot, "escape")
        assert not field.display
        assert len(table_rows(contacts)) == 3


# --- writing: alarm bells and chasing ---------------------------------------------------


async def test_add_an_alarm_bell_mark_one_done_and_undone_then_log_a_chase(
    demo: Store, db_path: Path
) -> None:
    bakery = bakery_id(db_path)
    app = make_app(demo)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        table = pane.query_one("#deadlines", FittedTable)

        form = await open_form(pilot, "n")
        assert form.form_title == "New alarm bell"
        form.query_one("#title", Input).value = "Renew the domain name"
        form.query_one("#due_on", Input).value = "+3d"
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)
        assert query_db(
            db_path,
            "SELECT due_on, owner, kind, done_on FROM deadline WHERE project_id = ? AND title = ?",
            bakery,
            "Renew the domain name",
        ) == [("2026-11-26", "provider", "other", None)]
        rows = {row[0]: row for row in table_rows(table)}
        assert rows["Renew the domain name"][2] == "26 Nov (in 3 d)"
        assert len(rows) == 5

        # x marks the selected alarm bell done, x again undoes it.
        await move_to(pilot, table, "Build the pages")
        await press(pilot, "x")
        done = "SELECT done_on FROM deadline WHERE project_id = ? AND title = 'Build the pages'"
        assert query_db(db_path, done, bakery) == [(TODAY.isoformat(),)]
        rows = {row[0]: row for row in table_rows(table)}
        assert rows["Build the pages"][5] == "✓ done"
        assert rows["Build the pages"][3] == ""  # done: not projected any more
        assert table.cursor_row == [r[0] for r in table_rows(table)].index("Build the pages")
        await press(pilot, "x")
        assert query_db(db_path, done, bakery) == [(None,)]
        assert {r[0]: r for r in table_rows(table)}["Build the pages"][3] == "3 Dec (+6 d)"

        # h shows the chase message, l logs it: a new outbound contact awaiting a reply,
        # the message's subject as its text, shown in the log.
        await press(pilot, "h")
        assert isinstance(app.screen, ChaseModal)
        await press(pilot, "l")
        chases = query_db(
            db_path,
            "SELECT summary, direction, awaiting_reply, channel FROM contact"
            " WHERE project_id = ? AND is_chase = 1",
            bakery,
        )
        assert chases == [(CHASE_SUBJECT, "out", 1, "email")]
        banner = text_of(pane.query_one("#during-banner", Static))
        assert "Chase today" not in banner  # the clock restarted
        await press(pilot, "2")
        contacts = pane.query_one("#contacts", FittedTable)
        shown = column_values(contacts, "summary")[0]  # cut to the column's width
        assert shown.startswith("⏳ Bakery website: waiting for “Mock-ups validated by Marie”")
        assert column_values(contacts, "when")[0] == "Mon 23 Nov 10:00"
        assert len(table_rows(contacts)) == 4


# --- writing: validations ---------------------------------------------------------------


async def test_validate_then_reopen_with_a_reason(demo: Store, db_path: Path) -> None:
    bakery = bakery_id(db_path)
    app = make_app(demo)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "3")
        table = pane.query_one("#validations", FittedTable)
        assert table.has_focus
        assert [(r[0], r[2]) for r in table_rows(table)] == [
            ("Site map", "27 Oct 2026 🔒"),
            ("Home page mock-up", "awaiting"),
        ]
        await move_to(pilot, table, "Home page mock-up")

        form = await open_form(pilot, "v")
        assert form.form_title == "Validate: Home page mock-up"
        form.query_one("#validated_by", Input).value = "Marie Lambert"
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)
        select = (
            "SELECT id, validated_on, validated_by FROM validation"
            " WHERE project_id = ? AND deliverable = 'Home page mock-up'"
        )
        [(vid, validated_on, by)] = query_db(db_path, select, bakery)
        assert (validated_on, by) == (TODAY.isoformat(), "Marie Lambert")
        row = {r[0]: r for r in table_rows(table)}["Home page mock-up"]
        assert (row[2], row[3]) == ("23 Nov 2026 🔒", "Marie Lambert")

        # Locked: v again only warns, no form.
        await press(pilot, "v")
        assert isinstance(app.screen, ProjectScreen)

        await move_to(pilot, table, "Home page mock-up")
        form = await open_form(pilot, "o")
        assert form.form_title == "Reopen: Home page mock-up"
        form.query_one("#reason", TextArea).load_text("Marie wants the croissants bigger")
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)
        assert query_db(
            db_path,
            "SELECT reason, previous_validated_on, previous_validated_by FROM change_request"
            " WHERE validation_id = ?",
            vid,
        ) == [("Marie wants the croissants bigger", TODAY.isoformat(), "Marie Lambert")]
        assert query_db(db_path, select, bakery) == [(vid, None, "")]
        row = {r[0]: r for r in table_rows(table)}["Home page mock-up"]
        assert (row[2], row[4]) == ("awaiting", "1")

        await move_to(pilot, table, "Home page mock-up")
        history = text_of(pane.query_one("#validation-history", Static))
        # Alone on the store, who asked and who recorded is always you: not said.
        assert history.startswith("Change requests\n")
        assert ": Marie wants the croissants bigger" in history
        assert app.store.who() not in history
        assert "(had been validated on 23 Nov by Marie Lambert)" in history


async def test_a_loop_made_in_the_edit_form_is_refused_next_to_its_field(
    demo: Store, db_path: Path
) -> None:
    bakery = bakery_id(db_path)
    [(live,)] = query_db(
        db_path, "SELECT id FROM deadline WHERE project_id = ? AND title = 'Go live'", bakery
    )
    counts = table_counts(db_path)
    app = make_app(demo)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        await move_to(
            pilot, pane.query_one("#deadlines", FittedTable), "Mock-ups validated by Marie"
        )
        form = await open_form(pilot, "e")
        assert form.form_title == "Alarm bell"
        # The mock-ups would come after "Go live", which comes after them: a loop.
        form.query_one("#after_id", Select).value = str(live)
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert app.screen is form  # refused: the form stays open
        assert table_counts(db_path) == counts
        assert query_db(
            db_path,
            "SELECT after_id FROM deadline WHERE title = 'Mock-ups validated by Marie'",
        ) == [(None,)]
        message = str(form.query_one("#after_id-error", Label).content)
        assert "loop" in message


async def test_a_reload_after_a_colleagues_capture_keeps_the_cursor_on_the_same_contact(
    demo: Store, db_path: Path
) -> None:
    """The open app reloads whenever anyone writes: the selection stays on its record even
    when the new contact is inserted above it."""
    from relay_tui.screens.messages import StoreChanged
    from relay_tui.services.contacts import capture

    app = make_app(demo)
    async with app.run_test(size=(140, 40)) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "2")
        table = pane.query_one("#contacts", FittedTable)
        assert app.focused is table
        await press(pilot, "down")
        chosen = table_rows(table)[1][0]  # when it was: the ⏳ goes once Marie answers
        with colleague(db_path) as bob:
            capture(
                bob,
                {"project": bakery_id(db_path), "summary": "Marie called back", "direction": "in"},
                now=FIXED_NOW,
            )

        app.screen.post_message(StoreChanged())  # what the store watch sends
        await settle(pilot)

        rows = table_rows(table)
        assert column_values(table, "summary")[0] == "Marie called back"  # the newest, on top
        assert table.cursor_row == 2
        assert rows[table.cursor_row][0] == chosen
