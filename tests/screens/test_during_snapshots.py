"""Snapshots of the during phase of the demo's Bakery website (pytest-textual-snapshot).

Regenerate after a deliberate change with `--snapshot-update`, then look at the SVGs.
Deterministic: the demo is seeded on the fixed clock, the app runs on it too, and every
worker is settled before the screenshot.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from relay_tui.db import Store
from relay_tui.screens.during import DuringPane
from relay_tui.screens.during_bells import BellsTab
from relay_tui.screens.project import ProjectScreen
from tests.screens.helpers import make_app, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


async def bakery_during(pilot: Pilot[Any]) -> None:
    """Open the Bakery website (first row of the dashboard) on its during phase."""
    await settle(pilot)
    for key in ("enter", "d"):
        await pilot.press(key)
        await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    assert screen.sub_title == "Bakery website · During"
    bells = screen.query_one(DuringPane).query_one(BellsTab)
    assert bells.loaded and len(bells.deadlines) == 4


def test_during_alarm_bells_80x24(demo: Store, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=bakery_during)


def test_during_alarm_bells_160x48(demo: Store, snap_compare: Any) -> None:
    assert snap_compare(make_app(demo), terminal_size=(160, 48), run_before=bakery_during)
