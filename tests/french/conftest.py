"""The French half of the suite: run in its own process, French from the start.

The app's language is chosen once, before the screens are imported (their keys'
descriptions are translated then), so these tests cannot share a process with the English
ones: `tests/test_french_suite.py` runs this folder in a child pytest with `RELAY_LANG=fr`
(pyproject's addopts leave it out of the main run). To run it alone:

    RELAY_LANG=fr python -m pytest -o addopts=-q tests/french
"""

from __future__ import annotations

import os

import pytest

from relay_tui import i18n

os.environ["RELAY_LANG"] = "fr"
i18n.use("fr")


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    """French for the app and for every relay a test starts (whatever the root conftest
    sets for the English half)."""
    monkeypatch.setenv("RELAY_LANG", "fr")
    i18n.use("fr")


@pytest.fixture
def demo(db_path, tmp_path_factory):
    """The French demo store, seeded at FIXED_NOW (as tests/screens/conftest.py's)."""
    from tests.screens.helpers import demo_store

    with demo_store(db_path, tmp_path_factory) as store:
        yield store
