"""Input rules shared by the pydantic models and the fast paths (domain.rules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from relay_tui.domain.rules import (
    FUTURE_TOLERANCE,
    MAX_ID,
    ProjectRef,
    check_awaiting,
    check_choice,
    check_not_future,
    check_range,
    clean_text,
    id_in_range,
    is_digits,
    parse_id,
    resolve_project,
    whole_number,
)
from relay_tui.errors import InvalidInput, NotFound

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


# --- clean_text ---------------------------------------------------------------------------


def test_clean_text_strips_surrounding_space_only() -> None:
    assert clean_text("  hello  world \n", "text", 50) == "hello  world"


def test_clean_text_refuses_nul() -> None:
    with pytest.raises(InvalidInput, match="NUL") as caught:
        clean_text("abc\x00def", "summary", 50)
    assert caught.value.field == "summary"


@pytest.mark.parametrize("value", ["", "   ", "\n\t", None])
def test_clean_text_refuses_empty_when_required(value: str | None) -> None:
    with pytest.raises(InvalidInput, match="must not be empty") as caught:
        clean_text(value, "name", 10)
    assert caught.value.field == "name"


@pytest.mark.parametrize("value", ["", "   ", None])
def test_clean_text_allows_empty_when_optional(value: str | None) -> None:
    assert clean_text(value, "org", 10, required=False) == ""


def test_clean_text_length_boundary() -> None:
    assert clean_text("x" * 10, "name", 10) == "x" * 10
    assert clean_text("  " + "x" * 10 + "  ", "name", 10) == "x" * 10  # spaces do not count
    with pytest.raises(InvalidInput, match=r"too long \(11 characters, at most 10\)") as caught:
        clean_text("x" * 11, "name", 10)
    assert caught.value.field == "name"


def test_clean_text_counts_characters_not_bytes() -> None:
    assert clean_text("é" * 10, "name", 10) == "é" * 10


@pytest.mark.parametrize("value", [12, 1.5, b"bytes", ["a"]])
def test_clean_text_refuses_non_text(value: object) -> None:
    with pytest.raises(InvalidInput, match="must be text") as caught:
        clean_text(value, "title", 10)
    assert caught.value.field == "title"


# --- check_choice -------------------------------------------------------------------------

CHANNELS = ("email", "phone", "meeting")


@pytest.mark.parametrize(("value", "expected"), [("email", "email"), (" Phone ", "phone")])
def test_check_choice_normalises(value: str, expected: str) -> None:
    assert check_choice(value, "channel", CHANNELS) == expected


@pytest.mark.parametrize("value", ["fax", "", None, "e-mail", "emai"])
def test_check_choice_refuses_unknown_values_listing_the_allowed_ones(value: object) -> None:
    with pytest.raises(InvalidInput, match="is not one of email, phone, meeting") as caught:
        check_choice(value, "channel", CHANNELS)
    assert caught.value.field == "channel"


def test_check_choice_message_shows_control_characters_safely() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_choice("fa\x1b[31mx", "channel", CHANNELS)
    assert "\x1b" not in str(caught.value)


# --- check_range --------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(1, 1), (5, 5), ("3", 3), (" 4 ", 4)])
def test_check_range_accepts_whole_numbers_within_bounds(value: object, expected: int) -> None:
    assert check_range(value, "probability", 1, 5) == expected


@pytest.mark.parametrize("value", [0, 6, -1, "0", "6", 100])
def test_check_range_refuses_out_of_bounds(value: object) -> None:
    with pytest.raises(InvalidInput, match="must be from 1 to 5") as caught:
        check_range(value, "impact", 1, 5)
    assert caught.value.field == "impact"


@pytest.mark.parametrize("value", [True, False, "abc", "", "2.5", 2.5, None, "1e1"])
def test_check_range_refuses_what_is_not_a_whole_number(value: object) -> None:
    with pytest.raises(InvalidInput, match="is not a whole number from 1 to 5") as caught:
        check_range(value, "probability", 1, 5)
    assert caught.value.field == "probability"


def test_check_range_zero_may_be_a_lower_bound() -> None:
    assert check_range("0", "margin", 0, 365) == 0
    assert check_range(365, "margin", 0, 365) == 365
    with pytest.raises(InvalidInput):
        check_range(366, "margin", 0, 365)


# --- check_not_future ---------------------------------------------------------------------


def test_check_not_future_allows_the_tolerance_exactly() -> None:
    assert timedelta(minutes=5) == FUTURE_TOLERANCE
    assert check_not_future(NOW, NOW, "at") == NOW
    assert check_not_future(NOW - timedelta(days=400), NOW, "at") == NOW - timedelta(days=400)
    edge = NOW + FUTURE_TOLERANCE
    assert check_not_future(edge, NOW, "at") == edge


def test_check_not_future_refuses_just_past_the_tolerance() -> None:
    with pytest.raises(InvalidInput, match="future") as caught:
        check_not_future(NOW + FUTURE_TOLERANCE + timedelta(microseconds=1), NOW, "at")
    assert caught.value.field == "at"


# --- check_awaiting -----------------------------------------------------------------------


def test_check_awaiting() -> None:
    check_awaiting("out", True)
    check_awaiting("out", False)
    check_awaiting("in", False)
    with pytest.raises(InvalidInput, match="outbound") as caught:
        check_awaiting("in", True)
    assert caught.value.field == "awaiting"


# --- resolve_project ----------------------------------------------------------------------

ACME = ProjectRef(1, "Acme", True)
ACME_SHOP = ProjectRef(2, "Acme shop", True)
ACME_SITE = ProjectRef(3, "Acme site", False)
BETA = ProjectRef(4, "Beta launch", True)
OLD = ProjectRef(5, "Old work", False)
ALL = [ACME, ACME_SHOP, ACME_SITE, BETA, OLD]


def test_resolve_by_id() -> None:
    assert resolve_project("4", ALL) is BETA
    assert resolve_project(" 5 ", ALL) is OLD  # closed projects are reachable by id


def test_resolve_unknown_id() -> None:
    with pytest.raises(NotFound, match="no project with id 99") as caught:
        resolve_project("99", ALL)
    assert caught.value.field == "project"


def test_exact_name_beats_longer_names_sharing_the_prefix() -> None:
    assert resolve_project("acme", ALL) is ACME
    assert resolve_project("  ACME ", ALL) is ACME


def test_case_insensitive_unique_prefix() -> None:
    assert resolve_project("be", ALL) is BETA
    assert resolve_project("BETA L", ALL) is BETA
    assert resolve_project("old", ALL) is OLD  # the only match, even closed


def test_ambiguous_prefix_lists_the_candidates() -> None:
    rows = [ProjectRef(2, "Acme shop", True), ProjectRef(3, "Acme site", True)]
    with pytest.raises(InvalidInput, match="matches several projects") as caught:
        resolve_project("acme s", rows)
    assert caught.value.field == "project"
    assert not isinstance(caught.value, NotFound)
    assert "Acme shop (#2)" in str(caught.value)
    assert "Acme site (#3)" in str(caught.value)


def test_ambiguous_prefix_prefers_the_single_active_project() -> None:
    assert resolve_project("acme s", ALL) is ACME_SHOP  # Acme site is closed


def test_ambiguity_among_closed_projects_only_is_still_ambiguous() -> None:
    rows = [ProjectRef(1, "Draft one", False), ProjectRef(2, "Draft two", False)]
    with pytest.raises(InvalidInput, match="several") as caught:
        resolve_project("draft", rows)
    assert "Draft one (#1)" in str(caught.value) and "Draft two (#2)" in str(caught.value)


def test_long_candidate_lists_are_shortened() -> None:
    rows = [ProjectRef(i, f"Proj {i}", True) for i in range(1, 11)]
    with pytest.raises(InvalidInput) as caught:
        resolve_project("proj", rows)
    assert "and 4 more" in str(caught.value)
    assert "Proj 7" not in str(caught.value)


def test_unknown_name() -> None:
    with pytest.raises(NotFound, match="no project matches 'zeta'") as caught:
        resolve_project("zeta", ALL)
    assert caught.value.field == "project"


@pytest.mark.parametrize("ref", [None, "", "   "])
def test_omitted_with_one_active_project(ref: str | None) -> None:
    assert resolve_project(ref, [ACME_SITE, BETA, OLD]) is BETA


@pytest.mark.parametrize("ref", [None, ""])
def test_omitted_with_no_active_project(ref: str | None) -> None:
    with pytest.raises(InvalidInput, match="no active project") as caught:
        resolve_project(ref, [ACME_SITE, OLD])
    assert caught.value.field == "project"
    with pytest.raises(InvalidInput, match="no active project"):
        resolve_project(ref, [])


def test_omitted_with_several_active_projects_names_them() -> None:
    with pytest.raises(InvalidInput, match="several projects are active") as caught:
        resolve_project(None, ALL)
    assert caught.value.field == "project"
    message = str(caught.value)
    assert "Acme (#1)" in message and "Beta launch (#4)" in message
    assert "Old work" not in message


def test_resolve_accepts_any_iterable_once() -> None:
    assert resolve_project("beta", iter(ALL)) is BETA


def test_project_ref_equality() -> None:
    assert ProjectRef(1, "Acme", True) == ACME
    assert ProjectRef(1, "Acme", False) != ACME
    assert len({ProjectRef(1, "Acme", True), ACME}) == 1
    assert "Acme" in repr(ACME)


# --- numbers and ids as typed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", True),
        ("0123", True),
        ("²", False),
        ("①", False),
        ("٣", False),
        ("", False),
        ("1_000", False),
        ("+1", False),
        ("１", False),
    ],
)
def test_is_digits_accepts_ascii_digits_only(text: str, expected: bool) -> None:
    assert is_digits(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("-3", -3),
        ("+5", 5),
        ("²", None),
        ("٣", None),
        ("1_0", None),
        ("-", None),
        ("9" * 5000, None),
    ],
)
def test_whole_number_reads_plain_signed_ascii_numbers(text: str, expected: int | None) -> None:
    assert whole_number(text) == expected


@pytest.mark.parametrize("value", ["²", "٣", "1e3", "-1", "", "#", "①"])
def test_parse_id_refuses_what_is_not_ascii_digits_naming_the_field(value: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_id(value, "after")
    assert refused.value.field == "after"


@pytest.mark.parametrize("value", [str(2**63), "9" * 5000, 2**63, f"#{2**70}"])
def test_parse_id_refuses_ids_beyond_64_bits(value: object) -> None:
    with pytest.raises(NotFound) as refused:
        parse_id(value, "id")
    assert refused.value.field == "id"


def test_parse_id_reads_ids_as_typed() -> None:
    assert parse_id(" #12 ", "id") == 12
    assert parse_id(str(MAX_ID), "id") == MAX_ID
    assert parse_id(7, "id") == 7
    assert id_in_range(MAX_ID) and id_in_range(-MAX_ID - 1)
    assert not id_in_range(MAX_ID + 1) and not id_in_range(-MAX_ID - 2)


@pytest.mark.parametrize("value", ["²", "٣", "1_0", " 3 ".replace("3", "３")])
def test_check_range_reads_ascii_digits_only(value: str) -> None:
    with pytest.raises(InvalidInput, match="not a whole number"):
        check_range(value, "limit", 1, 10)


def test_clean_text_refuses_lone_surrogates_from_invalid_utf8_in_argv() -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_text("caf\udce9", "text", 50)
    assert refused.value.field == "text"
    assert "UTF-8" in str(refused.value)


def test_unicode_digits_are_a_name_prefix_not_an_id() -> None:
    rows = [ProjectRef(1, "Site", True)]
    with pytest.raises(NotFound, match="no project matches"):
        resolve_project("²", rows)


def test_names_in_refusals_are_shown_on_one_line_without_escapes() -> None:
    rows = [ProjectRef(1, "two\nlines", True), ProjectRef(2, "Other\x1b]8;;x\x07", True)]
    with pytest.raises(InvalidInput) as refused:
        resolve_project(None, rows)
    message = str(refused.value)
    assert "\n" not in message and "\x1b" not in message and "\x07" not in message
    assert "two\\nlines" in message and "Other\\x1b]8;;x\\x07" in message
