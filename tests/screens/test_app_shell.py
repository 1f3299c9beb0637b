"""The app as a user drives it: keys pressed, then the store and the screen checked."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import (
    Checkbox,
    ContentSwitcher,
    DataTable,
    HelpPanel,
    Input,
    Label,
    Select,
    Static,
)

from relay_tui.app import RelayApp
from relay_tui.db import Store
from relay_tui.screens.board import BoardScreen
from relay_tui.screens.capture import CaptureModal
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.project_form import NEW_CLIENT, NewProjectScreen
from relay_tui.services.clients import add_client, list_clients
from relay_tui.services.contacts import capture
from relay_tui.services.dashboard import dashboard
from relay_tui.services.projects import add_project
from relay_tui.settings import load_settings
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW, run_relay, table_counts
from tests.screens.helpers import (
    column_values,
    make_app,
    query_db,
    running,
    search_palette,
    settle,
    shown,
    table_rows,
)

# The demo seeder still uses session.query(); its deprecation warning is not ours to test.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


ACTIVE_DEMO_PROJECTS = {
    "Bakery website",
    "Festival poster series",
    "Rossi intranet",
    "Atelier Nord catalogue",
    "Wedding site for Léa",
}


def project_id(db: Path, name: str) -> int:
    rows = query_db(db, "SELECT id FROM project WHERE name = ?", name)
    assert len(rows) == 1, rows
    return int(rows[0][0])


def contacts_of(db: Path) -> list[tuple[int, str, str, str, int]]:
    """(project id, summary, direction, channel, awaiting) of every contact, oldest first."""
    rows = query_db(
        db,
        "SELECT project_id, summary, direction, channel, awaiting_reply FROM contact ORDER BY id",
    )
    return [(int(p), s, d, c, int(a)) for p, s, d, c, a in rows]


def projects_table(app: RelayApp) -> DataTable[Any]:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen.query_one("#projects", FittedTable)


async def open_first_project(pilot: Pilot[Any], name: str = "Bakery website") -> ProjectScreen:
    """From the dashboard, where `name` is the first row: enter."""
    await settle(pilot)
    assert column_values(projects_table(pilot.app), "project")[0] == name
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    return screen


# --- the dashboard ------------------------------------------------------------------------


async def test_empty_store_shows_the_welcome_and_no_table(store: Store) -> None:
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        welcome = screen.query_one("#welcome", Static)
        assert welcome.display
        assert welcome.region.area > 0
        text = shown(welcome)
        assert "Press n to create your first project" in text
        assert "relay --demo" in text
        table = screen.query_one("#projects", FittedTable)
        assert not table.display
        assert table.region.area == 0
        assert not screen.query_one("#summary", Static).display


async def test_demo_dashboard_lists_active_projects_late_first(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        table = projects_table(app)
        names = column_values(table, "project")
        active = query_db(db_path, "SELECT name FROM project WHERE status = 'active'")
        assert {name for (name,) in active} == ACTIVE_DEMO_PROJECTS
        closed = query_db(db_path, "SELECT name FROM project WHERE status = 'closed'")
        assert closed == [("Rossi online shop",)]
        assert len(names) == 5
        assert set(names) == ACTIVE_DEMO_PROJECTS
        assert "Rossi online shop" not in shown(table)
        assert names[0] == "Bakery website"
        statuses = column_values(table, "status")
        assert statuses[0] == "● late"
        late_flags = [status == "● late" for status in statuses]
        assert late_flags == sorted(late_flags, reverse=True)  # no late row below another
        late = sum(1 for row in dashboard(demo, FIXED_NOW.date()) if row.next_status == "late")
        assert late >= 1
        summary = shown(app.screen.query_one("#summary", Static))
        assert f"5 active projects · {late} late" in summary
        assert not app.screen.query_one("#welcome", Static).display


# --- the new project form -------------------------------------------------------------


async def test_new_project_form_creates_project_client_commitments_and_event_risk(
    store: Store, db_path: Path
) -> None:
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewProjectScreen)
        await pilot.press(*"Shop")  # name
        # No client yet: no list to choose from, the new client's name comes next.
        assert not form.query_one("#client", Select).display
        await pilot.press("tab", *"Ada")
        await pilot.press("tab", "tab", "tab", *"+6w")  # kind, start, delivery
        await pilot.press("tab", "tab", "tab")  # budget, accountable, event
        assert form.focused is form.query_one("#event_bound", Select)
        await pilot.press("enter", "down", "enter")  # open the list, "Yes", pick it
        await pilot.pause()
        assert form.query_one("#event_bound", Select).value == "yes"
        await pilot.press("ctrl+s")
        await settle(pilot)

        rows = query_db(
            db_path,
            "SELECT project.id, client.name, project.delivery_on, project.event_bound"
            " FROM project JOIN client ON client.id = project.client_id"
            " WHERE project.name = 'Shop'",
        )
        assert len(rows) == 1
        pid, client, delivery, event_bound = rows[0]
        assert client == "Ada"
        assert delivery == (FIXED_NOW.date() + timedelta(weeks=6)).isoformat()
        assert event_bound == 1
        commitments = query_db(db_path, "SELECT count(*) FROM commitment WHERE project_id = ?", pid)
        assert commitments == [(10,)]
        risks = query_db(db_path, "SELECT category FROM risk WHERE project_id = ?", pid)
        assert ("event_deadline",) in risks

        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.project_id == pid
        assert screen.sub_title.startswith("Shop · ")


async def test_new_project_form_shows_errors_next_to_fields_and_writes_nothing(
    store: Store, db_path: Path
) -> None:
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        before = table_counts(db_path)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewProjectScreen)
        await pilot.press("tab", *"Ada")  # the name stays empty; no client list yet
        await pilot.press("tab", "tab", "tab", *"someday")
        await pilot.pause()
        # Validated as you type: the date is refused before any save.
        assert "is not a date" in shown(form.query_one("#delivery-error", Label))
        assert not shown(form.query_one("#name-error", Label)).strip()  # not reached yet
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        name_error = form.query_one("#name-error", Label)
        delivery_error = form.query_one("#delivery-error", Label)
        assert "must not be empty" in shown(name_error)
        assert "'someday' is not a date" in shown(delivery_error)
        assert name_error.region.height and delivery_error.region.height  # on screen
        assert not shown(form.query_one("#client-error", Label)).strip()
        assert table_counts(db_path) == before


async def test_new_project_with_a_taken_name_is_refused(store: Store, db_path: Path) -> None:
    add_project(store, {"name": "Shop", "client": "Acme"}, new_client={"name": "Acme"})
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        before = table_counts(db_path)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewProjectScreen)
        await pilot.press(*"SHOP")
        # The client list starts on Acme: pick "+ New client…", the last entry.
        await pilot.press("tab", "enter", "end", "enter", "tab")
        await pilot.pause()
        assert form.query_one("#client", Select).value == NEW_CLIENT
        assert form.focused is form.query_one("#client-name")
        await pilot.press(*"Zoe", "ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "already exists" in shown(form.query_one("#name-error", Label))
        assert table_counts(db_path) == before


async def test_new_project_for_an_existing_client(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    marie = query_db(db_path, "SELECT id FROM client WHERE name = 'Marie Lambert'")[0][0]
    position = [client.id for client in list_clients(demo)].index(marie)  # the form's order
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewProjectScreen)
        await pilot.press(*"Cake", "tab", "enter", "home", *["down"] * position, "enter")
        await pilot.pause()
        assert form.query_one("#client", Select).value == marie
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert query_db(db_path, "SELECT client_id FROM project WHERE name = 'Cake'") == [(marie,)]
        assert isinstance(app.screen, ProjectScreen)


# --- the project screen ---------------------------------------------------------------


async def test_project_phases_b_d_a_escape_and_m(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    bakery_phase = "SELECT phase FROM project WHERE name = 'Bakery website'"
    async with running(app) as pilot:
        screen = await open_first_project(pilot)
        switcher = screen.query_one(ContentSwitcher)
        assert screen.sub_title == "Bakery website · During"
        assert switcher.current == "during"
        for key, phase in (("b", "before"), ("a", "after"), ("d", "during")):
            await pilot.press(key)
            await settle(pilot)  # the phase is shown once its data is loaded
            assert switcher.current == phase
            assert screen.sub_title == f"Bakery website · {phase.capitalize()}"
            assert screen.query_one(f"#{phase}").display
        assert query_db(db_path, bakery_phase) == [("during",)]  # looking is not moving

        await pilot.press("a")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert query_db(db_path, bakery_phase) == [("after",)]
        assert "project is in: After" in shown(screen.query_one("#phase-tabs", Static))

        await pilot.press("escape")
        await settle(pilot)
        table = projects_table(app)
        bakery = column_values(table, "project").index("Bakery website")
        assert column_values(table, "phase")[bakery] == "After"


# --- quick capture ----------------------------------------------------------------------


async def test_capture_from_a_project_out_then_in(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    bakery = project_id(db_path, "Bakery website")
    before = contacts_of(db_path)
    async with running(app) as pilot:
        screen = await open_first_project(pilot)
        await pilot.press("c")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, CaptureModal)
        assert modal.query_one("#project", Select).value == bakery  # pre-filled
        await pilot.press(*"Called", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert contacts_of(db_path) == [*before, (bakery, "Called", "out", "email", 0)]
        await pilot.press("2")  # the contact log (a tab is built when first shown)
        await settle(pilot)
        log = screen.query_one("#contacts", FittedTable)
        assert column_values(log, "summary")[0] == "Called"  # the contact log, newest first
        # Alone on the store, who captured it is always you: no "By" column, nor the
        # project's name on every line of its own log.
        assert "by" not in log.columns and "project" not in log.columns

        await pilot.press("c")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, CaptureModal)
        await pilot.press(*"Yes", "tab", "tab", "tab")  # project, channel, "from the client"
        assert modal.focused is modal.query_one("#inbound", Checkbox)
        await pilot.press("space", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert contacts_of(db_path)[-1] == (bakery, "Yes", "in", "email", 0)


async def test_a_capture_the_store_could_not_take_is_offered_again_as_typed(
    demo: Store, db_path: Path
) -> None:
    """The shared server goes away between typing and enter: nothing is written, and the
    capture comes back as it was typed, to save again once the store answers."""
    from relay_tui.db import StoreLocation

    pytest.importorskip("psycopg")
    app = make_app(demo)
    bakery = project_id(db_path, "Bakery website")
    before = contacts_of(db_path)
    gone = Store(StoreLocation(url="postgresql+psycopg://relay@127.0.0.1:1/gone"))
    async with running(app) as pilot:
        screen = await open_first_project(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"Marie said yes", "tab", "tab", "tab", "space")  # from the client
        app.store = gone  # what the app talks to no longer answers
        await pilot.press("enter")
        await settle(pilot)

        again = app.screen
        assert isinstance(again, CaptureModal)
        assert again.query_one("#text", Input).value == "Marie said yes"
        assert again.query_one("#inbound", Checkbox).value is True
        # The time it was typed, not the time it is finally saved.
        assert again.query_one("#at", Input).value == FIXED_NOW.astimezone().strftime(
            "%Y-%m-%dT%H:%M"
        )
        problem = str(again.query_one("#capture-problem", Label).content)
        assert problem.startswith("Not saved: the store")
        assert "does not answer" in problem
        assert contacts_of(db_path) == before

        app.store = demo  # the store answers again
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert contacts_of(db_path) == [*before, (bakery, "Marie said yes", "in", "email", 0)]
    gone.close()


async def test_capture_on_a_store_without_projects_says_what_to_do_and_writes_nothing(
    store: Store, db_path: Path
) -> None:
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"hello", "enter")  # no project to choose from
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, CaptureModal)
        assert str(modal.query_one("#project-error", Label).content) == (
            "No active project: create one first (n on the dashboard)."
        )
    assert table_counts(db_path)["contact"] == 0


async def test_capture_inbound_awaiting_is_refused_and_escape_cancels(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        screen = await open_first_project(pilot)
        before = table_counts(db_path)
        await pilot.press("c")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, CaptureModal)
        await pilot.press(*"Hi", "tab", "tab", "tab", "space", "tab", "space")
        await pilot.pause()
        assert modal.query_one("#inbound", Checkbox).value
        assert modal.query_one("#awaiting", Checkbox).value
        assert "outbound" in shown(modal.query_one("#awaiting-error", Label))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is modal  # refused: the modal stays open
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert table_counts(db_path) == before


# --- the live store ---------------------------------------------------------------------


async def test_dashboard_shows_a_contact_the_command_line_wrote(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        table = projects_table(app)
        bakery = column_values(table, "project").index("Bakery website")
        waiting = int(column_values(table, "awaiting")[bakery])
        result = run_relay("capture", "Chased", "--awaiting", "-p", "Bakery", db=db_path)
        assert result.returncode == 0, result.stderr
        app.check_store()
        await settle(pilot)
        table = projects_table(app)
        bakery = column_values(table, "project").index("Bakery website")
        assert int(column_values(table, "awaiting")[bakery]) == waiting + 1
        # What the terminal shows on the Bakery line: ... Waiting Risks.
        line = next(line for line in shown(table).splitlines() if "Bakery website" in line)
        assert line.split()[-2] == str(waiting + 1)


# --- the board, the keys, the bindings --------------------------------------------------


async def test_t_opens_the_board_from_the_dashboard_and_a_project(demo: Store) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.sub_title == "Timekeeping board"
        alarms = table_rows(board.query_one("#alarms", FittedTable))
        assert alarms[0][:2] == ["Bakery website", "Mock-ups validated by Marie"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)

        project = await open_first_project(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is project


async def test_question_mark_toggles_the_key_panel(demo: Store) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        assert not app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        await pilot.pause()
        assert len(app.screen.query(HelpPanel)) == 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)


@pytest.mark.parametrize(
    "owner",
    [RelayApp, DashboardScreen, ProjectScreen, CaptureModal, NewProjectScreen, BoardScreen],
    ids=lambda cls: cls.__name__,
)
def test_every_binding_has_a_description(owner: type) -> None:
    bindings = owner.BINDINGS
    assert bindings
    for binding in bindings:
        assert isinstance(binding, Binding), binding
        assert binding.description.strip(), f"{owner.__name__}: {binding.key} has no description"


# --- the command palette ----------------------------------------------------------------


async def test_palette_runs_new_project_and_opens_a_project_by_name(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    festival = project_id(db_path, "Festival poster series")
    async with running(app) as pilot:
        await settle(pilot)
        assert (await search_palette(pilot, "new pr"))[0] == "New project"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewProjectScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)

        assert await search_palette(pilot, "fest") == ["Open Festival poster series"]
        await pilot.press("enter")  # the only hit: enter runs it
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.project_id == festival
        assert screen.sub_title.startswith("Festival poster series · ")


# --- settings ---------------------------------------------------------------------------


async def test_the_theme_picked_is_remembered(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config" / "settings.toml"
    monkeypatch.setenv("RELAY_CONFIG", str(config))
    app = make_app(store, save_settings=True)
    async with running(app) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
    assert config.is_file()
    assert load_settings().theme == "nord"


# --- user text is shown literally -------------------------------------------------------

MARKUP_NAME = "[bold red]boom[/]"
MARKUP_LINK = "[link=http://x]y[/link]"
MARKUP_SUMMARY = f"{MARKUP_NAME} {MARKUP_LINK}"


async def test_markup_in_user_text_is_shown_literally(store: Store) -> None:
    add_client(store, {"name": "Acme"})
    add_project(store, {"name": MARKUP_LINK, "client": "Acme"}, now=FIXED_NOW)
    project = add_project(store, {"name": MARKUP_NAME, "client": "Acme"}, now=FIXED_NOW)
    capture(
        store,
        {"project": project.id, "summary": MARKUP_SUMMARY, "awaiting_reply": True},
        now=FIXED_NOW,
    )
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        dashboard_text = shown(projects_table(app))
        assert MARKUP_NAME in dashboard_text
        assert MARKUP_LINK in dashboard_text
        # The project with a contact awaiting a reply comes first.
        screen = await open_first_project(pilot, MARKUP_NAME)
        await pilot.press("d")  # the during phase (shown once loaded)...
        await settle(pilot)
        await pilot.press("2")  # ...its contact log
        await settle(pilot)
        assert MARKUP_SUMMARY in shown(screen.query_one("#contacts", FittedTable))
        assert MARKUP_NAME in shown(screen.query_one("#project-name", Static))


async def test_capture_toast_shows_the_project_name_literally(store: Store, db_path: Path) -> None:
    add_project(store, {"name": MARKUP_NAME, "client": "Acme"}, new_client={"name": "Acme"})
    app = make_app(store)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")  # the only project is chosen already
        await settle(pilot)
        await pilot.press(*"Hi", "enter")
        await settle(pilot)
        assert contacts_of(db_path)[-1][1] == "Hi"
        toasts = " ".join(shown(toast) for toast in app.screen.query("Toast"))
        assert "Captured on" in toasts
        assert f"Captured on {MARKUP_NAME}" in toasts


async def test_markup_typed_in_a_date_field_is_shown_as_an_error(demo: Store) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, CaptureModal)
        await pilot.press(*"Hi", "tab", "tab", "tab", "tab", "tab")
        assert modal.focused is modal.query_one("#at")
        await pilot.press(*"[/]")
        await pilot.pause()
        assert "'[/]' is not a date" in shown(modal.query_one("#at-error", Label))
