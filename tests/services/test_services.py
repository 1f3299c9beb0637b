"""The use cases, against a real SQLite store: what is written, and what is refused.

Every refusal names the field at fault and writes nothing (`table_counts` unchanged).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.domain.before import CLIENT_COMMITMENTS, PROVIDER_COMMITMENTS
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.models import Client, Commitment, Contact, Deadline, Project, Risk, TimeEntry
from relay_tui.services.clients import add_client, list_clients
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline, mark_done
from relay_tui.services.projects import add_project, find_project, list_projects
from relay_tui.services.risks import add_risk
from relay_tui.services.timelog import log_time
from tests.conftest import FIXED_NOW, table_counts

TODAY = FIXED_NOW.date()


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
    """One client, one active project."""
    add_client(store, {"name": "Acme Corp", "email": "jo@acme.test"})
    return add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)


def rows(store: Store, model: type[Any]) -> list[Any]:
    with store.read() as session:
        return list(session.exec(select(model)).all())


# --- clients ------------------------------------------------------------------------------


def test_add_client_stores_cleaned_values(store: Store) -> None:
    client = add_client(
        store,
        {
            "name": "  Acme Corp ",
            "organisation": "",
            "email": " jo@acme.test ",
            "phone": "+33 1 23 45 67 89",
            "channel": "Phone",
        },
    )
    assert client.id is not None
    [stored] = rows(store, Client)
    assert stored.name == "Acme Corp"
    assert stored.organisation is None
    assert stored.email == "jo@acme.test"
    assert stored.channel == "phone"
    assert stored.created_at.tzinfo is not None
    assert [c.name for c in list_clients(store)] == ["Acme Corp"]


@pytest.mark.parametrize("name", ["Acme Corp", "ACME CORP", "  acme corp  "])
def test_duplicate_client_names_are_refused_whatever_the_case(
    store: Store, refused: Callable[..., InvalidInput], name: str
) -> None:
    add_client(store, {"name": "Acme Corp"})
    error = refused(Conflict, add_client, store, {"name": name})
    assert error.field == "name"
    assert "already exists" in error.message


@pytest.mark.parametrize("email", ["not-an-email", "@acme.test", "jo@", "jo @acme.test"])
def test_bad_email_is_refused(
    store: Store, refused: Callable[..., InvalidInput], email: str
) -> None:
    error = refused(InvalidInput, add_client, store, {"name": "Bob", "email": email})
    assert error.field == "email"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "Bob", "channel": "fax"}, "channel"),
        ({"name": "Bob", "phone": "1" * 41}, "phone"),
        ({"name": "Bob\x00"}, "name"),
        ({"name": "Bob", "colour": "red"}, "colour"),
    ],
)
def test_bad_client_fields_are_refused(
    store: Store, refused: Callable[..., InvalidInput], data: dict[str, Any], field: str
) -> None:
    assert refused(InvalidInput, add_client, store, data).field == field


def test_client_name_length_limit_is_inclusive(store: Store) -> None:
    assert add_client(store, {"name": "x" * 120}).name == "x" * 120


# --- projects -----------------------------------------------------------------------------


def test_add_project_prefills_five_commitments_per_party(store: Store, acme: Project) -> None:
    commitments = sorted(rows(store, Commitment), key=lambda c: c.position)
    assert len(commitments) == 10
    client = [c.text for c in commitments if c.party == "client"]
    provider = [c.text for c in commitments if c.party == "provider"]
    assert client == list(CLIENT_COMMITMENTS)
    assert provider == list(PROVIDER_COMMITMENTS)
    assert {c.project_id for c in commitments} == {acme.id}
    assert [c.position for c in commitments] == list(range(10))
    assert all(c.status == "pending" for c in commitments)
    assert rows(store, Risk) == []  # no framing answer, no framing risk


def test_add_project_stores_its_fields(store: Store) -> None:
    add_client(store, {"name": "Acme Corp"})
    project = add_project(
        store,
        {
            "name": "Launch",
            "client": "Acme Corp",
            "kind": "Corporate",
            "start_on": "today",
            "delivery_on": "+2w",
            "budget_minutes": "40h",
            "chase_delay_days": "3",
        },
        now=FIXED_NOW,
    )
    stored = find_project(store, project.id)
    assert stored.kind == "corporate"
    assert stored.phase == "before" and stored.status == "active"
    assert stored.start_on == TODAY
    assert stored.delivery_on == TODAY + timedelta(weeks=2)
    assert stored.budget_minutes == 40 * 60
    assert stored.chase_delay_days == 3
    [row] = list_projects(store)
    assert row.as_json()["client"] == "Acme Corp"
    assert row.as_json()["delivery_on"] == "2026-12-07"


def test_add_project_uses_the_default_chase_delay(store: Store) -> None:
    add_client(store, {"name": "Acme Corp"})
    project = add_project(
        store, {"name": "P", "client": "acme"}, now=FIXED_NOW, default_chase_delay=7
    )
    assert find_project(store, project.id).chase_delay_days == 7


@pytest.mark.parametrize(
    ("answers", "categories"),
    [
        ({"client_accountable": True}, {"accountability"}),
        ({"event_bound": True}, {"event_deadline"}),
        ({"partial_delivery_ok": False}, {"scope"}),
        ({"partial_delivery_ok": True, "event_bound": False}, set()),
        (
            {"client_accountable": True, "event_bound": True, "partial_delivery_ok": False},
            {"accountability", "event_deadline", "scope"},
        ),
    ],
)
def test_framing_answers_create_the_matching_risks(
    store: Store, answers: dict[str, bool], categories: set[str]
) -> None:
    add_client(store, {"name": "Acme Corp"})
    project = add_project(store, {"name": "P", "client": "acme", **answers}, now=FIXED_NOW)
    risks = rows(store, Risk)
    assert {r.category for r in risks} == categories
    assert all(r.project_id == project.id and r.status == "open" for r in risks)
    stored = find_project(store, project.id)
    for key, value in answers.items():
        assert getattr(stored, key) is value


def test_unknown_client_is_refused(store: Store, refused: Callable[..., InvalidInput]) -> None:
    add_client(store, {"name": "Acme Corp"})
    error = refused(
        NotFound,
        add_project,
        store,
        {"name": "P", "client": "Nobody", "event_bound": True},
        now=FIXED_NOW,
    )
    assert error.field == "client"


def test_unknown_client_id_is_refused(store: Store, refused: Callable[..., InvalidInput]) -> None:
    error = refused(NotFound, add_project, store, {"name": "P", "client": "42"}, now=FIXED_NOW)
    assert error.field == "client"


def test_delivery_before_start_is_refused(
    store: Store, refused: Callable[..., InvalidInput]
) -> None:
    add_client(store, {"name": "Acme Corp"})
    data = {"name": "P", "client": "acme", "start_on": "2026-12-10", "delivery_on": "2026-12-09"}
    error = refused(InvalidInput, add_project, store, data, now=FIXED_NOW)
    assert error.field == "delivery"
    # The same day is fine.
    add_project(store, {**data, "delivery_on": "2026-12-10"}, now=FIXED_NOW)


@pytest.mark.parametrize("name", ["Acme site", "ACME SITE"])
def test_duplicate_project_name_is_refused(
    store: Store, acme: Project, refused: Callable[..., InvalidInput], name: str
) -> None:
    data = {"name": name, "client": "acme", "client_accountable": True}
    error = refused(Conflict, add_project, store, data, now=FIXED_NOW)
    assert error.field == "name"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "client": "acme"}, "name"),
        ({"name": "P", "client": ""}, "client"),
        ({"name": "P", "client": "acme", "kind": "secret"}, "kind"),
        ({"name": "P", "client": "acme", "start_on": "someday"}, "start"),
        ({"name": "P", "client": "acme", "delivery_on": "2026-02-30"}, "delivery"),
        ({"name": "P", "client": "acme", "budget_minutes": "0"}, "budget"),
        ({"name": "P", "client": "acme", "chase_delay_days": "61"}, "chase_delay"),
    ],
)
def test_bad_project_fields_are_refused(
    store: Store, refused: Callable[..., InvalidInput], data: dict[str, Any], field: str
) -> None:
    add_client(store, {"name": "Acme Corp"})
    assert refused(InvalidInput, add_project, store, data, now=FIXED_NOW).field == field


# --- capture ------------------------------------------------------------------------------


def test_capture_with_defaults_uses_the_only_active_project(store: Store, acme: Project) -> None:
    _, project = capture(store, {"summary": "  Sent the quote  "}, now=FIXED_NOW)
    assert project.id == acme.id
    [stored] = rows(store, Contact)
    assert stored.summary == "Sent the quote"
    assert stored.at == FIXED_NOW
    assert stored.created_at == FIXED_NOW
    assert (stored.channel, stored.direction) == ("email", "out")
    assert stored.awaiting_reply is False and stored.is_chase is False


def test_capture_with_every_option(store: Store, acme: Project) -> None:
    data = {
        "project": "ACME",
        "summary": "Call about the brief",
        "channel": "phone",
        "direction": "out",
        "awaiting_reply": True,
        "at": "yesterday",
    }
    capture(store, data, now=FIXED_NOW)
    [stored] = rows(store, Contact)
    assert stored.at == FIXED_NOW - timedelta(days=1)
    assert (stored.channel, stored.direction, stored.awaiting_reply) == ("phone", "out", True)


def test_capture_inbound_awaiting_is_refused(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    data = {"summary": "They called", "direction": "in", "awaiting_reply": True}
    error = refused(InvalidInput, capture, store, data, now=FIXED_NOW)
    assert error.field == "awaiting"


def test_capture_in_the_future_is_refused(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    for at in ("tomorrow", "10:06", "2026-11-23T10:05:01Z"):
        error = refused(InvalidInput, capture, store, {"summary": "x", "at": at}, now=FIXED_NOW)
        assert error.field == "at"
    capture(store, {"summary": "x", "at": "2026-11-23T10:05Z"}, now=FIXED_NOW)  # tolerance
    assert len(rows(store, Contact)) == 1


def test_capture_with_an_ambiguous_project_lists_the_candidates(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    add_project(store, {"name": "Acme shop", "client": "acme"}, now=FIXED_NOW)
    error = refused(
        InvalidInput, capture, store, {"project": "acme s", "summary": "x"}, now=FIXED_NOW
    )
    assert error.field == "project"
    assert "Acme site" in error.message and "Acme shop" in error.message
    # And with two active projects, leaving it out is refused too.
    error = refused(InvalidInput, capture, store, {"summary": "x"}, now=FIXED_NOW)
    assert error.field == "project"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"summary": ""}, "text"),
        ({"summary": "x" * 4001}, "text"),
        ({"summary": "x", "channel": "fax"}, "channel"),
        ({"summary": "x", "direction": "sideways"}, "direction"),
        ({"summary": "x", "at": "garbage"}, "at"),
        ({"summary": "x", "project": "nothing"}, "project"),
        ({"summary": "x", "project": "99"}, "project"),
    ],
)
def test_bad_capture_fields_are_refused(
    store: Store,
    acme: Project,
    refused: Callable[..., InvalidInput],
    data: dict[str, Any],
    field: str,
) -> None:
    assert refused(InvalidInput, capture, store, data, now=FIXED_NOW).field == field


def test_capture_with_no_project_at_all(store: Store, refused: Callable[..., InvalidInput]) -> None:
    error = refused(InvalidInput, capture, store, {"summary": "x"}, now=FIXED_NOW)
    assert error.field == "project"
    assert "relay project add" in error.message


# --- deadlines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "owner"),
    [
        ("documents", "client"),
        ("validation", "client"),
        ("delivery", "provider"),
        ("checkpoint", "provider"),
        ("other", "provider"),
    ],
)
def test_deadline_owner_defaults_from_its_kind(
    store: Store, acme: Project, kind: str, owner: str
) -> None:
    deadline = add_deadline(store, {"title": "D", "due_on": "+3d", "kind": kind}, now=FIXED_NOW)
    assert deadline.owner == owner
    assert deadline.due_on == TODAY + timedelta(days=3)
    assert deadline.due_time is None


def test_deadline_explicit_owner_wins(store: Store, acme: Project) -> None:
    data = {"title": "D", "due_on": "+3d", "kind": "documents", "owner": "provider"}
    assert add_deadline(store, data, now=FIXED_NOW).owner == "provider"


def test_deadline_keeps_the_time_of_day(store: Store, acme: Project) -> None:
    add_deadline(store, {"title": "Demo", "due_on": "2026-12-01T14:30"}, now=FIXED_NOW)
    [stored] = rows(store, Deadline)
    assert stored.due_on == date(2026, 12, 1)
    assert stored.due_time == time(14, 30)


def test_deadline_word_forms(store: Store, acme: Project) -> None:
    for due in ("today", "tomorrow", "yesterday"):
        add_deadline(store, {"title": due, "due_on": due}, now=FIXED_NOW)
    stored = {d.title: d.due_on for d in rows(store, Deadline)}
    assert stored == {
        "today": TODAY,
        "tomorrow": TODAY + timedelta(days=1),
        "yesterday": TODAY - timedelta(days=1),
    }


def test_deadline_after_another_of_the_same_project(store: Store, acme: Project) -> None:
    first = add_deadline(store, {"title": "Docs", "due_on": "+3d"}, now=FIXED_NOW)
    second = add_deadline(
        store, {"title": "Build", "due_on": "+2w", "after_id": first.id}, now=FIXED_NOW
    )
    assert second.after_id == first.id


def test_deadline_after_one_of_another_project_is_refused(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    add_project(store, {"name": "Beta", "client": "acme"}, now=FIXED_NOW)
    other = add_deadline(store, {"project": "beta", "title": "B", "due_on": "+3d"}, now=FIXED_NOW)
    data = {"project": "acme", "title": "A", "due_on": "+4d", "after_id": other.id}
    error = refused(NotFound, add_deadline, store, data, now=FIXED_NOW)
    assert error.field == "after"
    error = refused(NotFound, add_deadline, store, {**data, "after_id": 999}, now=FIXED_NOW)
    assert error.field == "after"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "due_on": "+3d"}, "title"),
        ({"title": "D", "due_on": "someday"}, "due"),
        ({"title": "D", "due_on": "2026-12-01T14:61"}, "due"),
        ({"title": "D", "due_on": "+3d", "kind": "party"}, "kind"),
        ({"title": "D", "due_on": "+3d", "owner": "nobody"}, "owner"),
        ({"title": "D", "due_on": "+3d", "margin_days": "366"}, "margin"),
        ({"title": "D", "due_on": "+3d", "margin_days": "-1"}, "margin"),
        ({"title": "D"}, "due"),
    ],
)
def test_bad_deadline_fields_are_refused(
    store: Store,
    acme: Project,
    refused: Callable[..., InvalidInput],
    data: dict[str, Any],
    field: str,
) -> None:
    assert refused(InvalidInput, add_deadline, store, data, now=FIXED_NOW).field == field


def test_mark_done(store: Store, acme: Project) -> None:
    deadline = add_deadline(store, {"title": "D", "due_on": "+3d"}, now=FIXED_NOW)
    assert mark_done(store, deadline.id, now=FIXED_NOW).done_on == TODAY
    assert mark_done(store, deadline.id, "yesterday", now=FIXED_NOW).done_on == date(2026, 11, 22)
    assert mark_done(store, deadline.id, date(2026, 11, 1), now=FIXED_NOW).done_on == date(
        2026, 11, 1
    )
    [stored] = rows(store, Deadline)
    assert stored.done_on == date(2026, 11, 1)


def test_mark_done_in_the_future_or_garbage_is_refused(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    deadline = add_deadline(store, {"title": "D", "due_on": "+3d"}, now=FIXED_NOW)
    for on in ("tomorrow", "+1d", date(2026, 11, 24), "garbage"):
        error = refused(InvalidInput, mark_done, store, deadline.id, on, now=FIXED_NOW)
        assert error.field == "on"
    [stored] = rows(store, Deadline)
    assert stored.done_on is None


def test_mark_done_unknown_id_is_refused(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    assert refused(NotFound, mark_done, store, 404, now=FIXED_NOW).field == "id"


# --- risks --------------------------------------------------------------------------------


def test_add_risk(store: Store, acme: Project) -> None:
    risk = add_risk(
        store,
        {
            "title": "Key person leaves",
            "probability": "2",
            "impact": 5,
            "category": "Technical",
            "review_on": "today",
        },
        now=FIXED_NOW,
    )
    assert (risk.probability, risk.impact, risk.category) == (2, 5, "technical")
    assert risk.review_on == TODAY
    assert risk.project_id == acme.id


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"review_on": "yesterday"}, "review"),
        ({"review_on": "2026-11-22"}, "review"),
        ({"probability": 0}, "probability"),
        ({"probability": "6"}, "probability"),
        ({"probability": True}, "probability"),
        ({"impact": "abc"}, "impact"),
        ({"impact": 26}, "impact"),
        ({"category": "weather"}, "category"),
        ({"title": "  "}, "title"),
        ({"status": "forgotten"}, "status"),
    ],
)
def test_bad_risk_fields_are_refused(
    store: Store,
    acme: Project,
    refused: Callable[..., InvalidInput],
    data: dict[str, Any],
    field: str,
) -> None:
    full = {"title": "R", "probability": 3, "impact": 3, **data}
    assert refused(InvalidInput, add_risk, store, full, now=FIXED_NOW).field == field


def test_a_risk_needs_probability_and_impact(
    store: Store, acme: Project, refused: Callable[..., InvalidInput]
) -> None:
    error = refused(InvalidInput, add_risk, store, {"title": "R", "impact": 3}, now=FIXED_NOW)
    assert error.field == "probability"


# --- time ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "minutes"),
    [("90", 90), ("1h30", 90), ("45m", 45), ("2h", 120), ("1:30", 90), (30, 30), ("24h", 1440)],
)
def test_log_time_durations(store: Store, acme: Project, duration: object, minutes: int) -> None:
    entry = log_time(store, {"minutes": duration}, now=FIXED_NOW)
    assert entry.minutes == minutes
    [stored] = rows(store, TimeEntry)
    assert (stored.minutes, stored.spent_on, stored.category) == (minutes, TODAY, "work")


def test_log_time_on_a_past_day_with_a_note(store: Store, acme: Project) -> None:
    entry = log_time(
        store,
        {"minutes": "1h", "spent_on": "2026-11-20", "category": "meetings", "note": " kickoff "},
        now=FIXED_NOW,
    )
    assert (entry.spent_on, entry.category, entry.note) == (
        date(2026, 11, 20),
        "meetings",
        "kickoff",
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"minutes": "tomorrow"}, "duration"),
        ({"minutes": "0"}, "duration"),
        ({"minutes": 0}, "duration"),
        ({"minutes": -30}, "duration"),
        ({"minutes": "24h01"}, "duration"),
        ({"minutes": "1h", "spent_on": "tomorrow"}, "on"),
        ({"minutes": "1h", "spent_on": "2026-11-24"}, "on"),
        ({"minutes": "1h", "spent_on": "whenever"}, "on"),
        ({"minutes": "1h", "category": "fun"}, "category"),
    ],
)
def test_bad_time_entries_are_refused(
    store: Store,
    acme: Project,
    refused: Callable[..., InvalidInput],
    data: dict[str, Any],
    field: str,
) -> None:
    assert refused(InvalidInput, log_time, store, data, now=FIXED_NOW).field == field
