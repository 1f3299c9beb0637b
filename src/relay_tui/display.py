"""Formatting for people: local times, dates and durations. Light (standard library)."""

from __future__ import annotations

from datetime import date, datetime, time

from relay_tui.i18n import tr, trp

# The names are looked up each time, in the language being written (a report may be
# in the client's language): one catalogue lookup each, at most twelve.


def _weekday_name(day: date) -> str:
    """`Monday` / `lundi`."""
    return (
        trp("weekday", "Monday"),
        trp("weekday", "Tuesday"),
        trp("weekday", "Wednesday"),
        trp("weekday", "Thursday"),
        trp("weekday", "Friday"),
        trp("weekday", "Saturday"),
        trp("weekday", "Sunday"),
    )[day.weekday()]


def _weekday_short(day: date) -> str:
    """`Mon` / `lun.`."""
    return (
        trp("weekday, short", "Mon"),
        trp("weekday, short", "Tue"),
        trp("weekday, short", "Wed"),
        trp("weekday, short", "Thu"),
        trp("weekday, short", "Fri"),
        trp("weekday, short", "Sat"),
        trp("weekday, short", "Sun"),
    )[day.weekday()]


def _month_name(day: date) -> str:
    """`November` / `novembre`."""
    return (
        trp("month", "January"),
        trp("month", "February"),
        trp("month", "March"),
        trp("month", "April"),
        trp("month", "May"),
        trp("month", "June"),
        trp("month", "July"),
        trp("month", "August"),
        trp("month", "September"),
        trp("month", "October"),
        trp("month", "November"),
        trp("month", "December"),
    )[day.month - 1]


def _month_short(day: date) -> str:
    """`Nov` / `nov.`."""
    return (
        trp("month, short", "Jan"),
        trp("month, short", "Feb"),
        trp("month, short", "Mar"),
        trp("month, short", "Apr"),
        trp("month, short", "May"),
        trp("month, short", "Jun"),
        trp("month, short", "Jul"),
        trp("month, short", "Aug"),
        trp("month, short", "Sep"),
        trp("month, short", "Oct"),
        trp("month, short", "Nov"),
        trp("month, short", "Dec"),
    )[day.month - 1]


def weekday(day: date, short: bool = False) -> str:
    """`Monday` / `lundi`; short: `Mon` / `lun.`."""
    return _weekday_short(day) if short else _weekday_name(day)


def month(day: date, short: bool = False) -> str:
    """`November` / `novembre`; short: `Nov` / `nov.`."""
    return _month_short(day) if short else _month_name(day)


def _day_number(day: date) -> str:
    # French writes the first of the month `1er`.
    return trp("the first day of a month", "1") if day.day == 1 else str(day.day)


def long_date(day: date, year: bool = True) -> str:
    """`Monday 23 November 2026` / `lundi 23 novembre 2026` (a report's dates)."""
    fields = {"weekday": weekday(day), "day": _day_number(day), "month": month(day)}
    if year:
        return tr("{weekday} {day} {month} {year}", year=day.year, **fields)
    return tr("{weekday} {day} {month}", **fields)


def day_month(day: date | None, year: bool = False) -> str:
    """`17 Nov` / `17 nov.`, with the year when asked: `17 Nov 2026` (— for no date)."""
    if day is None:
        return "—"
    fields = {"day": _day_number(day), "month": month(day, short=True)}
    if year:
        return tr("{day} {month} {year}", year=day.year, **fields)
    return tr("{day} {month}", **fields)


def short_date(day: date | None, year: bool = True) -> str:
    """`Mon 23 Nov 2026` / `lun. 23 nov. 2026` (— for no date)."""
    if day is None:
        return "—"
    return tr("{weekday} {date}", weekday=weekday(day, short=True), date=day_month(day, year=year))


def clock(moment: time | datetime) -> str:
    """`14:30`: the 24-hour clock, in both languages."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def local_stamp(moment: datetime, today: date | None = None) -> str:
    """`Mon 23 Nov 14:30` in local time (the year is added when it is not this one)."""
    local = moment.astimezone()
    this_year = (today or datetime.now().date()).year
    return tr(
        "{date} {time}",
        date=short_date(local.date(), year=local.year != this_year),
        time=clock(local),
    )


def number(value: float, places: int = 1) -> str:
    """`1.5` / `1,5`: at most `places` decimals, none when the value is whole."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
    return text.replace(".", trp("decimal separator", "."))


def hours(minutes: int, places: int = 1) -> str:
    """`1.5 h` / `1,5 h`: minutes as hours."""
    return tr("{hours} h", hours=number(minutes / 60, places))


def file_slug(name: str) -> str:
    """`name` as part of a file name: lower case, letters and digits kept, anything else
    (spaces, slashes, brackets, control characters) a dash; never empty."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower())
    return "-".join(part for part in slug.split("-") if part) or "project"
