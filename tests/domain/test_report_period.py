"""The status report that values the work: since the last report, what the problems mean,
next steps; the due rule; the draft of the period's words."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from relay_tui.domain.report import ReportData, ReportDeadline, ReportIncident, status_report
from relay_tui.domain.report import ReportValidation as V
from relay_tui.domain.report_period import (
    next_report_on,
    period_draft,
    period_start,
    report_due_since,
)

MON = date(2026, 11, 23)
START = date(2026, 10, 1)


def _section(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    rest = lines[start:]
    end = next((i for i, line in enumerate(rest) if line.startswith("## ")), len(rest))
    return [line for line in rest[:end] if line.strip()]


BELLS = [
    ReportDeadline("Site map", "provider", date(2026, 11, 2), date(2026, 11, 2), "done", id=1),
    ReportDeadline("Photos", "client", date(2026, 11, 8), date(2026, 11, 10), "done", id=2),
    ReportDeadline("Mock-ups", "provider", date(2026, 11, 18), date(2026, 11, 19), "done", id=3),
    ReportDeadline("Texts", "client", date(2026, 11, 17), None, "late", id=4),
    ReportDeadline(
        "Build the pages",
        "provider",
        date(2026, 11, 27),
        None,
        "upcoming",
        date(2026, 12, 3),
        "moved 6 days by the late 'Texts'",
        id=5,
        slip_cause=4,
    ),
]
VALIDATIONS = [V("Site map", date(2026, 11, 3), date(2026, 11, 5)), V("Mock-ups", MON, None)]


def _report(**extra: object) -> str:
    fields: dict[str, object] = {
        "project": "Bakery",
        "client": "Marie",
        "today": MON,
        "deadlines": BELLS,
        "validations": VALIDATIONS,
        "received": [(date(2026, 11, 6), "Here are the photos"), (date(2026, 11, 20), "Ok")],
        "time_in_period": {"work": 600, "meetings": 120},
        "time_total": 1920,
        "budget_minutes": 2400,
    }
    fields.update(extra)
    return status_report(ReportData(**fields))  # type: ignore[arg-type]


def test_a_first_report_tells_everything_since_the_start() -> None:
    text = _report(period_start=START, period_text="This period I drew the site map.")
    assert _section(text, "## Since the start") == [
        "This period I drew the site map.",
        "- Delivered: Site map (Monday 2 November)",
        "- Delivered: Mock-ups (Thursday 19 November)",
        "- Validated by you: Site map (Thursday 5 November)",
        "- Received from you: Photos (Tuesday 10 November)",
        "- Your message of Friday 6 November: “Here are the photos”",
        "- Your message of Friday 20 November: “Ok”",
        "- Time spent in this period: 12 h (work 10 h, meetings 2 h)",
        "- Time spent to date: 32 h of the 40 h budget",
    ]


def test_the_second_report_does_not_repeat_what_the_first_told() -> None:
    first_sent = date(2026, 11, 12)
    text = _report(period_start=first_sent + timedelta(days=1), last_sent_on=first_sent)
    since = _section(text, "## Since the last report (Thursday 12 November)")
    assert since == [
        "- Delivered: Mock-ups (Thursday 19 November)",
        "- Your message of Friday 20 November: “Ok”",
        "- Time spent in this period: 12 h (work 10 h, meetings 2 h)",
        "- Time spent to date: 32 h of the 40 h budget",
    ]
    assert "Site map" not in "\n".join(since) and "Photos" not in "\n".join(since)


def test_nothing_in_the_period_says_so() -> None:
    text = _report(period_start=MON, received=[], time_in_period={}, budget_minutes=None)
    assert _section(text, "## Since the start") == ["- Nothing new in this period."]


def test_problems_are_explained_with_what_moves_and_the_budget() -> None:
    incidents = [ReportIncident("Server down", "The site was off for a day.", "A second host.")]
    text = _report(incidents=incidents, time_total=2300)
    assert _section(text, "## What this means") == [
        "- Server down. For you: The site was off for a day. What I propose: A second host.",
        "- “Texts”, expected from you on Tuesday 17 November, has not arrived yet (6 days late).",
        "  It holds up “Build the pages”, which moves from Friday 27 November to Thursday "
        "3 December.",
        "- The time spent is close to the budget: 38.3 h of 40 h.",
    ]
    over = _section(_report(time_total=2500), "## What this means")
    assert over[-1] == "- The time spent has passed the budget: 41.7 h for 40 h planned."


def test_a_client_input_that_came_late_still_explains_the_dates_it_moved() -> None:
    bells = [
        ReportDeadline("Texts", "client", date(2026, 11, 17), date(2026, 11, 20), "done", id=4),
        *BELLS[4:],
    ]
    lines = _section(_report(deadlines=bells), "## What this means")
    assert lines[0] == "- “Texts” arrived 3 days after the agreed date (Tuesday 17 November)."
    assert lines[1].startswith("  It holds up “Build the pages”")


def test_next_steps_have_dates_for_both_sides_and_the_next_report() -> None:
    bells = [*BELLS, ReportDeadline("Logo", "client", date(2026, 12, 1), None, "upcoming")]
    steps = _section(_report(deadlines=bells, next_report_on=date(2026, 11, 30)), "## Next steps")
    assert steps == [
        "- Logo: from you, by Tuesday 1 December",
        "- Build the pages: planned for Thursday 3 December (first planned for Friday "
        "27 November; moved 6 days by the late 'Texts')",
        "- Next status report: Monday 30 November",
    ]


def test_the_report_reads_as_a_letter_in_this_order() -> None:
    heads = [line for line in _report().splitlines() if line.startswith("## ")]
    assert heads == [
        "## Since the start",
        "## What this means",
        "## Next steps",
        "## What we need from you",
        "## Waiting for your validation",
        "## Points of attention",
    ]


def test_no_internal_status_or_word_shows_raw() -> None:
    text = _report(incidents=[ReportIncident("Late server")], time_total=2500)
    body = text.replace("Late server", "")
    for raw in ("in_margin", "provider", "upcoming", "rework", "admin", "status"):
        assert raw not in body, raw
    # "late" only in sentences, never as a status on its own.
    assert not re.search(r"[(:] ?late\b", body)


def test_the_users_words_never_make_a_heading() -> None:
    text = _report(period_text="## Injected\nSecond line")
    assert "## Injected" not in text.splitlines()
    assert "\\## Injected" in text.splitlines()


# --- the due rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("every", "last", "today", "due"),
    [
        (None, None, date(2026, 12, 1), None),  # no cadence: never due
        (0, None, date(2026, 12, 1), None),  # a cadence out of range counts as none
        (7, None, date(2026, 10, 7), None),  # never sent, started 6 days ago
        (7, None, date(2026, 10, 8), date(2026, 10, 8)),  # never sent: exactly due
        (7, None, date(2026, 10, 20), date(2026, 10, 8)),  # due since then
        (7, date(2026, 11, 16), MON, MON),  # last sent a cadence ago: exactly due
        (7, date(2026, 11, 17), MON, None),  # not yet
    ],
)
def test_a_report_is_due_a_cadence_after_the_last_one_or_the_start(
    every: int | None, last: date | None, today: date, due: date | None
) -> None:
    assert report_due_since(every, START, last, today) == due


def test_the_period_starts_the_day_after_the_last_report_else_at_the_start() -> None:
    assert period_start(None, START) == START
    assert period_start(date(2026, 11, 12), START) == date(2026, 11, 13)
    assert next_report_on(7, START, date(2026, 11, 12)) == date(2026, 11, 19)
    assert next_report_on(None, START, None) is None


def test_the_draft_says_one_fact_a_line_and_drops_what_the_words_may_not_hold() -> None:
    draft = period_draft(
        [("Site\nmap", date(2026, 11, 2))],
        [("Mock-ups\x00", date(2026, 11, 5))],
        [("x" * 500, date(2026, 11, 20))],
    )
    lines = draft.splitlines()
    assert lines[:2] == [
        "I delivered “Site map” (2 Nov).",
        "I sent “Mock-ups” for your validation (5 Nov).",
    ]
    assert lines[2].startswith("20 Nov: xxx") and lines[2].endswith("…")
    assert len(lines[2]) < 260 and len(lines) == 3
    assert period_draft([], [], []) == ""
