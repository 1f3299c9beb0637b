"""Time against budget: use, over-investment, projection at the current pace, rework share,
and how long a project has been waiting on the client."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

OVER_INVESTMENT = 1.0  # past 100 % of the budget
#: Rework from this share of the time logged is too much ("enough is enough")…
REWORK_LIMIT = 0.20
#: …once at least this much time is logged (two hours: a few minutes of rework on a
#: project just begun say nothing).
REWORK_MIN_MINUTES = 120


@dataclass(frozen=True)
class BudgetUse:
    logged_minutes: int
    budget_minutes: int | None
    ratio: float | None  # logged / budget
    over: bool
    projected_minutes: int | None  # at the current pace, by the delivery date
    projected_ratio: float | None
    rework_share: float | None  # rework / everything logged
    rework_minutes: int = 0

    @property
    def too_much_rework(self) -> bool:
        """Whether the rework is past the limit (`too_much_rework`)."""
        return too_much_rework(self.rework_minutes, self.logged_minutes)


def budget_use(
    minutes_by_category: Mapping[str, int],
    budget_minutes: int | None,
    *,
    first_day: date | None,
    delivery_on: date | None,
    today: date,
) -> BudgetUse:
    """The pace is the minutes logged per calendar day from the first logged day to today;
    the projection extends it to the delivery date (none without a delivery date, after it,
    or with nothing logged). A budget that is not more than zero (a hand-edited store)
    counts as no budget."""
    return budget_totals(
        sum(minutes_by_category.values()),
        minutes_by_category.get("rework", 0),
        budget_minutes,
        first_day=first_day,
        delivery_on=delivery_on,
        today=today,
    )


def budget_totals(
    logged: int,
    rework: int,
    budget_minutes: int | None,
    *,
    first_day: date | None,
    delivery_on: date | None,
    today: date,
) -> BudgetUse:
    """`budget_use` of the minutes `logged` in all, `rework` of them rework (the board
    reads these two sums, one row a project)."""
    if budget_minutes is not None and budget_minutes <= 0:
        budget_minutes = None
    ratio = logged / budget_minutes if budget_minutes else None
    projected: int | None = None
    if first_day is not None and delivery_on is not None and logged > 0 and delivery_on > today:
        elapsed = max((today - first_day).days + 1, 1)
        remaining = (delivery_on - today).days
        projected = logged + round(logged / elapsed * remaining)
    projected_ratio = (
        projected / budget_minutes if projected is not None and budget_minutes else None
    )
    return BudgetUse(
        logged_minutes=logged,
        budget_minutes=budget_minutes,
        ratio=ratio,
        over=ratio is not None and ratio > OVER_INVESTMENT,
        projected_minutes=projected,
        projected_ratio=projected_ratio,
        rework_share=rework / logged if logged else None,
        rework_minutes=rework,
    )


def rework_share(minutes_by_category: Mapping[str, int]) -> float | None:
    total = sum(minutes_by_category.values())
    if total == 0:
        return None
    return minutes_by_category.get("rework", 0) / total


def too_much_rework(rework_minutes: int, logged_minutes: int) -> bool:
    """Rework is `REWORK_LIMIT` of the time or more, once `REWORK_MIN_MINUTES` are logged:
    the one rule of the time tab, the board and the "enough is enough" card."""
    if logged_minutes < REWORK_MIN_MINUTES:
        return False
    return rework_minutes / logged_minutes >= REWORK_LIMIT


def waiting_since(oldest_awaiting: date | None, late_client_due: Iterable[date]) -> date | None:
    """Since when the project waits on the client: the oldest unanswered request or the
    oldest late client deadline, whichever came first."""
    candidates = [d for d in (oldest_awaiting, *late_client_due) if d is not None]
    return min(candidates) if candidates else None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_minutes(
    entries: Iterable[tuple[date, str, int]], today: date, weeks: int = 8
) -> list[tuple[date, dict[str, int]]]:
    """The last `weeks` weeks (Monday first, oldest first), minutes per category."""
    current = week_start(today)
    starts = [current - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    table: dict[date, dict[str, int]] = {start: {} for start in starts}
    for day, category, minutes in entries:
        start = week_start(day)
        if start in table:
            table[start][category] = table[start].get(category, 0) + minutes
    return [(start, table[start]) for start in starts]


BLOCKS = " ▁▂▃▄▅▆▇█"


def sparkline(values: Iterable[int]) -> str:
    numbers = list(values)
    top = max(numbers, default=0)
    if top <= 0:
        return BLOCKS[0] * len(numbers)
    return "".join(BLOCKS[min(8, max(0, round(v / top * 8)))] for v in numbers)


def gauge(ratio: float | None, width: int = 20) -> str:
    """`██████░░░░` up to 100 %, with `!` marks past it."""
    if ratio is None:
        return "·" * width
    filled = min(width, max(0, round(min(ratio, 1.0) * width)))
    bar = "█" * filled + "░" * (width - filled)
    if ratio > 1.0:
        bar += "!" * min(5, 1 + int((ratio - 1.0) * 10))
    return bar
