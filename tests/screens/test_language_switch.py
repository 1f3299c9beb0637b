"""Choosing the language from the palette (issue 15, item 2): saved in the settings, and
relay starts again in it (the app exits asking for a restart; the command that starts it
again drops any --lang)."""

from __future__ import annotations

import sys

from relay_tui.app_language import RESTART, restart_command
from relay_tui.db import Store
from relay_tui.settings import load_settings
from tests.screens.helpers import make_app, run_from_palette, running, settle


async def test_the_palette_saves_the_language_and_starts_relay_again(demo: Store) -> None:
    app = make_app(demo, save_settings=True)
    async with running(app) as pilot:
        await settle(pilot)
        titles = await run_from_palette(pilot, "language", "Language: Français")
        assert "Language: English" not in titles  # the language relay speaks already
        await pilot.pause()
    assert app.return_code == RESTART
    assert app.restart_language == "fr"
    assert load_settings().language == "fr"


async def test_the_language_relay_speaks_changes_nothing(demo: Store) -> None:
    app = make_app(demo, save_settings=True)
    async with running(app) as pilot:
        await settle(pilot)
        await app.run_action("language('en')")
        await settle(pilot)
        assert app.is_running
    assert app.restart_language is None
    assert load_settings().language == ""


def test_starting_again_drops_lang_and_keeps_the_rest() -> None:
    argv = ["--lang", "en", "--db", "x.db", "--lang=fr"]
    assert restart_command(argv, sys.executable) == [
        sys.executable,
        "-m",
        "relay_tui",
        "--db",
        "x.db",
    ]
    # A new sample store each time, unless one was named: it holds the demo already.
    assert restart_command(["--demo"], "py")[3:] == ["--demo"]
    assert restart_command(["--demo", "--db=x.db"], "py")[3:] == ["--db=x.db"]
