"""A day and a time of day together, the way people say when something happened
(`yesterday 10:00`, `hier 10h`): what the capture form's When field suggests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from relay_tui.domain.parsing import ParseError, parse_date, parse_when

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday, 10:00 UTC


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday 10:00", utc(2026, 11, 22, 10, 0)),
        ("Yesterday 9:05", utc(2026, 11, 22, 9, 5)),
        ("10:00 yesterday", utc(2026, 11, 22, 10, 0)),
        ("today 08:15", utc(2026, 11, 23, 8, 15)),
        ("tomorrow 00:00", utc(2026, 11, 24, 0, 0)),
        ("-2d 17:45", utc(2026, 11, 21, 17, 45)),
        ("2026-11-20 16:05", utc(2026, 11, 20, 16, 5)),
        ("2026-11-20  16h05", utc(2026, 11, 20, 16, 5)),
        ("14:30", utc(2026, 11, 23, 14, 30)),
        ("  14:30  ", utc(2026, 11, 23, 14, 30)),
        ("10h", utc(2026, 11, 23, 10, 0)),
        ("10H30", utc(2026, 11, 23, 10, 30)),
        ("hier 10h", utc(2026, 11, 22, 10, 0)),
        ("HIER 9h05", utc(2026, 11, 22, 9, 5)),
        ("demain 8h", utc(2026, 11, 24, 8, 0)),
        ("aujourd'hui 7h", utc(2026, 11, 23, 7, 0)),
        ("aujourd\u2019hui 7h", utc(2026, 11, 23, 7, 0)),
        ("hier", utc(2026, 11, 22, 10, 0)),
    ],
)
def test_a_day_and_a_time_of_day(
    text: str, expected: datetime, local_tz: Callable[[str], None]
) -> None:
    local_tz("UTC")
    assert parse_when(text, NOW) == expected


def test_the_time_of_day_is_local_on_that_day(local_tz: Callable[[str], None]) -> None:
    local_tz("Europe/Paris")  # UTC+1 in November, UTC+2 in July
    assert parse_when("yesterday 10:00", NOW) == utc(2026, 11, 22, 9, 0)
    assert parse_when("hier 10h", NOW) == utc(2026, 11, 22, 9, 0)
    assert parse_when("2026-07-01 10h", NOW) == utc(2026, 7, 1, 8, 0)
    # The same instant as the ISO form the field also takes.
    assert parse_when("2026-12-01 14:30", NOW) == parse_when("2026-12-01T14:30", NOW)


def test_the_day_is_the_local_day(local_tz: Callable[[str], None]) -> None:
    local_tz("Asia/Tokyo")  # UTC+9: 20:00 UTC on the 23rd is 05:00 on the 24th
    late = utc(2026, 11, 23, 20, 0)
    assert parse_when("yesterday 08:00", late) == utc(2026, 11, 22, 23, 0)  # the 23rd local


@pytest.mark.parametrize(
    "text",
    [
        "yesterday 25:00",
        "yesterday 10:60",
        "yesterday 10h60",
        "hier 24h",
        "someday 10:00",
        "yesterday 10:00 sharp",
        "10:00 14:30",
        "10h 10h",
        "yesterday10:00",
        "１0h",
        "2026-02-30 10:00",
    ],
)
def test_what_is_not_a_day_and_a_time_is_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_when(text, NOW)


def test_the_french_words_are_dates_everywhere() -> None:
    """One grammar: a field that takes a date takes `hier` as it takes `yesterday`."""
    today = date(2026, 11, 23)
    assert parse_date("hier", today) == date(2026, 11, 22)
    assert parse_date("Demain", today) == date(2026, 11, 24)
    assert parse_date("aujourd'hui", today) == today
