"""The method's texts in French: the status report, the cards, the refusals.

The French comes from the catalogue (`relay.mo`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from relay_tui.domain.after import Handover, step_titles
from relay_tui.domain.before import CLIENT_COMMITMENTS, DatedStep, HorizonWarning, quadrant
from relay_tui.domain.compatibility import ProfileValues, compatibility
from relay_tui.domain.craft import craft_markdown
from relay_tui.domain.posture import CARDS
from relay_tui.domain.report import ReportData, ReportDeadline, ReportRisk, status_report
from relay_tui.domain.rules import check_range
from relay_tui.errors import InvalidInput
from relay_tui.i18n import speaking, tr
from relay_tui.vocab import ROLE_LABELS

MON = date(2026, 11, 23)


@pytest.fixture
def french() -> Iterator[None]:
    with speaking("fr"):
        yield


def _report() -> str:
    return status_report(
        ReportData(
            project="Site",
            client="Acme",
            today=MON,
            deadlines=[
                ReportDeadline("Photos", "client", date(2026, 11, 17), None, "late"),
                ReportDeadline("Hosting", "provider", date(2026, 11, 24), None, "in_margin"),
            ],
            risks=[ReportRisk("Launch slips", 16, "high", "Chase after two days")],
        )
    )


def plain(text: str) -> str:
    """French puts a no-break space before : ; ? ! (the catalogue's typography)."""
    return text.replace("\u00a0", " ")


def test_the_status_report_speaks_to_the_client_in_french(french: None) -> None:
    text = plain(_report())
    assert text.startswith("# Site : point d'avancement\n")
    assert "Point au lundi 23 novembre 2026, pour Acme." in text
    assert "## Ce dont nous avons besoin de votre part" in text
    assert "- Photos : en attente depuis le mardi 17 novembre" in text
    assert "- Hosting : pour le mardi 24 novembre" in text
    assert "- Launch slips (risque élevé). Ce que nous faisons : Chase after two days" in text
    assert "## En attente de votre validation\n\n- Rien en attente." in text


def test_the_report_in_english_is_unchanged_outside_the_french_block(french: None) -> None:
    with speaking("en"):
        text = _report()
    assert "## What we need from you" in text
    assert "- Photos: overdue since Tuesday 17 November" in text


def test_cards_and_method_texts_are_translated_where_shown(french: None) -> None:
    assert tr(CARDS[0].title) == "Promettre moins, livrer plus"
    assert CARDS[0].title == "Promise less, deliver more"  # the constant stays the id
    assert tr(CLIENT_COMMITMENTS[-1]) == "S'en tenir à une validation une fois qu'elle est donnée"
    assert tr(quadrant(4, 4)) == "suivre de près"
    assert tr(ROLE_LABELS["sponsor"]) == "Commanditaire"
    assert step_titles("start_stop_continue")[1:4] == ["Continuer", "Arrêter", "Commencer"]
    assert craft_markdown({}) == "# Mon métier\n\n_Rien d'écrit pour l'instant._\n"
    assert plain(Handover(2, 2, False, False, False).invoice_refusal()) == (
        "2 livrables attendent encore la validation du client : la facture suit l'accord"
    )


def test_watch_points_and_warnings_in_french(french: None) -> None:
    result = compatibility(
        ProfileValues(structure=5, channel="phone"), ProfileValues(structure=1, channel="email")
    )
    causes = [plain(point.cause) for point in result.watch_points]
    assert "Le client est structuré, vous êtes plutôt détendu." in causes
    assert "Le client préfère : téléphone ; vous : e-mail." in causes
    warning = HorizonWarning(DatedStep(1, "Mock-ups", date(2026, 12, 20)), None, 22)
    assert warning.message().startswith("'Mock-ups' arrive 22 jours après le début")


def test_refusals_in_french(french: None) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_range("x", "impact", 1, 5)
    assert plain(str(caught.value)) == "impact : 'x' n'est pas un nombre entier entre 1 et 5"
