"""Snapshots of the before phase of the demo's Bakery website (pytest-textual-snapshot).

Regenerate after a deliberate change with `--snapshot-update`, then look at the SVGs.
Deterministic: the demo is seeded on the fixed clock, the app runs on it too, and every
worker is settled before the screenshot.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from relay_tui.db import Store
from relay_tui.screens.before import BeforePane
from relay_tui.screens.before_tab import BeforeTab
from relay_tui.screens.project import ProjectScreen
from tests.screens.helpers import make_app, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


def bakery_before(*tab_keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Open the Bakery website (first row of the dashboard), its before phase, a tab."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in ("enter", "b", *tab_keys):
            await pilot.press(key)
            await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.sub_title == "Bakery website · Before"
        tab = screen.query_one(BeforePane).tab_in_view()
        assert isinstance(tab, BeforeTab)
        assert tab.data is not None and tab.data.project.name == "Bakery website"

    return run_before


def test_before_overview_80x24(demo: Store, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=bakery_before())


def test_before_overview_160x48(demo: Store, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo), terminal_size=(160, 48), run_before=bakery_before())


def test_before_people_160x48(demo: Store, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo), terminal_size=(160, 48), run_before=bakery_before("2"))


def test_before_people_80x24(demo: Store, snap_compare: Any) -> None:
    """Small: the key actors and their grid first, the compatibility in one line."""
    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=bakery_before("2"))
