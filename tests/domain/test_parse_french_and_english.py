"""Dates and durations typed the French way, the English ways still working (issue 15).

Both languages are read whatever the app's language, in any case, accents optional; what
could be read two ways is refused with a message saying how to write it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

import pytest

from relay_tui.domain.parsing import ParseError, parse_date, parse_due, parse_duration, parse_when
from relay_tui.i18n import speaking

FRIDAY = date(2026, 12, 4)
DECEMBER_20 = date(2026, 12, 20)  # a Sunday
MONDAY = date(2026, 11, 23)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def refusal(text: str, today: date = FRIDAY, language: str = "en") -> str:
    with speaking(language), pytest.raises(ParseError) as caught:
        parse_date(text, today)
    return str(caught.value)


# --- days near today ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("après-demain", 2),
        ("apres-demain", 2),
        ("APRÈS-DEMAIN", 2),
        ("Après demain", 2),
        ("avant-hier", -2),
        ("aujourd'hui", 0),
        ("aujourd’hui", 0),
        ("demain", 1),
        ("hier", -1),
        ("today", 0),
        ("tomorrow", 1),
        ("yesterday", -1),
    ],
)
def test_days_near_today_in_both_languages(text: str, days: int) -> None:
    assert (parse_date(text, FRIDAY) - FRIDAY).days == days


# --- weekdays -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # From a Friday: the next such day, strictly after today.
        ("saturday", date(2026, 12, 5)),
        ("Monday", date(2026, 12, 7)),
        ("mon", date(2026, 12, 7)),
        ("tue", date(2026, 12, 8)),
        ("wednesday", date(2026, 12, 9)),
        ("wed", date(2026, 12, 9)),
        ("thu", date(2026, 12, 10)),
        ("sun", date(2026, 12, 6)),
        ("lundi", date(2026, 12, 7)),
        ("LUNDI", date(2026, 12, 7)),
        ("lun", date(2026, 12, 7)),
        ("lun.", date(2026, 12, 7)),
        ("mardi", date(2026, 12, 8)),
        ("mar", date(2026, 12, 8)),
        ("mercredi", date(2026, 12, 9)),
        ("mer.", date(2026, 12, 9)),
        ("jeudi", date(2026, 12, 10)),
        ("jeu", date(2026, 12, 10)),
        ("samedi", date(2026, 12, 5)),
        ("sam.", date(2026, 12, 5)),
        ("dimanche", date(2026, 12, 6)),
        ("dim", date(2026, 12, 6)),
        # `next` and `prochain`: the first such day strictly after today, always.
        ("next monday", date(2026, 12, 7)),
        ("Next  Saturday", date(2026, 12, 5)),
        ("lundi prochain", date(2026, 12, 7)),
        ("next friday", date(2026, 12, 11)),
        ("next fri", date(2026, 12, 11)),
        ("vendredi prochain", date(2026, 12, 11)),
        ("ven. prochain", date(2026, 12, 11)),
    ],
)
def test_weekdays_from_a_friday(text: str, expected: date) -> None:
    assert parse_date(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", date(2026, 12, 21)),
        ("vendredi", date(2026, 12, 25)),
        ("sat", date(2026, 12, 26)),
        ("next sunday", date(2026, 12, 27)),
        ("dimanche prochain", date(2026, 12, 27)),
    ],
)
def test_weekdays_from_a_sunday(text: str, expected: date) -> None:
    assert parse_date(text, DECEMBER_20) == expected


@pytest.mark.parametrize("text", ["friday", "Fri", "vendredi", "ven", "ven.", "Vendredi"])
def test_todays_weekday_alone_is_ambiguous_and_says_how_to_write_it(text: str) -> None:
    assert refusal(text) == "today is a Friday: write today, or next friday for the one in 7 days"


@pytest.mark.parametrize("text", ["dimanche", "sunday"])
def test_todays_weekday_is_refused_in_french_with_the_french_words(text: str) -> None:
    message = refusal(text, DECEMBER_20, "fr")
    assert "nous sommes dimanche" in message
    assert "aujourd'hui" in message and "dimanche prochain" in message


@pytest.mark.parametrize("text", ["next", "prochain", "next next", "prochain lundi", "mondays"])
def test_what_only_looks_like_a_weekday_is_not_a_date(text: str) -> None:
    assert "is not a date" in refusal(text)


# --- relative dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("+3j", 3),
        ("+3J", 3),
        ("-2j", -2),
        ("+2sem", 14),
        ("-1sem", -7),
        ("dans 3 jours", 3),
        ("dans 1 jour", 1),
        ("Dans 2 semaines", 14),
        ("dans 1 semaine", 7),
        ("in 3 days", 3),
        ("in 1 day", 1),
        ("in 2 weeks", 14),
        ("in 1 week", 7),
        ("+3d", 3),
        ("+2w", 14),
        ("-1d", -1),
    ],
)
def test_relative_dates_in_both_languages(text: str, days: int) -> None:
    assert (parse_date(text, DECEMBER_20) - DECEMBER_20).days == days


@pytest.mark.parametrize("text", ["dans jours", "in 3", "+3x", "dans -3 jours", "in 3 months"])
def test_relative_dates_need_a_number_and_a_unit(text: str) -> None:
    assert "is not a date" in refusal(text)


# --- day first, with slashes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (FRIDAY, "15/12", date(2026, 12, 15)),
        (FRIDAY, "15/12/2026", date(2026, 12, 15)),
        (FRIDAY, "15/12/26", date(2026, 12, 15)),
        (FRIDAY, "5/1", date(2027, 1, 5)),
        (FRIDAY, "1/2/2027", date(2027, 2, 1)),
        (FRIDAY, "29/02/2028", date(2028, 2, 29)),
        # Without a year, the occurrence nearest to today.
        (DECEMBER_20, "05/01", date(2027, 1, 5)),
        (DECEMBER_20, "15/12", date(2026, 12, 15)),
        (DECEMBER_20, "20/6", date(2027, 6, 20)),  # 183 days back, 182 ahead
        (DECEMBER_20, "21/6", date(2026, 6, 21)),  # 182 days back, 183 ahead
        (date(2027, 8, 31), "1/3", date(2028, 3, 1)),  # 183 days either way: the coming one
        (date(2027, 1, 3), "28/12", date(2026, 12, 28)),
        (date(2027, 3, 1), "29/02", date(2028, 2, 29)),
    ],
)
def test_slash_dates_are_day_first(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today) == expected


def test_nearest_to_today_on_20_december() -> None:
    assert parse_date("05/01", DECEMBER_20) == date(2027, 1, 5)  # next January
    assert parse_date("15/12", DECEMBER_20) == date(2026, 12, 15)  # five days ago
    assert parse_date("22/6", DECEMBER_20) == date(2026, 6, 22)


def test_month_then_day_is_refused_with_the_day_first_spelling() -> None:
    message = refusal("12/15")
    assert message == (
        "'12/15' is not a date: relay reads dates day first; write 15/12 or 2026-12-15"
    )
    assert "write 15/12/2026 or 2026-12-15" in refusal("12/15/2026")
    french = refusal("12/15", language="fr")
    assert "jour en premier" in french and "15/12 ou 2026-12-15" in french


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("13/13", "the months go from 1 to 12"),
        ("31/04", "there is no 31 April"),
        ("32/1", "there is no 32 January"),
        ("0/5", "there is no 0 May"),
        ("29/02/2027", "there is no 29 February in 2027"),
        ("29/02", "there is no 29 February in 2026; write the year, e.g. 29/02/2028"),
    ],
)
def test_impossible_slash_dates_are_refused_saying_why(text: str, hint: str) -> None:
    message = refusal(text)
    assert message.startswith(f"'{text}' is not a date: ")
    assert hint in message


def test_impossible_slash_dates_are_refused_in_french() -> None:
    assert "il n'y a pas de 31 avril" in refusal("31/04", language="fr")
    assert "les mois vont de 1 à 12" in refusal("13/13", language="fr")


@pytest.mark.parametrize("text", ["15/12/0", "15/12/123", "15/12/", "/12", "15-12", "1/1/1/1"])
def test_other_slash_forms_are_not_dates(text: str) -> None:
    assert "is not a date" in refusal(text)


def test_slash_dates_keep_to_the_years_relay_takes() -> None:
    assert "relay takes dates from 1900 to 2999" in refusal("15/12/1850")
    assert "is not a date" in refusal("15/12/0000")


# --- instants and due dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/12 14h30", utc(2026, 12, 15, 14, 30)),
        ("15/12 14:30", utc(2026, 12, 15, 14, 30)),
        ("15/12/2026 9h", utc(2026, 12, 15, 9, 0)),
        # Something that happened: a bare weekday is the last one.
        ("lundi 14h", utc(2026, 11, 30, 14, 0)),
        ("last monday 14:00", utc(2026, 11, 30, 14, 0)),
        ("vendredi dernier 9h", utc(2026, 11, 27, 9, 0)),
        ("demain 9h", utc(2026, 12, 5, 9, 0)),
        ("demain à 9h", utc(2026, 12, 5, 9, 0)),
        ("après-demain 8h15", utc(2026, 12, 6, 8, 15)),
        ("next monday 9:00", utc(2026, 12, 7, 9, 0)),
        ("next monday at 9:00", utc(2026, 12, 7, 9, 0)),
        ("lundi prochain 9h", utc(2026, 12, 7, 9, 0)),
        ("vendredi prochain à 10h", utc(2026, 12, 11, 10, 0)),
        ("dans 3 jours 14h", utc(2026, 12, 7, 14, 0)),
        ("in 2 weeks 10:00", utc(2026, 12, 18, 10, 0)),
        ("hier 18h", utc(2026, 12, 3, 18, 0)),
        ("10h avant-hier", utc(2026, 12, 2, 10, 0)),
        ("lundi", utc(2026, 11, 30, 10, 0)),  # a date alone keeps the time of now
    ],
)
def test_instants_in_both_languages(
    text: str, expected: datetime, local_tz: Callable[[str], None]
) -> None:
    local_tz("UTC")
    assert parse_when(text, utc(2026, 12, 4, 10, 0)) == expected


def test_an_instant_on_todays_weekday_is_refused(local_tz: Callable[[str], None]) -> None:
    local_tz("UTC")
    with pytest.raises(ParseError, match="last friday for the one 7 days ago"):
        parse_when("vendredi 14h", utc(2026, 12, 4, 10, 0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lundi", date(2026, 11, 30)),
        ("mon", date(2026, 11, 30)),
        ("jeudi", date(2026, 12, 3)),
        ("last friday", date(2026, 11, 27)),
        ("vendredi dernier", date(2026, 11, 27)),
        ("next monday", date(2026, 12, 7)),  # said: the caller refuses it if it must be past
    ],
)
def test_a_day_that_happened_reads_a_weekday_as_the_last_one(text: str, expected: date) -> None:
    assert parse_date(text, date(2026, 12, 4), past=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendredi 14h", (date(2026, 12, 25), time(14, 0))),
        ("15/12 14h30", (date(2026, 12, 15), time(14, 30))),
        ("05/01 9:00", (date(2027, 1, 5), time(9, 0))),
        ("demain 9h", (date(2026, 12, 21), time(9, 0))),
        ("next monday 9:00", (date(2026, 12, 21), time(9, 0))),
        ("lundi prochain à 9h", (date(2026, 12, 21), time(9, 0))),
        ("dans 2 semaines", (date(2027, 1, 3), None)),
        ("15/12", (date(2026, 12, 15), None)),
        ("vendredi", (date(2026, 12, 25), None)),
        ("2026-12-01 14:30", (date(2026, 12, 1), time(14, 30))),
    ],
)
def test_due_dates_in_both_languages(text: str, expected: tuple[date, time | None]) -> None:
    assert parse_due(text, DECEMBER_20) == expected


@pytest.mark.parametrize("text", ["14h", "12/15 9h", "vendredi 25h", "demain à"])
def test_due_dates_refused(text: str) -> None:
    with pytest.raises(ParseError):
        parse_due(text, DECEMBER_20)


# --- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1,5h", 90),
        ("1.5h", 90),
        ("1,5 h", 90),
        ("1.5 H", 90),
        ("0,5h", 30),
        ("1,25h", 75),
        ("0,75h", 45),
        ("2,0h", 120),
        ("2 h", 120),
        ("1h30", 90),
        ("1h30min", 90),
        ("1h30mn", 90),
        ("1 h 30 min", 90),
        ("90 min", 90),
        ("45 min", 45),
        ("45min", 45),
        ("90mn", 90),
        ("90", 90),
        ("45m", 45),
    ],
)
def test_durations_in_both_languages(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


def test_decimal_hours_must_make_whole_minutes() -> None:
    with pytest.raises(ParseError) as caught:
        parse_duration("1,33h")
    assert str(caught.value) == "'1,33h' is not a whole number of minutes: write 1h20"
    with pytest.raises(ParseError, match="write 1m"):
        parse_duration("0,01h")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1,5", "write 1,5h for hours, or 90 for minutes"),
        ("1.5", "write 1.5h for hours, or 90 for minutes"),
        ("2,25", "write 2,25h for hours, or 135 for minutes"),
        ("1,33", "write 1h20 for hours, or 80 for minutes"),
    ],
)
def test_a_decimal_without_its_unit_is_ambiguous(text: str, hint: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_duration(text)
    assert str(caught.value) == f"'{text}' is ambiguous: {hint}"


def test_duration_refusals_in_french() -> None:
    with speaking("fr"):
        with pytest.raises(ParseError) as caught:
            parse_duration("1,5")
        assert "ambigu" in str(caught.value) and "1,5h" in str(caught.value)
        with pytest.raises(ParseError) as caught:
            parse_duration("1,33h")
        assert "écrivez 1h20" in str(caught.value)


@pytest.mark.parametrize("text", ["1,5m", "1.5min", "1,h", ",5h", "1,5hh", "1h30 min 2", "90 mins"])
def test_other_decimal_or_unit_forms_are_not_durations(text: str) -> None:
    with pytest.raises(ParseError, match="is not a duration"):
        parse_duration(text)


def test_decimal_hours_keep_the_largest_budget_and_zero_rules() -> None:
    assert parse_duration("100000,5h") == 100_000 * 60 + 30
    with pytest.raises(ParseError, match="at most 100000 hours"):
        parse_duration("100001,5h")
    with pytest.raises(ParseError, match="more than zero"):
        parse_duration("0,0h")


@pytest.mark.parametrize("word", ["now", "maintenant", "Maintenant", ""])
def test_now_in_both_languages(word: str) -> None:
    moment = utc(2026, 12, 4, 10, 0)
    assert parse_when(word, moment) == moment
