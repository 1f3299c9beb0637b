"""Fixtures of the service tests."""

from __future__ import annotations

import pytest

from relay_tui.db import Store
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW


@pytest.fixture
def projects(store: Store) -> tuple[int, int]:
    """Two projects of one client: Bakery and Festival (their ids)."""
    add_client(store, {"name": "Marie"})
    bakery = add_project(store, {"name": "Bakery", "client": "Marie"}, now=FIXED_NOW)
    festival = add_project(store, {"name": "Festival", "client": "Marie"}, now=FIXED_NOW)
    assert bakery.id is not None and festival.id is not None
    return bakery.id, festival.id
