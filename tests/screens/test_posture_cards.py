"""Posture cards as a user meets them: on the dashboard across projects, on a project under
its phase bar (X puts the first away, u takes that back), and "promise less" under the date
of an alarm bell or a commitment of mine.

Today is Monday 23 November 2026 (FIXED_NOW)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from relay_tui.db import Store
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.form import FormModal
from relay_tui.screens.project import ProjectScreen
from relay_tui.services.clients import add_client
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.incidents import save_incident
from relay_tui.services.projects import add_project
from relay_tui.services.timelog import log_time
from relay_tui.widgets.posture_cards import PostureCards
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW
from tests.screens.helpers import make_app, query_db, running, settle, table_rows

SIZE = (80, 24)


def shown(cards: PostureCards) -> str:
    return cards.render().plain if hasattr(cards.render(), "plain") else str(cards.render())


@pytest.fixture
def tense(store: Store) -> Store:
    """Alpha site: an incident not told yet; Beta shop: the client late on texts."""
    add_client(store, {"name": "Ann Client"})
    alpha = add_project(
        store,
        {"name": "Alpha site", "client": "Ann", "delivery_on": "2026-12-11"},
        now=FIXED_NOW,
    )
    beta = add_project(store, {"name": "Beta shop", "client": "Ann"}, now=FIXED_NOW)
    save_incident(
        store, alpha.id, {"title": "Hosting outage", "occurred_on": "2026-11-20"}, now=FIXED_NOW
    )
    add_deadline(
        store,
        {
            "project": beta.id,
            "title": "Texts from Ann",
            "due_on": "2026-11-20",
            "kind": "documents",
        },
        now=FIXED_NOW,
    )
    return store


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def open_project(pilot: Pilot[Any], name: str) -> ProjectScreen:
    dashboard = pilot.app.screen
    assert isinstance(dashboard, DashboardScreen)
    table = dashboard.query_one("#projects", FittedTable)
    names = [row[0] for row in table_rows(table)]
    table.focus()
    for _ in range(names.index(name)):
        await pilot.press("down")
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    return screen


async def test_the_dashboard_shows_the_cards_across_projects(tense: Store) -> None:
    app = make_app(tense)
    async with running(app, SIZE) as pilot:
        await settle(pilot)
        cards = app.screen.query_one("#posture", PostureCards)
        assert [(c.key, c.project) for c in cards.cards] == [
            ("warn", "Alpha site"),
            ("together", "Alpha site"),
            ("together", "Beta shop"),
        ]
        line = shown(cards)
        assert line.startswith("❝ Warn early · Alpha site — Incident “Hosting outage” not told")
        assert "(+2 more cards)" in line
        assert cards.region.bottom <= app.screen.query_one("RelayFooter").region.y


async def test_a_card_shows_on_its_project_and_x_puts_it_away(tense: Store, db_path: Path) -> None:
    app = make_app(tense)
    async with running(app, SIZE) as pilot:
        await settle(pilot)
        screen = await open_project(pilot, "Alpha site")
        cards = screen.query_one(PostureCards)
        assert cards.display and cards.region.height == 1
        line = shown(cards)
        assert line == "❝ Warn early (+1 more) — Incident “Hosting outage” not told to the client"
        assert "Tell the client now" in str(cards.tooltip)
        assert "You need each other" in str(cards.tooltip)
        # The phase keeps its lines: the card takes the phase bar's top margin.
        assert screen.query_one("#phase-bar").region.y == 1

        await press(pilot, "X")
        assert query_db(db_path, "SELECT card, dismissed_on FROM dismissed_card") == [
            ("warn", "2026-11-23")
        ]
        assert [c.key for c in cards.cards] == ["together"]
        assert shown(cards) == "❝ You need each other — Incident “Hosting outage” is open"

        await press(pilot, "X")  # the next one
        assert not cards.display
        assert not screen.check_action("dismiss_card", ())
        assert screen.query_one("#phase-bar").region.y == 2  # its margin back

        await press(pilot, "u")  # undo takes the last dismissal back
        assert [c.key for c in cards.cards] == ["together"]
        assert query_db(db_path, "SELECT card FROM dismissed_card") == [("warn",)]


async def test_x_is_in_the_palette_while_a_card_shows(tense: Store) -> None:
    from tests.screens.helpers import search_palette

    app = make_app(tense)
    async with running(app, SIZE) as pilot:
        await settle(pilot)
        await open_project(pilot, "Alpha site")
        assert any("Dismiss card" in prompt for prompt in await search_palette(pilot, "dismiss"))


async def test_a_bell_of_mine_with_no_margin_near_delivery_is_flagged_in_its_form(
    tense: Store,
) -> None:
    app = make_app(tense)
    async with running(app, SIZE) as pilot:
        await settle(pilot)
        await open_project(pilot, "Alpha site")
        await press(pilot, "d", "1")
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, FormModal)
        warning = form.query_one("#due_on-warning", Label)
        assert not warning.has_class("-shown")
        form.query_one("#due_on", Input).focus()
        await pilot.press(*"2026-12-10")  # the delivery is on 11 December
        await settle(pilot)
        assert warning.has_class("-shown")
        assert "delivery date (11 Dec)" in str(warning.render())
        form.query_one("#due_on", Input).value = ""
        form.query_one("#due_on", Input).focus()
        await pilot.press(*"+3d")
        form.query_one("#margin_days", Input).value = "0"
        await settle(pilot)
        assert "No margin" in str(warning.render())
        form.query_one("#margin_days", Input).value = "2"
        await settle(pilot)
        assert not warning.has_class("-shown")


async def test_the_time_tab_marks_rework_past_a_fifth_as_the_card_does(tense: Store) -> None:
    for category, minutes in (("work", 100), ("rework", 30)):
        log_time(
            tense,
            {"project": "Beta", "minutes": minutes, "spent_on": "2026-11-20", "category": category},
            now=FIXED_NOW,
        )
    app = make_app(tense)
    async with running(app, SIZE) as pilot:
        await settle(pilot)
        screen = await open_project(pilot, "Beta shop")
        assert screen.query_one(PostureCards).cards[0].key == "over_investment"
        await press(pilot, "d", "4")
        summary = screen.query_one("#time-summary", Static)
        text = summary.render()
        assert "Rework: 30m (23% of the time) — enough is enough: check the scope." in str(text)
