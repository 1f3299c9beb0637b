"""The words the before and after phases and the clients screen show for stored values
(a status, a channel, a risk's band, a self-assessment answer): each goes through the
catalogue, so none reaches a French user in English; English shows the stored word."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from relay_tui import i18n
from relay_tui.domain.risks import BANDS
from relay_tui.screens.before_overview import _answer
from relay_tui.stored_words import band as band_label
from relay_tui.stored_words import channel as channel_label
from relay_tui.stored_words import commitment_status, risk_status
from relay_tui.vocab import Channel, CommitmentStatus, RiskStatus

LABELS: list[tuple[Callable[[str], str], list[str]]] = [
    (channel_label, [c.value for c in Channel]),
    (commitment_status, [s.value for s in CommitmentStatus]),
    (risk_status, [s.value for s in RiskStatus]),
    (band_label, [band for _, band in BANDS]),
    (
        _answer,
        ["financial", "intellectual", "both", "supplier", "partner", "sacrifice", "balance"],
    ),
]


class Marking(i18n.Catalogue):
    """A catalogue that translates every message to itself in «guillemets»."""

    def gettext(self, msgid: str) -> str:
        return f"«{msgid}»"

    def pgettext(self, context: str, msgid: str) -> str:
        return f"«{msgid}»"


@pytest.mark.parametrize(("label", "values"), LABELS, ids=lambda x: getattr(x, "__name__", ""))
def test_every_stored_value_is_shown_in_english_as_stored(
    label: Callable[[str], str], values: list[str]
) -> None:
    assert [label(value) for value in values] == values


@pytest.mark.parametrize(("label", "values"), LABELS, ids=lambda x: getattr(x, "__name__", ""))
def test_every_stored_value_goes_through_the_catalogue(
    label: Callable[[str], str], values: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "_current", lambda: Marking("fr"))
    assert [label(value) for value in values] == [f"«{value}»" for value in values]


def test_an_unknown_value_is_shown_as_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value written by a newer relay has no label yet: it shows as it is stored."""
    monkeypatch.setattr(i18n, "_current", lambda: Marking("fr"))
    assert risk_status("archived") == "archived"
    assert _answer(None) == "?"
    assert _answer(True) == "«yes»"
