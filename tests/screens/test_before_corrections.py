"""Correcting and deleting what the before and after phases hold, and the projects: `e`
edits the selected line in a form filled with it, `del` asks (with what goes along), `y`
deletes, `u` brings it all back. Keys pressed as a user presses them; the store checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, TextArea

from relay_tui.db import Store
from relay_tui.screens.confirm import ConfirmModal
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.form import FormModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.project_form import EditProjectScreen
from relay_tui.services.projects import edit_project
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW, table_counts
from tests.screens.helpers import colleague, make_app, query_db, running, settle, toasts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def selected_id(table: DataTable[Any]) -> int:
    return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)


def question(pilot: Pilot[Any]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmModal), screen
    return str(screen.query_one("#question", Label).render())


def counts(db: Path) -> dict[str, int]:
    """The rows of the user's records (the undo journal left out)."""
    return {name: n for name, n in table_counts(db).items() if name != "undo_step"}


def stored(db: Path, table: str, record: int) -> list[dict[str, Any]]:
    """Row `record` of `table` as stored, but its version (an undo writes it again)."""
    [*names] = (column for _, column, *_ in query_db(db, f"PRAGMA table_info({table})"))
    rows = query_db(db, f"SELECT * FROM {table} WHERE id = ?", record)
    return [{k: v for k, v in zip(names, row, strict=True) if k != "version"} for row in rows]


def write_in(form: FormModal | EditProjectScreen, field: str, text: str) -> None:
    """What the user types in `field` (its old text replaced)."""
    widget = form.query_one(f"#{field}")
    if isinstance(widget, TextArea):
        widget.load_text(text)
    else:
        assert isinstance(widget, Input)
        widget.value = text


async def delete_then_undo(
    pilot: Pilot[Any], db: Path, kind: str, table: str, record: int, *, along: str = ""
) -> None:
    """`del`: the question names the record (and what goes `along`); `n` keeps it, `del`
    and `y` delete it (and only it, with what goes along), `u` brings every row back."""
    kept = stored(db, table, record)
    assert kept, (table, record)
    everything = counts(db)
    await press(pilot, "delete")
    asked = question(pilot)
    assert asked.startswith(f"Delete {kind} #"), asked
    assert along in asked and "take it back afterwards with u." in asked, asked
    await press(pilot, "n")
    assert stored(db, table, record) == kept and counts(db) == everything
    await press(pilot, "delete", "y")
    assert stored(db, table, record) == []
    assert counts(db) != everything
    assert f"Deleted {kind} #" in toasts(pilot.app)
    await press(pilot, "u")
    assert stored(db, table, record) == kept
    assert counts(db) == everything


# --- the before tabs ---------------------------------------------------------------------

#: tab key, its table, the stored table, the field `e` changes, the record's name in the
#: question (`services.removal`).
BEFORE_TABS = [
    ("2", "actors", "stakeholder", "name", "key actor"),
    ("3", "commitments", "commitment", "text", "commitment"),
    ("4", "risks", "risk", "title", "risk"),
    ("5", "lessons", "lesson", "text", "lesson"),
]


@pytest.mark.parametrize(
    ("tab", "table_id", "table", "field", "kind"), BEFORE_TABS, ids=[t[1] for t in BEFORE_TABS]
)
async def test_e_corrects_del_deletes_u_restores_a_line_of_a_before_tab(
    demo: Store, db_path: Path, tab: str, table_id: str, table: str, field: str, kind: str
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "b", tab)  # the Bakery website, before
        lines = app.screen.query_one(f"#{table_id}", FittedTable)
        assert app.focused is lines
        await press(pilot, "down")
        record = selected_id(lines)
        [(old,)] = query_db(db_path, f"SELECT {field} FROM {table} WHERE id = ?", record)

        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, FormModal)
        shown = form.query_one(f"#{field}")
        assert (shown.text if isinstance(shown, TextArea) else shown.value) == old  # type: ignore[attr-defined]
        write_in(form, field, "Corrected by hand")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        assert query_db(db_path, f"SELECT {field} FROM {table} WHERE id = ?", record) == [
            ("Corrected by hand",)
        ]
        assert selected_id(lines) == record

        await delete_then_undo(pilot, db_path, kind, table, record)
        assert str(record) in [key.value for key in lines.rows]


async def test_a_key_actor_is_deleted_with_the_one_question_of_every_record(
    demo: Store, db_path: Path
) -> None:
    """There is one way to delete a key actor: del, and the shared question (x, which once
    removed one after a question of its own, does nothing on this tab)."""
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "b", "2", "x")
        assert isinstance(app.screen, ProjectScreen)
        await press(pilot, "delete")
        assert "“Marie Lambert”? You can take it back" in question(pilot)
        await press(pilot, "y")
        assert query_db(db_path, "SELECT name FROM stakeholder WHERE name = 'Marie Lambert'") == []
        await press(pilot, "u")
        assert "Undone: key actor #" in toasts(app)


# --- the after phase: the lessons of this project -----------------------------------------


async def test_the_lessons_of_a_finished_retrospective_are_reworded_and_deleted(
    demo: Store, db_path: Path
) -> None:
    [(shop,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Rossi online shop'")
    app = make_app(demo, open_project=shop)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen) and app.screen.phase == "after"
        lessons = app.screen.query_one("#own-lessons", DataTable)
        assert app.focused is lessons and lessons.row_count == 3
        await press(pilot, "down")
        record = selected_id(lessons)

        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, FormModal) and form.form_title == "Lesson"
        write_in(form, "tags", "demo, weekly")
        await press(pilot, "ctrl+s")
        assert query_db(db_path, "SELECT tags FROM lesson WHERE id = ?", record) == [
            ("demo, weekly",)
        ]

        await delete_then_undo(pilot, db_path, "lesson", "lesson", record)
        assert lessons.row_count == 3


# --- projects: from the dashboard and from the project screen -----------------------------


async def test_e_on_the_dashboard_edits_the_project_and_E_on_its_screen_too(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        [(bakery, client, chase)] = query_db(
            db_path,
            "SELECT id, client_id, chase_delay_days FROM project WHERE name = 'Bakery website'",
        )
        [(other,)] = query_db(db_path, "SELECT id FROM client WHERE name = 'Tom Becker'")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, EditProjectScreen)
        assert form.query_one("#name", Input).value == "Bakery website"
        assert form.query_one("#client").value == client  # type: ignore[attr-defined]
        assert form.query_one("#chase", Input).value == str(chase)
        assert not form.query("#client_accountable")  # framing questions: a new project's
        write_in(form, "name", "Bakery shop")
        write_in(form, "chase", str(chase + 2))
        form.query_one("#client").value = other  # type: ignore[attr-defined]
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
        assert query_db(
            db_path, "SELECT name, client_id, chase_delay_days FROM project WHERE id = ?", bakery
        ) == [("Bakery shop", other, chase + 2)]
        assert "Project Bakery shop saved." in toasts(app)

        await press(pilot, "enter", "E")
        form = app.screen
        assert isinstance(form, EditProjectScreen) and form.project_id == bakery
        write_in(form, "budget", "52h")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProjectScreen)
        assert query_db(db_path, "SELECT budget_minutes FROM project WHERE id = ?", bakery) == [
            (52 * 60,)
        ]


async def test_a_wrong_field_keeps_the_project_form_open_with_what_was_typed(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, EditProjectScreen)
        write_in(form, "name", "Festival poster series")  # another project's name
        await press(pilot, "ctrl+s")
        assert app.screen is form
        error = str(form.query_one("#name-error", Label).render())
        assert "a project named 'Festival poster series' already exists" in error
        assert query_db(db_path, "SELECT count(*) FROM project WHERE name = 'Bakery website'") == [
            (1,)
        ]


async def test_a_project_edited_by_a_colleague_meanwhile_is_not_overwritten(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        [(bakery,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Bakery website'")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, EditProjectScreen)
        with colleague(db_path) as bob:
            edit_project(bob, bakery, {"name": "Bakery by Bob"}, now=FIXED_NOW)
        write_in(form, "name", "Bakery by me")
        await press(pilot, "ctrl+s")
        # Refused with the service's words; nothing written over Bob's change, which the
        # dashboard now shows.
        assert "this project was changed by bob since you opened it" in toasts(app)
        assert query_db(db_path, "SELECT name FROM project WHERE id = ?", bakery) == [
            ("Bakery by Bob",)
        ]
        assert isinstance(app.screen, DashboardScreen)
        assert "Bakery by Bob" in [row.name for row in app.screen.rows]


async def test_del_on_the_dashboard_deletes_a_project_with_its_records_and_u_restores_all(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        [(bakery,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Bakery website'")
        [(contacts,)] = query_db(
            db_path, "SELECT count(*) FROM contact WHERE project_id = ?", bakery
        )
        before = counts(db_path)
        await delete_then_undo(
            pilot, db_path, "project", "project", bakery, along=f"{contacts} contacts"
        )
        assert counts(db_path) == before
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert "Bakery website" in [row.name for row in screen.rows]


async def test_an_empty_dashboard_offers_no_edit_nor_delete(store: Store) -> None:
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.check_action("edit_project", ()) is False
        assert screen.check_action("delete", ()) is False
        await press(pilot, "e", "delete")
        assert app.screen is screen
