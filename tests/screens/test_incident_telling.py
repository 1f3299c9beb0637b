"""Problems explained and told, as a user does it on the demo's Bakery website: the
incident form takes what it means for the client and for me, what I propose, and whether
the client blames me, at 80×24; an open incident not told is flagged in the table, the
detail and the banner until `t` records that the client was told, which logs the contact
(and `u` takes both back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Select, Static, TextArea

from relay_tui.db import Store
from relay_tui.screens.during import DuringPane
from relay_tui.screens.form import FormModal
from relay_tui.services.incidents import client_channel, save_incident
from relay_tui.widgets.form_fields import TickBox
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW
from tests.screens.helpers import (
    column_values,
    make_app,
    query_db,
    running,
    settle,
    shown,
    toasts,
)
from tests.screens.test_during import bakery_id, open_bakery_during, press
from tests.screens.test_forms_at_80x24 import SMALL, buttons_on_screen, field_of, on_screen

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TOLD = "SELECT told_on, told_how FROM incident WHERE id = ?"


def banner(pane: DuringPane) -> str:
    return " ".join(shown(pane.query_one("#during-banner", Static)).split())


async def select_incident(pilot: Any, pane: DuringPane, incident_id: int) -> DataTable[Any]:
    table = pane.query_one("#incidents", FittedTable)
    table.move_cursor(row=table.get_row_index(str(incident_id)))
    await settle(pilot)
    return table


async def test_a_new_incident_is_explained_and_saved_at_80x24(demo: Store, db_path: Path) -> None:
    app = make_app(demo)
    async with running(app, SMALL) as pilot:
        await open_bakery_during(pilot)
        await press(pilot, "5", "n")
        form = app.screen
        assert isinstance(form, FormModal) and form.form_title == "New incident"
        await press(pilot, *"Texts late")
        typed = {
            "for_client": "The launch moves",
            "for_me": "Two days wait",
            "proposal": "Launch on the 11th",
        }
        for name in ("occurred_on", "facts", "contract_says", "next_step", *typed, "blamed"):
            await press(pilot, "tab")
            assert form.focused is not None and form.focused.id == name
            assert on_screen(field_of(form.focused), form), f"{name} is not on screen"
            assert buttons_on_screen(form), name
            if name in typed:
                await press(pilot, *typed[name])
        blamed = form.query_one("#blamed", TickBox)
        assert not blamed.value
        await press(pilot, "space")
        assert blamed.value
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)
    assert query_db(
        db_path,
        "SELECT title, for_client, for_me, proposal, blamed, told_on FROM incident"
        " WHERE title = 'Texts late'",
    ) == [("Texts late", "The launch moves", "Two days wait", "Launch on the 11th", 1, None)]


async def test_t_tells_the_client_logs_the_contact_and_the_flag_goes(
    demo: Store, db_path: Path
) -> None:
    bakery = bakery_id(db_path)
    incident = save_incident(
        demo,
        bakery,
        {
            "title": "Photos late again",
            "occurred_on": "2026-11-20",
            "for_client": "The launch moves a week",
            "proposal": "Launch with stock photos",
        },
        now=FIXED_NOW,
    )
    preferred = client_channel(demo, bakery) or "email"
    contacts = query_db(db_path, "SELECT count(*) FROM contact")[0][0]
    app = make_app(demo)
    async with running(app, SMALL, notifications=True) as pilot:
        pane = await open_bakery_during(pilot)
        assert "1 problem not told to the client" in banner(pane)
        await press(pilot, "5")
        table = await select_incident(pilot, pane, incident.id)
        row = table.get_row_index(str(incident.id))
        assert column_values(table, "told")[row] == "not yet"
        detail = shown(pane.query_one("#incident-detail", Static))
        assert "For the client: The launch moves a week" in detail
        assert "I propose: Launch with stock photos" in detail
        assert "Not told to the client yet" in detail

        await press(pilot, "w")
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.form_title == "Told the client: Photos late again"
        assert form.query_one("#told_how", Select).value == preferred
        summary = form.query_one("#summary", TextArea)
        assert summary.text == "Warned about “Photos late again”: Launch with stock photos"
        form.query_one("#told_on", Input).value = "2026-11-19"  # before the incident
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert app.screen is form
        assert "before the incident" in shown(form.query_one("#told_on-error"))
        assert query_db(db_path, TOLD, incident.id) == [(None, None)]
        form.query_one("#told_on", Input).value = "yesterday"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, FormModal)

        assert query_db(db_path, TOLD, incident.id) == [("2026-11-22", preferred)]
        assert query_db(
            db_path,
            "SELECT channel, direction, awaiting_reply, summary FROM contact ORDER BY id DESC "
            "LIMIT 1",
        ) == [(preferred, "out", 0, "Warned about “Photos late again”: Launch with stock photos")]
        assert query_db(db_path, "SELECT count(*) FROM contact")[0][0] == contacts + 1
        table = await select_incident(pilot, pane, incident.id)
        assert column_values(table, "told")[table.get_row_index(str(incident.id))] == (
            "22 Nov 2026"
        )
        assert f"Told the client on 22 Nov 2026 by {preferred}." in shown(
            pane.query_one("#incident-detail", Static)
        )
        assert "not told to the client" not in banner(pane)
        said = " ".join(toasts(app).replace("▌", " ").split())
        assert "Told the client; the contact is in the log." in said

        await press(pilot, "u")  # one step: the incident and the contact come back
        assert query_db(db_path, TOLD, incident.id) == [(None, None)]
        assert query_db(db_path, "SELECT count(*) FROM contact")[0][0] == contacts
        assert "1 problem not told to the client" in banner(pane)
