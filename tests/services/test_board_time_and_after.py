"""Any time and after, through the services, on hand-built data with known answers; then
the `relay board` and `relay retro --export` commands in a few subprocesses.

Today is Monday 23 November 2026 (FIXED_NOW) everywhere.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.models import (
    Commitment,
    Handover,
    Incident,
    Lesson,
    Project,
    Risk,
    SelfAssessment,
    Validation,
)
from relay_tui.services import board, deadlines, handover, incidents, projects, retro, timelog
from relay_tui.services.chasing import log_chase
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline, mark_done
from relay_tui.services.projects import add_project
from relay_tui.services.timelog import log_time
from relay_tui.services.validations import reopen_validation, validate_deliverable
from relay_tui.vocab import ProjectStatus
from tests.conftest import FIXED_NOW, run_relay, table_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()  # Monday 23 November 2026


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


# --- building blocks --------------------------------------------------------------------


def client(store: Store, name: str) -> None:
    add_client(store, {"name": name})


def project(store: Store, name: str, client_name: str, **extra: Any) -> int:
    created = add_project(store, {"name": name, "client": client_name, **extra}, now=FIXED_NOW)
    assert created.id is not None
    return created.id


def deadline(
    store: Store, pid: int, title: str, due: date, *, done: date | None = None, **extra: Any
) -> int:
    row = add_deadline(
        store,
        {"project": pid, "title": title, "due_on": due.isoformat(), **extra},
        now=FIXED_NOW,
    )
    assert row.id is not None
    if done is not None:
        mark_done(store, row.id, done, now=FIXED_NOW)
    return row.id


def contact(
    store: Store,
    pid: int,
    when: datetime,
    summary: str,
    *,
    direction: str = "out",
    awaiting: bool = False,
    channel: str = "email",
    chase: bool = False,
) -> None:
    capture(
        store,
        {
            "project": pid,
            "summary": summary,
            "channel": channel,
            "direction": direction,
            "awaiting_reply": awaiting,
            "at": when,
            "is_chase": chase,
        },
        now=FIXED_NOW,
    )


def spend(store: Store, pid: int, day: date, minutes: int, category: str = "work") -> None:
    log_time(
        store,
        {"project": pid, "minutes": minutes, "spent_on": day.isoformat(), "category": category},
        now=FIXED_NOW,
    )


def validation(store: Store, pid: int, deliverable: str, asked: date, done: date | None) -> int:
    with store.write() as session:
        row = Validation(
            project_id=pid,
            deliverable=deliverable,
            requested_on=asked,
            validated_on=done,
            validated_by="Ann" if done else "",
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def incident(store: Store, pid: int, title: str, day: date, **extra: Any) -> Incident:
    return incidents.save_incident(
        store, pid, {"title": title, "occurred_on": day.isoformat(), **extra}, now=FIXED_NOW
    )


def set_commitments(store: Store, pid: int, *changes: tuple[int, str, date | None, str]) -> None:
    """(position, status, due_on, note) for some of the pre-filled commitments."""
    with store.write() as session:
        rows = {
            c.position: c
            for c in session.exec(select(Commitment).where(Commitment.project_id == pid)).all()
        }
        for position, status, due_on, note in changes:
            row = rows[position]
            row.status = status  # type: ignore[assignment]
            row.due_on = due_on
            row.note = note
            session.add(row)


# --- the board --------------------------------------------------------------------------


@pytest.fixture
def board_store(store: Store) -> dict[str, int]:
    """Four active projects and a closed one, with known answers (see each test)."""
    client(store, "Ann Client")
    alpha = project(
        store,
        "Alpha site",
        "Ann",
        start_on="2026-11-01",
        delivery_on="2026-12-03",
        budget_minutes=600,
    )
    content = deadline(store, alpha, "Content from Ann", d(20), kind="documents")
    deadline(store, alpha, "Build the pages", d(22), margin_days=2, after_id=content)
    deadline(store, alpha, "Review with Ann", d(24), margin_days=1)
    deadline(store, alpha, "Launch", d(10, 12), margin_days=3)
    deadline(store, alpha, "Kick-off", d(10), done=d(12))
    contact(store, alpha, at(16), "Asked for the content", awaiting=True)
    contact(store, alpha, at(18), "Asked for the logo", awaiting=True)
    spend(store, alpha, d(14), 300)
    spend(store, alpha, d(20), 120, "rework")
    spend(store, alpha, d(23), 240, "meetings")

    beta = project(store, "Beta app", "Ann", budget_minutes=1000)
    deadline(store, beta, "Texts from Ann", d(18), kind="documents")
    deadline(store, beta, "First draft", d(21))
    contact(store, beta, at(19), "Asked for the texts", awaiting=True)
    spend(store, beta, d(20), 400)

    gamma = project(store, "Gamma", "Ann")
    spend(store, gamma, d(23), 90, "admin")

    delta = project(store, "Delta", "Ann", budget_minutes=300)

    closed = project(store, "Epsilon", "Ann", budget_minutes=60, delivery_on="2026-12-01")
    deadline(store, closed, "Old documents", d(2), kind="documents")
    contact(store, closed, at(2), "Asked long ago", awaiting=True)
    spend(store, closed, d(3), 600)
    with store.write() as session:
        row = session.get(Project, closed)
        assert row is not None
        row.status = ProjectStatus.closed
        session.add(row)
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta, "closed": closed}


def test_board_alarms_are_late_then_in_margin_with_projected_dates(
    store: Store, board_store: dict[str, int]
) -> None:
    data = board.board(store, TODAY)
    assert [(name, bell.title, bell.status) for name, bell in data.alarms] == [
        ("Beta app", "Texts from Ann", "late"),  # due 18
        ("Alpha site", "Content from Ann", "late"),  # due 20
        ("Beta app", "First draft", "late"),  # due 21
        ("Alpha site", "Review with Ann", "in_margin"),  # due 24, margin 1
        ("Alpha site", "Build the pages", "in_margin"),  # due 22, projected 25
    ]
    by_title = {bell.title: bell for _, bell in data.alarms}
    build = by_title["Build the pages"]
    # The content is 3 days late: the build moves from the 22nd to the 25th.
    assert build.slip is not None
    assert (build.slip.projected_on, build.slip.days) == (d(25), 3)
    assert build.owner == "provider"
    assert by_title["Content from Ann"].owner == "client"
    assert by_title["Review with Ann"].slip is None
    # Neither the upcoming launch, the done kick-off nor the closed project's deadline.
    assert not {"Launch", "Kick-off", "Old documents"} & set(by_title)


def test_board_alarm_bells_at_the_margin_boundaries_and_after_a_slip(store: Store) -> None:
    """The board reads only the deadlines whose margin has begun (worked out by the
    database): the boundaries, a year-long margin and a slip must match the full rule."""
    client(store, "Ann Client")
    pid = project(store, "Margins", "Ann")
    deadline(store, pid, "Margin opens today", d(28), margin_days=5)
    deadline(store, pid, "Margin opens tomorrow", d(29), margin_days=5)
    deadline(store, pid, "Due today", d(23))
    deadline(store, pid, "Due yesterday", d(22))
    deadline(store, pid, "A year ahead", date(2027, 11, 22), margin_days=365)
    deadline(store, pid, "A year and a day ahead", date(2027, 11, 24), margin_days=365)
    # Photos came 10 days late: the gallery due on the 20th moves to the 30th (no alarm
    # yet), the slideshow due on the 15th moves to the 25th (in its margin of 2).
    photos = deadline(store, pid, "Photos", d(10), done=d(20), kind="documents")
    deadline(store, pid, "Gallery", d(20), after_id=photos)
    deadline(store, pid, "Slideshow", d(15), margin_days=2, after_id=photos)
    deadline(store, pid, "Done late", d(1), done=d(5))

    ringing = {bell.title: bell.status for _, bell in board.board(store, TODAY).alarms}

    assert ringing == {
        "Due yesterday": "late",
        "Due today": "in_margin",
        "Margin opens today": "in_margin",
        "A year ahead": "in_margin",
        "Slideshow": "in_margin",
    }
    every = deadlines.active_deadlines(store, TODAY)
    assert deadlines.active_deadlines(store, TODAY, alarms_only=True) == [
        view for view in every if view.status in ("late", "in_margin")
    ]


def test_board_chase_list_and_projects_waiting_on_the_client_since_the_right_day(
    store: Store, board_store: dict[str, int]
) -> None:
    data = board.board(store, TODAY)
    # Alpha: last request Wednesday 18th → Thu, Fri, Mon = 3 working days; its oldest
    # request is the 16th. Beta: Thursday 19th → 2 working days (the delay is 2).
    assert [(c.project, c.working_days, c.summary, c.open_requests) for c in data.chase] == [
        ("Alpha site", 3, "Asked for the content", 2),
        ("Beta app", 2, "Asked for the texts", 1),
    ]
    # Alpha waits since its oldest request (16th, before its late deadline of the 20th);
    # Beta since its late documents (18th, before its request of the 19th).
    assert [(w.project, w.since, w.days) for w in data.waiting] == [
        ("Alpha site", d(16), 7),
        ("Beta app", d(18), 5),
    ]


def test_board_time_rows_with_ratio_over_budget_projection_and_rework(
    store: Store, board_store: dict[str, int]
) -> None:
    data = board.board(store, TODAY)
    rows = {t.project: t.use for t in data.time}
    # Gamma has no budget but time logged; Delta a budget and nothing logged; the closed
    # project is left out. Sorted by use of the budget, highest first.
    assert [t.project for t in data.time] == ["Alpha site", "Beta app", "Delta", "Gamma"]

    alpha = rows["Alpha site"]
    assert (alpha.logged_minutes, alpha.budget_minutes) == (660, 600)
    assert alpha.ratio == pytest.approx(1.1)
    assert alpha.over is True
    # First logged on the 14th: 10 days to today at 66 min a day; 10 days to the 3rd
    # of December → 660 + 660.
    assert alpha.projected_minutes == 1320
    assert alpha.projected_ratio == pytest.approx(2.2)
    assert alpha.rework_share == pytest.approx(120 / 660)

    beta = rows["Beta app"]
    assert (beta.logged_minutes, beta.ratio, beta.over) == (400, pytest.approx(0.4), False)
    assert beta.projected_minutes is None  # no delivery date
    assert beta.rework_share == 0.0

    assert (rows["Delta"].logged_minutes, rows["Delta"].ratio) == (0, 0.0)
    assert rows["Delta"].rework_share is None
    gamma = rows["Gamma"]
    assert (gamma.logged_minutes, gamma.ratio, gamma.over) == (90, None, False)


def test_board_as_json_has_the_stable_documented_shape(
    store: Store, board_store: dict[str, int]
) -> None:
    data = board.board(store, TODAY).as_json()
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert list(data) == [
        "format",
        "version",
        "today",
        "alarms",
        "chase",
        "waiting_on_client",
        "time",
        "reports_due",
    ]
    assert (data["format"], data["version"], data["today"]) == ("relay-board", 2, "2026-11-23")

    alarm_keys = {
        "project_id",
        "project",
        "deadline_id",
        "title",
        "owner",
        "due_on",
        "projected_on",
        "slip_days",
        "status",
    }
    assert all(set(a) == alarm_keys for a in data["alarms"])
    build = next(a for a in data["alarms"] if a["title"] == "Build the pages")
    assert build == {
        "project_id": board_store["alpha"],
        "project": "Alpha site",
        "deadline_id": build["deadline_id"],
        "title": "Build the pages",
        "owner": "provider",
        "due_on": "2026-11-22",
        "projected_on": "2026-11-25",
        "slip_days": 3,
        "status": "in_margin",
    }
    assert isinstance(build["deadline_id"], int)
    content = next(a for a in data["alarms"] if a["title"] == "Content from Ann")
    assert (content["projected_on"], content["slip_days"]) == (None, 0)

    assert data["chase"][0] == {
        "project_id": board_store["alpha"],
        "project": "Alpha site",
        "waiting_since_at": "2026-11-18T10:00:00+00:00",
        "working_days": 3,
        "summary": "Asked for the content",
        "chases": 0,
    }
    assert data["waiting_on_client"] == [
        {
            "project_id": board_store["alpha"],
            "project": "Alpha site",
            "since_on": "2026-11-16",
            "days": 7,
        },
        {
            "project_id": board_store["beta"],
            "project": "Beta app",
            "since_on": "2026-11-18",
            "days": 5,
        },
    ]
    time = {t["project"]: t for t in data["time"]}
    assert time["Alpha site"] == {
        "project_id": board_store["alpha"],
        "project": "Alpha site",
        "logged_minutes": 660,
        "budget_minutes": 600,
        "budget_ratio": 1.1,
        "over_budget": True,
        "projected_minutes": 1320,
        "projected_ratio": 2.2,
        "rework_share": 0.182,
    }
    assert time["Gamma"]["budget_minutes"] is None
    assert time["Gamma"]["budget_ratio"] is None
    assert time["Gamma"]["projected_ratio"] is None
    assert time["Delta"]["rework_share"] is None


def test_a_project_still_waits_on_the_client_after_being_chased(store: Store) -> None:
    client(store, "Ann Client")
    pid = project(store, "Alpha site", "Ann")
    contact(store, pid, at(16), "Asked for the content", awaiting=True)
    before = board.board(store, TODAY)
    assert [(w.project, w.since) for w in before.waiting] == [("Alpha site", d(16))]
    log_chase(store, pid, now=FIXED_NOW)  # no answer yet: we chase
    after = board.board(store, TODAY)
    assert [(w.project, w.since) for w in after.waiting] == [("Alpha site", d(16))]


def test_board_of_an_empty_store(store: Store) -> None:
    data = board.board(store, TODAY)
    assert (data.alarms, data.chase, data.waiting, data.time) == ([], [], [], [])
    assert data.as_json()["alarms"] == []


# --- time view --------------------------------------------------------------------------


def test_time_view_by_week_and_category(store: Store, board_store: dict[str, int]) -> None:
    view = timelog.time_view(store, board_store["alpha"], TODAY)
    assert len(view.weeks) == 8
    assert view.weeks[-1] == (d(23), {"meetings": 240})
    assert view.weeks[-2] == (d(16), {"rework": 120})  # Friday the 20th
    assert view.weeks[-3] == (d(9), {"work": 300})  # Saturday the 14th
    assert all(minutes == {} for _, minutes in view.weeks[:-3])
    assert view.use.logged_minutes == 660
    assert view.use.projected_minutes == 1320

    short = timelog.time_view(store, board_store["alpha"], TODAY, weeks=2)
    assert short.weeks == [(d(16), {"rework": 120}), (d(23), {"meetings": 240})]
    assert short.use.logged_minutes == 660  # the totals do not depend on the window

    with pytest.raises(NotFound):
        timelog.time_view(store, 9999, TODAY)


# --- incidents --------------------------------------------------------------------------


def test_save_incident_refuses_a_future_date_and_writes_nothing(
    store: Store, db_path: Path
) -> None:
    client(store, "Ann Client")
    pid = project(store, "Alpha site", "Ann")
    counts = table_counts(db_path)
    with pytest.raises(InvalidInput) as refused:
        incident(store, pid, "Not yet happened", d(24))
    assert refused.value.field == "occurred_on"
    assert "future" in refused.value.message
    with pytest.raises(InvalidInput) as empty:
        incident(store, pid, "   ", d(20))
    assert empty.value.field == "title"
    with pytest.raises(NotFound):
        incident(store, 9999, "Nowhere", d(20))
    assert table_counts(db_path) == counts


def test_save_incident_creates_edits_and_resolves(store: Store) -> None:
    client(store, "Ann Client")
    pid = project(store, "Alpha site", "Ann")
    other = project(store, "Beta app", "Ann")
    created = incident(
        store,
        pid,
        "Ann disputes the invoice",
        d(20),
        facts="Invoice sent on the 18th; Ann says the gallery is missing",
        contract_says="The gallery is phase 2",
    )
    assert created.id is not None
    assert created.status == "open"

    edited = incidents.save_incident(
        store,
        pid,
        {
            "title": "Ann disputes the invoice",
            "occurred_on": "2026-11-20",
            "facts": "Invoice sent on the 18th; Ann says the gallery is missing",
            "contract_says": "The gallery is phase 2",
            "next_step": "Call Ann with the contract",
        },
        created.id,
        now=FIXED_NOW,
    )
    assert edited.id == created.id
    resolved = incidents.save_incident(
        store,
        pid,
        {"title": "Ann disputes the invoice", "occurred_on": "2026-11-20", "status": "resolved"},
        created.id,
        now=FIXED_NOW,
    )
    assert resolved.status == "resolved"
    [row] = incidents.incidents(store, pid)
    assert (row.id, row.status, row.occurred_on) == (created.id, "resolved", d(20))
    with pytest.raises(InvalidInput):
        incidents.save_incident(
            store, pid, {"title": "X", "occurred_on": "2026-11-20", "status": "closed"}, created.id
        )
    # An incident of another project cannot be edited from this one.
    with pytest.raises(NotFound):
        incidents.save_incident(
            store, other, {"title": "X", "occurred_on": "2026-11-20"}, created.id, now=FIXED_NOW
        )
    assert incidents.incidents(store, other) == []


def test_incidents_newest_first(store: Store) -> None:
    client(store, "Ann Client")
    pid = project(store, "Alpha site", "Ann")
    incident(store, pid, "First", d(10))
    incident(store, pid, "Third", d(20))
    incident(store, pid, "Second", d(15))
    assert [i.title for i in incidents.incidents(store, pid)] == ["Third", "Second", "First"]


# --- the factual timeline ---------------------------------------------------------------


@pytest.fixture
def timeline_project(store: Store) -> int:
    client(store, "Ann Client")
    pid = project(store, "Tau", "Ann")
    contact(store, pid, at(2), "Sent the quote", awaiting=True)
    contact(store, pid, at(3), "Ann accepted the quote", direction="in", channel="phone")
    contact(store, pid, at(12), "Still waiting for the photos", awaiting=True, chase=True)
    deadline(store, pid, "Kick-off", d(5), done=d(5))
    deadline(store, pid, "Photos from Ann", d(10), kind="documents")
    deadline(store, pid, "Mock-ups", d(12), done=d(14))
    deadline(store, pid, "Go live", d(10, 12))
    validation(store, pid, "Site map", d(6), d(9))
    logo = validation(store, pid, "Logo", d(7), d(8))
    validation(store, pid, "Home page", d(18), None)
    reopen_validation(store, logo, {"reason": "New colours"}, now=at(16, 9))
    set_commitments(
        store,
        pid,
        (0, "broken", d(11), "three days late"),
        (1, "kept", None, ""),
    )
    with store.write() as session:
        provider_first = session.exec(
            select(Commitment)
            .where(Commitment.project_id == pid, Commitment.party == "provider")
            .order_by(col(Commitment.position))
        ).first()
        assert provider_first is not None
        provider_first.status = "broken"  # type: ignore[assignment]
        provider_first.created_at = at(13)
        session.add(provider_first)
    incident(store, pid, "Dispute over the extra page", d(15))
    return pid


def test_timeline_events_with_who_held_the_ball(store: Store, timeline_project: int) -> None:
    with store.read() as session:
        broken = {
            str(c.party): c.text
            for c in session.exec(
                select(Commitment).where(
                    Commitment.project_id == timeline_project, Commitment.status == "broken"
                )
            ).all()
        }
    result = incidents.timeline(store, timeline_project, TODAY)
    assert (result.project, result.client) == ("Tau", "Ann Client")
    events = [
        (e.day, e.kind, e.text, e.who)
        for e in result.events
        # Whether the reopened logo's earlier validation shows is tested on its own below.
        if (e.kind, e.text) != ("Validated", "Logo")
    ]
    assert sorted(events) == sorted(
        [
            (d(2), "Email to Ann Client", "Sent the quote", ""),
            (d(3), "Phone from Ann Client", "Ann accepted the quote", ""),
            (d(12), "Chase", "Still waiting for the photos", ""),
            (d(5), "Deadline kept", "Kick-off", "provider"),
            (d(10), "Deadline missed", "Photos from Ann (still open)", "client"),
            (d(14), "Deadline kept late", "Mock-ups (due 12 Nov, 2 days late)", "provider"),
            (d(6), "Validation requested", "Site map", ""),
            (d(9), "Validated", "Site map", "Ann"),
            (d(7), "Validation requested", "Logo", ""),
            (d(16), "Reopened", "Logo: New colours", ""),
            (d(18), "Validation requested", "Home page", ""),
            (d(11), "Commitment broken", f"{broken['client']} (three days late)", "client"),
            (d(13), "Commitment broken", broken["provider"], "provider"),
            (d(15), "Incident", "Dispute over the extra page", ""),
        ]
    )
    # "Go live" is still ahead: not a fact yet.
    assert not [e for e in result.events if "Go live" in e.text]


def test_timeline_keeps_the_validation_of_a_deliverable_reopened_later(
    store: Store, timeline_project: int
) -> None:
    events = incidents.timeline(store, timeline_project, TODAY).events
    assert (d(8), "Validated", "Logo", "Ann") in [(e.day, e.kind, e.text, e.who) for e in events]


def test_timeline_text_is_markdown_in_date_order_about_the_incident(
    store: Store, timeline_project: int
) -> None:
    [dispute] = incidents.incidents(store, timeline_project)
    text = incidents.timeline_text(store, timeline_project, TODAY, dispute.id)
    assert text.startswith("# Timeline of Tau\n\nClient: Ann Client.\n")
    assert "Prepared about: Dispute over the extra page." in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Monday 2 November 2026"
    assert headings[-1] == "## Wednesday 18 November 2026"
    days = [datetime.strptime(h, "## %A %d %B %Y").date() for h in headings]
    assert days == sorted(set(days))  # one heading per day, in order
    assert {d(2), d(5), d(9), d(10), d(11), d(13), d(14), d(15), d(16)} <= set(days)
    assert "- Deadline missed: Photos from Ann (still open) (client)" in text
    without = incidents.timeline_text(store, timeline_project, TODAY)
    assert "Prepared about" not in without
    with pytest.raises(NotFound):
        incidents.timeline(store, 9999, TODAY)


# --- the retrospective ------------------------------------------------------------------


@pytest.fixture
def retro_project(store: Store) -> int:
    client(store, "Ann Client")
    pid = project(store, "Rho", "Ann", budget_minutes=480)
    deadline(store, pid, "One", d(1), done=d(1))  # on the day
    deadline(store, pid, "Two", d(5), done=d(4))  # early
    deadline(store, pid, "Three", d(10), done=d(12))  # late
    deadline(store, pid, "Four", d(20))  # open, late
    contact(store, pid, at(2, 9), "Question one", awaiting=True)
    contact(store, pid, at(2, 15), "Answer one", direction="in")  # 6 h
    contact(store, pid, at(5, 10), "Question two", awaiting=True)
    contact(store, pid, at(6, 10), "Chase two", awaiting=True, chase=True)
    contact(store, pid, at(7, 10), "Answer two", direction="in")  # 48 h from the question
    contact(store, pid, at(20, 10), "Question three", awaiting=True)  # unanswered
    validation(store, pid, "Site map", d(1), d(3))  # 2 days
    validation(store, pid, "Mock-ups", d(8), d(12))  # 4 days
    validation(store, pid, "Pages", d(15), None)
    spend(store, pid, d(10), 300)
    spend(store, pid, d(12), 200, "rework")
    with store.write() as session:
        session.add(Risk(project_id=pid, title="Late photos", status="occurred"))  # type: ignore[arg-type]
        session.add(Risk(project_id=pid, title="Server down", status="mitigated"))  # type: ignore[arg-type]
        session.add(
            SelfAssessment(
                project_id=pid,
                reward="financial",
                paid=True,
                stance="learn",
                balance="balanced",
            )
        )
    incident(store, pid, "Photos never came", d(12))
    incident(store, pid, "Invoice disputed", d(18))
    set_commitments(
        store, pid, (0, "kept", None, ""), (1, "broken", None, ""), (2, "kept", None, "")
    )
    return pid


def test_retro_facts_on_known_numbers(store: Store, retro_project: int) -> None:
    facts = retro.retro_facts(store, retro_project)
    # Of the three deadlines done, two on time (the open "Four" is not judged yet).
    assert (facts.deadlines_on_time, facts.deadlines_total) == (2, 3)
    assert facts.client_response_hours == pytest.approx(27.0)  # (6 + 48) / 2
    assert facts.chases == 1
    assert facts.validation_delay_days == pytest.approx(3.0)  # (2 + 4) / 2
    assert (facts.logged_minutes, facts.budget_minutes) == (500, 480)
    assert facts.risks_occurred == ["Late photos"]
    assert facts.incidents == 2
    assert (facts.commitments_kept, facts.commitments_broken) == (2, 1)
    assert facts.assessment == "reward: financial, paid, stance: learn, balanced"
    lines = retro.facts_lines(facts)
    assert len(lines) == 9
    assert re.fullmatch(r"Deadlines kept on time: 2 of (the )?3( done)?", lines[0]), lines[0]
    assert lines[1:8] == [
        "Client response time: 27 h on average",
        "Chases: 1",
        "Validation delay: 3.0 days on average",
        "Time: 8h20 logged for a budget of 8h (104%)",
        "Risks that occurred: Late photos",
        "Incidents: 2",
        "Commitments: 2 kept, 1 broken",
    ]
    assert lines[8].endswith(": reward: financial, paid, stance: learn, balanced")


def test_retro_facts_of_a_project_with_nothing(store: Store) -> None:
    client(store, "Ann Client")
    pid = project(store, "Empty", "Ann")
    facts = retro.retro_facts(store, pid)
    assert facts.client_response_hours is None
    assert facts.validation_delay_days is None
    assert (facts.deadlines_total, facts.chases, facts.logged_minutes) == (0, 0, 0)
    assert facts.assessment.startswith("not filled in")
    lines = retro.facts_lines(facts)
    assert "Client response time: no reply measured" in lines
    assert "Validation delay: no validation measured" in lines
    assert "Time: none logged" in lines  # not "0m logged"
    assert "Risks that occurred: none" in lines
    with pytest.raises(NotFound):
        retro.retro_facts(store, 9999)


def test_save_retro_step_keeps_earlier_fields_of_a_partial_draft(
    store: Store, retro_project: int
) -> None:
    assert retro.get_retro(store, retro_project).step == 0  # not started: a blank one
    retro.save_retro_step(store, retro_project, {"step": 1, "worked": "Weekly demos"})
    retro.save_retro_step(store, retro_project, {"step": 2, "not_worked": "Late photos"})
    retro.save_retro_step(
        store, retro_project, {"step": 3, "format": "start_stop_continue", "satisfaction": "4"}
    )
    row = retro.get_retro(store, retro_project)
    assert (row.step, row.worked, row.not_worked, row.format, row.satisfaction) == (
        3,
        "Weekly demos",
        "Late photos",
        "start_stop_continue",
        4,
    )
    assert row.completed_at is None
    # An empty text is a real change (cleared), unlike a missing one.
    retro.save_retro_step(store, retro_project, {"step": 1, "worked": ""})
    assert retro.get_retro(store, retro_project).worked == ""
    assert retro.get_retro(store, retro_project).not_worked == "Late photos"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"step": 7}, "step"),
        ({"step": -1}, "step"),
        ({"step": 1, "satisfaction": 6}, "satisfaction"),
        ({"step": 1, "format": "free"}, "format"),
        ({"step": 1, "applied_lessons": "1,two"}, "applied_lessons"),
    ],
)
def test_save_retro_step_refuses_bad_input_and_writes_nothing(
    store: Store, db_path: Path, retro_project: int, data: dict[str, Any], field: str
) -> None:
    retro.save_retro_step(store, retro_project, {"step": 2, "worked": "kept"})
    counts = table_counts(db_path)
    with pytest.raises(InvalidInput) as refused:
        retro.save_retro_step(store, retro_project, data)
    assert refused.value.field == field
    row = retro.get_retro(store, retro_project)
    assert (row.step, row.worked) == (2, "kept")
    assert table_counts(db_path) == counts


def test_finish_retro_turns_the_lessons_into_tagged_lessons_once(
    store: Store, retro_project: int
) -> None:
    with pytest.raises(InvalidInput):
        retro.finish_retro(store, retro_project, now=FIXED_NOW)  # not started
    retro.save_retro_step(
        store,
        retro_project,
        {
            "step": 4,
            "lessons_draft": "- Ask for the photos before starting #documents\n\n"
            "Demo every week #communication #Demo\n",
        },
    )
    lessons = retro.finish_retro(store, retro_project, now=FIXED_NOW)
    assert [(lesson.text, lesson.tags) for lesson in lessons] == [
        ("Ask for the photos before starting", "documents"),
        ("Demo every week", "communication,demo"),
    ]
    row = retro.get_retro(store, retro_project)
    assert row.completed_at == FIXED_NOW
    assert row.step == 6
    with store.read() as session:
        stored = session.exec(select(Lesson.text).where(Lesson.project_id == retro_project)).all()
    assert sorted(stored) == ["Ask for the photos before starting", "Demo every week"]

    with pytest.raises(Conflict):
        retro.finish_retro(store, retro_project, now=FIXED_NOW)
    with pytest.raises(Conflict):
        retro.save_retro_step(store, retro_project, {"step": 2, "worked": "too late"})
    assert retro.get_retro(store, retro_project).worked == ""
    with store.read() as session:
        assert (
            len(session.exec(select(Lesson).where(Lesson.project_id == retro_project)).all()) == 2
        )


def test_earlier_lessons_same_client_first_then_same_kind(store: Store) -> None:
    client(store, "Ann Client")
    client(store, "Bob Other")
    current = project(store, "Current", "Ann", kind="corporate")
    same_client = project(store, "Ann's poster", "Ann", kind="artistic")
    same_kind = project(store, "Bob's site", "Bob", kind="corporate")
    unrelated = project(store, "Bob's poster", "Bob", kind="artistic")
    with store.write() as session:
        for pid, text in (
            (same_client, "L1 same client, older"),
            (same_kind, "L2 same kind"),
            (same_client, "L3 same client, newer"),
            (unrelated, "L4 unrelated"),
            (current, "L5 this project's own"),
            (same_kind, "L6 same kind, newer"),
        ):
            session.add(Lesson(project_id=pid, text=text))
    result = retro.earlier_lessons(store, current)
    assert [(text, name) for _, text, name in result] == [
        ("L3 same client, newer", "Ann's poster"),
        ("L1 same client, older", "Ann's poster"),
        ("L6 same kind, newer", "Bob's site"),
        ("L2 same kind", "Bob's site"),
    ]
    ids = [i for i, _, _ in result]
    assert ids[0] > ids[1] and ids[2] > ids[3]


def test_retro_markdown_of_a_draft_then_of_the_finished_retrospective(
    store: Store, retro_project: int
) -> None:
    retro.save_retro_step(
        store,
        retro_project,
        {"step": 4, "worked": "Weekly demos", "lessons_draft": "Ask early #documents"},
    )
    draft = retro.retro_markdown(store, retro_project)
    assert draft.startswith("# Retrospective: Rho\n\n_Draft: not finished yet._\n")
    sections = [line for line in draft.splitlines() if line.startswith("## ")]
    assert sections == [
        "## The facts",
        "## What worked",
        "## What did not",
        "## What to improve",
        "## Lessons to carry forward",
        "## Satisfaction",
    ]
    assert "- Deadlines kept on time: 2 of " in draft
    assert "## What worked\n\nWeekly demos\n" in draft
    assert "## What did not\n\n_Nothing written._\n" in draft
    assert "## Lessons to carry forward\n\n- Ask early\n" in draft  # from the draft
    assert draft.endswith("## Satisfaction\n\nnot given\n")

    retro.save_retro_step(
        store,
        retro_project,
        {"step": 6, "format": "start_stop_continue", "not_worked": "Silence", "satisfaction": 4},
    )
    retro.finish_retro(store, retro_project, now=FIXED_NOW)
    done = retro.retro_markdown(store, retro_project)
    assert "_Draft" not in done
    assert [line for line in done.splitlines() if line.startswith("## ")] == [
        "## The facts",
        "## Continue",
        "## Stop",
        "## Start",
        "## Lessons to carry forward",
        "## Satisfaction",
    ]
    assert "## Stop\n\nSilence\n" in done
    assert "- Ask early (documents)" in done
    assert done.endswith("## Satisfaction\n\n4/5\n")


# --- handover and closing ---------------------------------------------------------------


@pytest.fixture
def handover_project(store: Store) -> tuple[int, int]:
    client(store, "Ann Client")
    pid = project(store, "Eta", "Ann")
    validation(store, pid, "Site map", d(2), d(4))
    waiting = validation(store, pid, "Home page", d(16), None)
    return pid, waiting


def test_invoice_is_refused_while_a_validation_is_open_and_nothing_is_written(
    store: Store, db_path: Path, handover_project: tuple[int, int]
) -> None:
    pid, waiting = handover_project
    counts = table_counts(db_path)
    with pytest.raises(Conflict) as refused:
        handover.set_handover(store, pid, "invoice", True, now=FIXED_NOW)
    assert refused.value.field == "invoice"
    assert "1 deliverable still awaits the client's validation" in refused.value.message
    assert table_counts(db_path) == counts
    with store.read() as session:
        assert session.get(Handover, pid) is None
    view = handover.handover(store, pid)
    assert (view.checklist.validations_total, view.checklist.validations_open) == (2, 1)
    assert view.checklist.invoice_sent is False

    validate_deliverable(store, waiting, {"validated_by": "Ann", "validated_on": "2026-11-20"})
    view = handover.set_handover(store, pid, "invoice", True, now=FIXED_NOW)
    assert view.checklist.deliverables_approved is True
    assert view.checklist.invoice_sent is True
    assert view.invoice_sent_on == TODAY
    # Unticking is always allowed.
    assert handover.set_handover(store, pid, "invoice", False).invoice_sent_on is None


def test_invoice_is_refused_when_nothing_was_ever_validated(store: Store) -> None:
    client(store, "Ann Client")
    pid = project(store, "Empty", "Ann")
    with pytest.raises(Conflict, match="no deliverable has been validated"):
        handover.set_handover(store, pid, "invoice", True, now=FIXED_NOW)


def test_the_other_boxes_and_an_unknown_item(
    store: Store, handover_project: tuple[int, int]
) -> None:
    pid, _ = handover_project
    view = handover.set_handover(store, pid, "access", True, now=FIXED_NOW)
    assert view.checklist.access_handed_over is True
    view = handover.set_handover(store, pid, "thanked", True, now=FIXED_NOW)
    assert (view.checklist.access_handed_over, view.checklist.client_thanked) == (True, True)
    assert view.checklist.missing() == ["deliverables approved", "invoice sent"]
    with pytest.raises(InvalidInput) as refused:
        handover.set_handover(store, pid, "password", True)
    assert refused.value.field == "item"


def test_closing_needs_the_checklist_or_a_reason(
    store: Store, db_path: Path, handover_project: tuple[int, int]
) -> None:
    pid, _ = handover_project
    counts = table_counts(db_path)
    for data in (None, {"override_reason": ""}, {"override_reason": "   "}):
        with pytest.raises(InvalidInput) as refused:
            projects.close_project(store, pid, data, now=FIXED_NOW)
        assert refused.value.field == "override_reason"
        assert "deliverables approved, access handed over, invoice sent, client thanked" in (
            refused.value.message
        )
    assert table_counts(db_path) == counts
    assert handover.handover(store, pid).status == "active"

    closed = projects.close_project(
        store, pid, {"override_reason": "The client moved abroad"}, now=FIXED_NOW
    )
    assert closed.status == "closed"
    with store.read() as session:
        row = session.get(Project, pid)
        assert row is not None
        assert (row.status, row.close_reason, row.closed_at) == (
            "closed",
            "The client moved abroad",
            FIXED_NOW,
        )
    with pytest.raises(Conflict):
        projects.close_project(store, pid, {"override_reason": "again"}, now=FIXED_NOW)

    reopened = projects.reopen_project(store, pid)
    assert (reopened.status, reopened.closed_at) == ("active", None)
    assert handover.handover(store, pid).status == "active"


def test_closing_with_the_full_checklist_needs_no_reason(
    store: Store, handover_project: tuple[int, int]
) -> None:
    pid, waiting = handover_project
    validate_deliverable(store, waiting, {"validated_by": "Ann", "validated_on": "2026-11-20"})
    for item in ("access", "invoice", "thanked"):
        handover.set_handover(store, pid, item, True, now=FIXED_NOW)
    assert handover.handover(store, pid).checklist.missing() == []
    closed = projects.close_project(store, pid, now=FIXED_NOW + timedelta(hours=1))
    assert (closed.status, closed.close_reason) == ("closed", "")
    assert closed.closed_at == FIXED_NOW + timedelta(hours=1)
    with pytest.raises(Conflict):
        projects.close_project(store, pid, now=FIXED_NOW)


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    seed_demo(store, now=FIXED_NOW)
    return db_path


def test_board_and_retro_commands(demo_db: Path, tmp_path: Path) -> None:
    export = tmp_path / "retro.md"
    counts = table_counts(demo_db)
    commands = [
        ["board", "--json", "--today", "2026-11-23"],
        ["board", "--today", "2026-11-23"],
        ["retro", "-p", "Rossi online", "--export", str(export)],
        ["board", "--today", "someday"],
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results: list[subprocess.CompletedProcess[str]] = list(
            pool.map(lambda args: run_relay(*args, db=demo_db), commands)
        )
    as_json, as_text, retro_run, bad = results

    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert list(data) == [
        "format",
        "version",
        "today",
        "alarms",
        "chase",
        "waiting_on_client",
        "time",
        "reports_due",
    ]
    assert (data["format"], data["version"], data["today"]) == ("relay-board", 2, "2026-11-23")
    festival = next(t for t in data["time"] if t["project"] == "Festival poster series")
    assert festival["over_budget"] is True
    assert festival["logged_minutes"] == 18 * 150 + 90
    assert festival["budget_minutes"] == 25 * 60
    assert [a["title"] for a in data["alarms"]] == [
        "Mock-ups validated by Marie",
        "Line-up and logos from Tom",
    ]
    assert data["waiting_on_client"][0]["project"] == "Bakery website"
    assert data["chase"][0]["summary"] == "Sent the mock-ups for validation"

    assert as_text.returncode == 0, as_text.stderr
    time_section = as_text.stdout.split("Time against budget", 1)[1]
    [festival_line] = [
        line for line in time_section.splitlines() if "Festival poster series: " in line
    ]
    assert "OVER BUDGET" in festival_line
    assert "(186%)" in festival_line
    assert "Time against budget" in as_text.stdout

    assert retro_run.returncode == 0, retro_run.stderr
    assert stat.S_IMODE(os.stat(export).st_mode) == 0o600
    markdown = export.read_text(encoding="utf-8")
    assert markdown.startswith("# Retrospective: Rossi online shop\n")
    assert "_Draft" not in markdown
    assert "## Lessons to carry forward" in markdown
    assert "- Write the consequence of late documents into the contract (contract,documents)" in (
        markdown
    )
    assert "## Satisfaction\n\n4/5\n" in markdown

    assert bad.returncode == 2
    assert bad.stdout == ""
    [line] = bad.stderr.splitlines()
    assert "today" in line
    assert table_counts(demo_db) == counts
