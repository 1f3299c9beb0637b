"""Snapshots of two forms at 80×24 (issue 14): the new alarm bell, whose last fields and
buttons used to be cut off, and quick capture. Deterministic as test_snapshots.py is;
after a deliberate change, look at the new SVGs and accept them with `--snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from relay_tui.db import Store
from relay_tui.screens.capture import CaptureModal
from relay_tui.screens.form import FormModal
from tests.screens.helpers import make_app
from tests.screens.test_snapshots import steady

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SnapCompare = Callable[..., bool]


async def open_on_bakery(pilot: Pilot[Any], *keys: str) -> None:
    """From the dashboard: the Bakery website (its first row), then `keys`, one at a time."""
    await steady(pilot)
    for key in ("enter", *keys):
        await pilot.press(key)
        await steady(pilot)


def test_new_alarm_bell_at_80x24_scrolled_to_its_last_field(
    snap_compare: SnapCompare, demo: Store
) -> None:
    """Tabbed down to "Depends on": the view has followed, Save and Cancel are docked."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_on_bakery(pilot, "d", "n")
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        await pilot.press(*"Logo from the client", *["tab"] * 5)
        await steady(pilot)
        assert form.focused is not None and form.focused.id == "after_id"

    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=run_before)


def test_capture_at_80x24_with_a_box_ticked(snap_compare: SnapCompare, demo: Store) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_on_bakery(pilot, "c")
        form = pilot.app.screen
        assert isinstance(form, CaptureModal)
        await pilot.press(*"Marie called: texts on Friday", "tab", "tab", "tab", "space")
        await steady(pilot)

    assert snap_compare(make_app(demo), terminal_size=(80, 24), run_before=run_before)
