"""The sample store (`relay --demo`): in English, or in French when relay speaks French,
with the same structure, dates and numbers."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from relay_tui import i18n
from relay_tui.db import Store, location_for_path, open_store
from relay_tui.demo import EN, seed_demo, texts
from relay_tui.demo_fr import FR
from tests.conftest import FIXED_NOW, query_rows, table_counts

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo"),
]


def shape(value: Any) -> Any:
    """The keys and lengths of the sample's words, without the words."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(shape(item) for item in value)
    return type(value)


def test_the_french_words_have_the_english_shape() -> None:
    assert shape(FR) == shape(EN)
    # Nothing left in English, but names and addresses, the same in both languages.
    shared = set(_strings(FR)) & set(_strings(EN))
    assert shared <= {
        "",
        "Marie Lambert",
        "Boulangerie Lambert",
        "marie@lambert.example",
        "+33 6 12 34 56 78",
        "Karim Haddad",
        "Atelier Nord",
        "karim@ateliernord.example",
        "Léa Martin",
        "lea@martin.example",
        "communication",
    }


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, tuple):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def seeded(template_db: Path, tmp_path: Path, language: str) -> Path:
    path = tmp_path / f"demo-{language}.db"
    shutil.copyfile(template_db, path)
    i18n.use(language)
    try:
        store: Store = open_store(location_for_path(path))
        try:
            seed_demo(store, FIXED_NOW)
        finally:
            store.close()
    finally:
        i18n.use("en")
    return path


def test_the_french_demo_is_the_english_one_in_french(template_db: Path, tmp_path: Path) -> None:
    english = seeded(template_db, tmp_path, "en")
    french = seeded(template_db, tmp_path, "fr")
    assert table_counts(french) == table_counts(english)
    names = [row[0] for row in query_rows(french, "SELECT name FROM project ORDER BY id")]
    assert names == list(FR["projects"].values())
    assert "Site de la boulangerie" in names
    clients = {row[0] for row in query_rows(french, "SELECT name FROM client")}
    assert {"Marie Lambert", "Sophie Roussel", "Thomas Mercier"} <= clients
    # The same dates and numbers, line by line.
    for sql in (
        "SELECT project_id, kind, due_on, margin_days, after_id, done_on FROM deadline ORDER BY id",
        "SELECT project_id, at, direction, awaiting_reply FROM contact ORDER BY id",
        "SELECT project_id, probability, impact, category, review_on FROM risk ORDER BY id",
        "SELECT project_id, spent_on, minutes, category FROM time_entry ORDER BY id",
        "SELECT id, phase, status, delivery_on, budget_minutes, client_id FROM project ORDER BY id",
    ):
        assert query_rows(french, sql) == query_rows(english, sql)
    english_projects = [row[0] for row in query_rows(english, "SELECT name FROM project")]
    assert "Bakery website" in english_projects


def test_texts_follow_the_language() -> None:
    assert texts() is EN
    with i18n.speaking("fr"):
        assert texts() is FR
