"""Every action of the app is reachable (a key or the command palette), and the palette's
exports write their file."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import platformdirs
import pytest
from textual.app import App

import relay_tui.screens
from relay_tui.app import RelayApp
from relay_tui.db import Store
from relay_tui.palette import ACTIONS
from relay_tui.services.craft import save_craft_card
from tests.screens.helpers import make_app, running, search_palette, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


def test_every_action_of_the_app_has_a_key_or_a_command_in_the_palette() -> None:
    actions = {
        name.removeprefix("action_")
        for cls in RelayApp.__mro__
        if cls.__module__.startswith("relay_tui.")  # relay's own, not Textual's
        for name in vars(cls)
        if name.startswith("action_")
    }
    assert {
        "export_json",
        "export_craft",
        "export_ics",
        "export_report",
        "export_retro",
        "board",
        "dashboard",
        "status_report",
        "retro",
    } <= actions
    keyed = {binding.action for binding in RelayApp.BINDINGS}  # type: ignore[union-attr]
    offered = {action.action for action in ACTIONS}
    # Textual's own actions that relay does its way (the palette's "Keys" runs them), and
    # "language", offered once per language (palette.app_actions.language_entries).
    textuals = {name for name in actions if hasattr(App, f"action_{name}")}
    assert actions - keyed - offered - textuals == {"language"}
    assert offered <= actions  # and the palette offers nothing the app cannot do
    assert len({action.title for action in ACTIONS}) == len(ACTIONS)


def test_the_keys_that_stand_for_an_action_of_the_app_exist() -> None:
    """An app action is left out where a key says the same (`AppAction.shown_by`): those
    keys' ids must be real, or the entry would be listed twice there."""
    ids = set()
    for module in pkgutil.iter_modules(relay_tui.screens.__path__):
        loaded = importlib.import_module(f"relay_tui.screens.{module.name}")
        for cls in vars(loaded).values():
            for binding in vars(cls).get("BINDINGS", ()) if isinstance(cls, type) else ():
                ids.add(binding.id)
    shown_by = {key for action in ACTIONS for key in action.shown_by}
    assert shown_by == {"during-report", "after-retro", "retro-leave", "before-kickoff"}
    assert shown_by <= ids


async def test_the_palette_exports_the_craft_card_as_markdown(
    demo: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    save_craft_card(
        demo, {"name": "Ada Studio", "training": "Fine arts", "portfolio": "https://ada.test"}
    )
    app = make_app(demo)
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_options: told.append(message))
    async with running(app) as pilot:
        await settle(pilot)
        assert (await search_palette(pilot, "craft card"))[0] == "Export my craft card (Markdown)"
        await pilot.press("down", "enter")
        await settle(pilot)
        [written] = documents.iterdir()
        assert re.fullmatch(r"relay-craft-card-\d{8}-\d{6}\.md", written.name)
        assert told == [f"Craft card written to {written}"]
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Ada Studio: my trade\n")
    assert "Fine arts" in text and "https://ada.test" in text
