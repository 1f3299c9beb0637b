"""Parsing of the dates, instants and durations people type.

Pure and light: the fast capture path imports it, so it uses the standard library only
(its refusals import `relay_tui.i18n` when one is made, not before).

English and French are both read whatever the app's language, in any case, with or
without accents (`après-demain`, `apres-demain`).

Dates, in the years `FIRST_YEAR` to `LAST_YEAR`:
- ISO: `2026-12-01`, `2026-12-01T14:30`;
- day first, with slashes (read in `domain.day_first`): `15/12`, `5/1`, `15/12/2026`,
  `15/12/26` (a two-digit year is 20yy). Without a year, the occurrence of that day
  nearest to today, the coming one on a tie (`05/01` typed on 20 December is next
  January, `15/12` typed then is five days ago). A month over 12 or a day the month has
  not (`12/15`, `31/04`) is refused, never swapped;
- near today: `today`, `tomorrow`, `yesterday`, `aujourd'hui`, `demain`, `hier`,
  `après-demain`, `avant-hier`;
- a weekday: `monday`, `mon`, `lundi`, `lun` (`lun.`): the first such day strictly after
  today. Typed on that very weekday it is ambiguous (today, or in a week?) and refused;
  `next monday` or `lundi prochain` is the first such day strictly after today, always.
  Where only a past day makes sense (`past`: the day time was spent, when a contact
  happened) a bare weekday is the last such day strictly before today, and
  `last monday` or `lundi dernier` is that day always;
- relative: `+3d`, `+2w`, `-1d`, `+3j`, `+2sem`, `-2j`, `in 3 days`, `in 2 weeks`,
  `dans 3 jours`, `dans 2 semaines`.

Instants (`parse_when`) and due dates (`parse_due`): any date, then a time of day
(`14:30`, `9:05`, `10h`, `14h30`), optionally after `at` or `à` (`15/12 14h30`,
`vendredi 14h`, `demain à 9h`, `next monday 9:00`, `2026-12-01 09:15`). `parse_when`
also takes a time of day alone (today) or before the day (`10:00 yesterday`).

Durations: `90` (a whole number is minutes), `45m`, `45 min`, `90mn`, `2h`, `2 h`,
`1h30`, `1h30m`, `1h30min`, `1:30`, and decimal hours `1.5h`, `1,5h`, `1,5 h` when they
make whole minutes (`1,25h` is 75; `1,33h` is refused: write `1h20`). A decimal without
its unit (`1,5`) is refused as ambiguous. Up to `DURATION_HOURS_MAX` hours (a budget); the
minutes after hours go from 0 to 59 in both `1h30` and `1:30`.

Nothing is guessed: what could be read two ways is refused with a message saying how to
write it. Numbers are read in ASCII digits only, as everywhere in relay
(`rules.is_digits`): a Unicode digit class in a pattern would also take `３` or `٣`, which
no other field accepts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from relay_tui.errors import quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

_PATTERNS = {
    # +3d, -2j, +2sem, in 3 days, dans 2 semaines (the unit is looked up in _UNITS).
    "relative": r"^(?:([+-])|(?:in|dans) )\s*([0-9]{1,4})\s*([a-z]+)\.?$",
    # Day first: 15/12, 5/1, 15/12/26, 15/12/2026.
    "slash": r"^([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{2}|[1-9][0-9]{3}))?$",
    # Spaces are removed before a duration is matched.
    "duration_hm": r"^(?:([0-9]{1,6})h)?(?:([0-9]{1,7})(?:m|mn|min)?)?$",
    "duration_colon": r"^([0-9]{1,6}):([0-9]{2})$",
    "duration_decimal": r"^([0-9]{1,6})[.,]([0-9]{1,6})(h?)$",
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
    "apres-demain": 2,
    "apres demain": 2,
    "avant-hier": -2,
    "avant hier": -2,
}
#: The weekdays by name, English and French, in full and short (Monday is 0).
WEEKDAYS = {
    **dict.fromkeys(("monday", "mon", "lundi", "lun"), 0),
    **dict.fromkeys(("tuesday", "tue", "mardi", "mar"), 1),
    **dict.fromkeys(("wednesday", "wed", "mercredi", "mer"), 2),
    **dict.fromkeys(("thursday", "thu", "jeudi", "jeu"), 3),
    **dict.fromkeys(("friday", "fri", "vendredi", "ven"), 4),
    **dict.fromkeys(("saturday", "sat", "samedi", "sam"), 5),
    **dict.fromkeys(("sunday", "sun", "dimanche", "dim"), 6),
}
#: The units of a relative date, in days.
_UNITS = {
    **dict.fromkeys(("d", "day", "days", "j", "jour", "jours"), 1),
    **dict.fromkeys(("w", "week", "weeks", "sem", "semaine", "semaines"), 7),
}
#: Accents and typographic apostrophes are optional: `après-demain` is `apres-demain`.
_PLAIN = str.maketrans(
    "àâäéèêëîïôöùûüç\u2019\u2018", "aaaeeeeiioouuuc''", "\u0300\u0301\u0302\u0308\u0327"
)
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


def tr(msgid: str, /, **fields: object) -> str:
    """`relay_tui.i18n.tr`, imported when a message is made: what is typed right needs
    no catalogue, and the fast path spares the import (pathlib) until a refusal."""
    from relay_tui.i18n import tr as translate

    return translate(msgid, **fields)


def shown(text: object) -> str:
    """What someone typed, quoted as a refusal shows it: `'someday'`."""
    return repr(quoted(str(text)))


def _plain(text: str) -> str:
    """Lower case, without accents, the spaces between words single."""
    return " ".join(text.lower().translate(_PLAIN).split())


class ParseError(ValueError):
    """Raised with a message a person understands; callers add the field name."""


def parse_date(text: str, today: date, *, past: bool = False) -> date:
    """A calendar date from what a person typed, relative to `today` (the module's forms);
    `past`: the field takes days that have happened (a bare weekday is the last one)."""
    value = _plain(text)
    if not value:
        raise ParseError(tr("a date is required (e.g. 2026-12-01, today, +3d)"))
    return check_year(_parse_date(text, value, today, past), text)


def _parse_date(text: str, value: str, today: date, past: bool = False) -> date:
    if value in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[value])
    weekday = _weekday(value, today, past)
    if weekday is not None:
        return weekday
    match = _match("relative", value)
    if match and match.group(3) in _UNITS:
        sign, amount, unit = match.groups()
        days = int(amount) * _UNITS[unit]
        try:
            return today + timedelta(days=-days if sign == "-" else days)
        except OverflowError as exc:
            raise ParseError(tr("{text} is too far away", text=shown(text))) from exc
    match = _match("slash", value)
    if match:
        from relay_tui.domain import day_first  # loaded when a day-first date is typed

        return day_first.read(text, match.groups(), today)
    try:
        if "t" in value or " " in value:
            return datetime.fromisoformat(value.upper()).date()
        return date.fromisoformat(value)
    except ValueError:
        raise ParseError(
            tr(
                "{text} is not a date (use 2026-12-01, today, tomorrow, +3d or +2w)",
                text=shown(text),
            )
        ) from None


def _weekday(value: str, today: date, past: bool = False) -> date | None:
    """The day named `monday`, `lun.`, `next monday` or `lundi prochain`, strictly after
    today (`past`: a bare name, `last monday` or `lundi dernier`, strictly before); None
    when `value` names no weekday. A bare name typed on that very weekday is refused:
    today, or a week from it?"""
    words = value.split()
    direction = 1 if not past else -1
    said = False  # next/last said: no doubt even on that very weekday
    if len(words) == 2 and (words[0] in ("next", "last") or words[1] in _WEEKDAY_AFTER):
        said = True
        name = words[1] if words[0] in ("next", "last") else words[0]
        direction = -1 if "last" in words or "dernier" in words else 1
    elif len(words) == 1:
        name = words[0]
    else:
        return None
    number = WEEKDAYS.get(name.removesuffix("."))
    if number is None:
        return None
    if number == today.weekday() and not said:
        from relay_tui.display import weekday

        if past:
            raise ParseError(
                tr(
                    "today is a {weekday}: write today, or last {day} for the one 7 days ago",
                    weekday=weekday(today),
                    day=weekday(today).lower(),
                )
            )
        raise ParseError(
            tr(
                "today is a {weekday}: write today, or next {day} for the one in 7 days",
                weekday=weekday(today),
                day=weekday(today).lower(),
            )
        )
    if direction < 0:
        return today - timedelta(days=(today.weekday() - number - 1) % 7 + 1)
    return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)


#: The words after a French weekday that say which one (`lundi prochain`, `lundi dernier`).
_WEEKDAY_AFTER = ("prochain", "dernier")


def check_year(day: date, text: object = None) -> date:
    """`day` (a date or datetime) if its year is one relay takes, else a ParseError.

    The one range check of dates: `parse_date`, `parse_due` and `parse_when` apply it to
    what is typed, the input models to dates given as objects.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        typed = shown(text) if text is not None else repr(day.isoformat())
        raise ParseError(
            tr(
                "{text} is too far away: relay takes dates from {first} to {last}",
                text=typed,
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )
    return day


def parse_due(text: str, today: date) -> tuple[date, time | None]:
    """A due date with an optional time of day (`2026-12-01T14:30`, `vendredi 14h`,
    `15/12 14:30` keep the time)."""
    value = text.strip()
    day_text, clock = _split_clock(value, alone=False)
    if clock is not None:
        return parse_date(day_text, today), time(*clock)
    day = parse_date(value, today)
    at: time | None = None
    if _has_clock(value):
        with _as_parse_error(text):
            parsed = datetime.fromisoformat(value.upper())
            at = parsed.time().replace(second=0, microsecond=0, tzinfo=None)
    return day, at


def parse_when(text: str, now: datetime) -> datetime:
    """An instant, returned as an aware UTC datetime.

    `now` must be aware. Date-only forms keep the local time of day of `now`; a naive
    ISO date-time is read in local time; a time of day alone (`14:30`, `10h`) means today
    at that time, and after or before a date (`yesterday 10:00`, `vendredi 14h`,
    `10:00 -1d`) that day at that time. Something that happened: a bare weekday is the
    last one (`vendredi 14h` typed on a Monday is three days ago).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    value = text.strip()
    if not value or value.lower() in ("now", "maintenant"):
        return now.astimezone(UTC)
    # Naive local wall-clock times, made aware by `astimezone()` so that the offset is
    # the one in force on that day (daylight saving time), not the one of `now`.
    wall = now.astimezone().replace(tzinfo=None)
    day_text, clock = _split_clock(value)
    if clock is not None:
        day = parse_date(day_text, wall.date(), past=True) if day_text else wall.date()
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
    day = parse_date(value, wall.date(), past=True)
    try:
        return wall.replace(year=day.year, month=day.month, day=day.day).astimezone(UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise ParseError(tr("{text} is out of range", text=shown(text))) from exc


def _clock(word: str) -> tuple[int, int] | None:
    """(hours, minutes) of a time of day (`14:30`, `9:05`, `10h`, `10h30`), else None."""
    match = _match("clock", word.lower())
    if not match:
        return None
    hours, colon_minutes, h_minutes = match.groups()
    return int(hours), int(colon_minutes or h_minutes or 0)


#: The words that may come between a day and its time: `demain à 9h`, `friday at 14:00`.
_AT = ("at", "à", "a")


def _split_clock(value: str, alone: bool = True) -> tuple[str, tuple[int, int] | None]:
    """A time of day after the day (`vendredi 14h`, `next monday at 9:00`), before it
    (`10h hier`), or alone when `alone` (the day part is then ""); the day part and the
    time, else (`value`, None)."""
    words = value.split()
    if len(words) == 1:
        clock = _clock(words[0])
        return ("", clock) if alone and clock is not None else (value, None)
    if len(words) >= 2:
        if (clock := _clock(words[-1])) is not None:
            day = words[:-1]
            if len(day) > 1 and day[-1].lower() in _AT:
                day = day[:-1]
            return " ".join(day), clock
        if (clock := _clock(words[0])) is not None:
            return " ".join(words[1:]), clock
    return value, None


def parse_duration(text: str) -> int:
    """Minutes from `90`, `1h30`, `45m`, `45 min`, `2h`, `1h30m`, `1:30` or `1,5h`.

    One grammar for every duration (a time entry, a budget): hours up to
    `DURATION_HOURS_MAX`, and after hours the minutes go from 0 to 59 whichever way they
    are written (`1h60` is refused as `1:60` is; `120m` or `2h` say it). Decimal hours
    (`1.5h`, `1,5h`) must make whole minutes, and a decimal needs its unit (`1,5` could
    be hours or minutes). How long a duration may be is the field's rule (24 h for a time
    entry), not the grammar's.
    """
    value = text.strip().lower().replace(" ", "")
    if not value:
        raise ParseError(tr("a duration is required (e.g. 90, 1h30, 45m)"))
    decimal = _match("duration_decimal", value)
    if decimal:
        return _decimal_hours(text, *decimal.groups())
    match = _match("duration_colon", value) or _match("duration_hm", value)
    if not match or not any(match.groups()):
        raise ParseError(tr("{text} is not a duration (use 90, 1h30, 45m or 2h)", text=shown(text)))
    hours, mins = match.groups()
    _check_hours(text, hours)
    if hours is not None and mins is not None and int(mins) > 59:
        raise ParseError(
            tr(
                "{text} is not a duration: the minutes after the hours go from 0 to 59 "
                "(write 2h or 120m)",
                text=shown(text),
            )
        )
    return _positive(int(hours or 0) * 60 + int(mins or 0))


def _decimal_hours(text: str, whole: str, fraction: str, unit: str) -> int:
    """`1,5h` or `1.25h` in minutes; refused when they are not whole, or without `h`."""
    scale = 10 ** len(fraction)
    sixtieths = (int(whole) * scale + int(fraction)) * 60
    exact = sixtieths % scale == 0
    minutes = (sixtieths + scale // 2) // scale  # to the nearest minute
    if not unit:
        hours = text.strip().replace(" ", "") + "h" if exact else format_duration(minutes)
        raise ParseError(
            tr(
                "{text} is ambiguous: write {hours} for hours, or {minutes} for minutes",
                text=shown(text),
                hours=hours,
                minutes=minutes,
            )
        )
    _check_hours(text, whole)
    if not exact:
        raise ParseError(
            tr(
                "{text} is not a whole number of minutes: write {duration}",
                text=shown(text),
                duration=format_duration(minutes),
            )
        )
    return _positive(sixtieths // scale)


def _check_hours(text: str, hours: str | None) -> None:
    if hours is not None and int(hours) > DURATION_HOURS_MAX:
        raise ParseError(
            tr(
                "{text} is too long: a duration is at most {hours} hours",
                text=shown(text),
                hours=DURATION_HOURS_MAX,
            )
        )


def _positive(minutes: int) -> int:
    if minutes <= 0:
        raise ParseError(tr("a duration must be more than zero minutes"))
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
                tr(
                    "{text} is not a date or time (use 2026-12-01, 2026-12-01T14:30, today, +3d)",
                    text=shown(self.text),
                )
            ) from None
        return False


def _has_clock(value: str) -> bool:
    """An ISO date-time (`2026-12-01T14:30`, `2026-12-01 14:30`), not a word or offset."""
    return value[:1].isascii() and value[:1].isdigit() and ("T" in value.upper() or " " in value)
