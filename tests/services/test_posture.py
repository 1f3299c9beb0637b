"""Posture cards on a real store: the situations of each project, the dashboard's cards
across projects, and putting a card away (until its situation starts anew).

Today is Monday 23 November 2026 (FIXED_NOW)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.models import DismissedCard, Incident, Project
from relay_tui.services import undo
from relay_tui.services.chasing import log_chase
from relay_tui.services.commitments import save_commitment
from relay_tui.services.incidents import save_incident
from relay_tui.services.posture import (
    dashboard_posture,
    dismiss_card,
    posture_cards,
    project_posture,
)
from relay_tui.services.validations import reopen_validation
from relay_tui.vocab import ProjectStatus
from tests.conftest import FIXED_NOW
from tests.services.test_board_time_and_after import (
    at,
    client,
    contact,
    d,
    deadline,
    incident,
    project,
    spend,
    validation,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()


def keys(store: Store, pid: int, today: date = TODAY) -> list[str]:
    return [card.key for card in project_posture(store, pid, today).cards]


@pytest.fixture
def alpha(store: Store) -> int:
    client(store, "Ann Client")
    return project(store, "Alpha site", "Ann", budget_minutes=600, delivery_on="2026-12-11")


def tell(store: Store, incident_id: int | None, day: date) -> None:
    with store.write() as session:
        row = session.get(Incident, incident_id)
        assert row is not None
        row.told_on = day
        session.add(row)


def test_each_situation_shows_its_card_with_its_reason(store: Store, alpha: int) -> None:
    assert keys(store, alpha) == []
    outage = incident(store, alpha, "Hosting outage", d(20), blamed=True)
    view = project_posture(store, alpha, TODAY)
    assert [(c.key, c.reason) for c in view.cards][:2] == [
        ("warn", "Incident “Hosting outage” not told to the client"),
        ("blame", "The client holds you alone responsible for “Hosting outage”"),
    ]
    assert view.cards[0].title == "Warn early" and "Tell the client" in view.cards[0].text
    assert view.delivery_on == date(2026, 12, 11)
    tell(store, outage.id, d(23))
    assert keys(store, alpha) == ["blame", "together"]


def test_time_promises_chases_and_changes_on_a_real_store(store: Store, alpha: int) -> None:
    spend(store, alpha, d(16), 100)
    spend(store, alpha, d(17), 30, "rework")  # 23 % of 130 minutes
    deadline(store, alpha, "Print files", date(2026, 12, 10), owner="provider", margin_days=3)
    save_commitment(
        store, alpha, {"party": "client", "text": "Texts", "due_on": "2026-12-10"}, now=FIXED_NOW
    )  # the client's: not mine to promise
    assert keys(store, alpha) == ["over_investment", "promise"]
    [rework, promise] = project_posture(store, alpha, TODAY).cards
    assert rework.reason == "Rework is 23% of the time"
    assert promise.reason == "“Print files” is due right at the delivery date"
    contact(store, alpha, at(16), "Can you send the texts?", awaiting=True)
    log_chase(store, alpha, now=FIXED_NOW - timedelta(days=3))
    assert "together" not in keys(store, alpha)
    log_chase(store, alpha, now=FIXED_NOW - timedelta(days=1))
    assert "together" in keys(store, alpha)
    contact(store, alpha, at(23, 9), "Here they are", direction="in")  # answered
    assert "together" not in keys(store, alpha)
    logo = validation(store, alpha, "Logo", d(10), d(12))
    reopen_validation(store, logo, {"reason": "A new colour"}, now=FIXED_NOW)
    assert "frame" in keys(store, alpha)


def test_a_dismissed_card_stays_away_until_its_situation_starts_anew(
    store: Store, alpha: int
) -> None:
    incident(store, alpha, "Hosting outage", d(20))
    dismiss_card(store, alpha, "warn", TODAY)
    assert keys(store, alpha) == ["together"]
    assert keys(store, alpha, TODAY + timedelta(days=3)) == ["together"]  # it lasts: hidden
    with store.read() as session:
        [row] = session.exec(select(DismissedCard)).all()
    assert (row.project_id, row.card, row.dismissed_on) == (alpha, "warn", TODAY)
    # A new problem, the next day: the card shows again.
    later = TODAY + timedelta(days=1)
    save_incident(
        store,
        alpha,
        {"title": "Lost files", "occurred_on": later.isoformat()},
        now=FIXED_NOW + timedelta(days=1),
    )
    assert keys(store, alpha, later + timedelta(days=1)) == ["warn", "together"]
    # Dismissed again: the same row, a new day.
    dismiss_card(store, alpha, "warn", later + timedelta(days=1))
    with store.read() as session:
        rows = session.exec(select(DismissedCard)).all()
    assert [(r.card, r.dismissed_on) for r in rows] == [("warn", later + timedelta(days=1))]
    assert keys(store, alpha, later + timedelta(days=1)) == ["together"]


def test_dismissing_is_one_step_of_undo(store: Store, alpha: int) -> None:
    incident(store, alpha, "Hosting outage", d(20))
    dismiss_card(store, alpha, "warn", TODAY)
    step = undo.undo_last(store, now=FIXED_NOW)
    assert step.summary == "Posture card “Warn early” put away for Alpha site"
    assert keys(store, alpha) == ["warn", "together"]


def test_an_unknown_card_or_project_is_refused(store: Store, alpha: int) -> None:
    with pytest.raises(InvalidInput, match="not a posture card"):
        dismiss_card(store, alpha, "smile", TODAY)
    with pytest.raises(NotFound):
        dismiss_card(store, 999, "warn", TODAY)
    with store.read() as session:
        assert session.exec(select(DismissedCard)).all() == []


def test_the_dashboard_shows_the_cards_across_active_projects(store: Store, alpha: int) -> None:
    day = d(24)  # a Tuesday whose card of the day is the "promise" one
    assert dashboard_posture(store, day).cards == []
    of_the_day = dashboard_posture(store, day).of_the_day
    assert of_the_day is not None and of_the_day.key == "promise"
    beta = project(store, "Beta shop", "Ann")
    deadline(store, beta, "Texts from Ann", d(20), kind="documents")
    incident(store, alpha, "Hosting outage", d(20))
    shown = dashboard_posture(store, day)
    assert shown.of_the_day is None
    assert [(c.key, c.project) for c in shown.cards] == [
        ("warn", "Alpha site"),
        ("together", "Alpha site"),
        ("together", "Beta shop"),
    ]
    assert posture_cards(store, day) == shown.cards
    with store.write() as session:
        row = session.get(Project, alpha)
        assert row is not None
        row.status = ProjectStatus.closed
        session.add(row)
    # A closed project weighs on the mood no more, and shows no card.
    assert [c.project for c in dashboard_posture(store, day).cards] == ["Beta shop"]
    assert project_posture(store, alpha, day).cards == []


def test_no_active_project_no_card(store: Store) -> None:
    assert dashboard_posture(store, TODAY).cards == []
    assert dashboard_posture(store, TODAY).of_the_day is None


def test_the_demo_shows_cards(demo_db: Path, store: Store) -> None:
    shown = {card.key for card in posture_cards(store, TODAY)}
    assert "over_investment" in shown


def test_the_dashboard_s_cards_let_a_caller_wait_between_their_steps(
    demo_db: Path, store: Store
) -> None:
    """The app has the cards wait while a screen is being built (`services.warming`):
    it is called before each query and once before the rules, and changes nothing."""
    calls: list[int] = []
    paused = dashboard_posture(store, TODAY, lambda: calls.append(1))
    assert len(calls) >= 8  # the dismissed cards, six kinds of facts, then the rules
    assert paused == dashboard_posture(store, TODAY)
    assert paused.cards


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    seed_demo(store, now=FIXED_NOW)
    return db_path


def test_the_bells_read_are_those_the_rules_may_call_for(store: Store, alpha: int) -> None:
    """The dashboard reads only the open bells that may call for a card (the SQL around
    the delivery date, two days before it, on either database): none of those left out
    does."""
    delivery = date(2026, 12, 11)
    deadline(store, alpha, "Two days before", delivery - timedelta(days=2), owner="provider")
    deadline(store, alpha, "Mine, past", d(20), owner="provider", margin_days=0)
    deadline(store, alpha, "Theirs, not yet due", d(30), owner="client")
    deadline(store, alpha, "Handover", delivery, owner="provider", kind="delivery")
    deadline(store, alpha, "Done", delivery, owner="provider", done=d(22))
    assert keys(store, alpha) == []
    assert dashboard_posture(store, TODAY).cards == []
    deadline(store, alpha, "The day before", delivery - timedelta(days=1), owner="provider")
    deadline(store, alpha, "Theirs, late", d(20), owner="client")
    [promise, together] = project_posture(store, alpha, TODAY).cards
    assert promise.reason == "“The day before” is due right at the delivery date"
    assert together.reason == "The client is late on “Theirs, late”"
    assert [c.key for c in dashboard_posture(store, TODAY).cards] == ["promise", "together"]
    # With no delivery date, no bell is near it.
    client(store, "Bob Client")
    beta = project(store, "Beta site", "Bob")
    deadline(store, beta, "Print files", date(2027, 3, 1), owner="provider")
    assert keys(store, beta) == []
