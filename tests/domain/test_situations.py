"""The posture cards' situations, each from its start to its end, and dismissals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from relay_tui.domain.posture import PRIORITY, card_of_the_day, visible
from relay_tui.domain.situations import (
    RULES,
    BellFact,
    ChangeFact,
    CommitmentFact,
    IncidentFact,
    ProjectFacts,
    Situation,
    bell_warning,
    commitment_warning,
    over_since,
    promise_warning,
    situations,
    time_calls_for_card,
)

TODAY = date(2026, 11, 23)  # a Monday


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


def cards(facts: ProjectFacts) -> dict[str, Situation]:
    return {s.card: s for s in situations(facts)}


def test_a_quiet_project_calls_for_no_card() -> None:
    assert situations(ProjectFacts(today=TODAY)) == []


# --- warn early -------------------------------------------------------------------------


def test_warn_holds_while_an_open_incident_is_not_told() -> None:
    outage = IncidentFact("Hosting outage", d(20))
    found = cards(ProjectFacts(today=TODAY, incidents=[outage]))["warn"]
    assert found.since == d(20)
    assert found.reason == "Incident “Hosting outage” not told to the client"
    told = replace(outage, told=True)
    assert "warn" not in cards(ProjectFacts(today=TODAY, incidents=[told]))
    resolved = replace(outage, open=False)
    assert "warn" not in cards(ProjectFacts(today=TODAY, incidents=[resolved]))


def test_warn_starts_anew_with_a_new_incident_even_dated_before() -> None:
    old = IncidentFact("Hosting outage", d(10), recorded_on=d(10))
    late = IncidentFact("Lost files", d(12), recorded_on=d(21))  # recorded later
    assert cards(ProjectFacts(today=TODAY, incidents=[old]))["warn"].since == d(10)
    assert cards(ProjectFacts(today=TODAY, incidents=[old, late]))["warn"].since == d(21)


# --- let it pass ------------------------------------------------------------------------


def test_blame_holds_while_a_blamed_incident_is_open() -> None:
    blamed = IncidentFact("Printer missed the slot", d(18), told=True, blamed=True)
    found = cards(ProjectFacts(today=TODAY, incidents=[blamed]))
    assert found["blame"].since == d(18)
    assert "Printer missed the slot" in found["blame"].reason
    assert "warn" not in found  # told
    assert "blame" not in cards(ProjectFacts(today=TODAY, incidents=[replace(blamed, open=False)]))
    assert "blame" not in cards(
        ProjectFacts(today=TODAY, incidents=[replace(blamed, blamed=False)])
    )


# --- enough is enough -------------------------------------------------------------------


def test_rework_past_a_fifth_of_the_time_calls_for_enough_is_enough() -> None:
    time = [(d(16), "work", 120), (d(18), "rework", 20)]
    assert "over_investment" not in cards(ProjectFacts(today=TODAY, time=time))  # 14 %
    time.append((d(19), "rework", 20))  # 40 of 160 minutes: 25 %
    found = cards(ProjectFacts(today=TODAY, time=time))["over_investment"]
    assert (found.since, found.reason) == (d(19), "Rework is 25% of the time")
    time.append((d(20), "work", 60))  # 40 of 220: 18 %, it ends
    assert "over_investment" not in cards(ProjectFacts(today=TODAY, time=time))
    time.append((d(21), "rework", 30))  # 70 of 250: 28 %, it starts anew
    assert cards(ProjectFacts(today=TODAY, time=time))["over_investment"].since == d(21)


def test_rework_on_a_project_just_begun_says_nothing() -> None:
    time = [(d(20), "rework", 60), (d(20), "work", 59)]  # 50 %, but under two hours
    assert "over_investment" not in cards(ProjectFacts(today=TODAY, time=time))
    time.append((d(21), "work", 1))  # two hours: it holds
    assert cards(ProjectFacts(today=TODAY, time=time))["over_investment"].since == d(21)


def test_time_over_the_budget_calls_for_enough_is_enough() -> None:
    facts = ProjectFacts(today=TODAY, budget_minutes=120, time=[(d(19), "work", 120)])
    assert "over_investment" not in cards(facts)  # exactly the budget: not over yet
    over = replace(facts, time=[*facts.time, (d(20), "work", 1)])
    found = cards(over)["over_investment"]
    assert (found.since, found.reason) == (d(20), "The time spent is over the budget")
    assert "over_investment" not in cards(replace(over, budget_minutes=240))  # budget raised


# --- promise less, deliver more ---------------------------------------------------------


def test_a_bell_of_mine_with_no_margin_due_within_a_week() -> None:
    bell = BellFact("Send the mock-ups", d(27), margin_days=0)
    found = cards(ProjectFacts(today=TODAY, bells=[bell]))["promise"]
    assert found.since == d(20)  # a week before it is due
    assert found.reason == "“Send the mock-ups” is due on 27 Nov with no margin"
    for ended in (
        replace(bell, done=True),
        replace(bell, margin_days=2),
        replace(bell, due_on=d(1, 12)),  # more than a week away
        replace(bell, owner="client"),
    ):
        assert "promise" not in cards(ProjectFacts(today=TODAY, bells=[ended])), ended


def test_a_promise_of_mine_right_at_the_delivery_date() -> None:
    bell = BellFact("Print files", d(10, 12), margin_days=3, recorded_on=d(21))
    facts = ProjectFacts(today=TODAY, delivery_on=d(11, 12), bells=[bell])
    assert cards(facts)["promise"].since == d(21)
    assert "right at the delivery date" in cards(facts)["promise"].reason
    assert "promise" not in cards(replace(facts, delivery_on=d(20, 12)))  # room left
    delivery = replace(bell, kind="delivery")  # the delivery itself is the promise
    assert "promise" not in cards(replace(facts, bells=[delivery]))
    pledge = CommitmentFact("Two rounds of changes", d(11, 12), recorded_on=d(22))
    with_pledge = replace(facts, bells=[], commitments=[pledge])
    assert cards(with_pledge)["promise"].since == d(22)
    assert "promise" not in cards(replace(with_pledge, delivery_on=None))


def test_the_forms_warn_by_the_same_rule() -> None:
    assert promise_warning(d(27), 0, None, TODAY) is not None
    assert promise_warning(d(27), 2, None, TODAY) is None
    assert promise_warning(d(10, 12), 3, d(11, 12), TODAY) is not None
    assert promise_warning(d(1, 12), 3, d(11, 12), TODAY) is None
    assert promise_warning(d(10, 12), None, d(11, 12), TODAY) is not None  # a commitment
    assert promise_warning(d(20), 0, d(21), TODAY) is None  # in the past: not a promise


# --- you need each other ----------------------------------------------------------------


def test_two_chases_on_the_unanswered_message_turn_it_tense() -> None:
    facts = ProjectFacts(today=TODAY, chases=[d(16)])
    assert "together" not in cards(facts)
    found = cards(replace(facts, chases=[d(16), d(19)]))["together"]
    assert (found.since, found.reason) == (d(19), "Chased 2 times with no answer")
    # The client answered: the service reads no chase of the message still unanswered.
    assert "together" not in cards(replace(facts, chases=[]))


def test_a_late_client_or_an_open_incident_need_each_other() -> None:
    texts = BellFact("Texts from Ann", d(20), owner="client")
    found = cards(ProjectFacts(today=TODAY, bells=[texts]))["together"]
    assert (found.since, found.reason) == (d(21), "The client is late on “Texts from Ann”")
    assert "together" not in cards(ProjectFacts(today=TODAY, bells=[replace(texts, done=True)]))
    assert "together" not in cards(ProjectFacts(today=TODAY, bells=[replace(texts, due_on=d(23))]))
    outage = IncidentFact("Hosting outage", d(22), told=True)
    assert cards(ProjectFacts(today=TODAY, incidents=[outage]))["together"].since == d(22)


# --- recall the frame -------------------------------------------------------------------


def test_a_reopened_deliverable_recalls_the_frame_for_thirty_days() -> None:
    change = ChangeFact("Logo", d(20))
    found = cards(ProjectFacts(today=TODAY, changes=[change]))["frame"]
    assert (found.since, found.reason) == (d(20), "“Logo” was reopened after its validation")
    later = d(20) + timedelta(days=30)
    assert "frame" in cards(ProjectFacts(today=later - timedelta(days=1), changes=[change]))
    assert "frame" not in cards(ProjectFacts(today=later, changes=[change]))


def test_an_incident_the_contract_speaks_of_recalls_the_frame() -> None:
    extra = IncidentFact("Extra page asked", d(21), told=True, contract_says=True)
    assert cards(ProjectFacts(today=TODAY, incidents=[extra]))["frame"].since == d(21)
    assert "frame" not in cards(ProjectFacts(today=TODAY, incidents=[replace(extra, open=False)]))


# --- several at once, dismissals ---------------------------------------------------------


def test_several_cards_hold_at_once_most_pressing_first() -> None:
    outage = IncidentFact("Outage", d(20), blamed=True, contract_says=True)
    facts = ProjectFacts(today=TODAY, incidents=[outage], time=[(d(20), "rework", 120)])
    assert [s.card for s in situations(facts)] == [
        "warn",
        "blame",
        "over_investment",
        "together",
        "frame",
    ]
    assert [rule.__name__ for rule in RULES] == list(PRIORITY)


def test_a_dismissed_card_stays_hidden_while_its_situation_lasts() -> None:
    outage = IncidentFact("Outage", d(20))
    held = situations(ProjectFacts(today=TODAY, incidents=[outage]))
    assert [s.card for s in visible(held, {})] == ["warn", "together"]
    assert [s.card for s in visible(held, {"warn": d(23)})] == ["together"]
    assert [s.card for s in visible(held, {"warn": d(20)})] == ["together"]  # same day
    # A new incident: the situation starts anew, the card shows again.
    new = IncidentFact("Lost files", d(24))
    again = situations(ProjectFacts(today=d(25), incidents=[outage, new]))
    assert [s.card for s in visible(again, {"warn": d(23)})] == ["warn", "together"]
    # Dismissed again, then the first incident told: still the one not told, still hidden.
    told = replace(outage, told=True)
    later = situations(ProjectFacts(today=d(26), incidents=[told, new]))
    assert [s.card for s in visible(later, {"warn": d(25)})] == ["together"]


def test_with_no_situation_one_card_per_day() -> None:
    assert card_of_the_day(100).key != card_of_the_day(101).key
    assert card_of_the_day(100) == card_of_the_day(106)


def test_the_bell_form_reads_what_is_typed() -> None:
    near = "2026-12-10"
    assert bell_warning("+3d", "0", "", "other", None, TODAY) is not None  # mine by its kind
    assert bell_warning("+3d", "0", "", "documents", None, TODAY) is None  # the client's
    assert bell_warning("+3d", "0", "client", "other", None, TODAY) is None
    assert bell_warning("+3d", "2", "provider", "other", None, TODAY) is None
    assert bell_warning(near, "2", "provider", "other", d(11, 12), TODAY) is not None
    assert bell_warning("someday", "0", "provider", "other", None, TODAY) is None
    assert bell_warning("+3d", "", "provider", "other", None, TODAY) is None


def test_the_commitment_form_recalls_the_card_for_a_new_promise_of_mine() -> None:
    reminder = commitment_warning("", "provider", True, None, TODAY)
    assert reminder is not None and "Promise less" in reminder
    assert commitment_warning("", "provider", False, None, TODAY) is None  # a correction
    assert commitment_warning("", "client", True, None, TODAY) is None
    near = commitment_warning("2026-12-10", "provider", False, d(11, 12), TODAY)
    assert near is not None and "delivery date" in near


def test_the_time_judged_at_each_days_end_in_order_of_days() -> None:
    """`over_since` (what the dashboard reads the days of its flagged projects with): a day
    in pieces is judged once, on its totals at its end; ISO text days as well as dates."""
    assert over_since([], None) is None
    # 100 minutes of work, then 30 of rework the same day: 23 % at the day's end.
    assert over_since([("2026-11-16", 100, 0), ("2026-11-16", 30, 30)], None) == "2026-11-16"
    # Under the limit at the end of the 17th, over again on the 18th: a new start.
    days = [(d(16), 100, 30), (d(17), 200, 0), (d(18), 100, 100)]
    assert over_since(days, None) == d(18)
    assert over_since(days[:2], None) is None  # the last day's end does not call for it
    # Over the budget from the 17th; the rework held already at the end of the 16th.
    assert over_since([(d(15), 100, 0), (d(16), 100, 60), (d(17), 100, 0)], 250) == d(16)
    assert time_calls_for_card(300, 0, 250) and not time_calls_for_card(250, 0, 250)
    assert not time_calls_for_card(100, 100, None)  # under two hours logged
