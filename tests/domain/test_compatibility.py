"""Personality compatibility (domain.compatibility): score, partial answers, watch points."""

from __future__ import annotations

import pytest

from relay_tui.domain.compatibility import (
    HIGH,
    LOW,
    WEIGHTS,
    Compatibility,
    ProfileValues,
    WatchPoint,
    bar,
    compatibility,
    watch_points,
)

SHARED = {"structure", "precision", "energy", "scope", "channel"}
ALL_ITEMS = 8  # four axes, the channel, three client traits


def keys(result: Compatibility) -> list[str]:
    return [point.key for point in result.watch_points]


def point(client: ProfileValues, provider: ProfileValues, key: str) -> WatchPoint:
    found = [p for p in compatibility(client, provider).watch_points if p.key == key]
    assert len(found) == 1, found
    return found[0]


# --- whole profiles -------------------------------------------------------------------


def test_identical_profiles_score_100_with_no_watch_point_on_the_shared_axes() -> None:
    same = {"structure": 4, "precision": 5, "energy": 3, "scope": 1, "channel": "email"}
    client = ProfileValues(**same, experience=5, feedback=3, temper=5)
    provider = ProfileValues(**same)
    result = compatibility(client, provider)
    # Every axis and the channel match; the client traits: 5 → 1.0, 3 → 0.5, 5 → 1.0.
    expected = round(100 * (3 + 3 + 2 + 2 + 1 + 1 + 0.5 + 2) / sum(WEIGHTS.values()))
    assert result.score == expected == 97
    assert result.items_compared == ALL_ITEMS
    assert result.items_possible == ALL_ITEMS
    assert not result.partial
    assert result.watch_points == []


def test_identical_easy_profiles_score_exactly_100() -> None:
    client = ProfileValues(2, 4, 3, 2, "chat", experience=5, feedback=4, temper=5)
    provider = ProfileValues(2, 4, 3, 2, "chat")
    result = compatibility(client, provider)
    assert result.score < 100  # feedback 4 is not the top of the scale
    client = ProfileValues(2, 4, 3, 2, "chat", experience=5, feedback=5, temper=5)
    result = compatibility(client, provider)
    assert result.score == 100
    # A praising client still gets its one watch point, but no shared axis does.
    assert not SHARED & set(keys(result))
    assert keys(result) == ["feedback"]


def test_opposite_profiles_score_low_and_raise_every_relevant_watch_point() -> None:
    client = ProfileValues(
        structure=5,
        precision=1,
        energy=1,
        scope=1,
        channel="phone",
        experience=1,
        feedback=1,
        temper=1,
    )
    provider = ProfileValues(structure=1, precision=5, energy=5, scope=5, channel="email")
    result = compatibility(client, provider)
    # Every axis 4 apart (0), a different channel (half of 1), every trait at its worst (0).
    assert result.score == round(100 * 0.5 / sum(WEIGHTS.values())) == 3
    assert result.items_compared == ALL_ITEMS
    assert not result.partial
    assert set(keys(result)) == {
        "structure",
        "precision",
        "energy",
        "scope",
        "channel",
        "experience",
        "feedback",
        "temper",
    }
    weights = {p.key: p.weight for p in result.watch_points}
    assert weights == {
        "structure": 8,
        "precision": 8,
        "energy": 4,
        "scope": 4,
        "channel": 2,
        "experience": 3,
        "feedback": 3,
        "temper": 4,
    }
    assert all(p.cause and p.advice for p in result.watch_points)


def test_watch_points_are_ordered_by_weight_then_key() -> None:
    client = ProfileValues(5, 1, 1, 1, "phone", 1, 1, 1)
    provider = ProfileValues(1, 5, 5, 5, "email")
    result = compatibility(client, provider)
    assert keys(result) == [
        "precision",  # 8
        "structure",  # 8
        "energy",  # 4
        "scope",  # 4
        "temper",  # 4
        "experience",  # 3
        "feedback",  # 3
        "channel",  # 2
    ]
    ordering = [(-p.weight, p.key) for p in result.watch_points]
    assert ordering == sorted(ordering)


def test_a_bigger_gap_weighs_more_and_moves_a_point_up() -> None:
    provider = ProfileValues(structure=1, scope=5)
    # Structure 4 apart, client structured: weight 2 × 3 = 6; scope 4 apart: weight 4.
    result = compatibility(ProfileValues(structure=4, scope=1), provider)
    assert keys(result) == ["structure", "scope"]
    # Structure 2 apart (4 vs 2): weight 4, a tie with scope, broken by the key.
    provider = ProfileValues(structure=2, scope=5)
    result = compatibility(ProfileValues(structure=4, scope=1), provider)
    assert [(p.key, p.weight) for p in result.watch_points] == [("scope", 4), ("structure", 4)]


# --- partial and empty ----------------------------------------------------------------


def test_partial_profiles_score_from_the_known_items_only() -> None:
    client = ProfileValues(structure=3, precision=2, channel="phone")
    provider = ProfileValues(structure=4, energy=5, channel=None)
    result = compatibility(client, provider)
    # Only structure is known on both sides: 1 apart → 75.
    assert result.score == 75
    assert result.items_compared == 1
    assert result.items_possible == ALL_ITEMS
    assert result.partial
    assert result.watch_points == []


def test_partial_score_mixes_axes_channel_and_client_traits_with_their_weights() -> None:
    client = ProfileValues(precision=5, channel="email", temper=3)
    provider = ProfileValues(precision=5, channel="chat")
    result = compatibility(client, provider)
    # precision 3 × 1.0, channel 1 × 0.5, temper 2 × 0.5 over weights 3 + 1 + 2.
    assert result.score == round(100 * (3 + 0.5 + 1) / 6) == 75
    assert result.items_compared == 3
    assert result.partial
    assert keys(result) == ["channel"]


def test_client_traits_alone_give_a_score_without_any_provider_profile() -> None:
    result = compatibility(ProfileValues(temper=5), ProfileValues())
    assert result.score == 100
    assert result.items_compared == 1
    assert result.partial


@pytest.mark.parametrize(
    ("client", "provider"),
    [
        (ProfileValues(), ProfileValues()),
        (ProfileValues(), ProfileValues(1, 2, 3, 4, "email")),
        (ProfileValues(structure=3), ProfileValues(precision=3)),
        (ProfileValues(channel="email"), ProfileValues()),
    ],
)
def test_nothing_comparable_gives_no_score_and_no_error(
    client: ProfileValues, provider: ProfileValues
) -> None:
    result = compatibility(client, provider)
    assert result.score is None
    assert result.items_compared == 0
    assert result.items_possible == ALL_ITEMS
    assert result.partial
    assert result.watch_points == []


def test_provider_traits_are_ignored() -> None:
    """Only the client's experience, feedback and temper count."""
    client = ProfileValues(structure=3)
    plain = compatibility(client, ProfileValues(structure=3))
    with_traits = compatibility(client, ProfileValues(structure=3, temper=1, feedback=1))
    assert plain == with_traits
    assert with_traits.score == 100


def test_known_counts_the_filled_items() -> None:
    assert ProfileValues().known() == 0
    assert ProfileValues(structure=1, channel="email", temper=2).known() == 3
    assert ProfileValues(1, 2, 3, 4, "chat", 1, 2, 3).known() == 8


# --- each watch point -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "client", "provider", "cause", "weight"),
    [
        ("structure", {"structure": 5}, {"structure": 1}, "client is structured", 8),
        ("structure", {"structure": 4}, {"structure": 2}, "client is structured", 4),
        ("structure", {"structure": 1}, {"structure": 5}, "You are structured", 4),
        ("precision", {"precision": 1}, {"precision": 5}, "vague while you are precise", 8),
        ("precision", {"precision": 2}, {"precision": 4}, "vague while you are precise", 4),
        ("precision", {"precision": 5}, {"precision": 1}, "client is precise", 8),
        ("energy", {"energy": 5}, {"energy": 1}, "client is enthusiastic", 4),
        ("energy", {"energy": 1}, {"energy": 4}, "client reflects", 3),
        ("energy", {"energy": 4}, {"energy": 5}, "both enthusiastic", 2),
        ("scope", {"scope": 1}, {"scope": 5}, "client looks at details", 4),
        ("scope", {"scope": 5}, {"scope": 2}, "client sees the big picture", 3),
        ("channel", {"channel": "meeting"}, {"channel": "chat"}, "prefers meeting", 2),
        ("experience", {"experience": 1}, {}, "rarely worked with a provider", 3),
        ("experience", {"experience": 2}, {}, "rarely worked with a provider", 2),
        ("feedback", {"feedback": 1}, {}, "tends to criticise", 3),
        ("feedback", {"feedback": 2}, {}, "tends to criticise", 2),
        ("feedback", {"feedback": 5}, {}, "tends to praise", 1),
        ("temper", {"temper": 1}, {}, "known to be difficult", 4),
        ("temper", {"temper": 2}, {}, "known to be difficult", 2),
    ],
)
def test_each_watch_point_is_reachable_with_its_cause_advice_and_weight(
    key: str, client: dict[str, object], provider: dict[str, object], cause: str, weight: int
) -> None:
    result = compatibility(ProfileValues(**client), ProfileValues(**provider))  # type: ignore[arg-type]
    assert keys(result) == [key]
    found = result.watch_points[0]
    assert cause in found.cause
    assert found.advice.strip()
    assert found.weight == weight


def test_the_channel_advice_names_the_clients_channel() -> None:
    found = point(ProfileValues(channel="phone"), ProfileValues(channel="email"), "channel")
    assert "phone" in found.cause and "email" in found.cause
    assert found.advice.startswith("Use phone")


def test_the_precision_advice_is_a_written_specification() -> None:
    found = point(ProfileValues(precision=1), ProfileValues(precision=5), "precision")
    assert "specification" in found.advice
    assert "confirmed" in found.advice


def test_every_watch_point_has_its_own_advice() -> None:
    client = ProfileValues(5, 1, 1, 1, "phone", 1, 1, 1)
    provider = ProfileValues(1, 5, 5, 5, "email")
    advice = [p.advice for p in compatibility(client, provider).watch_points]
    assert len(set(advice)) == len(advice) == 8


# --- the LOW / HIGH boundaries --------------------------------------------------------


def test_the_thresholds_are_two_and_four() -> None:
    assert (LOW, HIGH) == (2, 4)


@pytest.mark.parametrize("name", ["structure", "precision", "energy", "scope"])
@pytest.mark.parametrize("other", [1, 2, 3, 4, 5])
def test_a_three_on_either_side_of_an_axis_triggers_nothing(name: str, other: int) -> None:
    assert watch_points(ProfileValues(**{name: 3}), ProfileValues(**{name: other})) == []
    assert watch_points(ProfileValues(**{name: other}), ProfileValues(**{name: 3})) == []


@pytest.mark.parametrize("name", ["experience", "feedback", "temper"])
def test_a_three_on_a_client_trait_triggers_nothing(name: str) -> None:
    assert watch_points(ProfileValues(**{name: 3}), ProfileValues()) == []


@pytest.mark.parametrize("name", ["experience", "temper"])
def test_a_four_or_five_on_experience_or_temper_triggers_nothing(name: str) -> None:
    for value in (4, 5):
        assert watch_points(ProfileValues(**{name: value}), ProfileValues()) == []


def test_feedback_four_is_already_praise() -> None:
    assert [p.key for p in watch_points(ProfileValues(feedback=4), ProfileValues())] == ["feedback"]


@pytest.mark.parametrize(
    ("client", "provider", "expected"),
    [
        (2, 4, ["precision"]),  # both at the boundaries: low and high
        (3, 4, []),
        (2, 3, []),
        (1, 2, []),  # both low
        (4, 5, []),  # both high
    ],
)
def test_precision_boundaries(client: int, provider: int, expected: list[str]) -> None:
    result = watch_points(ProfileValues(precision=client), ProfileValues(precision=provider))
    assert [p.key for p in result] == expected


def test_energy_both_reflective_triggers_nothing() -> None:
    assert watch_points(ProfileValues(energy=1), ProfileValues(energy=2)) == []


def test_same_channel_or_one_unknown_triggers_nothing() -> None:
    assert watch_points(ProfileValues(channel="email"), ProfileValues(channel="email")) == []
    assert watch_points(ProfileValues(channel="email"), ProfileValues()) == []
    assert watch_points(ProfileValues(), ProfileValues(channel="email")) == []


# --- bar -------------------------------------------------------------------------------


def test_bar_of_an_unknown_value_is_dotted() -> None:
    assert bar(None) == "·" * 10
    assert bar(None, width=4) == "····"


def test_bar_of_one_has_a_single_filled_cell() -> None:
    assert bar(1) == "■" + "□" * 9


def test_bar_of_five_is_full() -> None:
    assert bar(5) == "■" * 10
    assert bar(5, width=6) == "■" * 6


def test_bar_grows_with_the_value_and_keeps_its_width() -> None:
    bars = [bar(v) for v in range(1, 6)]
    assert all(len(b) == 10 for b in bars)
    filled = [b.count("■") for b in bars]
    assert filled == sorted(filled)
    assert len(set(filled)) == 5
