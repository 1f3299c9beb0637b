"""Alarm bells (domain.schedule) and the feedback freeze (domain.freeze), as pure rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from relay_tui.domain.freeze import CycleError, Slip, Step, find_cycle, slips, would_cycle
from relay_tui.domain.schedule import RINGING, STATUS_RANK, days_late, deadline_status
from relay_tui.vocab import DeadlineStatus

TODAY = date(2026, 11, 23)  # a Monday


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


# --- deadline_status ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "margin", "expected"),
    [
        (day(0), 2, DeadlineStatus.in_margin),  # due today: in its margin, not late
        (day(2), 2, DeadlineStatus.in_margin),  # the margin's first day (due − margin)
        (day(3), 2, DeadlineStatus.upcoming),  # the day before the margin
        (day(-1), 2, DeadlineStatus.late),  # the day after the due date
        (day(-30), 5, DeadlineStatus.late),
        (day(0), 0, DeadlineStatus.in_margin),  # margin 0: the margin is the day itself
        (day(1), 0, DeadlineStatus.upcoming),
        (day(-1), 0, DeadlineStatus.late),
        (day(1), -4, DeadlineStatus.upcoming),  # a negative margin counts as 0
    ],
)
def test_status_at_its_boundaries(due: date, margin: int, expected: DeadlineStatus) -> None:
    assert deadline_status(due, margin, None, TODAY) == expected


@pytest.mark.parametrize("due", [day(-10), day(0), day(1), day(40)])
def test_done_overrides_every_other_status(due: date) -> None:
    assert deadline_status(due, 3, day(-1), TODAY) == DeadlineStatus.done
    # Done late is still done.
    assert deadline_status(due, 0, due + timedelta(days=5), TODAY) == DeadlineStatus.done


def test_status_rank_puts_the_most_urgent_first() -> None:
    ordered = sorted(DeadlineStatus, key=lambda s: STATUS_RANK[s])
    assert ordered == [
        DeadlineStatus.late,
        DeadlineStatus.in_margin,
        DeadlineStatus.upcoming,
        DeadlineStatus.done,
    ]


@pytest.mark.parametrize(
    ("due", "done", "expected"),
    [
        (day(0), None, 0),  # due today: not late yet
        (day(-1), None, 1),
        (day(-6), None, 6),
        (day(5), None, 0),  # in the future: never negative
        (day(-10), day(-7), 3),  # done 3 days after due: frozen at 3, not 10
        (day(-10), day(-12), 0),  # done early
        (day(-10), day(-10), 0),  # done on the day
    ],
)
def test_days_late(due: date, done: date | None, expected: int) -> None:
    assert days_late(due, done, TODAY) == expected


# --- the feedback freeze ----------------------------------------------------------------


def client(id_: int, due: date, done: date | None = None, after: int | None = None) -> Step:
    return Step(id_, f"Client {id_}", "client", due, done, after)


def provider(id_: int, due: date, done: date | None = None, after: int | None = None) -> Step:
    return Step(id_, f"Provider {id_}", "provider", due, done, after)


def test_a_late_client_deadline_moves_its_direct_dependant() -> None:
    result = slips([client(1, day(-6)), provider(2, day(4), after=1)], TODAY)
    assert result == {2: Slip(2, day(10), 6, 1, "Client 1")}


def test_the_slip_runs_down_a_chain_of_provider_deadlines() -> None:
    steps = [
        client(1, day(-4)),
        provider(2, day(3), after=1),
        provider(3, day(10), after=2),
        provider(4, day(20), after=3),
        provider(5, day(30)),  # independent: does not move
    ]
    result = slips(steps, TODAY)
    assert set(result) == {2, 3, 4}
    assert [(result[i].projected_on, result[i].days, result[i].cause_id) for i in (2, 3, 4)] == [
        (day(7), 4, 1),
        (day(14), 4, 1),
        (day(24), 4, 1),
    ]


def test_a_client_deadline_done_late_still_moves_the_dates() -> None:
    # Done 3 days after its due date: the dependants keep the 3 lost days, even now.
    steps = [client(1, day(-10), done=day(-7)), provider(2, day(5), after=1)]
    result = slips(steps, TODAY)
    assert result[2].days == 3
    assert result[2].projected_on == day(8)


@pytest.mark.parametrize("done", [day(-12), day(-10)])
def test_a_client_deadline_done_on_time_moves_nothing(done: date) -> None:
    assert slips([client(1, day(-10), done=done), provider(2, day(5), after=1)], TODAY) == {}


def test_an_open_client_deadline_not_yet_due_moves_nothing() -> None:
    assert slips([client(1, day(0)), provider(2, day(5), after=1)], TODAY) == {}


def test_done_provider_deadlines_are_not_projected_but_still_pass_the_slip_on() -> None:
    steps = [
        client(1, day(-5)),
        provider(2, day(1), done=day(-1), after=1),
        provider(3, day(9), after=2),
    ]
    result = slips(steps, TODAY)
    assert 2 not in result
    assert result[3] == Slip(3, day(14), 5, 1, "Client 1")


def test_client_deadlines_are_never_projected_themselves() -> None:
    steps = [client(1, day(-5)), client(2, day(5), after=1)]
    assert slips(steps, TODAY) == {}


def test_with_two_late_client_deadlines_up_the_chain_the_largest_wins() -> None:
    # 1 (client, 8 days late) → 2 (provider) → 3 (client, 3 days late) → 4 (provider)
    steps = [
        client(1, day(-8)),
        provider(2, day(-2), done=day(-1), after=1),
        client(3, day(-3), after=2),
        provider(4, day(6), after=3),
    ]
    result = slips(steps, TODAY)
    assert result[4] == Slip(4, day(14), 8, 1, "Client 1")
    # The other order: the nearer one is the larger.
    steps = [
        client(1, day(-2)),
        client(3, day(-9), after=1),
        provider(4, day(6), after=3),
    ]
    assert slips(steps, TODAY)[4] == Slip(4, day(15), 9, 3, "Client 3")


def test_a_predecessor_outside_the_steps_ends_the_chain() -> None:
    assert slips([provider(2, day(4), after=99)], TODAY) == {}


# --- cycles ----------------------------------------------------------------------------


def test_find_cycle_returns_the_loop_or_none() -> None:
    assert find_cycle({}) is None
    assert find_cycle({1: None, 2: 1, 3: 2}) is None
    assert find_cycle({1: None, 2: 1, 3: 1, 4: 3}) is None  # a tree, not a loop
    loop = find_cycle({1: 2, 2: 3, 3: 1, 4: 1})
    assert loop is not None
    assert loop[0] == loop[-1]
    assert set(loop) == {1, 2, 3}
    assert len(loop) == 4
    assert find_cycle({7: 7}) == [7, 7]


def test_would_cycle_tries_the_new_link_without_changing_the_edges() -> None:
    edges: dict[int, int | None] = {1: None, 2: 1, 3: 2}
    assert would_cycle(edges, 1, 3) is not None
    assert set(would_cycle(edges, 1, 3) or []) == {1, 2, 3}
    assert would_cycle(edges, 1, 1) == [1, 1]
    assert would_cycle(edges, 3, 1) is None  # another way round, no loop
    assert would_cycle(edges, 1, None) is None
    assert edges == {1: None, 2: 1, 3: 2}


def test_slips_refuses_a_loop_with_the_ids_around_it() -> None:
    steps = [
        client(1, day(-3), after=3),
        provider(2, day(4), after=1),
        provider(3, day(9), after=2),
    ]
    with pytest.raises(CycleError) as caught:
        slips(steps, TODAY)
    assert set(caught.value.path) == {1, 2, 3}
    assert caught.value.path[0] == caught.value.path[-1]
    assert "#1" in str(caught.value) and "→" in str(caught.value)
    assert isinstance(caught.value, ValueError)


# --- wording ----------------------------------------------------------------------------


def test_slip_explain_wording() -> None:
    assert Slip(2, day(7), 6, 1, "Mock-ups validated").explain() == (
        "moved 6 days by the late 'Mock-ups validated'"
    )
    assert Slip(2, day(1), 1, 1, "Logo").explain() == "moved 1 day by the late 'Logo'"


@pytest.mark.parametrize(
    ("due", "margin", "done", "rings"),
    [
        (date(2026, 11, 22), 0, None, True),  # late
        (date(2026, 11, 23), 0, None, True),  # due today: in its margin
        (date(2026, 11, 28), 5, None, True),  # the margin opens today
        (date(2026, 11, 29), 5, None, False),  # the margin opens tomorrow
        (date(2026, 11, 1), 0, date(2026, 11, 5), False),  # done, even late
    ],
)
def test_an_alarm_bell_rings_when_late_or_in_its_margin(
    due: date, margin: int, done: date | None, rings: bool
) -> None:
    assert (str(deadline_status(due, margin, done, date(2026, 11, 23))) in RINGING) is rings
