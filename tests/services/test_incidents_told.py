"""Problems explained and told (`services.incidents`): what an incident means for the
client and for me, what I propose; telling the client writes the incident and one
contact in one step, which undo takes back whole; a refused telling writes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.services import undo
from relay_tui.services.clients import add_client, edit_client
from relay_tui.services.contacts import contacts_page
from relay_tui.services.incidents import (
    add_incident,
    client_channel,
    edit_incident,
    incident,
    incidents,
    save_incident,
    tell_incident,
    timeline_text,
    untold_count,
)
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, query_rows, table_counts

TODAY = date(2026, 11, 23)
EXPLAINED = {
    "title": "Texts late",
    "occurred_on": "2026-11-18",
    "facts": "Asked on the 10th, chased on the 16th.",
    "for_client": "The launch moves by a week.",
    "for_me": "Two days of work wait.",
    "proposal": "Launch on the 11th with the texts we have",
    "blamed": True,
}


@pytest.fixture
def project_id(store: Store) -> int:
    add_client(store, {"name": "Marie"})
    project = add_project(store, {"name": "Bakery", "client": "Marie"}, now=FIXED_NOW)
    assert project.id is not None
    return project.id


@pytest.fixture
def incident_id(store: Store, project_id: int) -> int:
    row = save_incident(store, project_id, dict(EXPLAINED), now=FIXED_NOW)
    assert row.id is not None
    return row.id


def test_an_incident_keeps_what_it_means_and_what_i_propose(
    store: Store, project_id: int, incident_id: int
) -> None:
    [view] = incidents(store, project_id)
    assert (view.for_client, view.for_me, view.proposal) == (
        "The launch moves by a week.",
        "Two days of work wait.",
        "Launch on the 11th with the texts we have",
    )
    assert view.blamed is True
    assert view.told_on is None and view.told_how is None and view.untold
    assert untold_count(store, project_id) == 1
    assert incident(store, incident_id) == view


def test_telling_writes_the_incident_and_one_contact_in_one_undo_step(
    store: Store, db_path: Path, project_id: int, incident_id: int
) -> None:
    before = table_counts(db_path)
    told, contact_id = tell_incident(
        store, project_id, incident_id, "2026-11-20", "phone", None, now=FIXED_NOW
    )
    assert (told.told_on, told.told_how, told.untold) == (date(2026, 11, 20), "phone", False)
    assert untold_count(store, project_id) == 0
    after = table_counts(db_path)
    assert after["contact"] == before["contact"] + 1
    assert after["undo_step"] == before["undo_step"] + 1
    [contact] = contacts_page(store, project_id)
    assert contact.id == contact_id
    assert (contact.channel, contact.direction, contact.awaiting, contact.is_chase) == (
        "phone",
        "out",
        False,
        False,
    )
    assert contact.at.astimezone().date() == date(2026, 11, 20)
    assert contact.summary == (
        "Warned about “Texts late”: Launch on the 11th with the texts we have"
    )
    assert undo.steps(store)[0].summary == "incident #1 told to the client, with contact #1"

    undo.undo_last(store, now=FIXED_NOW)

    assert table_counts(db_path)["contact"] == before["contact"]
    [view] = incidents(store, project_id)
    assert view.told_on is None and view.told_how is None and view.untold


def test_telling_again_moves_the_day_and_logs_another_contact(
    store: Store, project_id: int, incident_id: int
) -> None:
    tell_incident(store, project_id, incident_id, "2026-11-19", "email", "", now=FIXED_NOW)
    told, _ = tell_incident(
        store, None, incident_id, None, "meeting", "Met Marie about it", now=FIXED_NOW
    )
    assert (told.told_on, told.told_how) == (TODAY, "meeting")
    summaries = [c.summary for c in contacts_page(store, project_id)]
    assert summaries == [
        "Met Marie about it",
        "Warned about “Texts late”: Launch on the 11th with the texts we have",
    ]


def test_the_channel_defaults_to_the_one_the_client_prefers(
    store: Store, project_id: int, incident_id: int
) -> None:
    assert client_channel(store, project_id) is None
    edit_client(store, 1, {"channel": "chat"})
    assert client_channel(store, project_id) == "chat"
    told, _ = tell_incident(store, project_id, incident_id, now=FIXED_NOW)
    assert (told.told_on, told.told_how) == (TODAY, "chat")


@pytest.mark.parametrize(
    ("on", "how", "summary", "field", "message"),
    [
        ("2026-11-24", "phone", None, "on", "is in the future"),
        ("2026-11-17", "phone", None, "on", "is before the incident itself (Wed 18 Nov 2026)"),
        ("someday", "phone", None, "on", None),
        ("2026-11-20", "pigeon", None, "how", None),
        ("2026-11-20", "phone", "x\x00y", "text", "contains a NUL character"),
    ],
)
def test_a_refused_telling_writes_nothing(
    store: Store,
    db_path: Path,
    project_id: int,
    incident_id: int,
    on: str,
    how: str,
    summary: str | None,
    field: str,
    message: str | None,
) -> None:
    before = table_counts(db_path)
    with pytest.raises(InvalidInput) as refused:
        tell_incident(store, project_id, incident_id, on, how, summary, now=FIXED_NOW)
    assert refused.value.field == field
    if message is not None:
        assert refused.value.message == message
    assert table_counts(db_path) == before
    assert query_rows(db_path, "SELECT told_on, told_how FROM incident") == [(None, None)]


def test_telling_an_incident_of_another_project_or_none_is_refused(
    store: Store, db_path: Path, project_id: int, incident_id: int
) -> None:
    other = add_project(store, {"name": "Florist", "client": "Marie"}, now=FIXED_NOW)
    before = table_counts(db_path)
    with pytest.raises(NotFound):
        tell_incident(store, other.id, incident_id, now=FIXED_NOW)
    with pytest.raises(NotFound):
        tell_incident(store, project_id, 99, now=FIXED_NOW)
    assert table_counts(db_path) == before


def test_the_command_line_adds_and_corrects_only_what_is_given(
    store: Store, project_id: int
) -> None:
    row = add_incident(
        store, {"project": "bak", "title": "Scope dispute", "for_me": "Unpaid work"}, now=FIXED_NOW
    )
    assert (row.project_id, row.occurred_on, row.for_me) == (project_id, TODAY, "Unpaid work")
    edit_incident(store, row.id, {"proposal": "A change request", "blamed": True}, now=FIXED_NOW)
    view = incident(store, row.id)  # type: ignore[arg-type]
    assert (view.title, view.for_me, view.proposal, view.blamed) == (
        "Scope dispute",
        "Unpaid work",
        "A change request",
        True,
    )


def test_the_timeline_says_when_and_how_the_client_was_told(
    store: Store, project_id: int, incident_id: int
) -> None:
    tell_incident(store, project_id, incident_id, "2026-11-20", "phone", None, now=FIXED_NOW)
    text = timeline_text(store, project_id, TODAY)
    assert "- Incident: Texts late" in text
    assert "- Told the client (by phone): Texts late" in text
