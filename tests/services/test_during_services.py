"""The "during" services against a real SQLite store: alarm bells and the feedback freeze,
the contact log (paging, filters, full-text search), chasing, validations, the status
report and the calendar export. Every refusal names its field and writes nothing."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.models import ChangeRequest, Contact, Deadline, Project, Validation
from relay_tui.services import calendar, chasing, contacts, deadlines, status_report, validations
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline, mark_done
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, table_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()  # Monday 23 November 2026
LAST_THURSDAY = TODAY - timedelta(days=4)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def at(day_: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day_, time(hour, minute), tzinfo=UTC)


@pytest.fixture
def refused(db_path: Path) -> Callable[..., InvalidInput]:
    """Call a service expecting a refusal; check nothing was written; return the error."""

    def check(
        expected: type[InvalidInput], call: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> InvalidInput:
        before = table_counts(db_path)
        with pytest.raises(expected) as caught:
            call(*args, **kwargs)
        assert table_counts(db_path) == before
        return caught.value

    return check


@pytest.fixture
def acme(store: Store) -> Project:
    add_client(store, {"name": "Acme Corp"})
    return add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)


@pytest.fixture
def other(store: Store, acme: Project) -> Project:
    add_client(store, {"name": "Léa Martin"})
    return add_project(store, {"name": "Wedding site", "client": "Léa"}, now=FIXED_NOW)


def contact(
    store: Store,
    project: Project,
    summary: str,
    when: datetime,
    *,
    direction: str = "out",
    awaiting: bool = False,
    channel: str = "email",
) -> Contact:
    row, _ = capture(
        store,
        {
            "project": project.id,
            "summary": summary,
            "at": when,
            "direction": direction,
            "awaiting_reply": awaiting,
            "channel": channel,
        },
        now=FIXED_NOW,
    )
    return row


def deadline(store: Store, project: Project, title: str, due: date, **extra: Any) -> Deadline:
    return add_deadline(
        store,
        {"project": project.id, "title": title, "due_on": due.isoformat(), **extra},
        now=FIXED_NOW,
    )


def get(store: Store, model: type[Any], id_: int | None) -> Any:
    with store.read() as session:
        return session.get(model, id_)


# --- alarm bells and the freeze -------------------------------------------------------


def test_deadlines_carry_their_status_and_the_slip_of_late_feedback(
    store: Store, acme: Project
) -> None:
    texts = deadline(store, acme, "Texts from the client", day(-6), kind="documents", margin_days=2)
    build = deadline(
        store, acme, "Build", day(4), kind="checkpoint", margin_days=2, after_id=texts.id
    )
    launch = deadline(store, acme, "Launch", day(-1), margin_days=5, after_id=build.id)
    calm = deadline(store, acme, "Unrelated", day(1), margin_days=3)

    views = {v.id: v for v in deadlines.deadlines(store, acme.id, TODAY)}  # type: ignore[arg-type]
    assert views[texts.id].owner == "client"
    assert (views[texts.id].status, views[texts.id].slip) == ("late", None)
    slip = views[build.id].slip
    assert slip is not None
    assert (slip.projected_on, slip.days, slip.cause_id) == (day(10), 6, texts.id)
    assert views[build.id].status == "upcoming"  # judged on the projected date
    assert views[build.id].after_title == "Texts from the client"
    # Due yesterday, but moved 6 days by the client: in its margin, not late.
    assert views[launch.id].effective_due == day(5)
    assert views[launch.id].status == "in_margin"
    assert (views[calm.id].status, views[calm.id].slip) == ("in_margin", None)
    as_json = views[build.id].as_json()
    assert as_json["projected_on"] == day(10).isoformat()
    assert (as_json["slip_days"], as_json["slip_cause_id"], as_json["after_id"]) == (
        6,
        texts.id,
        texts.id,
    )
    assert views[calm.id].as_json()["projected_on"] is None

    # Once the client delivers (4 days late), the slip shrinks to the real delay.
    mark_done(store, texts.id, day(-2), now=FIXED_NOW)  # type: ignore[arg-type]
    views = {v.id: v for v in deadlines.deadlines(store, acme.id, TODAY)}  # type: ignore[arg-type]
    assert views[texts.id].status == "done"
    assert views[build.id].slip is not None and views[build.id].slip.days == 4


def test_update_deadline_refuses_a_loop_and_changes_nothing(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    a = deadline(store, acme, "A", day(5))
    b = deadline(store, acme, "B", day(9))
    deadlines.update_deadline(
        store, a.id, {"title": "A", "due_on": day(5).isoformat(), "after_id": b.id}, now=FIXED_NOW
    )  # type: ignore[arg-type]
    assert get(store, Deadline, a.id).after_id == b.id

    error = refused(
        InvalidInput,
        deadlines.update_deadline,
        store,
        b.id,
        {"title": "B renamed", "due_on": day(20).isoformat(), "after_id": a.id},
        now=FIXED_NOW,
    )
    assert error.field == "after"
    assert "loop" in error.message and "A" in error.message and "B" in error.message
    row = get(store, Deadline, b.id)
    assert (row.title, row.due_on, row.after_id) == ("B", day(9), None)

    error = refused(
        InvalidInput,
        deadlines.update_deadline,
        store,
        a.id,
        {"title": "A", "due_on": day(5).isoformat(), "after_id": a.id},
        now=FIXED_NOW,
    )
    assert error.field == "after"
    assert get(store, Deadline, a.id).after_id == b.id


def test_update_deadline_changes_the_fields_and_refuses_unknown_ones(
    store: Store, acme: Project, other: Project, refused: Callable[..., InvalidInput]
) -> None:
    a = deadline(store, acme, "A", day(5))
    elsewhere = deadline(store, other, "Elsewhere", day(5))
    deadlines.update_deadline(
        store,
        a.id,  # type: ignore[arg-type]
        {"title": "A, later", "due_on": "2026-12-10T14:30", "kind": "delivery", "margin_days": 3},
        now=FIXED_NOW,
    )
    row = get(store, Deadline, a.id)
    assert (row.title, row.due_on, row.due_time, row.kind, row.margin_days) == (
        "A, later",
        date(2026, 12, 10),
        time(14, 30),
        "delivery",
        3,
    )
    error = refused(
        NotFound,
        deadlines.update_deadline,
        store,
        a.id,
        {"title": "A", "due_on": "2026-12-10", "after_id": elsewhere.id},
        now=FIXED_NOW,
    )
    assert error.field == "after"
    assert refused(NotFound, deadlines.update_deadline, store, 999, {"title": "x"}).field == "id"


def test_reopen_deadline(store: Store, acme: Project, refused: Callable[..., InvalidInput]) -> None:
    a = deadline(store, acme, "A", day(-2))
    mark_done(store, a.id, now=FIXED_NOW)  # type: ignore[arg-type]
    assert get(store, Deadline, a.id).done_on == TODAY
    deadlines.reopen_deadline(store, a.id)  # type: ignore[arg-type]
    assert get(store, Deadline, a.id).done_on is None
    [view] = deadlines.deadlines(store, acme.id, TODAY)  # type: ignore[arg-type]
    assert view.status == "late"
    assert refused(NotFound, deadlines.reopen_deadline, store, 999).field == "id"


# --- the contact log ------------------------------------------------------------------


def test_contacts_page_by_page_newest_first_without_overlap_or_gap(
    store: Store, acme: Project, other: Project
) -> None:
    # Three contacts share each instant: the id breaks the tie.
    for i in range(120):
        contact(store, acme, f"Message {i}", FIXED_NOW - timedelta(hours=i // 3 + 1))
    contact(store, other, "Not this project", FIXED_NOW - timedelta(minutes=5))
    with store.read() as session:
        everything = session.exec(select(Contact).where(Contact.project_id == acme.id)).all()
        expected = [c.id for c in sorted(everything, key=lambda c: (c.at, c.id), reverse=True)]

    seen: list[int] = []
    pages: list[int] = []
    before = None
    while True:
        page = contacts.contacts_page(store, acme.id, before=before)
        if not page:
            break
        pages.append(len(page))
        seen += [c.id for c in page]
        before = (page[-1].at, page[-1].id)
    assert pages == [50, 50, 20]
    assert seen == expected
    assert len(set(seen)) == 120
    first = contacts.contacts_page(store, acme.id, limit=1)[0]
    assert (first.summary, first.project) == ("Message 2", "Acme site")
    # Without a project: every project, still newest first.
    assert contacts.contacts_page(store, None, limit=1)[0].summary == "Not this project"


def test_contacts_filtered_by_channel(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    contact(store, acme, "Mail 1", at(day(-3)))
    contact(store, acme, "Call", at(day(-2)), channel="phone", direction="in")
    contact(store, acme, "Mail 2", at(day(-1)))
    phone = contacts.contacts_page(store, acme.id, channel="phone")
    assert [(c.summary, c.channel, c.direction) for c in phone] == [("Call", "phone", "in")]
    assert [c.summary for c in contacts.contacts_page(store, acme.id, channel="email")] == [
        "Mail 2",
        "Mail 1",
    ]
    assert contacts.contacts_page(store, acme.id, channel="chat") == []
    assert refused(InvalidInput, contacts.contacts_page, store, acme.id, channel="fax").field == (
        "channel"
    )


def test_an_inbound_contact_answers_the_earlier_ones(
    store: Store, acme: Project, other: Project
) -> None:
    asked = contact(store, acme, "Asked for the logo", at(day(-9)), awaiting=True)
    contact(store, acme, "Client sent the logo", at(day(-7)), direction="in")
    later = contact(store, acme, "Asked for the texts", at(day(-3)), awaiting=True)
    contact(store, acme, "Just news", at(day(-2)))
    # Another project's inbound contact answers nothing here.
    contact(store, other, "Léa wrote", at(day(-1)), direction="in")
    waiting = contacts.contacts_page(store, acme.id, awaiting_only=True)
    assert [c.id for c in waiting] == [later.id]
    flags = {c.id: c.awaiting for c in contacts.contacts_page(store, acme.id)}
    assert flags[asked.id] is False and flags[later.id] is True
    assert sum(flags.values()) == 1
    # An inbound contact at the very same instant does not answer.
    contact(store, acme, "Client called", later.at, direction="in", channel="phone")
    assert [c.id for c in contacts.contacts_page(store, acme.id, awaiting_only=True)] == [later.id]
    contact(store, acme, "Client answered", at(day(-1)), direction="in")
    assert contacts.contacts_page(store, acme.id, awaiting_only=True) == []
    assert not any(c.awaiting for c in contacts.contacts_page(store, acme.id))


def test_search_contacts_full_text(
    store: Store, acme: Project, other: Project, db_path: Path, refused: Callable[..., InvalidInput]
) -> None:
    contact(store, acme, "Sent the mock-ups for validation", at(day(-5)))
    contact(store, acme, "Meeting at the café about the menu", at(day(-4)))
    contact(store, other, "Mock-up of the invitation for Léa", at(day(-3)))
    contact(store, other, "Léa's cousin likes pastel colours", at(day(-2)))

    def found(text: str, **kwargs: Any) -> list[str]:
        return [c.summary for c in contacts.search_contacts(store, text, **kwargs)]

    # A prefix, across projects, newest first; then restricted to one project.
    assert found("moc") == ["Mock-up of the invitation for Léa", "Sent the mock-ups for validation"]
    assert found("mock", project_id=acme.id) == ["Sent the mock-ups for validation"]
    assert {c.project for c in contacts.search_contacts(store, "mock")} == {
        "Acme site",
        "Wedding site",
    }
    # Every word must match.
    assert found("mock validation") == ["Sent the mock-ups for validation"]
    # Accents are ignored both ways.
    assert found("cafe") == ["Meeting at the café about the menu"]
    assert (
        found("LEA")
        == found("léa")
        == [
            "Léa's cousin likes pastel colours",
            "Mock-up of the invitation for Léa",
        ]
    )
    # Quotes, FTS operators and SQL-looking text are words, not syntax.
    counts = table_counts(db_path)
    for text in (
        'mock" OR "1"="1',
        "'; DROP TABLE contact; --",
        "NEAR(mock café)",
        "mock*",
        '"',
        "-",
        "(",
        "AND",
    ):
        assert isinstance(contacts.search_contacts(store, text), list)
    assert found('"mock"') == found("mock")
    assert found("'; DROP TABLE contact; --") == []
    assert table_counts(db_path) == counts
    assert refused(InvalidInput, contacts.search_contacts, store, "   ").field == "search"
    assert refused(InvalidInput, contacts.search_contacts, store, "").field == "search"


# --- chasing ---------------------------------------------------------------------------


def test_chase_list_uses_each_projects_chase_delay(store: Store) -> None:
    add_client(store, {"name": "Acme Corp"})
    quick = add_project(
        store, {"name": "Quick", "client": "Acme", "chase_delay_days": 2}, now=FIXED_NOW
    )
    patient = add_project(
        store, {"name": "Patient", "client": "Acme", "chase_delay_days": 5}, now=FIXED_NOW
    )
    contact(store, quick, "Asked for the logo", at(LAST_THURSDAY), awaiting=True)
    contact(store, patient, "Asked for the photos", at(LAST_THURSDAY), awaiting=True)

    [item] = chasing.chase_list(store, TODAY)
    assert (item.project, item.working_days, item.due_on, item.summary) == (
        "Quick",
        2,
        TODAY,
        "Asked for the logo",
    )
    assert (item.open_requests, item.chases) == (1, 0)
    # Three days later both are due: the longest wait first, then by name.
    items = chasing.chase_list(store, day(3))
    assert [(i.project, i.working_days) for i in items] == [("Patient", 5), ("Quick", 5)]
    assert items[0].due_on == day(3)
    assert [i.project for i in chasing.chase_list(store, day(3), quick.id)] == ["Quick"]
    assert chasing.chase_list(store, day(-1)) == []


def _request_on_christmas_eve(store: Store, acme: Project) -> None:
    """Thursday 24 December 2026: a request, on a project chased after two working days."""
    sent = at(date(2026, 12, 24))
    capture(
        store,
        {"project": acme.id, "summary": "Sent the invoice", "at": sent, "awaiting_reply": True},
        now=sent,
    )


def test_in_france_the_chase_skips_christmas(store: Store, acme: Project) -> None:
    from relay_tui.closed_days import for_settings
    from relay_tui.domain.chase import weekend
    from relay_tui.settings import Settings

    _request_on_christmas_eve(store, acme)
    # Without public holidays, Friday 25 and Monday 28 make two working days.
    [item] = chasing.chase_list(store, date(2026, 12, 28), closed=weekend)
    assert item.due_on == date(2026, 12, 28)
    # In France (the settings' country), Christmas is closed: due on Tuesday 29.
    france = for_settings(Settings(country="FR"))
    assert chasing.chase_list(store, date(2026, 12, 28), closed=france) == []
    [item] = chasing.chase_list(store, date(2026, 12, 29), closed=france)
    assert (item.working_days, item.due_on) == (2, date(2026, 12, 29))


def test_the_users_closed_days_stop_the_chase_clock(store: Store, acme: Project) -> None:
    from relay_tui.closed_days import ClosedDays, for_settings
    from relay_tui.settings import Settings

    _request_on_christmas_eve(store, acme)
    # Closed from Christmas to New Year's Day; no country: weekends and that range only.
    holiday = ((date(2026, 12, 25), date(2027, 1, 1)),)
    mine = for_settings(Settings(country="none", closed_days=holiday))
    assert chasing.chase_list(store, date(2027, 1, 4), closed=mine) == []
    [item] = chasing.chase_list(store, date(2027, 1, 5), closed=mine)
    assert (item.working_days, item.due_on) == (2, date(2027, 1, 5))
    # The same, built by hand.
    closed = ClosedDays(None, holiday)
    [item] = chasing.chase_list(store, date(2027, 1, 5), closed=closed)
    assert item.due_on == date(2027, 1, 5)


def test_log_chase_restarts_the_clock_and_is_counted(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    error = refused(InvalidInput, chasing.log_chase, store, acme.id, now=FIXED_NOW)
    assert error.field == "project"
    assert "nothing awaits a reply" in error.message

    first = contact(store, acme, "Sent the mock-ups", at(day(-11)), awaiting=True, channel="chat")
    contact(store, acme, "Asked for the texts", at(LAST_THURSDAY), awaiting=True)
    assert chasing.chase_count(store, acme.id) == 0  # type: ignore[arg-type]
    assert [i.project for i in chasing.chase_list(store, TODAY)] == ["Acme site"]

    chase, project = chasing.log_chase(store, "Acme", now=FIXED_NOW)
    assert project.id == acme.id
    row = get(store, Contact, chase.id)
    assert (row.direction, row.awaiting_reply, row.is_chase, row.at) == (
        "out",
        True,
        True,
        FIXED_NOW,
    )
    # It chases the oldest request, on its channel.
    assert (row.summary, row.channel) == ("Chased: Sent the mock-ups", "chat")
    assert chasing.chase_count(store, acme.id) == 1  # type: ignore[arg-type]
    # The clock restarted: nobody to chase today, but two working days later again.
    assert chasing.chase_list(store, TODAY) == []
    [item] = chasing.chase_list(store, day(2))
    assert (item.chases, item.open_requests, item.summary) == (1, 2, "Sent the mock-ups")
    assert item.first_asked == first.at

    again, _ = chasing.log_chase(store, acme.id, channel="phone", note="Called Jo", now=FIXED_NOW)
    assert (again.summary, again.channel) == ("Called Jo", "phone")
    assert chasing.chase_count(store, acme.id) == 2  # type: ignore[arg-type]

    later = FIXED_NOW + timedelta(hours=1)
    capture(store, {"project": acme.id, "summary": "Jo answered", "direction": "in"}, now=later)
    assert refused(InvalidInput, chasing.log_chase, store, acme.id, now=later).field == "project"


# --- validations -----------------------------------------------------------------------


def test_request_validation(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    error = refused(
        InvalidInput,
        validations.request_validation,
        store,
        acme.id,
        {"deliverable": "Logo", "requested_on": "+2d"},
        now=FIXED_NOW,
    )
    assert (error.field, error.message) == ("on", "is in the future")
    assert (
        refused(
            InvalidInput,
            validations.request_validation,
            store,
            acme.id,
            {"deliverable": " "},
            now=FIXED_NOW,
        ).field
        == "deliverable"
    )
    row = validations.request_validation(
        store, "Acme", {"deliverable": "Logo", "requested_on": None}, now=FIXED_NOW
    )
    assert (row.project_id, row.deliverable, row.requested_on, row.validated_on) == (
        acme.id,
        "Logo",
        TODAY,
        None,
    )
    [view] = validations.validations(store, acme.id)  # type: ignore[arg-type]
    assert (view.deliverable, view.locked, view.history) == ("Logo", False, [])


def test_validating_locks_and_reopening_records_a_change_request(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    row = validations.request_validation(
        store, acme.id, {"deliverable": "Home page", "requested_on": "-5d"}, now=FIXED_NOW
    )
    vid = row.id
    assert row.requested_on == day(-5)
    # Before the request: refused.
    error = refused(
        InvalidInput,
        validations.validate_deliverable,
        store,
        vid,
        {"validated_by": "Jo", "validated_on": day(-6).isoformat()},
        now=FIXED_NOW,
    )
    assert error.field == "on"
    assert "before the request" in error.message
    assert (
        refused(
            InvalidInput,
            validations.validate_deliverable,
            store,
            vid,
            {"validated_by": ""},
            now=FIXED_NOW,
        ).field
        == "by"
    )
    # Reopening what is not validated: refused.
    assert (
        refused(
            Conflict, validations.reopen_validation, store, vid, {"reason": "x"}, now=FIXED_NOW
        ).field
        == "id"
    )

    validations.validate_deliverable(
        store, vid, {"validated_by": "Jo Client", "validated_on": "-2d"}, now=FIXED_NOW
    )  # type: ignore[arg-type]
    stored = get(store, Validation, vid)
    assert (stored.validated_on, stored.validated_by) == (day(-2), "Jo Client")
    [view] = validations.validations(store, acme.id)  # type: ignore[arg-type]
    assert view.locked

    # Locked: validating again is a conflict, nothing changes.
    error = refused(
        Conflict,
        validations.validate_deliverable,
        store,
        vid,
        {"validated_by": "Someone else", "validated_on": None},
        now=FIXED_NOW,
    )
    assert error.field == "id" and "locked" in error.message
    assert get(store, Validation, vid).validated_by == "Jo Client"

    # Reopening needs a reason.
    assert (
        refused(
            InvalidInput, validations.reopen_validation, store, vid, {"reason": "  "}, now=FIXED_NOW
        ).field
        == "reason"
    )
    assert (
        refused(InvalidInput, validations.reopen_validation, store, vid, {}, now=FIXED_NOW).field
        == "reason"
    )

    change = validations.reopen_validation(
        store, vid, {"reason": "The client wants a darker header"}, now=FIXED_NOW
    )  # type: ignore[arg-type]
    with store.read() as session:
        [stored_change] = session.exec(select(ChangeRequest)).all()
    assert stored_change.id == change.id
    assert (
        stored_change.validation_id,
        stored_change.reason,
        stored_change.previous_validated_on,
        stored_change.previous_validated_by,
        stored_change.created_at,
    ) == (vid, "The client wants a darker header", day(-2), "Jo Client", FIXED_NOW)
    stored = get(store, Validation, vid)
    assert (stored.validated_on, stored.validated_by) == (None, "")
    [view] = validations.validations(store, acme.id)  # type: ignore[arg-type]
    assert not view.locked
    assert [c.reason for c in view.history] == ["The client wants a darker header"]
    assert view.as_json()["change_requests"][0]["previous_validated_on"] == day(-2).isoformat()

    # Unlocked: it can be validated again, and the history stays.
    validations.validate_deliverable(
        store, vid, {"validated_by": "Jo", "validated_on": None}, now=FIXED_NOW
    )  # type: ignore[arg-type]
    [view] = validations.validations(store, acme.id)  # type: ignore[arg-type]
    assert (view.validated_on, view.validated_by, len(view.history)) == (TODAY, "Jo", 1)
    assert (
        refused(
            NotFound,
            validations.validate_deliverable,
            store,
            999,
            {"validated_by": "x", "validated_on": None},
            now=FIXED_NOW,
        ).field
        == "id"
    )


# --- the report and the calendar ------------------------------------------------------


def test_report_of_the_bakery_demo(store: Store) -> None:
    seed_demo(store, now=FIXED_NOW)
    project, text = status_report.report(store, "Bakery", TODAY)
    assert project.name == "Bakery website"
    lines = text.splitlines()
    assert lines[0] == "# Bakery website: where we stand"
    assert "Status on Monday 23 November 2026, for Marie Lambert." in lines
    # The late client validation, and what it does to the plan.
    assert "- Mock-ups validated by Marie: overdue since Tuesday 17 November" in lines
    assert (
        "- Build the pages: planned for Thursday 3 December (first planned for Friday "
        "27 November; moved 6 days by the late 'Mock-ups validated by Marie')"
    ) in lines
    assert (
        "- Go live: planned for Friday 11 December (first planned for Saturday 5 December; "
        "moved 6 days by the late 'Mock-ups validated by Marie')"
    ) in lines
    assert "- Received from you: Photos and texts from Marie (Tuesday 10 November)" in lines
    assert "- Home page mock-up (sent Saturday 14 November)" in lines
    assert "- A reply to our message “Sent the mock-ups for validation”" in lines
    waiting = text.split("## Waiting for your validation")[1].split("## ")[0]
    assert "Site map" not in waiting  # validated: not waiting
    assert any(
        line.startswith("- Marie validates late and the launch slips (high).") for line in lines
    )
    # Nothing of the other projects.
    assert "Posters" not in text and "Sprint" not in text


def test_export_ics_writes_a_private_file_with_one_event_per_open_deadline(
    store: Store, tmp_path: Path, db_path: Path, refused: Callable[..., InvalidInput]
) -> None:
    seed_demo(store, now=FIXED_NOW)
    output = tmp_path / "bakery.ics"
    count = calendar.export_ics(store, output, project="Bakery", now=FIXED_NOW)
    assert count == 3
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    found = {str(e["SUMMARY"]): e for e in Calendar.from_ical(output.read_bytes()).walk("VEVENT")}
    events = {name: e for name, e in found.items() if str(e["STATUS"]) == "CONFIRMED"}
    assert set(events) == {
        "Mock-ups validated by Marie (Bakery website)",
        "Build the pages (Bakery website)",
        "Go live (Bakery website)",
    }
    # The "Photos and texts" done lately: sent cancelled (a calendar drops it).
    assert {name for name in found if name not in events} == {
        "Photos and texts from Marie (Bakery website)"
    }
    # Slipped deadlines go in at their projected date.
    assert events["Build the pages (Bakery website)"]["DTSTART"].dt == date(2026, 12, 3)
    assert events["Go live (Bakery website)"]["DTSTART"].dt == date(2026, 12, 11)
    assert events["Mock-ups validated by Marie (Bakery website)"]["DTSTART"].dt == date(
        2026, 11, 17
    )
    bakery_uids = {str(e["UID"]) for e in events.values()}

    # Every active project: one event per open deadline, the closed shop left out.
    everything = tmp_path / "all.ics"
    total = calendar.export_ics(store, everything, now=FIXED_NOW + timedelta(hours=1))
    with store.read() as session:
        expected = session.exec(
            select(Deadline.id)
            .join(Project, Project.id == Deadline.project_id)  # type: ignore[arg-type]
            .where(Project.status == "active", Deadline.done_on == None)  # noqa: E711
        ).all()
    all_events = [
        e
        for e in Calendar.from_ical(everything.read_bytes()).walk("VEVENT")
        if str(e["STATUS"]) == "CONFIRMED"
    ]
    assert total == len(all_events) == len(expected) == 9
    all_uids = {str(e["UID"]) for e in all_events}
    assert len(all_uids) == 9
    assert bakery_uids <= all_uids  # the same UIDs whatever the export

    # An existing file is never overwritten.
    before = output.read_bytes()
    error = refused(InvalidInput, calendar.export_ics, store, output, now=FIXED_NOW)
    assert error.field == "output"
    assert output.read_bytes() == before
