"""`y` in the report window copies with the desktop's clipboard program when there is one
and says "Copied" with its name; otherwise it goes through the terminal (OSC 52) and says
that it cannot know."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label

from relay_tui.db import Store
from relay_tui.screens.report import ReportModal
from tests.screens.helpers import make_app, running
from tests.screens.test_during import open_bakery_during, press
from tests.test_clipboard import program

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


async def report_window(pilot) -> ReportModal:  # type: ignore[no-untyped-def]
    await open_bakery_during(pilot)
    await press(pilot, "g", "ctrl+s")
    modal = pilot.app.screen
    assert isinstance(modal, ReportModal)
    return modal


def said(modal: ReportModal) -> str:
    return str(modal.query_one("#report-message", Label).render())


async def test_y_copies_with_the_clipboard_program_and_names_it(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program(tmp_path, "wl-copy")
    monkeypatch.setenv("PATH", f"{tmp_path}:{Path('/usr/bin')}:{Path('/bin')}")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    app = make_app(demo)
    async with running(app) as pilot:
        modal = await report_window(pilot)
        await press(pilot, "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert said(modal).startswith("Copied to the clipboard (with wl-copy).")
        assert "then s once sent" in said(modal)
        assert (tmp_path / "wl-copy.got").read_text(encoding="utf-8") == modal.markdown
        assert app.clipboard == ""  # the terminal's escape was not needed


async def test_without_a_program_it_goes_through_the_terminal_and_says_so(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no clipboard program
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    app = make_app(demo)
    async with running(app) as pilot:
        modal = await report_window(pilot)
        await press(pilot, "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert said(modal).startswith("Sent to the clipboard through the terminal")
        assert "Copied" not in said(modal)
        assert app.clipboard == modal.markdown
