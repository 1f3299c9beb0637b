"""Snapshots of the main screens (pytest-textual-snapshot).

Deterministic: the clock is FIXED_NOW, the demo is seeded at FIXED_NOW, every worker has
finished before the picture is taken, and the text cursors do not blink. After a deliberate
change of a screen, look at the new pictures and accept them with `--snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from relay_tui.db import Store
from relay_tui.screens.capture import CaptureModal
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project_form import NewProjectScreen
from tests.screens.helpers import make_app, query_db, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SnapCompare = Callable[..., bool]


async def steady(pilot: Pilot[Any]) -> None:
    """Every worker done, and no blinking cursor in the picture."""
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def then(
    *steps: Callable[[Pilot[Any]], Awaitable[None]],
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """One run_before made of several steps, each followed by `steady`."""

    async def run(pilot: Pilot[Any]) -> None:
        await steady(pilot)
        for step in steps:
            await step(pilot)
            await steady(pilot)

    return run


async def on_dashboard(pilot: Pilot[Any]) -> None:
    await steady(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)


def test_dashboard_demo_80x24(snap_compare: SnapCompare, demo: Store) -> None:
    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=on_dashboard)


def test_dashboard_demo_160x48(snap_compare: SnapCompare, demo: Store) -> None:
    assert snap_compare(make_app(demo), terminal_size=(160, 48), run_before=on_dashboard)


def test_dashboard_empty_store_welcome(snap_compare: SnapCompare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=on_dashboard)


def test_capture_modal_on_bakery(snap_compare: SnapCompare, demo: Store, db_path: Path) -> None:
    """The modal as `c` opens it on the Bakery project (pre-filled), over the dashboard."""
    [(bakery,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Bakery website'")

    async def open_capture(pilot: Pilot[Any]) -> None:
        pilot.app.push_screen(CaptureModal(int(bakery)))

    async def check(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app.screen, CaptureModal)

    assert snap_compare(
        make_app(demo), terminal_size=(100, 30), run_before=then(open_capture, check)
    )


def test_new_project_form(snap_compare: SnapCompare, store: Store) -> None:
    async def press_n(pilot: Pilot[Any]) -> None:
        await pilot.press("n")

    async def check(pilot: Pilot[Any]) -> None:
        assert isinstance(pilot.app.screen, NewProjectScreen)

    assert snap_compare(make_app(store), terminal_size=(100, 40), run_before=then(press_n, check))
