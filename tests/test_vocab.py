"""The light `terms` module and the full `vocab` module say the same thing."""

from __future__ import annotations

import pytest

from relay_tui import terms, vocab

LIMITS = [
    "BUDGET_MAX_MINUTES",
    "CHASE_DELAY_DEFAULT",
    "CHASE_DELAY_MAX",
    "DURATION_MAX_MINUTES",
    "EMAIL_MAX",
    "MARGIN_MAX_DAYS",
    "MESSAGE_ID_MAX",
    "NAME_MAX",
    "PHONE_MAX",
    "PLANNING_HORIZON_DAYS",
    "SCALE_MAX",
    "SCALE_MIN",
    "SUMMARY_MAX",
    "TEXT_MAX",
    "UNDO_STEPS_KEPT",
]


def test_channels_match_the_enumeration_in_order() -> None:
    assert tuple(vocab.choices(vocab.Channel)) == terms.CHANNELS
    assert tuple(member.value for member in vocab.Channel) == terms.CHANNELS


def test_directions_match_the_enumeration_in_order() -> None:
    assert tuple(member.value for member in vocab.Direction) == terms.DIRECTIONS
    assert vocab.Direction.inbound == "in" and vocab.Direction.outbound == "out"


def test_the_default_channel_is_a_channel() -> None:
    assert vocab.Channel(terms.DEFAULT_CHANNEL) is vocab.Channel.email


@pytest.mark.parametrize("name", LIMITS)
def test_every_limit_re_exported_by_vocab_equals_terms(name: str) -> None:
    assert getattr(vocab, name) == getattr(terms, name)
    assert isinstance(getattr(terms, name), int)


def test_the_list_of_limits_is_complete() -> None:
    upper = {
        name
        for name, value in vars(terms).items()
        if name.isupper() and isinstance(value, int) and not isinstance(value, bool)
    }
    assert upper == set(LIMITS)
    assert all(hasattr(vocab, name) for name in upper)


def test_limits_are_sensible() -> None:
    assert terms.SCALE_MIN == 1 and terms.SCALE_MAX == 5
    assert terms.DURATION_MAX_MINUTES == 24 * 60
    assert 1 <= terms.CHASE_DELAY_DEFAULT <= terms.CHASE_DELAY_MAX


def test_labels_cover_every_value() -> None:
    assert set(vocab.ROLE_LABELS) == set(vocab.choices(vocab.StakeholderRole))
    assert set(vocab.KIND_LABELS) == set(vocab.choices(vocab.ProjectKind))
    assert set(vocab.RISK_CATEGORY_LABELS) == set(vocab.choices(vocab.RiskCategory))
    assert set(vocab.DEADLINE_KIND_LABELS) == set(vocab.choices(vocab.DeadlineKind))
