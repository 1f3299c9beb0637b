"""Telling the client about a problem (`domain.telling`): the day it was told, the instant
of the contact it logs, the summary proposed, and what stays flagged."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from relay_tui.domain import telling
from relay_tui.errors import InvalidInput
from relay_tui.terms import SUMMARY_MAX

TODAY = date(2026, 11, 23)
OCCURRED = date(2026, 11, 18)


@pytest.mark.parametrize("day", [OCCURRED, date(2026, 11, 20), TODAY])
def test_a_day_between_the_incident_and_today_is_taken(day: date) -> None:
    assert telling.check_told_on(day, OCCURRED, TODAY) == day


def test_a_day_in_the_future_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        telling.check_told_on(date(2026, 11, 24), OCCURRED, TODAY)
    assert refused.value.field == "on"
    assert refused.value.message == "is in the future"


def test_a_day_before_the_incident_is_refused_saying_when_it_occurred() -> None:
    with pytest.raises(InvalidInput) as refused:
        telling.check_told_on(date(2026, 11, 17), OCCURRED, TODAY, field="told_on")
    assert refused.value.field == "told_on"
    assert refused.value.message == "is before the incident itself (Wed 18 Nov 2026)"


def test_told_today_is_dated_now_and_an_earlier_day_at_midday() -> None:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert telling.told_at(TODAY, now) == now
    earlier = telling.told_at(date(2026, 11, 20), now)
    assert earlier.date() == date(2026, 11, 20) and earlier.hour == 12


def test_the_summary_names_the_problem_and_what_is_proposed() -> None:
    assert telling.told_summary("Late  texts", "Move the launch\na week") == (
        "Warned about “Late texts”: Move the launch a week"
    )
    assert telling.told_summary("Late texts") == "Warned about “Late texts”"
    long = telling.told_summary("T" * 200, "p" * 4000)
    assert len(long) == SUMMARY_MAX and long.endswith("…")


@pytest.mark.parametrize(
    ("status", "told_on", "flagged"),
    [
        ("open", None, True),
        ("open", TODAY, False),
        ("resolved", None, False),
        ("resolved", TODAY, False),
    ],
)
def test_only_an_open_problem_not_told_is_flagged(
    status: str, told_on: date | None, flagged: bool
) -> None:
    assert telling.is_untold(status, told_on) is flagged
