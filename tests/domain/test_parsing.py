"""Parsing of the dates, instants and durations people type (domain.parsing)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from relay_tui.domain.parsing import (
    ParseError,
    db_timestamp,
    format_duration,
    parse_date,
    parse_due,
    parse_duration,
    parse_when,
)

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


# --- parse_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("  2026-12-01  ", date(2026, 12, 1)),
        ("2026-12-01T14:30", date(2026, 12, 1)),
        ("2026-12-01t14:30", date(2026, 12, 1)),
        ("2026-12-01 14:30", date(2026, 12, 1)),
        ("2026-12-01T14:30Z", date(2026, 12, 1)),
        ("today", TODAY),
        ("Today", TODAY),
        ("TOMORROW", date(2026, 11, 24)),
        (" yesterday ", date(2026, 11, 22)),
        ("+3d", date(2026, 11, 26)),
        ("+3D", date(2026, 11, 26)),
        ("+ 3 d", date(2026, 11, 26)),
        ("+2w", date(2026, 12, 7)),
        ("-1d", date(2026, 11, 22)),
        ("-2w", date(2026, 11, 9)),
        ("+0d", TODAY),
        ("+9999w", TODAY + timedelta(weeks=9999)),
    ],
)
def test_parse_date_accepts_every_documented_form(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 12, 31), "tomorrow", date(2027, 1, 1)),
        (date(2027, 1, 1), "yesterday", date(2026, 12, 31)),
        (date(2026, 1, 31), "+1d", date(2026, 2, 1)),
        (date(2026, 12, 28), "+1w", date(2027, 1, 4)),
        (date(2027, 2, 28), "+1d", date(2027, 3, 1)),  # not a leap year
        (date(2028, 2, 28), "tomorrow", date(2028, 2, 29)),  # leap year
        (date(2028, 3, 1), "-1d", date(2028, 2, 29)),
        (date(2026, 3, 1), "yesterday", date(2026, 2, 28)),
    ],
)
def test_parse_date_crosses_month_and_year_boundaries(
    today: date, text: str, expected: date
) -> None:
    assert parse_date(text, today) == expected


def test_leap_day_is_a_date_only_in_leap_years() -> None:
    assert parse_date("2028-02-29", TODAY) == date(2028, 2, 29)
    assert parse_date("2000-02-29", TODAY) == date(2000, 2, 29)
    for text in ("2027-02-29", "2100-02-29"):
        with pytest.raises(ParseError, match="is not a date"):
            parse_date(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "garbage",
        "3d",  # an offset needs its sign
        "+3",
        "+3m",
        "+10000d",  # at most four digits
        "2026-13-01",
        "2026-11-31",
        "2026-12-01T25:00",
        "todayy",
        "+-3d",
    ],
)
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ParseError, match="is not a date"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_parse_date_requires_something(text: str) -> None:
    with pytest.raises(ParseError, match="a date is required"):
        parse_date(text, TODAY)


def test_relative_dates_beyond_the_calendar_are_refused_not_crashing() -> None:
    with pytest.raises(ParseError, match="too far away"):
        parse_date("+9999w", date(9990, 1, 1))
    with pytest.raises(ParseError, match="too far away"):
        parse_date("-9999w", date(100, 1, 1))
    # Offsets are fine while they stay within the years relay takes.
    assert parse_date("+9999w", TODAY) == TODAY + timedelta(weeks=9999)
    assert parse_date("-5000w", TODAY) == TODAY - timedelta(weeks=5000)
    with pytest.raises(ParseError, match="too far away"):
        parse_date("-9999w", TODAY)  # 1835


@pytest.mark.parametrize(
    "text",
    ["0001-01-01", "0999-12-01", "1899-12-31", "3000-01-01", "9999-12-31", "9999-12-31T10:00"],
)
def test_dates_outside_the_years_relay_takes_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="relay takes dates from 1900 to 2999"):
        parse_date(text, TODAY)
    with pytest.raises(ParseError, match="relay takes dates from 1900 to 2999"):
        parse_when(text, NOW)
    with pytest.raises(ParseError, match="relay takes dates from 1900 to 2999"):
        parse_due(text, TODAY)


def test_the_first_and_last_days_relay_takes() -> None:
    assert parse_date("1900-01-01", TODAY) == date(1900, 1, 1)
    assert parse_date("2999-12-31", TODAY) == date(2999, 12, 31)
    assert parse_due("2999-12-31T23:59", TODAY) == (date(2999, 12, 31), time(23, 59))


def test_parse_error_is_a_value_error_with_a_short_readable_message() -> None:
    with pytest.raises(ValueError) as caught:
        parse_date("x" * 200 + "\x07", TODAY)
    message = str(caught.value)
    assert len(message) < 150
    assert "\x07" not in message


# --- parse_due --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", (date(2026, 12, 1), None)),
        ("2026-12-01T14:30", (date(2026, 12, 1), time(14, 30))),
        ("2026-12-01 09:05", (date(2026, 12, 1), time(9, 5))),
        ("2026-12-01T14:30:45", (date(2026, 12, 1), time(14, 30))),  # seconds dropped
        ("2026-12-01T14:30Z", (date(2026, 12, 1), time(14, 30))),
        ("today", (TODAY, None)),
        ("tomorrow", (date(2026, 11, 24), None)),
        ("yesterday", (date(2026, 11, 22), None)),
        ("+3d", (date(2026, 11, 26), None)),
        ("+2w", (date(2026, 12, 7), None)),
        ("-1d", (date(2026, 11, 22), None)),
    ],
)
def test_parse_due_keeps_the_time_of_day_only_when_given(
    text: str, expected: tuple[date, time | None]
) -> None:
    day, at = parse_due(text, TODAY)
    assert (day, at) == expected
    assert at is None or at.tzinfo is None


@pytest.mark.parametrize("text", ["", "garbage", "2026-12-01T14:61", "2027-02-29T10:00"])
def test_parse_due_refuses_bad_input(text: str) -> None:
    with pytest.raises(ParseError):
        parse_due(text, TODAY)


# --- parse_when -------------------------------------------------------------------------


def test_parse_when_refuses_a_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware") as caught:
        parse_when("today", datetime(2026, 11, 23, 10, 0))
    assert not isinstance(caught.value, ParseError)  # a programming error, not user input


@pytest.mark.parametrize("text", ["", "   ", "now", "NOW"])
def test_parse_when_empty_or_now_is_now(text: str) -> None:
    paris_now = NOW.astimezone(timezone(timedelta(hours=1)))
    result = parse_when(text, paris_now)
    assert result == NOW
    assert result.utcoffset() == timedelta(0)


def test_parse_when_in_utc(local_tz: Callable[[str], None]) -> None:
    local_tz("UTC")
    assert parse_when("14:30", NOW) == utc(2026, 11, 23, 14, 30)
    assert parse_when("today", NOW) == NOW
    assert parse_when("yesterday", NOW) == utc(2026, 11, 22, 10, 0)
    assert parse_when("tomorrow", NOW) == utc(2026, 11, 24, 10, 0)
    assert parse_when("-1d", NOW) == utc(2026, 11, 22, 10, 0)
    assert parse_when("+2w", NOW) == utc(2026, 12, 7, 10, 0)
    assert parse_when("2026-11-20", NOW) == utc(2026, 11, 20, 10, 0)
    assert parse_when("2026-11-20T09:15", NOW) == utc(2026, 11, 20, 9, 15)
    assert parse_when("2026-11-20 09:15", NOW) == utc(2026, 11, 20, 9, 15)
    assert parse_when("00:00", NOW) == utc(2026, 11, 23, 0, 0)
    assert parse_when("23:59", NOW) == utc(2026, 11, 23, 23, 59)


def test_parse_when_reads_naive_times_in_local_time(local_tz: Callable[[str], None]) -> None:
    local_tz("Europe/Paris")  # UTC+1 in November
    assert parse_when("14:30", NOW) == utc(2026, 11, 23, 13, 30)
    assert parse_when("2026-12-01T14:30", NOW) == utc(2026, 12, 1, 13, 30)
    assert parse_when("9:05", NOW) == utc(2026, 11, 23, 8, 5)
    local_tz("America/New_York")  # UTC-5 in November
    assert parse_when("14:30", NOW) == utc(2026, 11, 23, 19, 30)
    assert parse_when("2026-12-01T14:30", NOW) == utc(2026, 12, 1, 19, 30)


def test_parse_when_z_suffix_and_offsets_are_not_local(local_tz: Callable[[str], None]) -> None:
    local_tz("Asia/Tokyo")
    assert parse_when("2026-12-01T14:30Z", NOW) == utc(2026, 12, 1, 14, 30)
    assert parse_when("2026-12-01t14:30z", NOW) == utc(2026, 12, 1, 14, 30)
    assert parse_when("2026-12-01T14:30+02:00", NOW) == utc(2026, 12, 1, 12, 30)
    assert parse_when("2026-12-01T14:30-05:00", NOW) == utc(2026, 12, 1, 19, 30)


def test_parse_when_always_returns_aware_utc(local_tz: Callable[[str], None]) -> None:
    local_tz("Asia/Tokyo")
    for text in ("", "14:30", "yesterday", "+3d", "2026-12-01", "2026-12-01T14:30"):
        result = parse_when(text, NOW)
        assert result.tzinfo is not None
        assert result.utcoffset() == timedelta(0), text


def test_parse_when_words_use_the_local_date_not_the_utc_date(
    local_tz: Callable[[str], None],
) -> None:
    local_tz("Asia/Tokyo")  # UTC+9: 20:00 UTC on the 23rd is 05:00 on the 24th
    late = utc(2026, 11, 23, 20, 0)
    assert parse_when("today", late) == late
    assert parse_when("yesterday", late) == utc(2026, 11, 22, 20, 0)
    assert parse_when("08:00", late) == utc(2026, 11, 23, 23, 0)  # 08:00 on the 24th local


def test_date_only_forms_keep_the_local_wall_clock_across_daylight_saving(
    local_tz: Callable[[str], None],
) -> None:
    local_tz("Europe/Paris")
    # 10:00 UTC on 23 November is 11:00 in Paris (UTC+1); in July Paris is UTC+2.
    summer = parse_when("2026-07-01", NOW)
    assert summer.astimezone().hour == 11
    assert summer == utc(2026, 7, 1, 9, 0)
    winter = parse_when("-1d", NOW)
    assert winter.astimezone().hour == 11


@pytest.mark.parametrize(
    "text", ["garbage", "24:00", "14:60", "2026-12-01T25:00", "2026-02-29", "+10000d", "24h"]
)
def test_parse_when_refuses_garbage(text: str) -> None:
    with pytest.raises(ParseError):
        parse_when(text, NOW)


def test_parse_when_out_of_range_instants_are_parse_errors(
    local_tz: Callable[[str], None],
) -> None:
    local_tz("America/New_York")
    # Local 23:30 on the last day of year 9999 is past the end of the calendar in UTC.
    with pytest.raises(ParseError):
        parse_when("9999-12-31T23:30", NOW)
    local_tz("Asia/Tokyo")
    with pytest.raises(ParseError):
        parse_when("0001-01-01T00:10", NOW)
    with pytest.raises(ParseError):
        parse_when("+9999w", utc(9990, 1, 1, 10, 0))


# --- durations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90", 90),
        ("1", 1),
        ("1h30", 90),
        ("45m", 45),
        ("2h", 120),
        ("1h30m", 90),
        ("1:30", 90),
        ("0:45", 45),
        ("1:05", 65),
        ("24:00", 1440),
        ("2H", 120),
        ("30M", 30),
        (" 1h 30 ", 90),
        ("1 h 30 m", 90),
        ("0h30", 30),
        ("999h", 999 * 60),
        ("9999", 9999),
        ("1000h", 1000 * 60),
        ("100000h", 100_000 * 60),
        ("100:00", 6000),
        ("99999", 99999),
        ("1h59", 119),
        ("1:59", 119),
    ],
)
def test_parse_duration_accepts_every_documented_form(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["0", "0m", "0h", "0:00", "00", "0h0m"])
def test_zero_durations_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="more than zero"):
        parse_duration(text)


@pytest.mark.parametrize(
    "text",
    [
        "-5",
        "-1h",
        "abc",
        "h",
        "m",
        "1,5m",
        "1h30x",
        "2hm",
        "1d",
    ],
)
def test_malformed_or_negative_durations_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="is not a duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("written", "as_colon"), [("1h60", "1:60"), ("2h75", "2:75"), ("0h60", "0:60")]
)
def test_minutes_after_hours_stop_at_59_whichever_way_they_are_written(
    written: str, as_colon: str
) -> None:
    for text in (written, as_colon):
        with pytest.raises(ParseError, match="minutes after the hours go from 0 to 59"):
            parse_duration(text)


def test_a_duration_stops_at_the_largest_budget() -> None:
    assert parse_duration("100000h") == 100_000 * 60
    with pytest.raises(ParseError, match="at most 100000 hours"):
        parse_duration("100001h")
    with pytest.raises(ParseError, match="at most 100000 hours"):
        parse_duration("100001:00")


@pytest.mark.parametrize(
    ("parse", "text"),
    [
        (parse_duration, "１h"),
        (parse_duration, "1h３0"),
        (parse_duration, "٣٠"),
        (parse_duration, "1:３0"),
        (lambda text: parse_date(text, date(2026, 11, 23)), "+３d"),
        (lambda text: parse_date(text, date(2026, 11, 23)), "２０２６-12-01"),
        (lambda text: parse_when(text, utc(2026, 11, 23, 10, 0)), "１4:30"),
    ],
)
def test_digits_other_than_ascii_are_refused_everywhere(parse, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError):
        parse(text)


@pytest.mark.parametrize("text", ["", "   "])
def test_a_duration_is_required(text: str) -> None:
    with pytest.raises(ParseError, match="a duration is required"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0m"),
        (1, "1m"),
        (45, "45m"),
        (59, "59m"),
        (60, "1h"),
        (61, "1h01"),
        (90, "1h30"),
        (120, "2h"),
        (125, "2h05"),
        (1440, "24h"),
        (-45, "-45m"),
        (-90, "-1h30"),
        (-120, "-2h"),
    ],
)
def test_format_duration(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text


def test_format_then_parse_gives_back_the_minutes() -> None:
    for minutes in range(1, 24 * 60 + 1):
        assert parse_duration(format_duration(minutes)) == minutes


# --- db_timestamp -----------------------------------------------------------------------


def test_db_timestamp_is_naive_utc_text_with_microseconds() -> None:
    assert db_timestamp(utc(2026, 11, 23, 10, 0)) == "2026-11-23 10:00:00.000000"
    moment = datetime(2026, 11, 23, 10, 0, 5, 123, tzinfo=timezone(timedelta(hours=-5)))
    assert db_timestamp(moment) == "2026-11-23 15:00:05.000123"
    new_year = datetime(2027, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    assert db_timestamp(new_year) == "2026-12-31 23:30:00.000000"


def test_db_timestamp_round_trips_through_fromisoformat() -> None:
    moment = utc(2028, 2, 29, 23, 59, 59, 999999)
    assert datetime.fromisoformat(db_timestamp(moment)).replace(tzinfo=UTC) == moment


def test_db_timestamp_pads_years_to_four_digits_as_sqlalchemy_does() -> None:
    assert db_timestamp(utc(999, 12, 1, 8, 5)) == "0999-12-01 08:05:00.000000"


def test_db_timestamp_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        db_timestamp(datetime(2026, 11, 23, 10, 0))
