"""Correcting any entry (`edit_*`) and deleting it with what goes with it
(`services.removal`), as one step that undo takes back whole."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlmodel import select

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.models import (
    Client,
    Commitment,
    Contact,
    Deadline,
    Incident,
    Lesson,
    Project,
    Risk,
    Stakeholder,
    TimeEntry,
)
from relay_tui.services import removal, undo
from relay_tui.services.clients import add_client, edit_client
from relay_tui.services.contacts import capture, edit_contact, search_contacts
from relay_tui.services.deadlines import add_deadline, deadlines, update_deadline
from relay_tui.services.incidents import save_incident
from relay_tui.services.projects import add_project, edit_project
from relay_tui.services.retro import edit_lesson
from relay_tui.services.timelog import edit_time_entry, log_time
from relay_tui.services.validations import (
    edit_validation,
    request_validation,
    validate_deliverable,
)
from tests.conftest import FIXED_NOW
from tests.conftest import table_counts as all_counts

TODAY = date(2026, 11, 23)


def table_counts(db: Path) -> dict[str, int]:
    """The rows of the user's records (not the undo journal's)."""
    return {name: n for name, n in all_counts(db).items() if name != "undo_step"}


@pytest.fixture
def project_id(store: Store) -> int:
    add_client(store, {"name": "Marie"})
    project = add_project(store, {"name": "Bakery", "client": "Marie"}, now=FIXED_NOW)
    assert project.id is not None
    return project.id


def _contact(store: Store, project_id: int, **data: object) -> Contact:
    values = {"project": project_id, "summary": "Called about the menu", "channel": "email"}
    return capture(store, {**values, **data}, now=FIXED_NOW)[0]


# --- edits ----------------------------------------------------------------------------
def test_a_contact_is_corrected_field_by_field_and_moved(store: Store, project_id: int) -> None:
    row = _contact(store, project_id)
    add_project(store, {"name": "Florist", "client": "Marie"}, now=FIXED_NOW)
    edited = edit_contact(
        store, row.id, {"channel": "phone", "version": row.version}, now=FIXED_NOW
    )
    assert (edited.channel, edited.summary) == ("phone", "Called about the menu")
    moved = edit_contact(store, row.id, {"project": "Flor"}, now=FIXED_NOW)
    with store.read() as session:
        florist = session.exec(select(Project).where(Project.name == "Florist")).one()
    assert moved.project_id == florist.id


def test_a_stale_or_bad_edit_writes_nothing(store: Store, db_path: Path, project_id: int) -> None:
    row = _contact(store, project_id)
    edit_contact(store, row.id, {"summary": "First fix", "version": row.version}, now=FIXED_NOW)
    before = table_counts(db_path)
    with pytest.raises(Conflict, match="changed"):
        edit_contact(store, row.id, {"summary": "Old", "version": row.version}, now=FIXED_NOW)
    with pytest.raises(InvalidInput) as bad:
        edit_contact(store, row.id, {"direction": "in", "awaiting_reply": True}, now=FIXED_NOW)
    assert bad.value.field == "awaiting"
    with pytest.raises(NotFound, match="no contact with id 999"):
        edit_contact(store, 999, {"summary": "x"}, now=FIXED_NOW)
    assert table_counts(db_path) == before
    with store.read() as session:
        assert session.get(Contact, row.id).summary == "First fix"  # type: ignore[union-attr]


def test_a_time_entry_is_corrected_and_bad_minutes_refused(store: Store, project_id: int) -> None:
    entry = log_time(store, {"project": project_id, "minutes": "2h"}, now=FIXED_NOW)
    fixed = edit_time_entry(store, entry.id, {"minutes": "1h30", "note": "menu"}, now=FIXED_NOW)
    assert (fixed.minutes, fixed.note, fixed.spent_on) == (90, "menu", TODAY)
    with pytest.raises(InvalidInput) as bad:
        edit_time_entry(store, entry.id, {"minutes": "0"}, now=FIXED_NOW)
    assert bad.value.field == "duration"  # as `relay time add` names it
    with pytest.raises(InvalidInput):
        edit_time_entry(store, entry.id, {"spent_on": "2026-12-01"}, now=FIXED_NOW)


def test_a_validated_deliverable_stays_locked(store: Store, project_id: int) -> None:
    asked = request_validation(
        store, project_id, {"deliverable": "Mock-ups", "requested_on": "2026-11-20"}, now=FIXED_NOW
    )
    renamed = edit_validation(store, asked.id, {"deliverable": "Mock-ups v2"}, now=FIXED_NOW)
    assert renamed.deliverable == "Mock-ups v2"
    validate_deliverable(
        store, asked.id, {"validated_by": "Marie", "validated_on": "2026-11-22"}, now=FIXED_NOW
    )
    with pytest.raises(Conflict, match="locked; to edit it, reopen it"):
        edit_validation(store, asked.id, {"deliverable": "Other"}, now=FIXED_NOW)
    with pytest.raises(Conflict, match="locked; to withdraw it, reopen it"):
        removal.delete_record(store, "validation", asked.id)


def test_a_client_and_a_project_are_renamed_but_names_stay_unique(
    store: Store, project_id: int
) -> None:
    add_client(store, {"name": "Paul"})
    with store.read() as session:
        marie = session.exec(select(Client).where(Client.name == "Marie")).one()
    assert edit_client(store, marie.id, {"name": "marie"}).name == "marie"  # her own name
    with pytest.raises(Conflict, match="a client named 'paul' already exists"):
        edit_client(store, marie.id, {"name": "paul"})
    with pytest.raises(InvalidInput) as bad:
        edit_client(store, marie.id, {"email": "not-an-email"})
    assert bad.value.field == "email"
    add_project(store, {"name": "Florist", "client": "Paul"}, now=FIXED_NOW)
    project = edit_project(
        store,
        project_id,
        {"name": "Bakery shop", "client": "Paul", "budget_minutes": "40h", "chase_delay_days": 5},
        now=FIXED_NOW,
    )
    assert (project.name, project.budget_minutes, project.chase_delay_days) == (
        "Bakery shop",
        2400,
        5,
    )
    with store.read() as session:
        assert session.get(Client, project.client_id).name == "Paul"  # type: ignore[union-attr]
    with pytest.raises(Conflict, match="a project named 'florist' already exists"):
        edit_project(store, project_id, {"name": "florist"}, now=FIXED_NOW)
    with pytest.raises(InvalidInput) as order:
        edit_project(store, project_id, {"start_on": "2026-12-10", "delivery_on": "2026-12-01"})
    assert order.value.field == "delivery"


def test_an_alarm_bell_edit_keeps_its_time_unless_a_new_one_is_typed(
    store: Store, project_id: int
) -> None:
    data = {"project": project_id, "title": "Call", "due_on": "2026-12-04 10:00"}
    row = add_deadline(store, data, now=FIXED_NOW)
    assert row.due_time == time(10, 0)
    kept = update_deadline(store, row.id, {"due_on": "2026-12-05"}, now=FIXED_NOW)
    assert (kept.due_on, kept.due_time, kept.title) == (date(2026, 12, 5), time(10, 0), "Call")
    moved = update_deadline(store, row.id, {"due_on": "2026-12-06 14:30"}, now=FIXED_NOW)
    assert moved.due_time == time(14, 30)


# --- deletions, and undo --------------------------------------------------------------
def test_a_deleted_contact_comes_back_and_is_found_again(store: Store, project_id: int) -> None:
    row = _contact(store, project_id, summary="Quote for the croissants")
    gone = removal.delete_record(store, "contact", row.id, version=row.version)
    assert gone.done() == (
        f"Deleted contact #{row.id} “Quote for the croissants”. Undo: relay undo."
    )
    assert search_contacts(store, "croissants") == []
    undo.undo_last(store)
    assert [c.id for c in search_contacts(store, "croissants")] == [row.id]


def test_deleting_an_alarm_bell_unlinks_its_followers_and_undo_links_them_again(
    store: Store, project_id: int
) -> None:
    first = add_deadline(
        store, {"project": project_id, "title": "Texts", "due_on": "2026-12-10"}, now=FIXED_NOW
    )
    data = {"project": project_id, "title": "Pages", "due_on": "2026-12-20", "after_id": first.id}
    second = add_deadline(store, data, now=FIXED_NOW)
    removal.delete_record(store, "deadline", first.id)
    assert [(d.title, d.after_id) for d in deadlines(store, project_id, TODAY)] == [("Pages", None)]
    undo.undo_last(store)
    shown = {d.title: d.after_id for d in deadlines(store, project_id, TODAY)}
    assert shown == {"Texts": None, "Pages": first.id}
    assert second.id is not None


def test_a_stale_deletion_is_refused(store: Store, db_path: Path, project_id: int) -> None:
    row = _contact(store, project_id)
    edit_contact(store, row.id, {"summary": "Changed"}, now=FIXED_NOW)
    before = table_counts(db_path)
    with pytest.raises(Conflict, match="changed"):
        removal.delete_record(store, "contact", row.id, version=row.version)
    with pytest.raises(InvalidInput, match="not a kind"):
        removal.delete_record(store, "planet", row.id)
    assert table_counts(db_path) == before


@pytest.fixture
def demo_store(store: Store) -> Store:
    seed_demo(store, now=datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    return store


def _first(store: Store, model: type, **where: object) -> int:
    with store.read() as session:
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return session.exec(query.order_by(model.id)).first().id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kind", "model"),
    [
        ("client", Client),
        ("project", Project),
        ("contact", Contact),
        ("time", TimeEntry),
        ("deadline", Deadline),
        ("risk", Risk),
        ("commitment", Commitment),
        ("actor", Stakeholder),
        ("incident", Incident),
        ("lesson", Lesson),
    ],
)
def test_every_kind_is_deleted_whole_and_undo_brings_all_of_it_back(
    demo_store: Store, db_path: Path, kind: str, model: type
) -> None:
    if model is Incident:  # the demo has none
        save_incident(
            demo_store,
            _first(demo_store, Project),
            {"title": "Late payment", "occurred_on": "2026-11-20"},
            now=FIXED_NOW,
        )
    record_id = _first(demo_store, model)
    before = table_counts(db_path)
    asked = removal.preview(demo_store, kind, record_id)
    gone = removal.delete_record(demo_store, kind, record_id)
    assert gone == asked
    after = table_counts(db_path)
    along = sum(int(part.split()[0]) for part in gone.along)
    assert sum(before.values()) - sum(after.values()) == 1 + along
    with demo_store.read() as session:
        assert session.get(model, record_id) is None
    undone = undo.undo_last(demo_store)
    assert undone.summary == gone.step()
    assert undone.summary.startswith(f"{removal.KINDS[kind].label} #{record_id} “")
    assert table_counts(db_path) == before


def test_deleting_a_client_says_what_goes_with_it(demo_store: Store, db_path: Path) -> None:
    with demo_store.read() as session:
        client = session.exec(select(Client).order_by(Client.id)).first()
        projects = session.exec(select(Project).where(Project.client_id == client.id)).all()  # type: ignore[union-attr]
        contacts = session.exec(
            select(Contact).where(Contact.project_id.in_([p.id for p in projects]))  # type: ignore[union-attr]
        ).all()
    asked = removal.preview(demo_store, "client", client.id)  # type: ignore[union-attr]
    plural = "project" if len(projects) == 1 else "projects"
    assert asked.along[0] == f"{len(projects)} {plural}"
    assert f"{len(contacts)} contacts" in asked.along
    assert asked.question().startswith(f"Delete client #{client.id} “{client.name}”? With it go")  # type: ignore[union-attr]
    assert asked.question().endswith("You can take it back afterwards with relay undo.")
    before = table_counts(db_path)
    removal.delete_record(demo_store, "client", client.id)  # type: ignore[union-attr]
    assert table_counts(db_path)["contact"] == before["contact"] - len(contacts)
    undo.undo_last(demo_store)
    assert table_counts(db_path) == before


def test_a_lesson_is_reworded(demo_store: Store) -> None:
    lesson_id = _first(demo_store, Lesson)
    row = edit_lesson(demo_store, lesson_id, {"text": "Ask for the texts on day one"})
    assert row.text == "Ask for the texts on day one"
    with pytest.raises(InvalidInput) as bad:
        edit_lesson(demo_store, lesson_id, {"text": "  "})
    assert bad.value.field == "text"
