"""Fixtures of the screen tests (helpers.py holds the functions they share)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from relay_tui.db import Store
from tests.screens.helpers import demo_store


@pytest.fixture
def demo(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo store, seeded at FIXED_NOW (a copy of one seeded once per session)."""
    with demo_store(db_path, tmp_path_factory) as store:
        yield store
