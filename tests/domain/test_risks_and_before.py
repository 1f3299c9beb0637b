"""Risk scores and bands (domain.risks); what a new project starts with (domain.before)."""

from __future__ import annotations

import itertools

import pytest

from relay_tui.domain.before import (
    CLIENT_COMMITMENTS,
    PROVIDER_COMMITMENTS,
    RiskSeed,
    framing_risks,
)
from relay_tui.domain.risks import score, severity
from relay_tui.vocab import RiskCategory

# --- score ------------------------------------------------------------------------------


def test_score_is_probability_times_impact_over_the_whole_scale() -> None:
    for probability, impact in itertools.product(range(1, 6), repeat=2):
        assert score(probability, impact) == probability * impact


@pytest.mark.parametrize(("probability", "impact"), [(0, 3), (3, 0), (6, 1), (1, 6), (-1, -1)])
def test_score_refuses_values_off_the_scale(probability: int, impact: int) -> None:
    with pytest.raises(ValueError, match=r"outside 1\.\.5"):
        score(probability, impact)


# --- severity ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (1, "low"),
        (4, "low"),
        (5, "medium"),
        (9, "medium"),
        (10, "high"),
        (16, "high"),
        (20, "critical"),
        (25, "critical"),
    ],
)
def test_severity_bands_at_every_boundary(value: int, band: str) -> None:
    assert severity(value) == band


@pytest.mark.parametrize("value", [0, -3])
def test_severity_refuses_scores_below_one(value: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        severity(value)


@pytest.mark.parametrize("value", [26, 100])
def test_severity_refuses_scores_above_twenty_five(value: int) -> None:
    with pytest.raises(ValueError, match="at most 25"):
        severity(value)


def test_every_reachable_score_has_a_band_that_never_decreases() -> None:
    order = ["low", "medium", "high", "critical"]
    reachable = sorted({p * i for p, i in itertools.product(range(1, 6), repeat=2)})
    ranks = [order.index(severity(value)) for value in reachable]
    assert ranks == sorted(ranks)
    assert {severity(v) for v in reachable} == set(order)


# --- framing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accountable", "event", "partial", "categories"),
    [
        (None, None, None, []),
        (False, False, True, []),
        (True, None, None, ["accountability"]),
        (None, True, None, ["event_deadline"]),
        (None, None, False, ["scope"]),
        (True, True, None, ["accountability", "event_deadline"]),
        (True, None, False, ["accountability", "scope"]),
        (None, True, False, ["event_deadline", "scope"]),
        (True, True, False, ["accountability", "event_deadline", "scope"]),
        (False, False, False, ["scope"]),
        (True, True, True, ["accountability", "event_deadline"]),
    ],
)
def test_framing_risks_follow_the_answers(
    accountable: bool | None, event: bool | None, partial: bool | None, categories: list[str]
) -> None:
    risks = framing_risks(accountable, event, partial)
    assert [risk.category for risk in risks] == categories


def test_every_combination_of_answers_gives_valid_seeds() -> None:
    answers = (None, True, False)
    for accountable, event, partial in itertools.product(answers, repeat=3):
        risks = framing_risks(accountable, event, partial)
        expected = (accountable is True) + (event is True) + (partial is False)
        assert len(risks) == expected
        for risk in risks:
            assert isinstance(risk, RiskSeed)
            assert risk.title.strip() and risk.mitigation.strip()
            assert RiskCategory(risk.category)
            assert severity(score(risk.probability, risk.impact))


def test_an_event_bound_delivery_is_the_most_severe_framing_risk() -> None:
    risks = {r.category: r for r in framing_risks(True, True, False)}
    event = risks["event_deadline"]
    assert score(event.probability, event.impact) == max(
        score(r.probability, r.impact) for r in risks.values()
    )


@pytest.mark.parametrize("commitments", [CLIENT_COMMITMENTS, PROVIDER_COMMITMENTS])
def test_commitments_are_listed_for_both_parties(commitments: tuple[str, ...]) -> None:
    assert len(commitments) == 5
    assert all(text.strip() == text and text for text in commitments)
    assert len(set(commitments)) == len(commitments)


def test_the_two_parties_have_different_commitments() -> None:
    assert not set(CLIENT_COMMITMENTS) & set(PROVIDER_COMMITMENTS)
