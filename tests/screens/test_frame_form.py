"""The frame that checks itself, as a user drives it: `f` on the before phase's overview
opens the frame form; a 30-day cycle is flagged under its field as it is typed and saved
all the same; two rigour boxes ticked with space are stored; the overview then flags the
cycle, shows the report cadence and lists the rigour still missing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Label, Static, TabbedContent

from relay_tui.app import create_app
from relay_tui.db import Store
from relay_tui.screens.before import BeforePane
from relay_tui.screens.form import FormModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from relay_tui.settings import Settings
from relay_tui.widgets.form_fields import TickBox
from tests.conftest import FIXED_NOW
from tests.screens.helpers import settle

SIZE = (120, 40)


def stored(db: Path, pid: int) -> tuple[Any, ...]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT cycle_days, report_every_days, rigour_written_validations, "
            "rigour_progress_point, rigour_single_contact, rigour_changes_in_writing "
            "FROM project WHERE id = ?",
            (pid,),
        ).fetchone()
    finally:
        conn.close()


def text_of(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def tab_to(pilot: Pilot[Any], form: FormModal, field: str) -> None:
    """Tab from field to field, as a user does, until `field` has the focus."""
    for _ in range(len(form.fields)):
        if form.focused is not None and form.focused.id == field:
            return
        await press(pilot, "tab")
    raise AssertionError(f"tab never reached {field}")


async def test_a_long_cycle_is_flagged_as_typed_and_the_rigour_ticked_is_stored(
    store: Store, db_path: Path
) -> None:
    add_client(store, {"name": "Atelier Dupont"})
    pid = add_project(store, {"name": "Site", "client": "atelier"}, now=FIXED_NOW).id
    assert pid is not None
    app = create_app(
        store,
        Settings(),
        now=lambda: FIXED_NOW,
        save_settings=False,
        watch_interval=0,
        open_project=pid,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen) and screen.phase == "before"
        before = screen.query_one(BeforePane)
        assert before.query_one("#before-tabs", TabbedContent).active == "overview"
        await press(pilot, "f")
        form = app.screen
        assert isinstance(form, FormModal)
        warning = form.query_one("#cycle_days-warning", Label)
        assert not warning.has_class("-shown")

        await tab_to(pilot, form, "cycle_days")
        await press(pilot, "3", "0")
        assert warning.has_class("-shown")
        assert "beyond three weeks no planning holds" in str(warning.render())
        await press(pilot, "backspace")  # 3 days: nothing to say
        assert not warning.has_class("-shown")
        await press(pilot, "0")
        assert warning.has_class("-shown")

        await tab_to(pilot, form, "report_every_days")
        await press(pilot, "7")
        await tab_to(pilot, form, "rigour_written_validations")
        await press(pilot, "space")
        await tab_to(pilot, form, "rigour_single_contact")
        await press(pilot, "space")
        assert form.query_one("#rigour_written_validations", TickBox).value is True
        assert form.query_one("#rigour_progress_point", TickBox).value is False
        assert form.query_one("#rigour_single_contact", TickBox).value is True
        await press(pilot, "ctrl+s")
        assert app.screen is screen  # saved despite the warning

        assert stored(db_path, pid) == (30, 7, 1, 0, 1, 0)
        frame = text_of(before.query_one("#frame", Static))
        assert (
            "⚠ Cycles of 30 days: beyond three weeks no planning holds. Split the work into "
            "cycles of 21 days at most." in frame
        )
        assert "Status report every 7 days." in frame
        assert "☑ validations in writing" in frame
        assert "☐ a regular progress point with the client" in frame
        readiness = text_of(before.query_one("#readiness", Static))
        assert "rigour: validations are not agreed in writing" not in readiness
        assert readiness.endswith(
            "rigour: no regular progress point agreed; rigour: changes are not agreed in writing."
        )

        # The form opens again on what is stored, the cycle still flagged.
        await press(pilot, "f")
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.query_one("#cycle_days-warning", Label).has_class("-shown")
        assert form.query_one("#rigour_single_contact", TickBox).value is True
        await press(pilot, "escape")
