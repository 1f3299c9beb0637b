"""Layout at 80 columns and wide: the footer keeps Quit and Keys, tables keep the columns
that matter and never cut a header, the people tab shows its key actors at 80×24, the
dashboard lists closed projects on `f`, and a solo store does not name its only author."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input, Static

from relay_tui.db import Store
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.widgets.footer import fitting
from relay_tui.widgets.tables import Column, FittedTable, fit
from tests.screens.helpers import column_values, make_app, running, settle, shown
from tests.screens.test_footer import footer_keys

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def headers_whole(screen: Any) -> None:
    """No table of the screen cuts a header ("Wai" for "Waiting")."""
    for table in screen.query(FittedTable):
        if not table.display:
            continue
        labels = {c.key: c.label for c in table.declared}
        for key in table.shown:
            assert table.columns[key].width >= cell_len(labels[key]), (table.id, key)


# --- the rule -------------------------------------------------------------------------


def test_the_least_useful_columns_give_way_first_and_never_the_first_priority() -> None:
    columns = (
        Column("name", "Name", 1, width=30, least=10),
        Column("note", "Note", 3, width=20),
        Column("status", "Status", 1),
        Column("when", "When", 2),
    )
    natural = {"name": 30, "note": 20, "status": 8, "when": 6}
    wide = fit(columns, natural, 200)
    assert wide == {"name": 30, "note": 20, "status": 8, "when": 6}  # in display order
    # Short of room: the name shrinks to its least first, then the note gives way.
    assert list(fit(columns, natural, 40)) == ["name", "status", "when"]
    assert fit(columns, natural, 40)["name"] == 40 - 6 - 8 - 6  # the room left goes back
    assert list(fit(columns, natural, 26)) == ["name", "status"]
    # Never a column of the first priority, even when nothing fits.
    assert list(fit(columns, natural, 5)) == ["name", "status"]
    # A header is never cut, whatever its cells or least.
    assert fit((Column("w", "Waiting", 1, least=1),), {"w": 1}, 80) == {"w": 7}
    # An empty column goes before a useful one.
    assert list(fit(columns, natural, 46)) == ["name", "status", "when"]
    assert list(fit(columns, {**natural, "when": 0}, 46)) == ["name", "note", "status"]


def test_the_footer_keeps_quit_and_keys_and_drops_from_the_end() -> None:
    keys = [
        ("new", "n", "n", "New"),
        ("edit", "e", "e", "Edit"),
        ("board", "t", "t", "Board"),
        ("keys", "question_mark", "?", "Keys"),
        ("quit", "q", "q", "Quit"),
    ]
    assert fitting(keys, 200) == {"n", "e", "t", "question_mark", "q"}
    assert fitting(keys, 8 + 8 + 7 + 8) == {"n", "e", "question_mark", "q"}
    assert fitting(keys, 5) == {"question_mark", "q"}  # always, even when nothing fits
    # Never a key after one that did not fit: `t Board` (9) would fit, `e Edit` (8) not.
    assert fitting([keys[0], ("long", "l", "l", "A long label"), *keys[2:]], 16 + 7 + 9) == {
        "n",
        "question_mark",
        "q",
    }


# --- the footer -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_busiest_footer_keeps_quit_and_keys(demo: Store, size: tuple[int, int]) -> None:
    app = make_app(demo)
    async with running(app, size=size) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "b", "d")  # the alarm bells, away from before: m shows
        assert isinstance(app.screen, ProjectScreen)
        keys = footer_keys(app)
        assert {"Keys", "Quit", "New", "Edit", "Done"} <= set(keys)
        assert keys[-3:] == ["Keys", "Quit", "palette"]
        if size[0] == 80:
            assert "Log time" not in keys  # a global key gave way
        else:
            assert {"Log time", "Board", "Capture", "Back", "Chase"} <= set(keys)
        # On screen, left of the palette's key: not scrolled out of view.
        footer = app.screen.query_one("RelayFooter")
        drawn = {key.description: key.region for key in footer.query("FooterKey")}  # type: ignore[attr-defined]
        for name in ("Keys", "Quit"):
            assert drawn[name].width and drawn[name].right <= drawn["palette"].x


async def test_m_says_which_phase_and_shows_only_away_from_the_projects_phase(
    demo: Store,
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # the Bakery website, in its during phase
        assert not [k for k in footer_keys(app) if k.startswith("Move")]
        await press(pilot, "b")
        assert "Move to Before" in footer_keys(app)
        await press(pilot, "a")
        assert "Move to After" in footer_keys(app)
        assert "Move to Before" not in footer_keys(app)


# --- tables -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_alarm_bells_keep_status_and_depends_on_at_80(
    demo: Store, size: tuple[int, int]
) -> None:
    app = make_app(demo)
    async with running(app, size=size) as pilot:
        await settle(pilot)
        headers_whole(app.screen)
        await press(pilot, "enter")
        bells = app.screen.query_one("#deadlines", FittedTable)
        if size[0] == 80:
            assert {"title", "due", "status", "after"} <= set(bells.shown)
            assert "margin" not in bells.shown
        else:
            assert bells.shown == ("title", "who", "due", "projected", "margin", "status", "after")
            assert bells.columns["who"].label.plain == "Who acts"  # not "Ball"
        headers_whole(app.screen)
        await press(pilot, "t")  # the board
        headers_whole(app.screen)
        alarms = app.screen.query_one("#alarms", FittedTable)
        assert {"project", "title", "status"} <= set(alarms.shown)


async def test_the_contact_log_names_the_project_only_when_searching_all_projects(
    demo: Store,
) -> None:
    app = make_app(demo)
    async with running(app, size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "2")
        contacts = app.screen.query_one("#contacts", FittedTable)
        assert contacts.shown == ("when", "way", "channel", "summary")
        await press(pilot, "slash")
        field = app.screen.query_one("#contact-search", Input)
        field.value = "mock-ups"
        await press(pilot, "enter")
        assert "project" in contacts.shown
        assert set(column_values(contacts, "project")) == {"Bakery website"}
        headers_whole(app.screen)


async def test_the_dashboard_at_80_columns_cuts_no_header(demo: Store) -> None:
    app = make_app(demo)
    async with running(app, size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#projects", FittedTable)
        assert {"project", "phase", "next", "due", "awaiting"} <= set(table.shown)
        assert "client" not in table.shown  # compact under 120 columns
        headers_whole(app.screen)
        assert "Not ready" in column_values(table, "phase")  # words, not a count sign
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        assert table.shown == (
            "project",
            "client",
            "phase",
            "next",
            "due",
            "status",
            "awaiting",
            "risks",
        )


# --- the people tab at 80×24 --------------------------------------------------------------


async def test_the_people_tab_shows_key_actors_and_their_grid_at_80x24(demo: Store) -> None:
    app = make_app(demo)
    async with running(app, size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "b", "2")
        screen = app.screen
        footer_top = screen.query_one("RelayFooter").region.y
        actors = screen.query_one("#actors", FittedTable)
        grid = screen.query_one("#grid", Static)
        assert actors.region.bottom <= footer_top and grid.region.bottom <= footer_top
        assert "MANAGE CLOSELY" in shown(grid)
        where = shown(screen.query_one("#people-where", Static))
        assert "Compatibility 40/100" in where and "ctrl+↓ scrolls" in where
        # The profiles under the grid are reached from the keyboard, the table focused.
        match = screen.query_one("#match", Static)
        assert actors.has_focus and match.region.y >= footer_top
        for _ in range(30):
            await pilot.press("ctrl+down")
        await settle(pilot)
        assert actors.has_focus and match.region.y < footer_top
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        assert not screen.query_one("#people-where").display  # wide: side by side again


# --- closed projects on the dashboard ----------------------------------------------------


async def test_f_lists_the_closed_projects_then_all_then_the_active_again(demo: Store) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one("#projects", FittedTable)
        active = column_values(table, "project")
        assert "Rossi online shop" not in active and screen.sub_title == "Active projects"
        assert "Active/closed" in footer_keys(app)

        await press(pilot, "f")
        assert screen.sub_title == "Closed projects"
        assert column_values(table, "project") == ["Rossi online shop"]
        assert column_values(table, "phase") == ["Closed"]
        assert shown(screen.query_one("#summary")).startswith("1 closed project")

        await press(pilot, "f")
        assert screen.sub_title == "All projects"
        assert column_values(table, "project") == [*active, "Rossi online shop"]

        await press(pilot, "f")
        assert screen.sub_title == "Active projects"
        assert column_values(table, "project") == active
        await press(pilot, "f", "enter")  # a closed project opens from the list
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.sub_title.startswith("Rossi online shop (closed)")


# --- who wrote it: only on a shared store ----------------------------------------------------


@pytest.mark.parametrize("shared", [False, True])
async def test_authors_are_named_only_on_a_shared_store(
    demo: Store, monkeypatch: pytest.MonkeyPatch, shared: bool
) -> None:
    import relay_tui.services.before_view as before_view
    import relay_tui.services.team as team

    monkeypatch.setattr(team, "is_shared", lambda store: shared)
    monkeypatch.setattr(before_view, "is_shared", lambda store: shared)
    me = demo.who()
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "2")
        contacts = app.screen.query_one("#contacts", FittedTable)
        assert ("by" in contacts.shown) is shared
        await press(pilot, "3")
        history = shown(app.screen.query_one("#validation-history", Static))
        assert ("Asked by" in history) is shared
        await press(pilot, "b", "4")
        risks = app.screen.query_one("#risks", FittedTable)
        assert ("by" in risks.shown) is shared
        if shared:
            assert me in column_values(contacts, "by")


# --- a long table at 80×24 ------------------------------------------------------------------


async def test_the_cursor_of_a_long_contact_log_stays_in_view_at_80x24(
    demo: Store, db_path: Path
) -> None:
    from relay_tui import fastcapture
    from tests.conftest import FIXED_NOW
    from tests.screens.test_during import open_bakery_during

    for n in range(30):
        fastcapture.capture(db_path, text=f"Note {n}", project="Bakery", now=FIXED_NOW)
    app = make_app(demo)
    async with running(app, size=(80, 24)) as pilot:
        pane = await open_bakery_during(pilot)
        await press(pilot, "2")
        table = pane.query_one("#contacts", FittedTable)
        top = pane.scroll_y
        assert table.has_focus and table.row_count > 30 and top == 0
        for _ in range(25):
            await pilot.press("down")
        await settle(pilot)
        # The table scrolled inside to its cursor, and the phase shows the whole table.
        assert table.cursor_row == 25 and table.scroll_y > 0
        assert pane.region.y <= table.region.y and table.region.bottom <= pane.region.bottom
        row_y = table.region.y + 1 + table.cursor_row - round(table.scroll_y)
        assert table.region.y < row_y < table.region.bottom
