"""Snapshots of the main screens in French (issue 15): the dashboard, the during phase and
the status report, on the French demo, at 80×24 and at a wide size. Accept deliberate
changes after looking at them:

    RELAY_LANG=fr python -m pytest -o addopts=-q tests/french --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from relay_tui.db import Store
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.report import ReportModal
from tests.screens.helpers import make_app
from tests.screens.test_snapshots import steady

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


def pressing(*keys: str, shows: type) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        for key in keys:
            await pilot.press(key)
            await steady(pilot)
        assert isinstance(pilot.app.screen, shows), pilot.app.screen

    return run


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_in_french(snap_compare: SnapCompare, demo: Store, size: tuple[int, int]):
    assert snap_compare(
        make_app(demo), terminal_size=size, run_before=pressing(shows=DashboardScreen)
    )


@pytest.mark.parametrize("size", SIZES)
def test_during_in_french(snap_compare: SnapCompare, demo: Store, size: tuple[int, int]):
    assert snap_compare(
        make_app(demo),
        terminal_size=size,
        run_before=pressing("enter", "d", shows=ProjectScreen),
    )


@pytest.mark.parametrize("size", SIZES)
def test_report_in_french(snap_compare: SnapCompare, demo: Store, size: tuple[int, int]):
    assert snap_compare(
        make_app(demo),
        terminal_size=size,
        run_before=pressing("enter", "d", "g", "ctrl+s", shows=ReportModal),
    )
