"""Framing rules (domain.before) and the craft card page (domain.craft)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from relay_tui.domain.before import (
    RIGOUR,
    RIGOUR_KEYS,
    DatedStep,
    LessonCandidate,
    assessment_warnings,
    cycle_warning,
    heat_map,
    horizon_warnings,
    next_cycle_end,
    quadrant,
    rank_lessons,
    readiness,
    review_overdue,
    rigour_missing,
)
from relay_tui.domain.craft import craft_markdown

START = date(2026, 11, 2)
TODAY = date(2026, 11, 23)


def day(offset: int) -> date:
    return START + timedelta(days=offset)


# --- self-assessment ------------------------------------------------------------------


def test_free_work_as_a_partner_with_sacrifices_gets_one_plain_warning() -> None:
    warnings = assessment_warnings("intellectual", False, "partner", "sacrifice", True)
    assert len(warnings) == 1
    assert warnings[0].startswith("Free work, a partner's stance and personal sacrifices")
    assert "limit" in warnings[0]


def test_unpaid_sacrifice_as_a_supplier() -> None:
    warnings = assessment_warnings("intellectual", False, "supplier", "sacrifice", True)
    assert len(warnings) == 1
    assert warnings[0].startswith("Unpaid and ready to sacrifice your balance")


def test_unpaid_sacrifice_with_an_unknown_stance() -> None:
    warnings = assessment_warnings(None, False, None, "sacrifice", None)
    assert len(warnings) == 1
    assert warnings[0].startswith("Unpaid and ready to sacrifice")


def test_a_financial_reward_from_unpaid_work() -> None:
    assert assessment_warnings("financial", False, "supplier", "balance", True) == [
        "You expect a financial reward from unpaid work: clarify what it is."
    ]


def test_paid_but_acting_as_a_partner() -> None:
    warnings = assessment_warnings("both", True, "partner", "balance", True)
    assert len(warnings) == 1
    assert warnings[0].startswith("Paid but acting as a partner")


def test_not_ready_to_face_a_failure() -> None:
    warnings = assessment_warnings("both", True, "supplier", "balance", False)
    assert len(warnings) == 1
    assert warnings[0].startswith("You are not ready to face a failure")


def test_several_troubles_add_up_in_a_stable_order() -> None:
    warnings = assessment_warnings("financial", False, "partner", "sacrifice", False)
    assert [w.split(" ")[0] for w in warnings] == ["Free", "You", "You"]
    assert "financial reward" in warnings[1]
    assert "not ready to face a failure" in warnings[2]


@pytest.mark.parametrize(
    "answers",
    [
        ("intellectual", True, "supplier", "balance", True),
        ("both", True, "supplier", "sacrifice", True),  # paid: sacrifices are a choice
        ("intellectual", False, "supplier", "balance", True),  # free but balanced
        ("financial", True, "supplier", "balance", True),
        (None, None, None, None, None),  # nothing answered yet
        ("financial", None, "partner", "sacrifice", None),  # paid unknown: no guess
    ],
)
def test_calm_or_unknown_answers_raise_nothing(
    answers: tuple[str | None, bool | None, str | None, str | None, bool | None],
) -> None:
    assert assessment_warnings(*answers) == []


# --- influence / interest quadrant ----------------------------------------------------


@pytest.mark.parametrize(
    ("influence", "interest", "expected"),
    [
        (3, 3, "manage closely"),
        (5, 5, "manage closely"),
        (3, 2, "keep satisfied"),
        (5, 1, "keep satisfied"),
        (2, 3, "keep informed"),
        (1, 5, "keep informed"),
        (2, 2, "monitor"),
        (1, 1, "monitor"),
    ],
)
def test_quadrant_at_its_boundaries(influence: int, interest: int, expected: str) -> None:
    assert quadrant(influence, interest) == expected


# --- planning horizon -----------------------------------------------------------------


def test_exactly_21_days_after_the_start_is_not_flagged() -> None:
    assert horizon_warnings([DatedStep(1, "Mock-ups", day(21))], START) == []


def test_22_days_after_the_start_is_flagged_with_the_advice() -> None:
    [warning] = horizon_warnings([DatedStep(1, "Mock-ups", day(22))], START)
    assert warning.step.id == 1
    assert warning.previous is None
    assert warning.gap_days == 22
    message = warning.message()
    assert "'Mock-ups' comes 22 days after the start" in message
    assert "21 days" in message
    assert "Add a checkpoint" in message


def test_without_a_start_date_the_first_step_is_not_judged() -> None:
    assert horizon_warnings([DatedStep(1, "Far away", day(200))]) == []
    [warning] = horizon_warnings([DatedStep(1, "A", day(0)), DatedStep(2, "B", day(30))])
    assert (warning.step.id, warning.previous.id, warning.gap_days) == (2, 1, 30)  # type: ignore[union-attr]


def test_each_gap_is_measured_from_the_previous_step() -> None:
    steps = [
        DatedStep(1, "Checkpoint", day(21)),
        DatedStep(2, "Mock-ups", day(42)),  # 21 after the checkpoint: fine
        DatedStep(3, "Delivery", day(64)),  # 22 after the mock-ups: flagged
    ]
    [warning] = horizon_warnings(steps, START)
    assert warning.step.id == 3
    assert warning.previous is not None and warning.previous.id == 2
    assert warning.gap_days == 22
    assert "after 'Mock-ups'" in warning.message()


def test_unordered_input_is_sorted_by_date_first() -> None:
    steps = [
        DatedStep(3, "Delivery", day(64)),
        DatedStep(1, "Checkpoint", day(21)),
        DatedStep(2, "Mock-ups", day(42)),
    ]
    assert [(w.step.id, w.previous.id) for w in horizon_warnings(steps, START)] == [(3, 2)]  # type: ignore[union-attr]
    # The same dates given in order give the same answer.
    ordered = sorted(steps, key=lambda s: s.due_on)
    assert horizon_warnings(ordered, START) == horizon_warnings(steps, START)


def test_steps_on_the_same_day_are_not_a_gap_and_the_last_id_is_the_previous() -> None:
    steps = [
        DatedStep(5, "Texts", day(30)),
        DatedStep(4, "Photos", day(30)),
        DatedStep(6, "Delivery", day(52)),
    ]
    warnings = horizon_warnings(steps, START)
    # Photos (id 4, first of the tie) is 30 days after the start; Texts is 0 days after
    # Photos; Delivery is 22 days after Texts.
    assert [(w.step.id, w.previous.id if w.previous else None, w.gap_days) for w in warnings] == [
        (4, None, 30),
        (6, 5, 22),
    ]


def test_steps_before_the_start_are_not_flagged() -> None:
    assert horizon_warnings([DatedStep(1, "Early", day(-30))], START) == []


# --- lessons --------------------------------------------------------------------------


def lesson(lesson_id: int, *, client: bool, kind: bool, project: str = "Shop") -> LessonCandidate:
    return LessonCandidate(lesson_id, f"lesson {lesson_id}", "", project, client, kind)


def test_rank_lessons_same_client_first_then_same_kind_and_drops_the_rest() -> None:
    lessons = [
        lesson(1, client=False, kind=True),
        lesson(2, client=False, kind=False),
        lesson(3, client=True, kind=False),
        lesson(4, client=False, kind=False),
    ]
    assert [c.id for c in rank_lessons(lessons)] == [3, 1]


def test_rank_lessons_same_client_and_kind_before_same_client_only() -> None:
    lessons = [
        lesson(1, client=True, kind=False),
        lesson(2, client=True, kind=True),
        lesson(3, client=False, kind=True),
    ]
    assert [c.id for c in rank_lessons(lessons)] == [2, 1, 3]


def test_rank_lessons_ties_newest_first() -> None:
    lessons = [
        lesson(1, client=True, kind=False),
        lesson(7, client=True, kind=False),
        lesson(4, client=True, kind=False),
        lesson(2, client=False, kind=True),
        lesson(9, client=False, kind=True),
    ]
    assert [c.id for c in rank_lessons(lessons)] == [7, 4, 1, 9, 2]


def test_rank_lessons_of_nothing_relevant_is_empty() -> None:
    assert rank_lessons([]) == []
    assert rank_lessons([lesson(1, client=False, kind=False)]) == []


# --- review dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("review_on", "status", "overdue"),
    [
        (TODAY - timedelta(days=1), "open", True),
        (TODAY - timedelta(days=30), "open", True),
        (TODAY, "open", False),
        (TODAY + timedelta(days=1), "open", False),
        (None, "open", False),
        (TODAY - timedelta(days=1), "closed", False),
        (TODAY - timedelta(days=1), "mitigated", False),
        (TODAY - timedelta(days=1), "occurred", False),
    ],
)
def test_review_overdue(review_on: date | None, status: str, overdue: bool) -> None:
    assert review_overdue(review_on, status, TODAY) is overdue


# --- readiness ------------------------------------------------------------------------

ALL_TICKED = dict.fromkeys(RIGOUR_KEYS, True)
READY = {
    "contract_signed": True,
    "client_profile_known": 1,
    "delivery_on": TODAY + timedelta(days=30),
    "risks": [],
    "rigour": ALL_TICKED,
}


def test_ready_when_nothing_is_missing() -> None:
    assert readiness(**READY) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"contract_signed": False}, "no signed contract"),
        ({"client_profile_known": 0}, "the client's profile is empty"),
        ({"delivery_on": None}, "no delivery date"),
        ({"risks": [(5, 4, "open", "")]}, "1 critical risk without mitigation"),
        ({"risks": [(5, 5, "open", "  \n"), (4, 5, "open", "")]}, "2 critical risks without"),
    ],
)
def test_each_missing_item_is_named(change: dict[str, object], missing: str) -> None:
    result = readiness(**{**READY, **change})  # type: ignore[arg-type]
    assert len(result) == 1
    assert result[0].startswith(missing)


def test_everything_missing_in_order() -> None:
    result = readiness(
        contract_signed=False,
        client_profile_known=0,
        delivery_on=None,
        risks=[(5, 4, "open", "")],
        rigour={},
    )
    assert result == [
        "no signed contract",
        "the client's profile is empty",
        "no delivery date",
        "1 critical risk without mitigation",
        "rigour: validations are not agreed in writing",
        "rigour: no regular progress point agreed",
        "rigour: no single contact person on the client's side",
        "rigour: changes are not agreed in writing",
    ]


@pytest.mark.parametrize(
    ("unticked", "missing"),
    [
        ("written_validations", "rigour: validations are not agreed in writing"),
        ("progress_point", "rigour: no regular progress point agreed"),
        ("single_contact", "rigour: no single contact person on the client's side"),
        ("changes_in_writing", "rigour: changes are not agreed in writing"),
    ],
)
def test_each_unticked_rigour_item_is_missing_before_starting(unticked: str, missing: str) -> None:
    rigour = {**ALL_TICKED, unticked: False}
    assert readiness(**{**READY, "rigour": rigour}) == [missing]  # type: ignore[arg-type]
    assert rigour_missing(rigour) == [missing]


def test_the_rigour_checklist_in_its_order_and_a_key_left_out_is_not_ticked() -> None:
    assert [item.key for item in RIGOUR] == [
        "written_validations",
        "progress_point",
        "single_contact",
        "changes_in_writing",
    ]
    assert RIGOUR[0].column == "rigour_written_validations"
    assert RIGOUR[3].option == "changes-in-writing"
    assert rigour_missing(ALL_TICKED) == []
    assert rigour_missing({"progress_point": True, "single_contact": True}) == [
        "rigour: validations are not agreed in writing",
        "rigour: changes are not agreed in writing",
    ]


@pytest.mark.parametrize(
    "risk",
    [
        (5, 4, "open", "Book the printer now"),  # mitigated on paper
        (5, 4, "closed", ""),
        (5, 5, "mitigated", ""),
        (5, 4, "occurred", ""),
        (4, 4, "open", ""),  # 16: high, not critical
        (3, 5, "open", ""),  # 15
    ],
)
def test_a_mitigated_closed_or_non_critical_risk_does_not_count(
    risk: tuple[int, int, str, str],
) -> None:
    assert readiness(**{**READY, "risks": [risk]}) == []  # type: ignore[arg-type]


# --- heat map -------------------------------------------------------------------------


def test_heat_map_counts_open_risks_per_cell_only() -> None:
    cells = heat_map(
        [
            (5, 4, "open"),
            (5, 4, "open"),
            (5, 4, "closed"),
            (1, 1, "mitigated"),
            (2, 3, "open"),
            (3, 3, "occurred"),
        ]
    )
    assert cells == {(5, 4): 2, (2, 3): 1}


def test_heat_map_of_nothing_open_is_empty() -> None:
    assert heat_map([]) == {}
    assert heat_map([(1, 1, "closed")]) == {}


# --- short cycles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "end"),
    [
        (START - timedelta(days=5), START + timedelta(days=14)),  # not started yet
        (START, START + timedelta(days=14)),
        (START + timedelta(days=13), START + timedelta(days=14)),
        (START + timedelta(days=14), START + timedelta(days=28)),
        (START + timedelta(days=29), START + timedelta(days=42)),
    ],
)
def test_next_cycle_end(today: date, end: date) -> None:
    assert next_cycle_end(START, 14, today) == end


def test_a_one_day_cycle_ends_tomorrow() -> None:
    assert next_cycle_end(START, 1, TODAY) == TODAY + timedelta(days=1)


@pytest.mark.parametrize("days", [0, -7])
def test_a_cycle_lasts_at_least_one_day(days: int) -> None:
    with pytest.raises(ValueError, match="at least one day"):
        next_cycle_end(START, days, TODAY)


# --- the cycle's length ---------------------------------------------------------------


@pytest.mark.parametrize("days", [None, 1, 14, 21])
def test_a_cycle_of_three_weeks_or_less_calls_for_nothing(days: int | None) -> None:
    assert cycle_warning(days) is None


@pytest.mark.parametrize("days", [22, 30, 90])
def test_a_cycle_beyond_three_weeks_is_flagged_with_its_length(days: int) -> None:
    warning = cycle_warning(days)
    assert warning == (
        f"Cycles of {days} days: beyond three weeks no planning holds. Split the work into "
        "cycles of 21 days at most."
    )


# --- craft card -----------------------------------------------------------------------


def test_an_empty_card_says_nothing_is_written() -> None:
    assert craft_markdown({}) == "# My trade\n\n_Nothing written yet._\n"
    blank = {"name": "  ", "training": " \n ", "portfolio": ""}
    assert craft_markdown(blank) == "# My trade\n\n_Nothing written yet._\n"


def test_a_named_card_with_only_a_name_still_says_nothing_is_written() -> None:
    assert craft_markdown({"name": "Ada Studio"}) == (
        "# Ada Studio: my trade\n\n_Nothing written yet._\n"
    )


def test_portfolio_lines_become_a_list() -> None:
    text = craft_markdown({"portfolio": "https://a.example/one\n\n   https://b.example/two  \n"})
    assert text == (
        "# My trade\n\n## Portfolio\n\n- https://a.example/one\n- https://b.example/two\n"
    )


def test_only_the_filled_sections_appear_in_order() -> None:
    text = craft_markdown(
        {
            "name": "Ada",
            "strengths": "Clear interfaces",
            "training": "Fine arts, then web design",
            "practices": "",
            "weaknesses": "   ",
        }
    )
    assert text == (
        "# Ada: my trade\n\n"
        "## Training\n\nFine arts, then web design\n\n"
        "## What I do best\n\nClear interfaces\n"
    )
    assert "How I work" not in text
    assert "Where I call for help" not in text
    assert "Nothing written yet" not in text


def test_every_section_has_its_title() -> None:
    text = craft_markdown(
        {
            "training": "t",
            "practices": "p",
            "strengths": "s",
            "weaknesses": "w",
            "portfolio": "x",
        }
    )
    titles = [line for line in text.splitlines() if line.startswith("## ")]
    assert titles == [
        "## Training",
        "## How I work",
        "## What I do best",
        "## Where I call for help",
        "## Portfolio",
    ]
    assert text.endswith("- x\n")
