"""Alarm bells: the status of a deadline against today."""

from __future__ import annotations

from datetime import date

from relay_tui.domain import stored
from relay_tui.vocab import DeadlineStatus

#: Most urgent first.
STATUS_RANK: dict[str, int] = {
    DeadlineStatus.late: 0,
    DeadlineStatus.in_margin: 1,
    DeadlineStatus.upcoming: 2,
    DeadlineStatus.done: 3,
}


def deadline_status(
    due_on: date, margin_days: int, done_on: date | None, today: date
) -> DeadlineStatus:
    """done; late once today is past the due date; in margin from due − margin; else upcoming.

    A deadline due today is in its margin (not late); with a margin of 0 it enters the
    margin on the day itself. A stored margin out of range counts as the nearest valid
    one, and a date at the end of the calendar does not overflow (`domain.stored`).
    """
    if done_on is not None:
        return DeadlineStatus.done
    if today > due_on:
        return DeadlineStatus.late
    if today >= stored.shift(due_on, -stored.margin(margin_days)[0]):
        return DeadlineStatus.in_margin
    return DeadlineStatus.upcoming


#: The statuses of an alarm bell that rings: the board lists them.
RINGING = frozenset({DeadlineStatus.late.value, DeadlineStatus.in_margin.value})


def days_late(due_on: date, done_on: date | None, today: date) -> int:
    """How many days past due: until done, or at the moment it was done (never negative)."""
    end = done_on if done_on is not None else today
    return max((end - due_on).days, 0)
