"""The app's own texts in the app's language: Textual's (the palette's placeholder, its
system commands, the footer's palette key), relay's renderings shown at run time (dates,
channels, statuses, the keys of a form), and the palette's entries.

A small French catalogue stands in for the real one (`catalogue` is replaced): these tests
check that the texts go through it, whatever the real catalogue holds today. Texts
translated at class level (BINDINGS) were translated at import, in English here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from types import SimpleNamespace

import pytest
from textual.command import CommandInput, CommandPalette

from relay_tui import i18n
from relay_tui.app import RelayApp
from relay_tui.app_textual import PALETTE_KEY, TEXTUAL_COMMANDS
from relay_tui.db import Store
from relay_tui.palette.app_actions import app_entries
from relay_tui.stored_words import channel as channel_label
from relay_tui.widgets.form_fields import keys_for
from relay_tui.widgets.labels import due_text, phase_text, status_text
from tests.screens.helpers import make_app, running, settle

FRENCH = {
    "Search for commands…": "Rechercher une commande…",
    "Theme": "Thème",
    "Change the current theme": "Changer de thème",
    "Quit": "Quitter",
    "today": "aujourd'hui",
    "during": "pendant",
    "During": "Pendant",
    "in {n} d": "dans {n} j",
    "{date} ({when})": "{date} ({when})",
    "[b]enter[/] {action}": "[b]entrée[/] {action}",
    "[b]tab[/] next field": "[b]tab[/] suivant",
    "save": "enregistrer",
    "late": "en retard",
    "Log time": "Saisir du temps",
    "Time spent on a project (T)": "Temps passé sur un projet (T)",
    "channel\x04phone": "téléphone",
    "month, short\x04Dec": "déc.",
}


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app speaks French, from `FRENCH`, for the time of the test."""
    catalogue = i18n.Catalogue("fr")
    for msgid, text in FRENCH.items():
        catalogue.add(msgid, text)
    catalogue.add("in {n} d", "dans {n} j", "dans {n} j")
    real = i18n.catalogue
    monkeypatch.setattr(i18n, "catalogue", lambda lang: catalogue if lang == "fr" else real(lang))
    before = i18n.app_language()
    i18n.use("fr")
    try:
        yield
    finally:
        i18n.use(before)


def test_the_footer_palette_key_is_the_app_s_own() -> None:
    """Textual adds its `ctrl+p palette` only to an app that declares none: relay declares
    it, so that its label and tooltip go through the catalogue."""
    assert PALETTE_KEY in RelayApp.BINDINGS
    assert PALETTE_KEY.key == RelayApp.COMMAND_PALETTE_BINDING
    assert (PALETTE_KEY.action, PALETTE_KEY.description) == ("command_palette", "palette")


@pytest.mark.usefixtures("french")
def test_renderings_follow_the_language() -> None:
    assert due_text(date(2026, 12, 7), date(2026, 12, 1)) == "7 déc. (dans 6 j)"
    assert channel_label("phone") == "téléphone"
    assert channel_label("carrier pigeon") == "carrier pigeon"  # unknown: as stored
    assert status_text("late", lambda _name: "").plain == "● en retard"
    assert phase_text("during", lambda _name: "").plain == "Pendant"
    assert keys_for(None) == "[b]tab[/] suivant"


def test_due_dates_read_without_zero_padding() -> None:
    assert due_text(date(2026, 12, 7), date(2026, 12, 7)) == "7 Dec (today)"
    assert due_text(date(2026, 12, 1), date(2026, 12, 3)) == "1 Dec (2 d ago)"


@pytest.mark.usefixtures("french")
def test_palette_entries_are_translated_when_listed() -> None:
    entries = app_entries(SimpleNamespace(run_action=print), None, set(), on_view=False)
    log = next(entry for entry in entries if entry.title == "Saisir du temps")
    assert log.help == "Temps passé sur un projet (T)"


@pytest.mark.usefixtures("french")
async def test_textual_s_palette_speaks_the_app_s_language(store: Store) -> None:
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert commands["Thème"] == "Changer de thème"
        assert "Quitter" in commands
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Rechercher une commande…"


async def test_every_textual_command_is_in_the_catalogue_list(store: Store) -> None:
    """Each title and help of Textual's commands is marked for the catalogue (a newer
    Textual may add one: it would stay in English)."""
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        shown = {text for c in app.get_system_commands(app.screen) for text in c[:2]}
    assert shown <= set(TEXTUAL_COMMANDS)
