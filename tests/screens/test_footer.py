"""The footer shows the keys of what is on screen, and is rebuilt only when they change."""

from __future__ import annotations

from typing import Any

import pytest

from relay_tui.db import Store
from relay_tui.widgets.footer import RelayFooter
from tests.screens.helpers import make_app, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


def footer_keys(app: Any) -> list[str]:
    footer = app.screen.query_one(RelayFooter)
    # By type name: FooterKey lives in a private Textual module.
    return [key.description for key in footer.query("FooterKey") if key.description]  # type: ignore[attr-defined]


async def test_the_footer_follows_the_tab_and_is_rebuilt_only_when_its_keys_change(
    demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilt: list[str] = []
    original = RelayFooter.recompose

    async def counting(self: RelayFooter) -> None:
        rebuilt.append(type(self.screen).__name__)
        await original(self)

    monkeypatch.setattr(RelayFooter, "recompose", counting)
    app = make_app(demo)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the Bakery website, on its phase: during
        await settle(pilot)
        # Opening a project: its keys appear once, with the data (not once per focus move).
        assert rebuilt.count("ProjectScreen") == 1
        assert "Validated" not in footer_keys(app)
        assert "Chase" in footer_keys(app)

        await pilot.press("3")  # validations
        await settle(pilot)
        assert {"Validated", "Reopen"} <= set(footer_keys(app))
        rebuilt.clear()
        app.screen.refresh_bindings()  # nothing changed: nothing rebuilt
        app.screen.refresh_bindings()
        await settle(pilot)
        assert rebuilt == []

        await pilot.press("1")
        await settle(pilot)
        assert "Validated" not in footer_keys(app)
        assert rebuilt == ["ProjectScreen"]
