"""Parsing of the dates, instants and durations people type.

Pure and light: the fast capture path imports it, so it uses the standard library only.

Dates: ISO (`2026-12-01`, `2026-12-01T14:30`), `today`, `tomorrow`, `yesterday` (or
`aujourd'hui`, `demain`, `hier`), relative offsets (`+3d`, `+2w`, `-1d`), in the years
`FIRST_YEAR` to `LAST_YEAR`. Instants (`parse_when`): any date, a time of day (`14:30`,
`9:05`, `10h`, `10h30`), or both (`yesterday 10:00`, `hier 10h`, `2026-12-01 09:15`).
Durations: `90` (minutes), `1h30`, `45m`, `2h`, `1h30m`, `1:30`; up to `DURATION_HOURS_MAX`
hours (a budget), the minutes after hours from 0 to 59 in both `1h30` and `1:30`.

Numbers are read in ASCII digits only, as everywhere in relay (`rules.is_digits`): a
Unicode digit class in a pattern would also take `３` or `٣`, which no other field accepts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from relay_tui.errors import quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

_PATTERNS = {
    "relative": r"^([+-])\s*([0-9]{1,4})\s*([dw])$",
    # Spaces are removed before a duration is matched.
    "duration_hm": r"^(?:([0-9]{1,6})h)?(?:([0-9]{1,7})m?)?$",
    "duration_colon": r"^([0-9]{1,6}):([0-9]{2})$",
    # A time of day: 14:30, 9:05, or the French way, 10h, 10h30.
    "clock": r"^([01]?[0-9]|2[0-3])(?::([0-5][0-9])|h([0-5][0-9])?)$",
}
#: The words for a day near today, in days from today (English, and French as typed).
DAY_WORDS = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "aujourd'hui": 0,
    "aujourd\u2019hui": 0,
    "demain": 1,
    "hier": -1,
}
#: The most hours a duration may say (a project's budget is at most 100 000 hours).
DURATION_HOURS_MAX = 100_000
_compiled: dict[str, re.Pattern[str]] = {}

#: The years relay takes. Dates near the ends of Python's calendar (years 1 and 9999)
#: cannot be shifted by a margin, converted between time zones or written as four-digit
#: years without breaking later commands; a freelancer's dates are nowhere near them.
FIRST_YEAR = 1900
LAST_YEAR = 2999


def _match(name: str, text: str) -> re.Match[str] | None:
    """Regexes are compiled on first use: `re` costs milliseconds the fast path avoids."""
    pattern = _compiled.get(name)
    if pattern is None:
        import re

        pattern = _compiled[name] = re.compile(_PATTERNS[name])
    return pattern.match(text)


class ParseError(ValueError):
    """Raised with a message a person understands; callers add the field name."""


def parse_date(text: str, today: date) -> date:
    """A calendar date from what a person typed, relative to `today`."""
    value = text.strip().lower()
    if not value:
        raise ParseError("a date is required (e.g. 2026-12-01, today, +3d)")
    return check_year(_parse_date(text, value, today), text)


def _parse_date(text: str, value: str, today: date) -> date:
    if value in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[value])
    match = _match("relative", value)
    if match:
        sign, amount, unit = match.groups()
        days = int(amount) * (7 if unit == "w" else 1)
        try:
            return today + timedelta(days=days if sign == "+" else -days)
        except OverflowError as exc:
            raise ParseError(f"{quoted(text)!r} is too far away") from exc
    try:
        if "t" in value or " " in value:
            return datetime.fromisoformat(value.upper()).date()
        return date.fromisoformat(value)
    except ValueError:
        raise ParseError(
            f"{quoted(text)!r} is not a date (use 2026-12-01, today, tomorrow, +3d or +2w)"
        ) from None


def check_year(day: date, text: object = None) -> date:
    """`day` (a date or datetime) if its year is one relay takes, else a ParseError.

    The one range check of dates: `parse_date`, `parse_due` and `parse_when` apply it to
    what is typed, the input models to dates given as objects.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        shown = quoted(str(text)) if text is not None else day.isoformat()
        raise ParseError(
            f"{shown!r} is too far away: relay takes dates from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return day


def parse_due(text: str, today: date) -> tuple[date, time | None]:
    """A due date with an optional time of day (`2026-12-01T14:30` keeps 14:30)."""
    value = text.strip()
    day = parse_date(value, today)
    clock: time | None = None
    if _has_clock(value):
        with _as_parse_error(text):
            parsed = datetime.fromisoformat(value.upper())
            clock = parsed.time().replace(second=0, microsecond=0, tzinfo=None)
    return day, clock


def parse_when(text: str, now: datetime) -> datetime:
    """An instant, returned as an aware UTC datetime.

    `now` must be aware. Date-only forms keep the local time of day of `now`; a naive
    ISO date-time is read in local time; a time of day alone (`14:30`, `10h`) means today
    at that time, and after or before a date (`yesterday 10:00`, `hier 10h`, `10:00 -1d`)
    that day at that time.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    value = text.strip()
    if not value or value.lower() == "now":
        return now.astimezone(UTC)
    # Naive local wall-clock times, made aware by `astimezone()` so that the offset is
    # the one in force on that day (daylight saving time), not the one of `now`.
    wall = now.astimezone().replace(tzinfo=None)
    day_text, clock = _split_clock(value)
    if clock is not None:
        day = parse_date(day_text, wall.date()) if day_text else wall.date()
        hours, minutes = clock
        with _as_parse_error(text):
            moment = datetime.combine(day, time(hours, minutes))
            return check_year(moment.astimezone(UTC), text)
    if _has_clock(value):
        with _as_parse_error(text):
            parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
            check_year(parsed, text)
            if parsed.tzinfo is None:
                parsed = parsed.astimezone()  # naive: local wall-clock time
            return check_year(parsed.astimezone(UTC), text)
    day = parse_date(value, wall.date())
    try:
        return wall.replace(year=day.year, month=day.month, day=day.day).astimezone(UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise ParseError(f"{quoted(text)!r} is out of range") from exc


def _clock(word: str) -> tuple[int, int] | None:
    """(hours, minutes) of a time of day (`14:30`, `9:05`, `10h`, `10h30`), else None."""
    match = _match("clock", word.lower())
    if not match:
        return None
    hours, colon_minutes, h_minutes = match.groups()
    return int(hours), int(colon_minutes or h_minutes or 0)


def _split_clock(value: str) -> tuple[str, tuple[int, int] | None]:
    """A time of day alone, or one word of two (`yesterday 10:00`, `10h hier`): the day
    part ("" when alone) and the time; else (`value`, None)."""
    words = value.split()
    if len(words) == 1:
        clock = _clock(words[0])
        return ("", clock) if clock is not None else (value, None)
    if len(words) == 2:
        first, second = words
        if (clock := _clock(second)) is not None:
            return first, clock
        if (clock := _clock(first)) is not None:
            return second, clock
    return value, None


def parse_duration(text: str) -> int:
    """Minutes from `90`, `1h30`, `45m`, `2h`, `1h30m` or `1:30`.

    One grammar for every duration (a time entry, a budget): hours up to
    `DURATION_HOURS_MAX`, and after hours the minutes go from 0 to 59 whichever way they
    are written (`1h60` is refused as `1:60` is; `120m` or `2h` say it). How long a
    duration may be is the field's rule (24 h for a time entry), not the grammar's.
    """
    value = text.strip().lower().replace(" ", "")
    if not value:
        raise ParseError("a duration is required (e.g. 90, 1h30, 45m)")
    match = _match("duration_colon", value) or _match("duration_hm", value)
    if not match or not any(match.groups()):
        raise ParseError(f"{quoted(text)!r} is not a duration (use 90, 1h30, 45m or 2h)")
    hours, mins = match.groups()
    if ":" not in value and hours is not None and mins is None and value.endswith("m"):
        raise ParseError(f"{quoted(text)!r} is not a duration (use 90, 1h30, 45m or 2h)")
    if hours is not None and int(hours) > DURATION_HOURS_MAX:
        raise ParseError(
            f"{quoted(text)!r} is too long: a duration is at most {DURATION_HOURS_MAX} hours"
        )
    if hours is not None and mins is not None and int(mins) > 59:
        raise ParseError(
            f"{quoted(text)!r} is not a duration: the minutes after the hours go from "
            "0 to 59 (write 2h or 120m)"
        )
    minutes = int(hours or 0) * 60 + int(mins or 0)
    if minutes <= 0:
        raise ParseError("a duration must be more than zero minutes")
    return minutes


def format_duration(minutes: int) -> str:
    """`90` → `1h30`, `45` → `45m`, `120` → `2h`."""
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{sign}{hours}h{rest:02d}"
    if hours:
        return f"{sign}{hours}h"
    return f"{sign}{rest}m"


def utc_now() -> datetime:
    return datetime.now(UTC)


def db_timestamp(moment: datetime) -> str:
    """How an instant is written in a SQLite store: naive UTC, SQLAlchemy's format.

    The fast capture path writes this string directly; the ORM writes the same through
    `relay_tui.dbtypes.UTCDateTime`. A test proves both give identical rows.
    """
    if moment.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    utc = moment.astimezone(UTC)
    # Not strftime("%Y"): it does not pad years before 1000 to four digits on Linux.
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d} "
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}.{utc.microsecond:06d}"
    )


class _as_parse_error:
    """Context manager turning ValueError into ParseError with a readable message."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: object, tb: object) -> bool:
        if isinstance(exc, ValueError | OverflowError | OSError) and not isinstance(
            exc, ParseError
        ):
            raise ParseError(
                f"{quoted(self.text)!r} is not a date or time "
                "(use 2026-12-01, 2026-12-01T14:30, today, +3d)"
            ) from None
        return False


def _has_clock(value: str) -> bool:
    """An ISO date-time (`2026-12-01T14:30`, `2026-12-01 14:30`), not a word or offset."""
    return value[:1].isascii() and value[:1].isdigit() and ("T" in value.upper() or " " in value)
