"""The board's time lines (`domain.board_time.TimeLines`): ordered by the share of the
budget used, each line built only when read, the same line whenever it is built."""

from __future__ import annotations

from datetime import date

from relay_tui.domain import timekeeping as tk
from relay_tui.domain.board_time import ProjectTime, TimeLines

TODAY = date(2026, 12, 7)


def row(
    pid: int,
    name: str,
    budget: object = None,
    logged: object = None,
    *,
    rework: int = 0,
    first: object = "2026-11-02",
    delivery: object = None,
    left_out: int = 0,
) -> tuple[object, ...]:
    """A row as `sqltext.ACTIVE_PROJECTS` gives it (no time logged: logged is None)."""
    if logged is None:
        return (pid, name, budget, delivery, 3, None, None, None, None, None)
    return (pid, name, budget, delivery, 3, pid, logged, rework, first, left_out)


def test_most_of_the_budget_first_then_by_name_and_no_line_without_budget_or_time() -> None:
    lines = TimeLines(
        TODAY,
        [
            row(1, "Zinc", budget=600, logged=300),
            row(2, "Alder", budget=600, logged=300),
            row(3, "Birch", budget=100, logged=250),
            row(4, "Nothing"),
            row(5, "Budget only", budget=600),
            row(6, "Time only", logged=90),
        ],
    )
    assert [t.project for t in lines] == ["Birch", "Alder", "Zinc", "Budget only", "Time only"]
    assert lines.project_ids == [3, 2, 1, 5, 6]
    assert lines.over == 1
    assert len(lines) == 5 and lines


def test_a_line_is_built_when_read_and_equals_the_rule() -> None:
    lines = TimeLines(
        TODAY,
        [row(7, "Cedar", budget=1200, logged=600, rework=150, delivery="2026-12-21")],
    )
    assert lines._built == [None]  # nothing built by ordering
    line = lines[0]
    assert lines._built == [line] and lines[0] is line
    assert line == ProjectTime(
        7,
        "Cedar",
        tk.budget_totals(
            600,
            150,
            1200,
            first_day=date(2026, 11, 2),
            delivery_on=date(2026, 12, 21),
            today=TODAY,
        ),
    )


def test_only_lines_with_a_stored_value_out_of_range_are_built_for_their_problems() -> None:
    lines = TimeLines(
        TODAY,
        [
            row(1, "Sound", budget=600, logged=60),
            row(2, "Entries left out", budget=600, logged=60, left_out=2),
            row(3, "Budget in words", budget="lots", logged=60),
            row(4, "Budget too large", budget=10**12, logged=60),
        ],
    )
    flagged = lines.with_problems()
    assert [t.project for t in flagged] == [
        "Entries left out",  # the most of its budget used, then by name
        "Budget in words",
        "Budget too large",
    ]
    assert all(t.problems for t in flagged)
    assert lines.project_ids[1] == 1 and lines._built[1] is None  # "Sound": never built
    assert TimeLines(TODAY, [row(1, "Sound", budget=600, logged=60)]).with_problems() == []


def test_a_budget_that_does_not_count_orders_the_line_as_none() -> None:
    lines = TimeLines(
        TODAY,
        [row(1, "Words", budget="lots", logged=6000), row(2, "Half", budget=600, logged=300)],
    )
    assert [t.project for t in lines] == ["Half", "Words"]
    assert lines.over == 0
    assert lines[1].use.ratio is None


def test_lines_compare_as_the_list_of_their_lines() -> None:
    rows = [row(1, "A", budget=600, logged=60), row(2, "B", budget=600, logged=120)]
    assert TimeLines(TODAY, rows) == TimeLines(TODAY, list(reversed(rows)))
    assert TimeLines(TODAY, rows) == list(TimeLines(TODAY, rows))
    assert TimeLines(TODAY, []) == []
    assert TimeLines(TODAY, rows) != TimeLines(TODAY, rows[:1])
