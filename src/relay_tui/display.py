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


def file_slug(name: str) -> str:
    """`name` as part of a file name: lower case, letters and digits kept, anything else
    (spaces, slashes, brackets, control characters) a dash; never empty."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in slug.split("-") if part) or "project"
