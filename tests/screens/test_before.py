"""The before phase as a user drives it: keys pressed, then the store and the screen checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent

from relay_tui.app import RelayApp, create_app
from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.domain.compatibility import ProfileValues, compatibility
from relay_tui.screens.before import BeforePane
from relay_tui.screens.before_commitments import CommitmentsTab
from relay_tui.screens.before_risks import RisksTab
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.form import FormModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.services.projects import add_project
from relay_tui.settings import Settings
from relay_tui.widgets.heatmap import RiskHeatMap
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW, table_counts
from tests.screens.helpers import colleague, settle, toasts

# The demo seeder still uses session.query(); its deprecation warning is not ours to test.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SIZE = (160, 48)


# --- helpers --------------------------------------------------------------------------


def build(store: Store, *, demo: bool = True, open_project: int | None = None) -> RelayApp:
    if demo:
        seed_demo(store, now=FIXED_NOW)
    return create_app(
        store,
        Settings(),
        now=lambda: FIXED_NOW,
        save_settings=False,
        watch_interval=0,
        open_project=open_project,
    )


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def query(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def project_id(db: Path, name: str) -> int:
    [(pid,)] = query(db, "SELECT id FROM project WHERE name = ?", name)
    return int(pid)


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


def cell(value: object) -> str:
    return value.plain if isinstance(value, Text) else str(value)


def rows_of(table: DataTable[Any]) -> list[list[str]]:
    return [[cell(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def pane(app: RelayApp) -> BeforePane:
    screen = app.screen
    assert isinstance(screen, ProjectScreen), screen
    return screen.query_one(BeforePane)


async def open_bakery_before(pilot: Pilot[Any]) -> BeforePane:
    """From the demo dashboard (the Bakery website is the first row): enter, then b."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    assert screen.sub_title.startswith("Bakery website")
    await press(pilot, "b")
    assert screen.phase == "before"
    before = pane(pilot.app)
    assert before.display and before.region.area > 0
    return before


async def open_form(pilot: Pilot[Any], *keys: str) -> FormModal:
    await press(pilot, *keys)
    form = pilot.app.screen
    assert isinstance(form, FormModal), form
    return form


def choose(form: FormModal, **values: str) -> None:
    for name, value in values.items():
        form.query_one(f"#{name}", Select).value = value


# --- people ---------------------------------------------------------------------------


async def test_people_tab_actors_then_the_client_profile_form_updates_store_and_watch_points(
    store: Store, db_path: Path
) -> None:
    app = build(store)
    bakery = project_id(db_path, "Bakery website")
    async with app.run_test(size=SIZE) as pilot:
        before = await open_bakery_before(pilot)
        await press(pilot, "2")
        actors = rows_of(before.query_one("#actors", FittedTable))
        assert [(r[0], r[4]) for r in actors] == [
            ("Marie Lambert", "manage closely"),
            ("Paul Lambert (co-owner)", "keep satisfied"),
            ("Regular customers", "keep informed"),
        ]
        match = text_of(before.query_one("#match", Static))
        assert "The client prefers phone, you prefer email." in match
        form = await open_form(pilot, "p")
        assert form.form_title == "The client's profile"
        # The form starts from the stored profile.
        assert form.query_one("#structure", Select).value == "5"
        choose(form, structure="1", precision="5", temper="1", channel="email")
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)

        stored = query(
            db_path,
            "SELECT structure, precision, energy, scope, channel, experience, feedback, temper"
            " FROM profile WHERE project_id = ? AND party = 'client'",
            bakery,
        )
        assert stored == [(1, 5, 2, 2, "email", 1, 2, 1)]

        match = text_of(before.query_one("#match", Static))
        expected = compatibility(
            ProfileValues(1, 5, 2, 2, "email", 1, 2, 1),
            ProfileValues(2, 4, 4, 4, "email"),  # the demo's default provider profile
        )
        assert expected.score == 52
        assert f"{expected.score}/100" in match
        assert "The client is known to be difficult." in match
        assert "The client has rarely worked with a provider." in match
        for point in expected.watch_points:
            assert point.cause in match
            assert point.advice in match
        # The channels now agree: no channel watch point any more.
        assert "The client prefers" not in match
        assert "Partial" not in match


# --- risks ----------------------------------------------------------------------------


async def test_a_risk_is_refused_without_title_then_added_to_its_heat_map_cell_which_filters(
    store: Store, db_path: Path
) -> None:
    app = build(store)
    bakery = project_id(db_path, "Bakery website")
    async with app.run_test(size=SIZE) as pilot:
        before = await open_bakery_before(pilot)
        await press(pilot, "4")
        heat = before.query_one(RiskHeatMap)
        assert heat.counts.get((5, 4), 0) == 0
        risks_before = len(rows_of(before.query_one("#risks", FittedTable)))

        # First an empty title, probability left at its default: refused next to the field.
        counts = table_counts(db_path)
        form = await open_form(pilot, "r")
        assert form.query_one("#probability", Select).value == "3"
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "must not be empty" in str(form.query_one("#title-error", Label).content)
        assert str(form.query_one("#probability-error", Label).content) == ""
        assert table_counts(db_path) == counts
        await press(pilot, "escape")
        assert isinstance(app.screen, ProjectScreen)
        assert table_counts(db_path) == counts

        form = await open_form(pilot, "r")
        assert form.form_title == "New risk"
        form.query_one("#title", Input).value = "The oven supplier goes bankrupt"
        choose(form, probability="5", impact="4", category="financial")
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)

        stored = query(
            db_path,
            "SELECT probability, impact, category, status FROM risk"
            " WHERE project_id = ? AND title = ?",
            bakery,
            "The oven supplier goes bankrupt",
        )
        assert stored == [(5, 4, "financial", "open")]
        assert heat.counts[(5, 4)] == 1
        table = before.query_one("#risks", FittedTable)
        rows = rows_of(table)
        assert len(rows) == risks_before + 1
        # Sorted by score: the new critical risk comes first.
        assert rows[0][:4] == ["The oven supplier goes bankrupt", "Financial", "5×4=20", "critical"]
        # The overview now says what is missing (a tab out of view reloads when shown).
        await press(pilot, "1")
        readiness = text_of(before.query_one("#readiness", Static))
        assert "1 critical risk without mitigation" in readiness
        await press(pilot, "4")

        # Focus the map, go from (3, 3) to (5, 4), enter: only that cell's risks.
        heat.focus()
        await pilot.pause()
        await press(pilot, "right", "right", "up")
        assert heat.cursor == (5, 4)
        await press(pilot, "enter")
        assert heat.selected == (5, 4)
        assert before.query_one(RisksTab).risk_filter == (5, 4)
        assert [r[0] for r in rows_of(table)] == ["The oven supplier goes bankrupt"]
        assert "Showing probability 5, impact 4 only." in text_of(
            before.query_one("#risk-help", Static)
        )
        # Enter again shows them all.
        await press(pilot, "enter")
        assert heat.selected is None
        assert len(rows_of(table)) == risks_before + 1


# --- commitments ----------------------------------------------------------------------


async def test_bakery_overview_readiness_then_space_changes_the_first_commitment(
    store: Store, db_path: Path
) -> None:
    app = build(store)
    bakery = project_id(db_path, "Bakery website")
    async with app.run_test(size=SIZE) as pilot:
        before = await open_bakery_before(pilot)
        # The overview tab is in view, with the readiness line first.
        assert before.query_one("#before-tabs", TabbedContent).active == "overview"
        readiness = text_of(before.query_one("#readiness", Static))
        # Contract signed, client profiled, delivery dated, no critical risk: ready.
        assert readiness.startswith("Ready to start: ")
        assert "contract signed" in readiness
        frame = text_of(before.query_one("#frame", Static))
        assert "Contract signed on 16 Oct 2026." in frame
        assert "Method: Short cycles, a demo at the end of each, cycles of 14 days." in frame
        assert "No signed contract" not in frame

        await press(pilot, "3")
        table = before.query_one("#commitments", FittedTable)
        assert table.has_focus
        first_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert first_key is not None
        first = query(
            db_path,
            "SELECT id, status FROM commitment WHERE project_id = ?"
            " ORDER BY party, position LIMIT 1",
            bakery,
        )
        assert first == [(int(first_key), "pending")]
        await press(pilot, "space")
        assert query(db_path, "SELECT status FROM commitment WHERE id = ?", first[0][0]) == [
            ("kept",)
        ]
        assert rows_of(table)[0][0] == "kept"
        await press(pilot, "space")
        assert query(db_path, "SELECT status FROM commitment WHERE id = ?", first[0][0]) == [
            ("broken",)
        ]
        # Only that one moved.
        others = query(
            db_path,
            "SELECT DISTINCT status FROM commitment WHERE project_id = ? AND id != ?",
            bakery,
            first[0][0],
        )
        assert others == [("pending",)]


# --- lessons --------------------------------------------------------------------------


async def test_new_project_of_the_same_client_no_contract_lessons_and_a_partial_profile(
    store: Store, db_path: Path
) -> None:
    seed_demo(store, now=FIXED_NOW)
    new = add_project(
        store, {"name": "Rossi app", "client": "Sofia", "kind": "artistic"}, now=FIXED_NOW
    )
    shop_lessons = [
        text
        for (text,) in query(
            db_path,
            "SELECT lesson.text FROM lesson JOIN project ON project.id = lesson.project_id"
            " WHERE project.name = 'Rossi online shop' ORDER BY lesson.id DESC",
        )
    ]
    assert len(shop_lessons) == 3
    app = build(store, demo=False, open_project=new.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen) and screen.project_id == new.id
        assert screen.phase == "before"  # a new project opens on its phase
        before = pane(app)
        frame = text_of(before.query_one("#frame", Static))
        assert "No signed contract yet" in frame
        readiness = text_of(before.query_one("#readiness", Static))
        assert readiness == (
            "Not ready to start: no signed contract; the client's profile is empty; "
            "no delivery date; rigour: validations are not agreed in writing; rigour: no "
            "regular progress point agreed; rigour: no single contact person on the client's "
            "side; rigour: changes are not agreed in writing."
        )

        await press(pilot, "5")
        table = before.query_one("#lessons", FittedTable)
        assert table.has_focus
        rows = rows_of(table)
        assert [r[1] for r in rows] == shop_lessons  # newest first
        assert {(r[0], r[3], r[4]) for r in rows} == {("☐", "Rossi online shop", "same client")}

        await press(pilot, "r")
        risks = query(
            db_path,
            "SELECT title, probability, impact, mitigation FROM risk WHERE project_id = ?",
            new.id,
        )
        assert risks == [(shop_lessons[0], 3, 3, f"Lesson learnt: {shop_lessons[0]}")]
        await press(pilot, "4")  # a tab is built when first shown
        assert before.query_one(RiskHeatMap).counts == {(3, 3): 1}

        await press(pilot, "5", "down")
        await press(pilot, "g")
        commitments = query(
            db_path,
            "SELECT party, note FROM commitment WHERE project_id = ? AND text = ?",
            new.id,
            shop_lessons[1],
        )
        assert commitments == [("provider", "From an earlier retrospective")]
        await press(pilot, "3")
        shown = [r[2] for r in rows_of(before.query_one("#commitments", FittedTable))]
        assert shown[-1] == shop_lessons[1]

        # The same lesson twice: refused, nothing more written.
        counts = table_counts(db_path)
        await press(pilot, "5", "up", "r")
        assert table_counts(db_path) == counts

        # A partly filled client profile: the rest stays unknown, the answer is partial.
        await press(pilot, "2")
        form = await open_form(pilot, "p")
        assert {s.id: s.value for s in form.query(Select)} == {
            "structure": "",
            "precision": "",
            "energy": "",
            "scope": "",
            "channel": "unknown",
            "experience": "",
            "feedback": "",
            "temper": "",
        }
        choose(form, structure="4")
        await pilot.pause()
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)
        assert query(
            db_path,
            "SELECT structure, precision, channel, temper FROM profile"
            " WHERE project_id = ? AND party = 'client'",
            new.id,
        ) == [(4, None, None, None)]
        match = text_of(before.query_one("#match", Static))
        # Against the demo's default profile (structure 2): 2 apart on one item.
        assert "50/100" in match
        assert "Partial: based on 1 of 8 items." in match
        assert "The client is structured and you are rather relaxed." in match


async def test_turning_the_same_lesson_into_a_risk_twice_tells_the_user(
    store: Store, db_path: Path
) -> None:
    seed_demo(store, now=FIXED_NOW)
    new = add_project(store, {"name": "Rossi app", "client": "Sofia"}, now=FIXED_NOW)
    app = build(store, demo=False, open_project=new.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        await press(pilot, "r")
        counts = table_counts(db_path)
        await press(pilot, "r")
        assert table_counts(db_path) == counts
        # Notifications are read from the app's list (toasts vanish on a timer).
        messages = [n.message for n in app._notifications]
        assert any("already a risk of the project" in m for m in messages), messages


async def test_the_lesson_cursor_stays_put_after_turning_a_lesson_into_a_risk(
    store: Store, db_path: Path
) -> None:
    seed_demo(store, now=FIXED_NOW)
    new = add_project(store, {"name": "Rossi app", "client": "Sofia"}, now=FIXED_NOW)
    app = build(store, demo=False, open_project=new.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = pane(app)
        await press(pilot, "5", "down")
        table = before.query_one("#lessons", FittedTable)
        second = rows_of(table)[1][1]  # the lesson, after the "Planned" box
        assert table.cursor_row == 1
        await press(pilot, "r")
        titles = query(db_path, "SELECT title FROM risk WHERE project_id = ?", new.id)
        assert titles == [(second,)]
        assert table.cursor_row == 1


# --- two people, one record -------------------------------------------------------------


async def test_saving_a_risk_someone_else_changed_meanwhile_is_refused_and_reloaded(
    store: Store, db_path: Path
) -> None:
    from relay_tui.services.risks import update_risk

    app = build(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        before = await open_bakery_before(pilot)
        await press(pilot, "4")
        table = before.query_one("#risks", FittedTable)
        table.focus()
        await pilot.pause()
        title = rows_of(table)[0][0]
        [(risk_id, probability, impact)] = query(
            db_path, "SELECT id, probability, impact FROM risk WHERE title = ?", title
        )
        form = await open_form(pilot, "e")
        assert form.form_title == "Risk"
        # A colleague saves the same risk while the form is open.
        with colleague(db_path) as bob:
            update_risk(
                bob,
                risk_id,
                {"title": "Changed by Bob", "probability": probability, "impact": impact},
                now=FIXED_NOW,
            )
        form.query_one("#title", Input).value = "Changed by me"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        # Refused: the form closes, the user is told, the screen shows Bob's version.
        assert not isinstance(app.screen, FormModal)
        assert "changed by bob since you opened it" in toasts(app), toasts(app)
        assert query(db_path, "SELECT title, updated_by FROM risk WHERE id = ?", risk_id) == [
            ("Changed by Bob", "bob")
        ]
        assert "Changed by Bob" in [row[0] for row in rows_of(table)]


async def test_a_status_key_on_a_commitment_someone_else_changed_is_refused_and_reloaded(
    store: Store, db_path: Path
) -> None:
    from relay_tui.services.commitments import cycle_commitment

    app = build(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        before = await open_bakery_before(pilot)
        await press(pilot, "3")
        table = before.query_one("#commitments", FittedTable)
        assert app.focused is table
        [(commitment_id, status)] = query(
            db_path,
            "SELECT id, status FROM commitment WHERE id = ?",
            int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0),
        )
        # A colleague moves the same commitment on while this screen shows it.
        with colleague(db_path) as bob:
            moved = str(cycle_commitment(bob, commitment_id).status)
        assert moved != status

        await press(pilot, "space")

        # Refused: nothing written over Bob's change, the user is told, the table reloads.
        assert "this commitment was changed by bob since you opened it" in toasts(app)
        assert query(
            db_path, "SELECT status, updated_by FROM commitment WHERE id = ?", commitment_id
        ) == [(moved, "bob")]
        assert table.get_row(str(commitment_id))[0].plain == moved
        # From what is shown now, the key works.
        await press(pilot, "space")
        [(after,)] = query(db_path, "SELECT status FROM commitment WHERE id = ?", commitment_id)
        assert after not in (status, moved)


async def test_a_second_status_key_before_the_first_is_shown_is_not_taken_for_a_colleague(
    store: Store, db_path: Path
) -> None:
    """Keys pressed faster than the screen reloads: the first change is made; the next
    waits for it to be shown (a bell) instead of being refused as someone else's change."""
    app = build(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        before = await open_bakery_before(pilot)
        await press(pilot, "3")
        table = before.query_one("#commitments", FittedTable)
        commitment_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        status = lambda: query(  # noqa: E731
            db_path, "SELECT status, version FROM commitment WHERE id = ?", commitment_id
        )
        [(first, version)] = status()

        # Two presses of space handled in the same moment: the second before any reload.
        commitments = before.query_one(CommitmentsTab)
        commitments.action_cycle_status()
        commitments.action_cycle_status()
        await settle(pilot)

        assert "changed by" not in toasts(app)
        [(second, after)] = status()
        assert (second, after) == ("kept", version + 1) and first == "pending"
        await press(pilot, "space")  # once shown, the key works again
        assert status() == [("broken", version + 2)]
