"""Time against budget and posture cards, on hand-computed numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from relay_tui.domain.posture import BY_KEY, CARDS, PRIORITY, card_of_the_day
from relay_tui.domain.timekeeping import (
    budget_use,
    gauge,
    rework_share,
    sparkline,
    too_much_rework,
    waiting_since,
    week_start,
    weekly_minutes,
)

MON = date(2026, 11, 23)  # a Monday, the fixed "today" of the suite


# --- budget_use -----------------------------------------------------------------------


def test_ratio_is_everything_logged_over_the_budget() -> None:
    use = budget_use(
        {"work": 300, "rework": 60, "meetings": 30, "admin": 30},
        600,
        first_day=None,
        delivery_on=None,
        today=MON,
    )
    assert use.logged_minutes == 420
    assert use.budget_minutes == 600
    assert use.ratio == pytest.approx(0.7)
    assert use.over is False


@pytest.mark.parametrize(
    ("logged", "over"),
    [(599, False), (600, False), (601, True), (1200, True)],
)
def test_over_investment_only_strictly_past_one_hundred_percent(logged: int, over: bool) -> None:
    use = budget_use({"work": logged}, 600, first_day=None, delivery_on=None, today=MON)
    assert use.ratio == pytest.approx(logged / 600)
    assert use.over is over


@pytest.mark.parametrize("budget", [None, 0])
def test_without_a_budget_there_is_no_ratio_and_never_over(budget: int | None) -> None:
    use = budget_use({"work": 10_000}, budget, first_day=None, delivery_on=None, today=MON)
    assert use.ratio is None
    assert use.over is False
    assert use.projected_ratio is None


def test_projection_extends_the_pace_since_the_first_logged_day_to_the_delivery_date() -> None:
    # 2 to 11 November is 10 calendar days (both counted): 600 min → 60 min a day.
    # 11 to 21 November: 10 more days at that pace → 600 + 600 = 1200 min.
    use = budget_use(
        {"work": 500, "rework": 100},
        1000,
        first_day=date(2026, 11, 2),
        delivery_on=date(2026, 11, 21),
        today=date(2026, 11, 11),
    )
    assert use.projected_minutes == 1200
    assert use.projected_ratio == pytest.approx(1.2)
    assert use.ratio == pytest.approx(0.6)
    assert use.over is False  # over at this pace, not yet over


def test_projection_rounds_the_remaining_minutes() -> None:
    # 100 min over 3 days (21, 22, 23), 4 days left: 100 / 3 * 4 = 133.3 → 133.
    use = budget_use(
        {"work": 100},
        None,
        first_day=MON - timedelta(days=2),
        delivery_on=MON + timedelta(days=4),
        today=MON,
    )
    assert use.projected_minutes == 233
    assert use.projected_ratio is None  # no budget, no ratio


def test_projection_when_everything_was_logged_today() -> None:
    # One day elapsed (today itself): 90 min a day, 5 days left → 90 + 450.
    use = budget_use(
        {"work": 90}, 900, first_day=MON, delivery_on=MON + timedelta(days=5), today=MON
    )
    assert use.projected_minutes == 540
    assert use.projected_ratio == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("minutes", "first_day", "delivery_on"),
    [
        ({"work": 600}, MON - timedelta(days=9), None),  # no delivery date
        ({"work": 600}, MON - timedelta(days=9), MON),  # delivery today: nothing left
        ({"work": 600}, MON - timedelta(days=9), MON - timedelta(days=1)),  # after it
        ({}, None, MON + timedelta(days=10)),  # nothing logged
        ({"work": 0}, MON - timedelta(days=9), MON + timedelta(days=10)),  # zero logged
        ({"work": 600}, None, MON + timedelta(days=10)),  # no first day
    ],
)
def test_no_projection(
    minutes: dict[str, int], first_day: date | None, delivery_on: date | None
) -> None:
    use = budget_use(minutes, 1000, first_day=first_day, delivery_on=delivery_on, today=MON)
    assert use.projected_minutes is None
    assert use.projected_ratio is None


def test_budget_use_carries_the_rework_share() -> None:
    use = budget_use({"work": 90, "rework": 30}, 600, first_day=None, delivery_on=None, today=MON)
    assert use.rework_share == pytest.approx(0.25)
    assert use.rework_minutes == 30
    assert use.too_much_rework  # a quarter of two hours
    small = budget_use({"work": 80, "rework": 30}, 600, first_day=None, delivery_on=None, today=MON)
    assert not small.too_much_rework  # more than a quarter, but under two hours logged


def test_too_much_rework_from_a_fifth_of_two_hours_or_more() -> None:
    assert too_much_rework(24, 120)  # 20 % of two hours
    assert not too_much_rework(23, 120)
    assert not too_much_rework(60, 119)  # half, but not two hours yet
    assert too_much_rework(60, 240)
    assert budget_use(
        {"work": 96, "rework": 24}, None, first_day=None, delivery_on=None, today=MON
    ).too_much_rework


# --- rework_share -----------------------------------------------------------------------


def test_rework_share() -> None:
    assert rework_share({}) is None
    assert rework_share({"work": 0, "rework": 0}) is None
    assert rework_share({"work": 60}) == 0.0
    assert rework_share({"rework": 45}) == 1.0
    assert rework_share({"work": 90, "rework": 30, "meetings": 60, "admin": 20}) == pytest.approx(
        30 / 200
    )


# --- waiting_since ----------------------------------------------------------------------


def test_waiting_since_is_the_earliest_of_the_request_and_the_late_client_deadlines() -> None:
    request = date(2026, 11, 14)
    assert waiting_since(request, [date(2026, 11, 17), date(2026, 11, 20)]) == request
    assert waiting_since(request, [date(2026, 11, 17), date(2026, 11, 10)]) == date(2026, 11, 10)
    assert waiting_since(request, []) == request
    assert waiting_since(None, [date(2026, 11, 19), date(2026, 11, 12)]) == date(2026, 11, 12)


def test_not_waiting_without_a_request_or_a_late_client_deadline() -> None:
    assert waiting_since(None, []) is None
    assert waiting_since(None, iter(())) is None


# --- weekly_minutes ---------------------------------------------------------------------


def test_week_start_is_the_monday() -> None:
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)  # Monday
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # Sunday
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)  # the Sunday before


def test_weekly_minutes_by_monday_weeks_oldest_first_outside_the_window_ignored() -> None:
    today = date(2026, 11, 25)  # a Wednesday: the current week starts on Monday the 23rd
    entries = [
        (date(2026, 11, 23), "work", 60),  # Monday: this week
        (date(2026, 11, 25), "work", 30),  # today: this week
        (date(2026, 11, 25), "rework", 15),
        (date(2026, 11, 22), "meetings", 45),  # Sunday: the week before
        (date(2026, 11, 16), "admin", 10),  # Monday of the week before
        (date(2026, 11, 9), "work", 120),  # oldest week of the window
        (date(2026, 11, 8), "work", 999),  # the Sunday before the window: ignored
        (date(2026, 11, 30), "work", 999),  # next week: ignored
    ]
    weeks = weekly_minutes(entries, today, weeks=3)
    assert weeks == [
        (date(2026, 11, 9), {"work": 120}),
        (date(2026, 11, 16), {"meetings": 45, "admin": 10}),
        (date(2026, 11, 23), {"work": 90, "rework": 15}),
    ]


def test_weekly_minutes_default_window_is_eight_empty_mondays_without_entries() -> None:
    weeks = weekly_minutes([], MON)
    assert len(weeks) == 8
    assert [start for start, _ in weeks] == [MON - timedelta(weeks=n) for n in range(7, -1, -1)]
    assert all(start.weekday() == 0 for start, _ in weeks)
    assert all(minutes == {} for _, minutes in weeks)


# --- sparkline and gauge ----------------------------------------------------------------


def test_sparkline_scales_to_the_largest_value() -> None:
    assert sparkline([0, 4, 8]) == " ▄█"
    # 1/3·8 = 2.7 → 3, 2/3·8 = 5.3 → 5, 8.
    assert sparkline([1, 2, 3]) == "▃▅█"
    assert sparkline([5, 5]) == "██"


def test_sparkline_of_nothing() -> None:
    assert sparkline([]) == ""
    assert sparkline([0, 0, 0]) == "   "


def test_gauge_fills_up_to_one_hundred_percent() -> None:
    assert gauge(None, 10) == "·" * 10
    assert gauge(0.0, 10) == "░" * 10
    assert gauge(0.5, 10) == "█████░░░░░"
    assert gauge(0.04, 20) == "█" + "░" * 19  # 0.8 cell rounds to one
    assert gauge(1.0, 10) == "█" * 10  # exactly full: no mark


@pytest.mark.parametrize(
    ("ratio", "marks"),
    [(1.01, 1), (1.25, 3), (1.45, 5), (1.86, 5), (3.0, 5)],
)
def test_gauge_marks_past_one_hundred_percent(ratio: float, marks: int) -> None:
    bar = gauge(ratio, 10)
    assert bar == "█" * 10 + "!" * marks
    assert "░" not in bar


def test_gauge_marks_grow_with_the_overrun_and_stop_at_five() -> None:
    counts = [gauge(1 + n / 100, 10).count("!") for n in range(1, 200)]
    assert counts == sorted(counts)
    assert counts[0] == 1
    assert max(counts) == 5


# --- posture cards ----------------------------------------------------------------------


def test_without_a_situation_one_card_per_day_in_turn() -> None:
    n = len(CARDS)
    week = [card_of_the_day(day).key for day in range(100, 100 + n)]
    assert sorted(week) == sorted(card.key for card in CARDS)  # every card once
    assert [card_of_the_day(day).key for day in range(100 + n, 100 + 2 * n)] == week
    assert card_of_the_day(MON.toordinal()) == CARDS[MON.toordinal() % len(CARDS)]
    assert card_of_the_day(101) != card_of_the_day(100)
    assert sorted(PRIORITY) == sorted(BY_KEY)  # every card has its place when several hold


def test_every_card_has_a_title_and_a_text_in_our_own_words() -> None:
    assert len(CARDS) == 6
    assert set(BY_KEY) == {"promise", "over_investment", "together", "frame", "blame", "warn"}
    for card in CARDS:
        assert card.title.strip()
        assert len(card.text.split()) >= 10
        assert BY_KEY[card.key] is card
