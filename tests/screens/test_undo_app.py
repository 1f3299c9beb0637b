"""`u` in the app takes back the last change, whatever the screen, and says which; the
screen shows the store as it is after it."""

from __future__ import annotations

from pathlib import Path

from relay_tui.db import Store
from relay_tui.screens.project import ProjectScreen
from tests.screens.helpers import make_app, query_db, running, settle, toasts

BELLS = "SELECT id, done_on FROM deadline ORDER BY id"


async def test_u_takes_back_a_bell_marked_by_mistake(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("u")  # the sample data is not the user's to take back
        await settle(pilot)
        assert "Nothing to undo." in toasts(app)
        before = query_db(db_path, BELLS)
        for key in ("enter", "d", "x"):  # the Bakery website, during: x on the first bell
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, ProjectScreen)
        [(bell_id, _)] = set(query_db(db_path, BELLS)) - set(before)

        await pilot.press("u")
        await settle(pilot)

        assert query_db(db_path, BELLS) == before
        assert f"Undone: alarm bell #{bell_id} edited." in toasts(app)


async def test_del_asks_deletes_a_bell_and_u_brings_it_back_after_a_restart(
    demo: Store, db_path: Path
) -> None:
    before = query_db(db_path, BELLS)
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        for key in ("enter", "d", "delete"):  # the Bakery website, during: its first bell
            await pilot.press(key)
            await settle(pilot)
        assert "With it go" not in str(app.screen.query_one("#question").render())
        assert "Delete alarm bell #" in str(app.screen.query_one("#question").render())
        await pilot.press("n")  # no: nothing goes
        await settle(pilot)
        assert query_db(db_path, BELLS) == before
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        [(gone, _)] = set(before) - set(query_db(db_path, BELLS))
        assert f"Deleted alarm bell #{gone}" in toasts(app)
        table = app.screen.query_one("#deadlines")
        assert str(gone) not in [row.value for row in table.rows]

    again = make_app(demo)  # the journal is kept across a restart
    async with running(again, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert query_db(db_path, BELLS) == before
        assert f"Undone: alarm bell #{gone} “" in toasts(again)
