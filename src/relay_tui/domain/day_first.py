"""Dates written day first with slashes, the French way: `15/12`, `5/1`, `15/12/26`,
`15/12/2026` (`domain.parsing` reads the other forms and hands these here).

A two-digit year is 20yy. Without a year, the date is the occurrence of that day nearest
to today, the coming one on a tie: `05/01` typed on 20 December is next January, `15/12`
typed then is five days ago. Nothing is swapped or guessed: a month over 12 (`12/15`) or a
day the month has not (`31/04`) is refused with a message saying how to write it.
Loaded only when such a date is typed; the standard library only, as `domain.parsing`.
"""

from __future__ import annotations

from datetime import date

from relay_tui.domain.parsing import ParseError, shown, tr


def read(text: str, parts: tuple[str | None, ...], today: date) -> date:
    """`15/12`, `15/12/26` or `15/12/2026`, the day first; without a year, the occurrence
    nearest to `today` (the coming one on a tie). Never swapped: `12/15` is refused."""
    day, month, year = int(parts[0] or 0), int(parts[1] or 0), parts[2]
    full = None if year is None else (2000 + int(year) if len(year) == 2 else int(year))
    if not 1 <= month <= 12:
        swapped = _occurrence(month, day, full, today) if _exists(month, day) else None
        if swapped is not None:
            raise ParseError(
                tr(
                    "{text} is not a date: relay reads dates day first; write {day_first} or {iso}",
                    text=shown(text),
                    day_first="/".join(filter(None, (parts[1], parts[0], year))),
                    iso=swapped.isoformat(),
                )
            )
        raise ParseError(
            tr(
                "{text} is not a date: the months go from 1 to 12, and relay reads dates "
                "day first (15/12, 15/12/2026)",
                text=shown(text),
            )
        )
    if not _exists(day, month):
        raise ParseError(
            tr(
                "{text} is not a date: there is no {day} {month}",
                text=shown(text),
                day=day,
                month=_month_name(month),
            )
        )
    found = _occurrence(day, month, full, today)
    if found is not None:
        return found
    if full is not None:
        raise ParseError(
            tr(
                "{text} is not a date: there is no {day} {month} in {year}",
                text=shown(text),
                day=day,
                month=_month_name(month),
                year=full,
            )
        )
    # 29/02 typed with no leap year next to today's: which one is meant?
    leap = next(y for y in range(today.year, today.year + 8) if _leap(y))
    example = f"{day:02d}/{month:02d}/{leap}"
    raise ParseError(
        tr(
            "{text} is not a date: there is no {day} {month} in {year}; write the year, "
            "e.g. {example}",
            text=shown(text),
            day=day,
            month=_month_name(month),
            year=today.year,
            example=example,
        )
    )


def _month_name(month: int) -> str:
    from relay_tui.display import month as name

    return name(date(2000, month, 1))


def _occurrence(day: int, month: int, year: int | None, today: date) -> date | None:
    """`day`/`month` in `year`, or without one the occurrence nearest to `today` (last
    year's, this year's or next year's, the coming one on a tie); None if it has none."""
    years = (year,) if year is not None else (today.year - 1, today.year, today.year + 1)
    found: list[date] = []
    for each in years:
        try:
            found.append(date(each, month, day))
        except ValueError:
            continue
    if not found:
        return None
    return min(found, key=lambda d: (abs((d - today).days), d < today))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _exists(day: int, month: int) -> bool:
    """Whether `day`/`month` is a day of some year (29/02 is, in leap years)."""
    return (
        1 <= month <= 12 and 1 <= day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    )
