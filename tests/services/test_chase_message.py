"""The chase message of a project read from a real store (in its client's language), and
the chase logged with the message's subject, undone by undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.errors import InvalidInput
from relay_tui.models import Project
from relay_tui.services import chasing
from relay_tui.services.chase_message import chase_message
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.craft import save_craft_card
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.projects import add_project
from relay_tui.services.undo import undo_last
from tests.conftest import FIXED_NOW, query_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = FIXED_NOW.date()  # Monday 23 November 2026


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@pytest.fixture
def acme(store: Store) -> Project:
    add_client(store, {"name": "Marie Lambert", "email": "marie@acme.example"})
    return add_project(store, {"name": "Acme site", "client": "Marie"}, now=FIXED_NOW)


def test_the_demo_bakery_message_names_what_is_awaited_and_what_moves(store: Store) -> None:
    seed_demo(store, FIXED_NOW)
    save_craft_card(store, {"name": "Ann Dupont"})
    view = chase_message(store, "Bakery website", TODAY)
    assert view.email == "marie@lambert.example"
    assert view.subject == (
        "Bakery website: waiting for “Mock-ups validated by Marie” and 2 more things"
    )
    assert "your validation of “Home page mock-up”" in view.body
    # The oldest request only: the later reminder follows it up.
    assert "“Sent the mock-ups for validation”" in view.body
    assert "Reminder: mock-ups" not in view.body
    assert "“Go live”, planned for Saturday 5 December, now Friday 11 December." in view.body
    assert view.body.endswith("Best regards,\nAnn Dupont")
    assert view.mailto.startswith("mailto:marie@lambert.example?subject=Bakery%20website")


def test_bells_validations_and_replies_from_the_store(store: Store, acme: Project) -> None:
    texts = add_deadline(
        store,
        {"project": acme.id, "title": "Texts", "kind": "documents", "owner": "client"}
        | {"due_on": day(-3).isoformat(), "margin_days": 0},
        now=FIXED_NOW,
    )
    add_deadline(
        store,
        {"project": acme.id, "title": "Pages", "owner": "provider", "after_id": texts.id}
        | {"due_on": day(7).isoformat(), "margin_days": 0},
        now=FIXED_NOW,
    )
    view = chase_message(store, acme.id, TODAY)
    assert view.subject == "Acme site: waiting for “Texts”"
    assert "expected on Friday 20 November (1 working day ago)." in view.body
    assert "“Pages”, planned for Monday 30 November, now Thursday 3 December." in view.body
    assert "without it today, “Pages” moves to Friday 4 December." in view.body


def test_in_the_clients_language(store: Store, acme: Project) -> None:
    add_client(store, {"name": "Jean Dupont", "language": "fr"})
    add_project(store, {"name": "Site Dupont", "client": "Jean"}, now=FIXED_NOW)
    view = chase_message(store, "Site Dupont", TODAY)
    assert view.subject == "Site Dupont : des nouvelles ?"  # the catalogue's French
    assert view.body.startswith("Bonjour Jean Dupont,")
    assert chase_message(store, acme.id, TODAY).subject == "Acme site: any news?"


def test_a_chase_logged_with_the_subject_even_when_no_message_awaits_a_reply(
    store: Store, acme: Project, db_path: Path
) -> None:
    # Nothing awaits a reply: without a note it is refused, as before.
    with pytest.raises(InvalidInput):
        chasing.log_chase(store, acme.id, now=FIXED_NOW)
    view = chase_message(store, acme.id, TODAY)
    contact, _ = chasing.log_chase(store, acme.id, note=view.subject, now=FIXED_NOW)
    rows = query_rows(
        db_path,
        "SELECT summary, channel, direction, awaiting_reply, is_chase FROM contact WHERE id = ?",
        contact.id,
    )
    assert rows == [("Acme site: any news?", "email", "out", 1, 1)]
    undo_last(store)
    assert query_rows(db_path, "SELECT count(*) FROM contact") == [(0,)]


def test_a_chase_of_an_awaited_reply_keeps_its_channel_and_logs_the_subject(
    store: Store, acme: Project, db_path: Path
) -> None:
    when = datetime.combine(day(-4), time(10), tzinfo=UTC)
    capture(
        store,
        {"project": acme.id, "summary": "Asked for the logos", "channel": "chat"}
        | {"direction": "out", "awaiting_reply": True, "at": when},
        now=FIXED_NOW,
    )
    view = chase_message(store, acme.id, TODAY)
    assert view.subject == "Acme site: waiting for your reply to “Asked for the logos”"
    chasing.log_chase(store, acme.id, note=view.subject, now=FIXED_NOW)
    assert query_rows(db_path, "SELECT summary, channel FROM contact WHERE is_chase") == [
        ("Acme site: waiting for your reply to “Asked for the logos”", "chat")
    ]
