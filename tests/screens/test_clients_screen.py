"""The clients screen (C on the dashboard): every client with their projects; n adds one,
e corrects the selected one, del deletes it with its projects after saying so, u brings
it all back. Keys pressed as a user presses them; the store checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, Static

from relay_tui.db import Store
from relay_tui.screens.clients import ClientsScreen
from relay_tui.screens.confirm import ConfirmModal
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.form import FormModal
from relay_tui.services.clients import edit_client
from tests.conftest import table_counts
from tests.screens.helpers import (
    colleague,
    make_app,
    query_db,
    running,
    settle,
    shown,
    table_rows,
    toasts,
)
from tests.screens.test_snapshots import SnapCompare, steady

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def open_clients(pilot: Pilot[Any]) -> ClientsScreen:
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await press(pilot, "C")
    screen = pilot.app.screen
    assert isinstance(screen, ClientsScreen)
    return screen


async def select_client(pilot: Pilot[Any], db: Path, screen: ClientsScreen, name: str) -> int:
    """Move the cursor down to the client named `name`; its id."""
    table = screen.query_one("#clients", DataTable)
    [(client,)] = query_db(db, "SELECT id FROM client WHERE name = ?", name)
    while table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != str(client):
        await press(pilot, "down")
    return int(client)


def counts(db: Path) -> dict[str, int]:
    return {name: n for name, n in table_counts(db).items() if name != "undo_step"}


async def test_C_lists_the_clients_with_their_projects_and_escape_goes_back(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        screen = await open_clients(pilot)
        rows = table_rows(screen.query_one("#clients", DataTable))
        names = [name for (name,) in query_db(db_path, "SELECT name FROM client ORDER BY name")]
        assert [row[0] for row in rows] == names
        sofia = next(row for row in rows if row[0] == "Sofia Rossi")
        assert sofia[1:] == ["Rossi & Figli", "sofia@rossi.example", "+39 333 123 4567", "2"]
        await select_client(pilot, db_path, screen, "Sofia Rossi")
        detail = shown(screen.query_one("#client-detail", Static))
        assert "Projects: Rossi intranet, Rossi online shop" in detail
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_n_adds_a_client_and_e_corrects_one(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        screen = await open_clients(pilot)
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, FormModal) and form.form_title == "New client"
        await press(pilot, *"Nina Chen")
        form.query_one("#email", Input).value = "nina@chen.example"
        form.query_one("#channel", Select).value = "chat"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert query_db(
            db_path, "SELECT email, channel, phone FROM client WHERE name = 'Nina Chen'"
        ) == [("nina@chen.example", "chat", None)]
        assert "Nina Chen" in [row[0] for row in table_rows(screen.query_one(DataTable))]

        client = await select_client(pilot, db_path, screen, "Léa Martin")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, FormModal) and form.form_title == "Edit client"
        assert form.query_one("#email", Input).value == "lea@martin.example"
        assert form.query_one("#channel", Select).value == "email"
        form.query_one("#phone", Input).value = "+33 1 23 45 67 89"
        form.query_one("#organisation", Input).value = "Martin & Co"
        await press(pilot, "ctrl+s")
        assert query_db(
            db_path, "SELECT name, organisation, phone, email FROM client WHERE id = ?", client
        ) == [("Léa Martin", "Martin & Co", "+33 1 23 45 67 89", "lea@martin.example")]
        assert "Client saved." in toasts(app)


async def test_a_client_name_taken_or_a_colleagues_change_is_refused(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        screen = await open_clients(pilot)
        client = await select_client(pilot, db_path, screen, "Tom Becker")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, FormModal)
        form.query_one("#name", Input).value = "Marie Lambert"  # another client's name
        await press(pilot, "ctrl+s")
        assert app.screen is form  # still open, with what was typed and why
        assert "already exists" in str(form.query_one("#name-error", Label).render())

        with colleague(db_path) as bob:
            edit_client(bob, client, {"phone": "+49 30 1234"})
        form.query_one("#name", Input).value = "Tom Becker GmbH"
        await press(pilot, "ctrl+s")
        assert "this client was changed by bob since you opened it" in toasts(app)
        assert query_db(db_path, "SELECT name, phone FROM client WHERE id = ?", client) == [
            ("Tom Becker", "+49 30 1234")
        ]
        assert app.screen is screen
        assert "+49 30 1234" in shown(screen.query_one("#client-detail", Static))


async def test_del_deletes_a_client_with_its_projects_after_saying_so_and_u_restores_all(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        screen = await open_clients(pilot)
        client = await select_client(pilot, db_path, screen, "Sofia Rossi")
        before = counts(db_path)
        projects = query_db(db_path, "SELECT id FROM project WHERE client_id = ?", client)
        assert len(projects) == 2

        await press(pilot, "delete")
        asked = app.screen
        assert isinstance(asked, ConfirmModal)
        assert asked.question.startswith("Delete client #")
        assert "“Sofia Rossi”? With it go 2 projects," in asked.question
        await press(pilot, "n")
        assert counts(db_path) == before

        await press(pilot, "delete", "y")
        assert query_db(db_path, "SELECT id FROM client WHERE id = ?", client) == []
        assert query_db(db_path, "SELECT id FROM project WHERE client_id = ?", client) == []
        assert "Deleted client #" in toasts(app)
        assert "Sofia Rossi" not in [row[0] for row in table_rows(screen.query_one(DataTable))]

        await press(pilot, "u")
        assert counts(db_path) == before
        assert query_db(db_path, "SELECT id FROM project WHERE client_id = ?", client) == projects
        assert "Sofia Rossi" in [row[0] for row in table_rows(screen.query_one(DataTable))]


async def test_no_client_yet_says_how_to_add_one(store: Store) -> None:
    app = make_app(store)
    async with running(app) as pilot:
        screen = await open_clients(pilot)
        assert "No client yet. n adds one" in shown(screen.query_one("#clients-summary", Static))
        assert not screen.query_one("#clients", DataTable).display
        assert screen.check_action("edit_client", ()) is False
        assert screen.check_action("delete", ()) is False


# --- snapshots ----------------------------------------------------------------------------


async def on_clients(pilot: Pilot[Any]) -> None:
    await steady(pilot)
    await pilot.press("C")
    await steady(pilot)
    await pilot.press("down", "down")  # Marie Lambert, her details under the table
    await steady(pilot)
    assert isinstance(pilot.app.screen, ClientsScreen)


def test_clients_screen_80x24(snap_compare: SnapCompare, demo: Store) -> None:
    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=on_clients)


def test_clients_screen_160x48(snap_compare: SnapCompare, demo: Store) -> None:
    assert snap_compare(make_app(demo), terminal_size=(160, 48), run_before=on_clients)
