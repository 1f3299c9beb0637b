"""Formatting for people: local times, dates and durations. Light (standard library)."""

from __future__ import annotations

from datetime import date, datetime


def local_stamp(moment: datetime, today: date | None = None) -> str:
    """`Mon 23 Nov 14:30` in local time (the year is added when it is not this one)."""
    local = moment.astimezone()
    this_year = (today or datetime.now().date()).year
    if local.year != this_year:
        return local.strftime("%a %d %b %Y %H:%M")
    return local.strftime("%a %d %b %H:%M")


def short_date(day: date | None) -> str:
    return day.strftime("%a %d %b %Y") if day else "—"
