"""Each client in their own language (issue 15, item 3): the status report and the
calendar file written for a client are in the client's language, the app stays in its
own; the language is one relay speaks, from every front end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from relay_tui import i18n
from relay_tui.db import Store
from relay_tui.errors import InvalidInput
from relay_tui.services.calendar import export_ics
from relay_tui.services.clients import add_client, clients_view, edit_client
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.projects import add_project
from relay_tui.services.status_report import report
from tests.conftest import FIXED_NOW, run_relay, table_counts

TODAY = date(2026, 11, 23)


@pytest.fixture
def french_app() -> Iterator[None]:
    i18n.use("fr")
    yield
    i18n.use("en")


def _project(store: Store, client: str, language: str | None) -> int:
    add_client(store, {"name": client, "language": language})
    project = add_project(store, {"name": f"Site for {client}", "client": client})
    add_deadline(
        store, {"project": project.id, "title": "Texts", "due_on": "2026-11-30", "owner": "client"}
    )
    return project.id  # type: ignore[return-value]


def test_a_clients_report_is_in_the_clients_language(store: Store, french_app: None) -> None:
    london = _project(store, "Oliver Smith", "en")
    lyon = _project(store, "Marie Lambert", None)
    _, english = report(store, london, TODAY)
    _, french = report(store, lyon, TODAY)
    assert english.startswith("# Site for Oliver Smith: where we stand")
    assert "Monday 23 November" in english
    assert french.startswith("# Site for Marie Lambert\u00a0: point d'avancement")
    assert "lundi 23 novembre" in french
    assert i18n.language() == "fr"  # the app is still French


def test_the_calendar_event_is_in_its_clients_language(
    store: Store, french_app: None, tmp_path: Path
) -> None:
    _project(store, "Oliver Smith", "en")
    _project(store, "Marie Lambert", None)
    out = tmp_path / "bells.ics"
    assert export_ics(store, out, now=FIXED_NOW) == 2
    text = out.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Who acts: the client" in text
    assert "Qui agit : le client" in text.replace("\u00a0", " ")


def test_the_language_is_one_relay_speaks(store: Store, db_path: Path) -> None:
    before = table_counts(db_path)
    with pytest.raises(InvalidInput) as refused:
        add_client(store, {"name": "Hans", "language": "de"})
    assert refused.value.field == "language"
    assert "en, fr" in str(refused.value)
    assert table_counts(db_path) == before


def test_an_empty_language_is_the_users_own(store: Store) -> None:
    client = add_client(store, {"name": "Léa", "language": "FR"})
    assert client.language == "fr"
    edit_client(store, client.id, {"language": "", "version": client.version})  # type: ignore[arg-type]
    [view] = clients_view(store)
    assert view.language == ""


def test_the_command_line_sets_it_and_reports_in_it(db_path: Path) -> None:
    done = run_relay("client", "add", "Oliver Smith", "--language", "en", db=db_path)
    assert done.returncode == 0, done.stderr
    run_relay("project", "add", "Shop", "--client", "Oliver Smith", db=db_path)
    shown = run_relay("--lang", "fr", "report", "-p", "Shop", db=db_path)
    assert shown.returncode == 0, shown.stderr
    assert "# Shop: where we stand" in shown.stdout
    listed = run_relay("client", "list", "--json", db=db_path)
    assert json.loads(listed.stdout)["clients"][0]["language"] == "en"
    refused = run_relay("client", "edit", "Oliver Smith", "--language", "klingon", db=db_path)
    assert refused.returncode != 0
    assert "language" in refused.stderr
