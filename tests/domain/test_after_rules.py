"""Closing a project: retrospective facts, lessons, the handover checklist, the timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from relay_tui.domain.after import (
    STEPS,
    Handover,
    Timeline,
    TimelineEvent,
    client_response_hours,
    deadlines_on_time,
    parse_lessons,
    step_titles,
    timeline_markdown,
    validation_delay_days,
)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


# --- retrospective facts ----------------------------------------------------------------


def test_deadlines_on_time_counts_done_ones_only() -> None:
    due = date(2026, 11, 10)
    deadlines = [
        (due, date(2026, 11, 10)),  # on the day: on time
        (due, date(2026, 11, 9)),  # early: on time
        (due, date(2026, 11, 11)),  # a day late
        (due, None),  # not done: not counted
    ]
    assert deadlines_on_time(deadlines) == (2, 3)
    assert deadlines_on_time([]) == (0, 0)
    assert deadlines_on_time([(due, None)]) == (0, 0)


def test_client_response_hours_one_reply_answers_every_request_before_it() -> None:
    contacts = [
        # Two requests on Monday, one reply on Tuesday 9:00: one wait of 24 h, from the
        # first request.
        (at(2, 9), "out", True),
        (at(2, 15), "out", True),
        (at(3, 9), "in", False),
        # Wednesday: asked at 10:00, answered at 16:00: 6 h.
        (at(4, 10), "out", True),
        (at(4, 16), "in", False),
        # An outbound message that asked for nothing, then a reply: not a wait.
        (at(5, 9), "out", False),
        (at(5, 12), "in", False),
        # Still unanswered at the end: ignored.
        (at(6, 9), "out", True),
    ]
    assert client_response_hours(contacts) == pytest.approx(15.0)
    # Any order: sorted by time first.
    assert client_response_hours(list(reversed(contacts))) == pytest.approx(15.0)


def test_client_response_hours_without_any_answered_request() -> None:
    assert client_response_hours([]) is None
    assert client_response_hours([(at(2, 9), "out", True)]) is None
    assert client_response_hours([(at(2, 9), "in", False), (at(2, 10), "out", False)]) is None


def test_validation_delay_days_averages_the_validated_ones() -> None:
    validations = [
        (date(2026, 11, 1), date(2026, 11, 4)),  # 3 days
        (date(2026, 11, 10), date(2026, 11, 12)),  # 2 days
        (date(2026, 11, 15), None),  # still waiting: ignored
    ]
    assert validation_delay_days(validations) == pytest.approx(2.5)
    assert validation_delay_days([(date(2026, 11, 1), date(2026, 11, 1))]) == 0.0
    assert validation_delay_days([(date(2026, 11, 15), None)]) is None
    assert validation_delay_days([]) is None


# --- lessons ----------------------------------------------------------------------------


def test_parse_lessons_one_per_line_with_tags_bullets_and_blank_lines() -> None:
    text = (
        "\n"
        "- Ask for the photos in the contract #documents #Contract.\n"
        "* Weekly demos replace status emails #communication\n"
        "   \n"
        "• Agree the validation delay #validation #validation\n"
        "#only #tags\n"
        "Plain lesson, no tag\n"
        "Use # sparingly\n"
    )
    assert parse_lessons(text) == [
        ("Ask for the photos in the contract", "documents,contract"),
        ("Weekly demos replace status emails", "communication"),
        ("Agree the validation delay", "validation"),
        ("Plain lesson, no tag", ""),
        ("Use # sparingly", ""),
    ]


def test_parse_lessons_of_nothing() -> None:
    assert parse_lessons("") == []
    assert parse_lessons("\n  \n- \n#tag\n") == []


def test_a_tag_in_the_middle_of_the_line_is_taken_out_of_the_text() -> None:
    assert parse_lessons("Chase after #Two days") == [("Chase after days", "two")]


# --- steps ------------------------------------------------------------------------------


def test_step_titles_in_both_formats() -> None:
    assert len(STEPS) == 7
    assert step_titles("worked_not_improve") == [
        "The facts",
        "What worked",
        "What did not",
        "What to improve",
        "Lessons to carry forward",
        "Satisfaction",
        "Enjoy",
    ]
    assert step_titles("start_stop_continue") == [
        "The facts",
        "Continue",
        "Stop",
        "Start",
        "Lessons to carry forward",
        "Satisfaction",
        "Enjoy",
    ]
    assert step_titles("anything else") == step_titles("worked_not_improve")


# --- handover ---------------------------------------------------------------------------


def test_deliverables_approved_needs_one_validation_and_none_open() -> None:
    assert Handover(0, 0, True, False, True).deliverables_approved is False
    assert Handover(2, 1, True, False, True).deliverables_approved is False
    assert Handover(2, 0, False, False, False).deliverables_approved is True


def test_invoice_refusal_says_why() -> None:
    assert (
        Handover(0, 0, False, False, False).invoice_refusal()
        == "no deliverable has been validated by the client yet"
    )
    assert Handover(2, 1, False, False, False).invoice_refusal() == (
        "1 deliverable still awaits the client's validation: the invoice follows the approval"
    )
    assert Handover(3, 2, False, False, False).invoice_refusal() == (
        "2 deliverables still await the client's validation: the invoice follows the approval"
    )
    assert Handover(2, 0, False, False, False).invoice_refusal() is None


def test_missing_lists_what_is_not_done_in_checklist_order() -> None:
    assert Handover(2, 1, False, False, False).missing() == [
        "deliverables approved",
        "access handed over",
        "invoice sent",
        "client thanked",
    ]
    assert Handover(1, 0, True, False, True).missing() == ["invoice sent"]
    assert Handover(0, 0, True, True, True).missing() == ["deliverables approved"]
    assert Handover(1, 0, True, True, True).missing() == []


# --- factual timeline -------------------------------------------------------------------


def test_timeline_markdown_by_day_then_kind_each_fact_on_one_line() -> None:
    timeline = Timeline(
        "Bakery   website",
        "Marie\nLambert",
        [
            TimelineEvent(date(2026, 11, 17), "Deadline missed", "Mock-ups (still open)", "client"),
            TimelineEvent(date(2026, 11, 14), "Email to Marie", "Sent the\nmock-ups  for review"),
            TimelineEvent(date(2026, 11, 17), "Chase", "Reminder"),
        ],
    )
    assert timeline_markdown(timeline, "Late\nvalidation") == (
        "# Timeline of Bakery website\n"
        "\n"
        "Client: Marie Lambert.\n"
        "\n"
        "Prepared about: Late validation.\n"
        "\n"
        "\n"
        "## Saturday 14 November 2026\n"
        "\n"
        "- Email to Marie: Sent the mock-ups for review\n"
        "\n"
        "## Tuesday 17 November 2026\n"
        "\n"
        "- Chase: Reminder\n"
        "- Deadline missed: Mock-ups (still open) (client)\n"
    )


def test_timeline_markdown_without_events_or_incident() -> None:
    text = timeline_markdown(Timeline("Quiet project", "Léa"))
    assert text == "# Timeline of Quiet project\n\nClient: Léa.\n\nNothing recorded yet.\n"
    assert "Prepared about" not in text
