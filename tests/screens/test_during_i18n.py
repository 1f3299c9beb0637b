"""The during phase and the dashboard in another language: a translated sentence keeps the
user's text (a Rich part) literal wherever the language puts it, and the column titles,
marked for the catalogue at import, are translated when a table is built."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.text import Text

from relay_tui import i18n
from relay_tui.screens import dashboard
from relay_tui.screens.during_bells import COLUMNS
from relay_tui.screens.during_tab import sentence, translated
from relay_tui.screens.during_time import percent
from relay_tui.stored_words import channel as channel_name
from relay_tui.stored_words import incident_status as status_name
from relay_tui.stored_words import time_category as category_name


@pytest.fixture
def french_titles() -> Iterator[dict[str, str]]:
    """A French catalogue holding a few of these screens' messages (the real one is
    merged and compiled from the fragments: this test does not depend on it)."""
    messages = {
        "Alarm bell": "Sonnette d'alarme",
        "Who acts": "Qui agit",
        "Project": "Projet",
        "{percent}%": "{percent} %",
    }
    catalogue = i18n.Catalogue("fr")
    for msgid, text in messages.items():
        catalogue.add(msgid, text)
    saved = i18n._catalogues.get("fr")
    i18n._catalogues["fr"] = catalogue
    i18n.use("fr")
    try:
        yield messages
    finally:
        i18n.use("en")
        if saved is None:
            del i18n._catalogues["fr"]
        else:
            i18n._catalogues["fr"] = saved


def test_a_sentence_puts_each_part_where_the_language_says() -> None:
    title = Text("[bold]{late}[/] {x}", style="bold")  # what a user typed: kept as typed
    english = sentence("The client is late on {title}: frozen.", "dim", title=title)
    french = sentence("{title} : le client est en retard.", "dim", title=title)
    assert english.plain == "The client is late on [bold]{late}[/] {x}: frozen."
    assert french.plain == "[bold]{late}[/] {x} : le client est en retard."
    # The words in the sentence's style, the part in its own.
    spans = {(span.start, span.end, str(span.style)) for span in french.spans}
    assert (0, len(title), "bold") in spans
    assert (len(title), len(french), "dim") in spans


def test_a_sentence_leaves_an_unknown_placeholder_and_stray_braces_alone() -> None:
    assert sentence("{a} and {b} {", a=Text("A")).plain == "A and {b} {"
    assert sentence("no part").plain == "no part"


def test_column_titles_are_translated_when_the_table_is_built(
    french_titles: dict[str, str],
) -> None:
    shown = translated(COLUMNS)
    assert [c.label for c in shown[:2]] == ["Sonnette d'alarme", "Qui agit"]
    assert [c.key for c in shown] == [c.key for c in COLUMNS]  # the keys stay
    assert COLUMNS[0].label == "Alarm bell"  # the constant keeps the message id
    assert dashboard.columns(compact=True)[0].label == "Projet"
    assert percent(0.456) == "46 %"


def test_stored_values_are_named_in_english_by_default() -> None:
    assert channel_name("email") == "email"
    assert channel_name("carrier pigeon") == "carrier pigeon"  # unknown: as stored
    assert category_name("rework") == "rework"
    assert status_name("resolved") == "resolved"
    assert percent(0.04) == "4%"
