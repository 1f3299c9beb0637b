"""Correcting and deleting what the during phase records, as a user does it on the demo's
Bakery website: `e` opens the selected line's form filled with it and saves with the
version it read (a colleague's change meanwhile is refused, nothing overwritten); `del`
asks, `n` keeps, `y` deletes, `u` brings it back. And the contact log kept live: a burst
of captures from the shell shows at the top when the cursor was there."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from relay_tui import fastcapture
from relay_tui.app import RelayApp
from relay_tui.db import Store
from relay_tui.screens.capture import ContactEditModal
from relay_tui.screens.confirm import ConfirmModal
from relay_tui.screens.during import DuringPane
from relay_tui.screens.form import FormModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.services.contacts import capture, edit_contact
from relay_tui.services.incidents import save_incident
from relay_tui.services.projects import add_project
from relay_tui.services.timelog import edit_time_entry
from relay_tui.widgets.form_fields import TickBox
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW
from tests.screens.helpers import (
    colleague,
    column_values,
    make_app,
    query_db,
    running,
    settle,
    table_rows,
    toasts,
)
from tests.screens.test_during import bakery_id, move_to, open_bakery_during, open_form, press

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

CONTACTS = (
    "SELECT id, project_id, at, channel, direction, summary, awaiting_reply, is_chase"
    " FROM contact ORDER BY id"
)
TIME = "SELECT id, project_id, spent_on, minutes, category, note FROM time_entry ORDER BY id"
VALIDATIONS = "SELECT id, deliverable, requested_on, validated_on FROM validation ORDER BY id"
INCIDENTS = "SELECT id, title, next_step, status FROM incident ORDER BY id"


def said(app: RelayApp) -> str:
    """The notifications on screen, on one line (their border and wrapping left out)."""
    return " ".join(toasts(app).replace("▌", " ").split())


def selected_id(table: DataTable[Any]) -> int:
    """The id of the record on the table's selected line (its row key)."""
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    assert key is not None and key.isdigit(), key
    return int(key)


async def delete_then_undo(pilot: Pilot[Any], db_path: Path, query: str, name: str) -> Any:
    """On the selected line: del then n keeps it, del then y deletes it (that one row, and
    the app says so), u brings it back. Returns the row that went."""
    app = pilot.app
    before = query_db(db_path, query)
    await press(pilot, "delete")
    assert isinstance(app.screen, ConfirmModal)
    assert f"Delete {name} #" in str(app.screen.query_one("#question").render())
    await press(pilot, "n")
    assert not isinstance(app.screen, ConfirmModal)
    assert query_db(db_path, query) == before
    await press(pilot, "delete")
    await press(pilot, "y")
    after = query_db(db_path, query)
    [gone] = set(before) - set(after)
    assert len(after) == len(before) - 1
    assert f"Deleted {name} #{gone[0]}" in toasts(app)
    await press(pilot, "u")
    assert query_db(db_path, query) == before
    assert f"Undone: {name} #{gone[0]}" in toasts(app)
    return gone


async def open_contact_form(pilot: Pilot[Any]) -> ContactEditModal:
    await press(pilot, "e")  # settled: its projects are loaded
    form = pilot.app.screen
    assert isinstance(form, ContactEditModal), form
    return form


async def save(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await press(pilot, "ctrl+s")


# --- the contact log --------------------------------------------------------------------


async def test_a_contact_is_corrected_then_deleted_and_brought_back(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "2")
        table = pane.query_one("#contacts", FittedTable)
        await move_to(pilot, table, table_rows(table)[1][0])  # ⏳ Sent the mock-ups…
        chosen = selected_id(table)
        [before] = [row for row in query_db(db_path, CONTACTS) if row[0] == chosen]
        version = "SELECT version FROM contact WHERE id = ?"
        [(read,)] = query_db(db_path, version, chosen)

        form = await open_contact_form(pilot)
        assert form.query_one("#text", Input).value == "Sent the mock-ups for validation"
        assert form.query_one("#project", Select).value == bakery_id(db_path)
        form.query_one("#text", Input).value = "Sent the mock-ups and the menu for validation"
        form.query_one("#channel", Select).value = "phone"
        await save(pilot)

        assert not isinstance(app.screen, ContactEditModal)
        [after] = [row for row in query_db(db_path, CONTACTS) if row[0] == chosen]
        # What was changed, and nothing else: the instant to the second, awaiting a reply.
        assert after[3:6] == ("phone", "out", "Sent the mock-ups and the menu for validation")
        assert after[:3] + after[6:] == before[:3] + before[6:]
        assert query_db(db_path, version, chosen) == [(read + 1,)]
        assert "Contact corrected." in toasts(app)
        assert table_rows(table)[table.cursor_row][2] == "phone"

        gone = await delete_then_undo(pilot, db_path, CONTACTS, "contact")
        assert gone[0] == chosen
        assert str(chosen) in [row.value for row in table.rows]


async def test_only_what_the_form_changed_is_saved(demo: Store, db_path: Path) -> None:
    """The form shows a contact as the log does (to the minute; answered since, so not
    awaiting); what the user did not touch keeps its stored value."""
    bakery = bakery_id(db_path)
    asked = FIXED_NOW - timedelta(minutes=50, seconds=17)
    contact, _ = capture(
        demo,
        {"project": bakery, "summary": "Asked for the logo", "awaiting_reply": True, "at": asked},
        now=FIXED_NOW,
    )
    answer = {"project": bakery, "summary": "Logo sent", "direction": "in"}
    capture(demo, {**answer, "at": FIXED_NOW - timedelta(minutes=5)}, now=FIXED_NOW)
    query = "SELECT at, awaiting_reply, summary FROM contact WHERE id = ?"
    [(at, awaiting, _)] = query_db(db_path, query, contact.id)
    app = make_app(demo)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "2")
        table = pane.query_one("#contacts", FittedTable)
        await move_to(pilot, table, table_rows(table)[1][0])
        assert selected_id(table) == contact.id
        form = await open_contact_form(pilot)
        assert form.query_one("#at", Input).value == "2026-11-23 09:09"
        assert not form.query_one("#awaiting", TickBox).value  # answered since
        form.query_one("#text", Input).value = "Asked Marie for the logo"
        await save(pilot)
        assert query_db(db_path, query, contact.id) == [(at, awaiting, "Asked Marie for the logo")]
        assert awaiting == 1 and at.endswith(":43.000000")


async def test_a_contact_captured_in_the_wrong_project_is_moved(demo: Store, db_path: Path) -> None:
    [(wedding,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Wedding site for Léa'")
    app = make_app(demo)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "2")
        table = pane.query_one("#contacts", FittedTable)
        chosen = selected_id(table)
        shown = len(table_rows(table))

        form = await open_contact_form(pilot)
        form.query_one("#project", Select).value = wedding  # one of its options
        await save(pilot)

        assert query_db(db_path, "SELECT project_id FROM contact WHERE id = ?", chosen) == [
            (wedding,)
        ]
        assert len(table_rows(table)) == shown - 1  # no longer in the Bakery's log
        assert str(chosen) not in [row.value for row in table.rows]


async def test_a_contact_changed_by_a_colleague_meanwhile_is_not_overwritten(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "2")
        table = pane.query_one("#contacts", FittedTable)
        chosen = selected_id(table)
        form = await open_contact_form(pilot)
        with colleague(db_path) as bob:
            edit_contact(bob, chosen, {"summary": "Bob's words"}, now=FIXED_NOW)
        form.query_one("#text", Input).value = "My words"
        await save(pilot)

        # Refused: the form closes and says why; the log shows Bob's version.
        assert not isinstance(app.screen, ContactEditModal)
        assert "this contact was changed by bob since you opened it" in toasts(app)
        assert query_db(db_path, "SELECT summary FROM contact WHERE id = ?", chosen) == [
            ("Bob's words",)
        ]
        assert "Bob's words" in column_values(table, "summary")[table.cursor_row]


async def test_a_burst_of_captures_from_the_shell_shows_at_the_top_unless_scrolled_away(
    demo: Store, db_path: Path
) -> None:
    """Item 8 of issue 14: the open log follows the newest contacts while its cursor is on
    the newest line; moved anywhere else, it stays on its contact."""

    captured: list[str] = []

    def burst(*texts: str) -> None:  # `relay capture "…"` in another terminal, minute after minute
        for text in texts:
            captured.append(text)
            now = FIXED_NOW + timedelta(minutes=len(captured))
            fastcapture.capture(db_path, text=text, project="Bakery", now=now)

    async def store_checked(app: RelayApp) -> None:
        app.check_store()  # what the app's poll does: another program wrote, reload
        await settle(pilot)

    app = make_app(demo)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "2")
        table = pane.query_one("#contacts", FittedTable)
        assert table.cursor_row == 0
        burst("Sent the invoice", "Sent the contract", "Sent the photos")
        await store_checked(app)
        summaries = column_values(table, "summary")
        assert summaries[:3] == ["Sent the photos", "Sent the contract", "Sent the invoice"]
        assert table.cursor_row == 0  # on the newest: it follows
        assert table.scroll_y == 0

        await move_to(pilot, table, table_rows(table)[2][0])
        chosen = selected_id(table)
        burst("Sent the menu", "Sent the prices")
        await store_checked(app)
        assert column_values(table, "summary")[:2] == ["Sent the prices", "Sent the menu"]
        assert table.cursor_row == 4  # moved away: it stays on its contact
        assert selected_id(table) == chosen


# --- validations ------------------------------------------------------------------------


async def test_a_pending_request_is_corrected_and_withdrawn_a_validated_one_is_locked(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "3")
        table = pane.query_one("#validations", FittedTable)
        await move_to(pilot, table, "Home page mock-up")
        chosen = selected_id(table)

        form = await open_form(pilot, "e")
        assert form.form_title == "Validation request"
        assert form.query_one("#deliverable", Input).value == "Home page mock-up"
        form.query_one("#deliverable", Input).value = "Home page mock-up, second draft"
        form.query_one("#requested_on", Input).value = "2026-11-20"
        await save(pilot)
        assert not isinstance(app.screen, FormModal)
        assert query_db(
            db_path, "SELECT deliverable, requested_on FROM validation WHERE id = ?", chosen
        ) == [("Home page mock-up, second draft", "2026-11-20")]

        await move_to(pilot, table, "Home page mock-up, second draft")
        gone = await delete_then_undo(pilot, db_path, VALIDATIONS, "validation request")
        assert gone[0] == chosen

        # Validated: locked. Neither key opens anything; each says how to reopen it.
        await move_to(pilot, table, "Site map")
        before = query_db(db_path, VALIDATIONS)
        for key, what in (("e", "change"), ("delete", "withdraw")):
            await press(pilot, key)
            assert isinstance(app.screen, ProjectScreen)
            assert (
                f"Validated on 27 Oct 2026: it is locked; to {what} it, press o to reopen it "
                "with a reason first." in said(app)
            )
        assert query_db(db_path, VALIDATIONS) == before


# --- time -------------------------------------------------------------------------------


async def test_time_entries_are_listed_corrected_and_deleted(demo: Store, db_path: Path) -> None:
    bakery = bakery_id(db_path)
    newest = (
        "SELECT id, minutes, category FROM time_entry WHERE project_id = ?"
        " ORDER BY spent_on DESC, id DESC"
    )
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "4")
        table = pane.query_one("#time-entries", FittedTable)
        assert table.has_focus
        stored = query_db(db_path, newest, bakery)
        assert [selected_id(table)] == [stored[0][0]]
        assert len(table_rows(table)) == len(stored)
        assert pane.query_one("#weeks", DataTable).row_count == 8  # the weeks, still
        chosen = stored[0][0]

        form = await open_form(pilot, "e")
        assert form.form_title == "Time entry"
        form.query_one("#minutes", Input).value = "3h"
        form.query_one("#category", Select).value = "rework"
        form.query_one("#note", Input).value = "Fixing the menu page"
        await save(pilot)
        assert not isinstance(app.screen, FormModal)
        assert query_db(
            db_path, "SELECT minutes, category, note FROM time_entry WHERE id = ?", chosen
        ) == [(180, "rework", "Fixing the menu page")]
        assert table_rows(table)[0][1:4] == ["3h", "rework", "Fixing the menu page"]

        gone = await delete_then_undo(pilot, db_path, TIME, "time entry")
        assert gone[0] == chosen


async def test_a_time_entry_changed_by_a_colleague_meanwhile_is_not_overwritten(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "4")
        table = pane.query_one("#time-entries", FittedTable)
        chosen = selected_id(table)
        [(minutes,)] = query_db(db_path, "SELECT minutes FROM time_entry WHERE id = ?", chosen)
        form = await open_form(pilot, "e")
        with colleague(db_path) as bob:
            edit_time_entry(bob, chosen, {"note": "Bob's note"}, now=FIXED_NOW)
        form.query_one("#minutes", Input).value = "7h"
        await save(pilot)

        assert not isinstance(app.screen, FormModal)
        assert "this time entry was changed by bob since you opened it" in toasts(app)
        assert query_db(db_path, "SELECT minutes, note FROM time_entry WHERE id = ?", chosen) == [
            (minutes, "Bob's note")
        ]
        assert table_rows(table)[table.cursor_row][3] == "Bob's note"


# --- incidents --------------------------------------------------------------------------


async def test_an_incident_is_edited_then_deleted_and_brought_back(
    demo: Store, db_path: Path
) -> None:
    incident = save_incident(
        demo,
        bakery_id(db_path),
        {"title": "Photos late again", "occurred_on": "2026-11-20", "facts": "Promised Nov 13"},
        now=FIXED_NOW,
    )
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "5")
        table = pane.query_one("#incidents", FittedTable)
        assert selected_id(table) == incident.id

        form = await open_form(pilot, "e")
        assert form.form_title == "Incident"
        form.query_one("#next_step", Input).value = "Write to Marie with the dates"
        await save(pilot)
        assert query_db(db_path, "SELECT next_step FROM incident WHERE id = ?", incident.id) == [
            ("Write to Marie with the dates",)
        ]

        gone = await delete_then_undo(pilot, db_path, INCIDENTS, "incident")
        assert gone[0] == incident.id


# --- an empty project -------------------------------------------------------------------


async def test_e_and_del_on_the_line_an_empty_tab_shows_do_nothing(
    demo: Store, db_path: Path
) -> None:
    """Each tab of a project with nothing recorded shows a line saying so (no record): e
    and del have nothing to act on."""
    project = add_project(demo, {"name": "Empty shop", "client": "Marie"}, now=FIXED_NOW)
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        projects = app.screen.query_one("#projects", FittedTable)
        projects.move_cursor(row=projects.get_row_index(str(project.id)))
        await press(pilot, "enter")
        await press(pilot, "d")
        pane = app.screen.query_one(DuringPane)
        for tab, table_id in (
            ("1", "deadlines"),
            ("2", "contacts"),
            ("3", "validations"),
            ("4", "time-entries"),
            ("5", "incidents"),
        ):
            await press(pilot, tab)
            table = pane.query_one(f"#{table_id}", FittedTable)
            assert table.has_focus, tab
            for key in ("e", "delete"):
                await press(pilot, key)
                assert isinstance(app.screen, ProjectScreen), (tab, key)
        assert toasts(app) == ""  # nothing said: no error either
