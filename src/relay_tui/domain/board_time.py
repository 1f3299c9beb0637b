"""The board's time lines: each active project's time against its budget, most of the
budget used first.

A store of 10,000 projects has some 8,000 lines, and a screen shows twenty: `TimeLines`
orders the lines by what the order needs (the minutes logged over the budget) and builds
each line when it is read. A line is the same whenever it is built: `BudgetUse` from the
totals the store keeps per project (`sqltext.ACTIVE_PROJECTS`, migration 0012)."""

from __future__ import annotations

from dataclasses import dataclass

from relay_tui.domain import stored
from relay_tui.domain import timekeeping as tk
from relay_tui.domain.deadline_views import as_date
from relay_tui.domain.lazy_lines import LazyLines

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from typing import Any


@dataclass(frozen=True)
class ProjectTime:
    project_id: int
    project: str
    use: tk.BudgetUse
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line


def time_problems(budget: object, bad_entries: int) -> tuple[str, ...]:
    problem = stored.budget(budget)[1]
    if problem is None and not bad_entries:
        return ()  # the usual case, first: the board has a line per project
    return stored.collect(problem, stored.entries_left_out(bad_entries))


def budget_of(value: object, low: int, high: int) -> int | None:
    """A stored budget as the totals count it: within range and above zero, else none
    (`stored.budget`, `tk.budget_totals`)."""
    if type(value) is int and low <= value <= high and value > 0:
        return value
    return None


class TimeLines(LazyLines[ProjectTime]):
    """The time lines of the active `projects` (`sqltext.ACTIVE_PROJECTS`'s rows): a line
    for each project with time logged or a budget set, the highest share of its budget
    first, then by name. A sequence of `ProjectTime`, each built when first read."""

    __slots__ = ("_rows", "_today", "over")

    def __init__(self, today: date, projects: Sequence[Sequence[Any]]) -> None:
        low, high = stored.limits("project", "budget_minutes")
        keyed = []
        over = 0
        # Speed (8,000 lines): the order's key only, inline; ties end on the unique id.
        for row in projects:
            budget = row[2]
            if row[5] is None and not budget:
                continue  # no budget, nothing logged: no line
            if type(budget) is int and low <= budget <= high and budget > 0:  # `budget_of`
                logged = row[6]
                share = (logged if type(logged) is int else int(logged or 0)) / budget
                if share > tk.OVER_INVESTMENT:
                    over += 1
                keyed.append((-share, row[1], row[0], row))
            else:
                keyed.append((0.0, row[1], row[0], row))
        keyed.sort()
        self._today = today
        super().__init__(len(keyed))
        self._rows = [k[3] for k in keyed]
        #: How many projects are over their budget.
        self.over = over

    @property
    def project_ids(self) -> list[int]:
        """The projects of the lines, in their order (nothing built)."""
        return [row[0] for row in self._rows]

    def with_problems(self) -> list[ProjectTime]:
        """The lines that read a stored value out of range (only those that may are built:
        entries left out, or a budget that does not count)."""
        low, high = stored.limits("project", "budget_minutes")
        maybe = (
            self[index]
            for index, row in enumerate(self._rows)
            if row[9] or (row[2] is not None and budget_of(row[2], low, high) is None)
        )
        return [line for line in maybe if line.problems]

    def _build(self, index: int) -> ProjectTime:
        row = self._rows[index]
        pid, name, stored_budget, delivery = row[0], row[1], row[2], row[3]
        logged, rework, first, bad = row[6], row[7], row[8], row[9]
        # A budget out of range (a hand-edited store) is left out, and said (`time_problems`).
        use = tk.budget_totals(
            int(logged or 0),
            int(rework or 0),
            stored.budget(stored_budget)[0],
            first_day=as_date(first),
            delivery_on=as_date(delivery),
            today=self._today,
        )
        return ProjectTime(pid, name, use, time_problems(stored_budget, int(bad or 0)))
