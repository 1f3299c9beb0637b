"""Chasing (domain.chase, domain.contacts), the status report (domain.report) and the
calendar export (domain.calendar, parsed back with the icalendar library)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from relay_tui.domain.calendar import PRODID, CalendarDeadline, calendar_ics, uid
from relay_tui.domain.chase import (
    ChaseItem,
    ContactFact,
    add_working_days,
    chase_item,
    chase_list,
    chase_summary,
    weekend,
    working_days_between,
)
from relay_tui.domain.contacts import awaiting_ids
from relay_tui.domain.freeze import Slip
from relay_tui.domain.report import (
    ReportData,
    ReportDeadline,
    ReportRisk,
    ReportValidation,
    status_report,
)

MON = date(2026, 11, 23)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=i) for i in range(1, 7))
PREV_FRI = MON - timedelta(days=3)
PREV_SAT = MON - timedelta(days=2)
PREV_SUN = MON - timedelta(days=1)
PREV_THU = MON - timedelta(days=4)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


# --- working days ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (MON, MON, 0),  # same day
        (PREV_FRI, MON, 1),  # Friday → Monday: one working day
        (PREV_SAT, MON, 1),  # a Saturday start
        (PREV_SAT, PREV_SUN, 0),  # the weekend only
        (PREV_FRI, PREV_SUN, 0),
        (PREV_THU, MON, 2),
        (MON, FRI, 4),
        (MON, MON + timedelta(days=7), 5),
        (MON, MON + timedelta(days=14), 10),
        (PREV_FRI, FRI, 5),
        (MON, PREV_FRI, 0),  # backwards: nothing
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (PREV_FRI, 1, MON),
        (PREV_SAT, 1, MON),
        (PREV_SUN, 1, MON),
        (PREV_THU, 2, MON),
        (MON, 0, MON),
        (MON, 5, MON + timedelta(days=7)),
        (FRI, 6, FRI + timedelta(days=10)),
    ],
)
def test_add_working_days(start: date, count: int, expected: date) -> None:
    assert add_working_days(start, count) == expected


def test_add_working_days_and_working_days_between_agree_from_every_weekday() -> None:
    for offset in range(7):
        start = MON + timedelta(days=offset)
        for count in range(13):
            end = add_working_days(start, count)
            assert working_days_between(start, end) == count
            if count:
                assert end.weekday() < 5
                assert working_days_between(start, end - timedelta(days=1)) == count - 1


# --- the chase clock ------------------------------------------------------------------


def out(id_: int, when: datetime, text: str = "", *, chase: bool = False) -> ContactFact:
    return ContactFact(id_, when, "out", True, text or f"request {id_}", chase)


def inbound(id_: int, when: datetime) -> ContactFact:
    return ContactFact(id_, when, "in", False, f"answer {id_}")


def test_not_due_before_the_delay_and_due_at_exactly_the_delay() -> None:
    contacts = [out(1, at(PREV_THU), "Sent the mock-ups")]
    assert chase_item(1, "Bakery", contacts, 2, PREV_FRI) is None  # 1 working day
    assert chase_item(1, "Bakery", contacts, 2, PREV_SUN) is None  # still 1: the weekend
    item = chase_item(1, "Bakery", contacts, 2, MON)  # Friday + Monday: 2 working days
    assert item == ChaseItem(
        project_id=1,
        project="Bakery",
        waiting_since=at(PREV_THU),
        first_asked=at(PREV_THU),
        working_days=2,
        due_on=MON,
        summary="Sent the mock-ups",
        open_requests=1,
        chases=0,
    )
    later = chase_item(1, "Bakery", contacts, 2, WED)
    assert later is not None and later.working_days == 4 and later.due_on == MON


def test_the_delay_is_the_projects_own() -> None:
    contacts = [out(1, at(PREV_THU))]
    assert chase_item(1, "P", contacts, 5, MON) is None
    assert chase_item(1, "P", contacts, 5, THU) is not None
    assert chase_item(1, "P", contacts, 0, PREV_THU) is not None


def test_an_inbound_contact_answers_the_earlier_requests() -> None:
    old = out(1, at(MON - timedelta(days=14)), "Old question")
    reply = inbound(2, at(MON - timedelta(days=10)))
    assert chase_item(1, "P", [old, reply], 2, MON) is None
    newer = out(3, at(PREV_THU), "New question")
    item = chase_item(1, "P", [old, reply, newer], 2, MON)
    assert item is not None
    assert (item.summary, item.first_asked, item.open_requests) == ("New question", at(PREV_THU), 1)


def test_a_contact_that_awaits_nothing_is_never_chased() -> None:
    told = ContactFact(1, at(MON - timedelta(days=20)), "out", False, "Just news")
    assert chase_item(1, "P", [told], 2, MON) is None
    assert chase_item(1, "P", [], 2, MON) is None


def test_a_chase_restarts_the_clock_and_is_counted() -> None:
    request = out(1, at(MON - timedelta(days=14)), "Logo files, please")
    chase = out(2, at(PREV_THU), "Chased: Logo files, please", chase=True)
    # The request is two weeks old, but the chase of last Thursday restarted the clock.
    assert chase_item(1, "P", [request, chase], 2, PREV_FRI) is None
    item = chase_item(1, "P", [request, chase], 2, MON)
    assert item is not None
    assert item.waiting_since == at(PREV_THU)
    assert item.first_asked == request.at
    assert item.summary == "Logo files, please"  # the request, not the chase
    assert (item.open_requests, item.chases, item.working_days) == (1, 1, 2)


def test_it_counts_the_open_requests_and_the_chases() -> None:
    contacts = [
        out(1, at(MON - timedelta(days=20)), "First"),
        out(2, at(MON - timedelta(days=18)), "Second"),
        out(3, at(MON - timedelta(days=15)), "Chased: First", chase=True),
        out(4, at(MON - timedelta(days=11)), "Chased: First", chase=True),
    ]
    item = chase_item(1, "P", contacts, 2, MON)
    assert item is not None
    assert (item.open_requests, item.chases, item.summary) == (2, 2, "First")
    assert item.waiting_since == contacts[-1].at


def _item(project: str, days: int, since: datetime) -> ChaseItem:
    return ChaseItem(1, project, since, since, days, MON, "x", 1, 0)


def test_chase_list_longest_wait_first_then_oldest_then_by_name() -> None:
    a = _item("Alpha", 3, at(PREV_THU))
    b = _item("Beta", 7, at(PREV_THU))
    c = _item("Gamma", 3, at(PREV_THU, 8))
    d = _item("Delta", 3, at(PREV_THU, 8))
    assert chase_list([a, None, b, c, None, d]) == [b, d, c, a]
    assert chase_list([None, None]) == []


def test_chase_summary() -> None:
    assert chase_summary("Sent the mock-ups") == "Chased: Sent the mock-ups"
    # Chasing a chase does not stack the prefix.
    assert chase_summary("Chased: Sent the mock-ups") == "Chased: Sent the mock-ups"
    long = chase_summary("x" * 300)
    assert long == "Chased: " + "x" * 119 + "…"
    assert len(chase_summary("y" * 50, limit=10)) == len("Chased: ") + 10


def test_awaiting_ids() -> None:
    base = at(MON - timedelta(days=5))
    contacts = [
        ContactFact(1, base, "out", True, "a"),
        ContactFact(2, base + timedelta(hours=1), "in", False, "reply"),
        ContactFact(3, base + timedelta(hours=2), "out", True, "b"),
        ContactFact(4, base + timedelta(hours=3), "out", False, "news, no question"),
        ContactFact(5, base + timedelta(hours=4), "out", True, "c"),
    ]
    assert awaiting_ids(contacts) == {3, 5}
    # An inbound contact at the same instant does not answer.
    same = [*contacts, ContactFact(6, base + timedelta(hours=4), "in", False, "hello")]
    assert awaiting_ids(same) == {5}
    # One later than everything answers everything.
    assert awaiting_ids([*contacts, inbound(7, base + timedelta(days=1))]) == set()
    assert awaiting_ids([]) == set()


# --- the status report ----------------------------------------------------------------

SECTIONS = [
    "## Since the start",
    "## What this means",
    "## Next steps",
    "## What we need from you",
    "## Waiting for your validation",
    "## Points of attention",
]


def _section(text: str, heading: str) -> list[str]:
    """The bullet lines under `heading`, up to the next heading."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    rest = lines[start:]
    end = next((i for i, line in enumerate(rest) if line.startswith("## ")), len(rest))
    return [line for line in rest[:end] if line.strip()]


def test_an_empty_report_has_every_section_and_says_each_is_empty() -> None:
    text = status_report(ReportData(project="Site", client="Acme", today=MON))
    assert text.startswith("# Site: where we stand\n")
    assert "Status on Monday 23 November 2026, for Acme." in text
    assert [line for line in text.splitlines() if line.startswith("## ")] == SECTIONS
    assert _section(text, "## Since the start") == ["- Nothing new in this period."]
    assert _section(text, "## What this means") == ["- No problem to report."]
    assert _section(text, "## Next steps") == ["- Nothing planned in the next 21 days."]
    assert _section(text, "## What we need from you") == ["- Nothing at the moment: thank you."]
    assert _section(text, "## Waiting for your validation") == ["- Nothing waiting."]
    assert _section(text, "## Points of attention") == ["- None worth mentioning."]
    assert text.endswith("\n") and not text.endswith("\n\n")


def _full_report(**extra: object) -> str:
    slip = Slip(3, date(2026, 12, 3), 6, 1, "Mock-ups validated")
    data = ReportData(
        project="Bakery website",
        client="Marie Lambert",
        today=MON,
        deadlines=[
            ReportDeadline("Photos", "client", date(2026, 11, 8), date(2026, 11, 10), "done"),
            ReportDeadline("Mock-ups validated", "client", date(2026, 11, 17), None, "late"),
            ReportDeadline("Texts for the shop", "client", date(2026, 11, 30), None, "upcoming"),
            ReportDeadline(
                "Build the pages",
                "provider",
                date(2026, 11, 27),
                None,
                "upcoming",
                slip.projected_on,
                slip.explain(),
            ),
            ReportDeadline("Hosting set up", "provider", date(2026, 11, 24), None, "in_margin"),
            ReportDeadline("Far away", "provider", date(2027, 3, 1), None, "upcoming"),
        ],
        validations=[
            ReportValidation("Site map", date(2026, 10, 24), date(2026, 10, 27)),
            ReportValidation("Home page mock-up", date(2026, 11, 14), None),
        ],
        risks=[
            ReportRisk("Minor thing", 2, "low", ""),
            ReportRisk("Launch slips", 16, "high", "Chase after two days"),
            ReportRisk("Printer busy", 10, "medium", "Book now"),
            ReportRisk("Server down", 20, "critical", "A second host"),
            ReportRisk("Scope creep", 12, "high", "Change requests"),
        ],
        awaiting=["Which colour for the logo?"],
        **extra,  # type: ignore[arg-type]
    )
    return status_report(data)


def test_a_full_report_section_by_section() -> None:
    text = _full_report()
    assert [line for line in text.splitlines() if line.startswith("## ")] == SECTIONS
    assert _section(text, "## Since the start") == [
        "- Validated by you: Site map (Tuesday 27 October)",
        "- Received from you: Photos (Tuesday 10 November)",
    ]
    assert _section(text, "## What this means") == [
        "- “Mock-ups validated”, expected from you on Tuesday 17 November, has not arrived yet "
        "(6 days late)."
    ]
    # The slipped item mentions its first planned date and why it moved; the far one waits.
    assert _section(text, "## Next steps") == [
        "- Hosting set up: due Tuesday 24 November",
        "- Texts for the shop: from you, by Monday 30 November",
        "- Build the pages: planned for Thursday 3 December (first planned for Friday "
        "27 November; moved 6 days by the late 'Mock-ups validated')",
    ]
    needed = _section(text, "## What we need from you")
    assert needed[:3] == [
        "- Mock-ups validated: overdue since Tuesday 17 November",
        "- Texts for the shop: by Monday 30 November",
        "- A reply to our message “Which colour for the logo?”",
    ]
    assert "the dates that depend on it move" in needed[3]
    assert _section(text, "## Waiting for your validation") == [
        "- Home page mock-up (sent Saturday 14 November)"
    ]


def test_only_late_client_items_say_overdue_and_warn_of_the_freeze() -> None:
    data = ReportData(
        project="P",
        client="C",
        today=MON,
        deadlines=[ReportDeadline("Texts", "client", date(2026, 11, 30), None, "in_margin")],
    )
    text = status_report(data)
    assert "- Texts: by Monday 30 November" in text
    assert "overdue" not in text
    assert "on hold" not in text


def test_the_top_risks_are_limited_and_ordered_by_score() -> None:
    risks = _section(_full_report(), "## Points of attention")
    assert risks == [
        "- Server down (critical). What we do about it: A second host",
        "- Launch slips (high). What we do about it: Chase after two days",
        "- Scope creep (high). What we do about it: Change requests",
    ]
    data = ReportData(
        project="P",
        client="C",
        today=MON,
        risks=[ReportRisk("One", 4, "low", ""), ReportRisk("Two", 9, "medium", "")],
    )
    assert _section(status_report(data, top_risks=1), "## Points of attention") == [
        "- Two (medium)."
    ]


def test_the_horizon_decides_what_comes_next() -> None:
    text = _full_report(horizon_days=120)
    coming = _section(text, "## Next steps")
    assert len(coming) == 4
    assert coming[-1] == "- Far away: planned for Monday 1 March"


def test_user_text_with_newlines_is_folded_to_one_line() -> None:
    data = ReportData(
        project="Bakery\nwebsite",
        client="Marie\n  Lambert",
        today=MON,
        deadlines=[
            ReportDeadline("Logo\n## Injected", "client", date(2026, 11, 17), None, "late"),
            ReportDeadline(
                "Built\r\npages", "provider", date(2026, 11, 1), date(2026, 11, 2), "done"
            ),
        ],
        validations=[ReportValidation("Home\npage", date(2026, 11, 14), None)],
        risks=[ReportRisk("Risk\none", 9, "medium", "Do\nthis")],
        awaiting=["Which\n\ncolour?"],
    )
    text = status_report(data)
    lines = text.splitlines()
    assert lines[0] == "# Bakery website: where we stand"
    assert "for Marie Lambert." in text
    assert "- Logo ## Injected: overdue since Tuesday 17 November" in lines
    assert "- Delivered: Built pages (Monday 2 November)" in lines
    assert "- Home page (sent Saturday 14 November)" in lines
    assert "- Risk one (medium). What we do about it: Do this" in lines
    assert "- A reply to our message “Which colour?”" in lines
    assert "## Injected" not in lines
    assert "\r" not in text


def test_a_slip_caused_by_a_title_with_a_newline_reads_as_one_plain_line() -> None:
    slip = Slip(2, date(2026, 12, 3), 6, 1, "Mock-ups\nvalidated")
    data = ReportData(
        project="P",
        client="C",
        today=MON,
        deadlines=[
            ReportDeadline(
                "Build",
                "provider",
                date(2026, 11, 27),
                None,
                "upcoming",
                slip.projected_on,
                slip.explain(),
            )
        ],
    )
    [line] = _section(status_report(data), "## Next steps")
    assert "\\n" not in line
    assert "Mock-ups validated" in line


# --- the calendar export --------------------------------------------------------------

STAMP = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
DEADLINES = [
    CalendarDeadline(
        3,
        1,
        "Bakery website",
        "Build the pages",
        "provider",
        "checkpoint",
        date(2026, 12, 3),
        None,
        2,
    ),
    CalendarDeadline(
        1,
        1,
        "Bakery website",
        "Mock-ups validated",
        "client",
        "validation",
        date(2026, 11, 17),
        None,
        0,
    ),
    CalendarDeadline(
        7,
        2,
        "Festival posters",
        "Call the printer",
        "provider",
        "other",
        date(2026, 12, 4),
        time(14, 30),
        1,
    ),
]


#: The store's id (`store_meta`), which the UIDs carry.
STORE_ID = "5a0e747b14fa4b3e88f07a57b0c11944"


def _events(ics: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(ics)
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["VERSION"]) == "2.0"
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def test_every_event_alarm_and_uid_parsed_back() -> None:
    events = _events(calendar_ics(DEADLINES, STAMP, store_id=STORE_ID))
    assert set(events) == {
        f"relay-deadline-3-{STORE_ID}@relay",
        f"relay-deadline-1-{STORE_ID}@relay",
        f"relay-deadline-7-{STORE_ID}@relay",
    }
    assert set(events) == {uid(d, STORE_ID) for d in DEADLINES}
    for d in DEADLINES:
        event = events[uid(d, STORE_ID)]
        assert (event["SEQUENCE"], str(event["STATUS"])) == (1, "CONFIRMED")  # type: ignore[index]
        assert str(event["SUMMARY"]) == f"{d.title} ({d.project})"  # type: ignore[index]
        start = event["DTSTART"].dt  # type: ignore[index]
        end = event["DTEND"].dt  # type: ignore[index]
        assert event["DTSTAMP"].dt == STAMP  # type: ignore[index]
        if d.due_time is None:
            # All-day: a date, not a date-time, ending the next day.
            assert type(start) is date and start == d.due_on
            assert end == d.due_on + timedelta(days=1)
        else:
            assert isinstance(start, datetime)
            assert start == datetime.combine(d.due_on, d.due_time)
            assert end - start == timedelta(hours=1)
        [alarm] = event.walk("VALARM")  # type: ignore[attr-defined]
        assert str(alarm["ACTION"]) == "DISPLAY"
        trigger = alarm["TRIGGER"].dt
        assert isinstance(trigger, timedelta)  # relative to the start
        fires = datetime.combine(start, time(0)) if type(start) is date else start
        fires += trigger
        expected_clock = d.due_time or time(9, 0)  # 09:00 on the day for all-day events
        assert fires == datetime.combine(d.due_on - timedelta(days=d.margin_days), expected_clock)
        description = str(event["DESCRIPTION"])  # type: ignore[index]
        assert f"Project: {d.project}" in description
        who = "the client" if d.owner == "client" else "me"
        assert f"Who acts: {who}\n" in description
        assert [str(c) for c in event["CATEGORIES"].cats] == [d.owner]  # type: ignore[index]


def test_two_exports_give_the_same_uids_and_only_the_stamp_differs() -> None:
    first = calendar_ics(DEADLINES, STAMP, store_id=STORE_ID)
    second = calendar_ics(DEADLINES, STAMP + timedelta(days=3, hours=2), store_id=STORE_ID)
    assert list(_events(first)) == list(_events(second))
    assert first != second
    assert first.replace(b"DTSTAMP:20261123T100000Z", b"") == second.replace(
        b"DTSTAMP:20261126T120000Z", b""
    )


def test_an_event_moves_but_keeps_its_uid() -> None:
    moved = [DEADLINES[0].__class__(**{**DEADLINES[0].__dict__, "due_on": date(2026, 12, 9)})]
    [(key, event)] = _events(calendar_ics(moved, STAMP, store_id=STORE_ID)).items()
    assert key == uid(DEADLINES[0], STORE_ID)
    assert event["DTSTART"].dt == date(2026, 12, 9)  # type: ignore[attr-defined]


def test_a_cancelled_event_keeps_its_uid_raises_its_sequence_and_rings_no_more() -> None:
    done = [DEADLINES[0].__class__(**{**DEADLINES[0].__dict__, "sequence": 4, "cancelled": True})]
    [(key, event)] = _events(calendar_ics(done, STAMP, store_id=STORE_ID)).items()
    assert key == uid(DEADLINES[0], STORE_ID)
    assert (event["SEQUENCE"], str(event["STATUS"])) == (4, "CANCELLED")  # type: ignore[index]
    assert event.walk("VALARM") == []  # type: ignore[attr-defined]


def test_no_deadline_gives_a_valid_empty_calendar() -> None:
    assert _events(calendar_ics([], STAMP, store_id=STORE_ID)) == {}


# --- closed days ------------------------------------------------------------------------

CHRISTMAS_2026 = date(2026, 12, 25)


def test_the_clock_skips_the_closed_days_given_as_a_set_or_a_predicate() -> None:
    # Thursday 24 December 2026; Christmas on the Friday, then the weekend.
    thu = date(2026, 12, 24)
    assert add_working_days(thu, 2) == date(2026, 12, 28)  # weekends only
    assert add_working_days(thu, 2, {CHRISTMAS_2026}) == date(2026, 12, 29)
    assert add_working_days(thu, 2, lambda d: d.weekday() >= 5 or d == CHRISTMAS_2026) == (
        date(2026, 12, 29)
    )
    assert working_days_between(thu, date(2026, 12, 29), {CHRISTMAS_2026}) == 2
    assert working_days_between(thu, date(2026, 12, 29)) == 3
    # A predicate decides everything: here Saturdays are open, only Sundays closed.
    assert working_days_between(thu, date(2026, 12, 28), lambda d: d.weekday() == 6) == 3


@pytest.mark.parametrize("start", [date(2026, 11, 16) + timedelta(days=n) for n in range(7)])
def test_the_closed_days_count_agrees_with_the_weekend_count(start: date) -> None:
    for span in range(0, 30):
        end = start + timedelta(days=span)
        assert working_days_between(start, end, set()) == working_days_between(start, end)
        assert working_days_between(start, end, weekend) == working_days_between(start, end)


def test_a_chase_item_counts_with_the_closed_days() -> None:
    sent = datetime.combine(date(2026, 12, 24), time(10), tzinfo=UTC)
    contacts = [out(1, sent, "Sent the mock-ups")]
    holidays = {CHRISTMAS_2026}
    assert chase_item(1, "Bakery", contacts, 2, date(2026, 12, 28), holidays) is None
    item = chase_item(1, "Bakery", contacts, 2, date(2026, 12, 29), holidays)
    assert item is not None
    assert (item.working_days, item.due_on) == (2, date(2026, 12, 29))
