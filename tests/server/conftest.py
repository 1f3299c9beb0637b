"""Two people on one store: Ann and Bob, each with their own connection and name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from relay_tui.db import Store, open_store, resolve_location
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW


def _person(db_path: Path, name: str) -> Iterator[Store]:
    store = open_store(resolve_location(str(db_path)), user=name)
    yield store
    store.close()


@pytest.fixture
def ann(db_path: Path) -> Iterator[Store]:
    yield from _person(db_path, "ann")


@pytest.fixture
def bob(db_path: Path) -> Iterator[Store]:
    yield from _person(db_path, "bob")


@pytest.fixture
def project_id(ann: Store) -> int:
    """The Bakery website (for Marie Lambert), created by Ann."""
    add_client(ann, {"name": "Marie Lambert"})
    project = add_project(ann, {"name": "Bakery website", "client": "Marie"}, now=FIXED_NOW)
    assert project.id is not None
    return project.id
