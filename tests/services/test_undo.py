"""Undo (`services.undo`, journaled by `relay_tui.journal`): the last change of a user
comes back as it was: an edit, a deletion, an addition; a change made since by someone
else is never overwritten, and each person takes back only their own steps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relay_tui.db import Store, open_store, resolve_location
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.services import undo
from relay_tui.services.actors import delete_stakeholder, save_stakeholder
from relay_tui.services.before_view import load_before
from relay_tui.services.clients import add_client
from relay_tui.services.deadlines import add_deadline, deadlines, update_deadline
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, table_counts

TODAY = date(2026, 11, 23)


@pytest.fixture
def project_id(store: Store) -> int:
    add_client(store, {"name": "Marie"})
    project = add_project(store, {"name": "Bakery", "client": "Marie"}, now=FIXED_NOW)
    assert project.id is not None
    return project.id


def bell(store: Store, project_id: int) -> tuple[int, int]:
    row = add_deadline(
        store, {"project": project_id, "title": "Mock-ups", "due_on": "2026-12-20"}, now=FIXED_NOW
    )
    assert row.id is not None
    return row.id, row.version


def test_an_edit_comes_back_as_it_was_and_moves_the_version_on(
    store: Store, project_id: int
) -> None:
    bell_id, version = bell(store, project_id)
    update_deadline(
        store, bell_id, {"title": "Mock-ups v2", "due_on": "2026-12-22", "version": version}
    )
    assert undo.steps(store)[0].summary == "alarm bell #1 edited"

    taken_back = undo.undo_last(store, now=FIXED_NOW)

    assert taken_back.summary == "alarm bell #1 edited"
    [shown] = deadlines(store, project_id, TODAY)
    assert (shown.title, shown.due_on) == ("Mock-ups", date(2026, 12, 20))
    assert shown.version == version + 2  # a screen still showing the edit is refused
    assert undo.steps(store)[0].summary == "alarm bell #1 added"


def test_a_deleted_record_comes_back_with_its_id(store: Store, project_id: int) -> None:
    actor = save_stakeholder(store, project_id, {"name": "Tom", "influence": 4}, None)
    delete_stakeholder(store, actor.id, version=actor.version)  # type: ignore[arg-type]
    assert load_before(store, project_id, TODAY).stakeholders == []

    assert undo.undo_last(store).summary == "key actor #1 deleted"

    [back] = load_before(store, project_id, TODAY).stakeholders
    assert (back.id, back.name, back.influence) == (actor.id, "Tom", 4)


def test_an_addition_is_taken_back_and_steps_go_back_one_by_one(
    store: Store, project_id: int, db_path: Path
) -> None:
    bell(store, project_id)
    assert undo.undo_last(store).summary == "alarm bell #1 added"
    assert deadlines(store, project_id, TODAY) == []
    # The project and its starting commitments were one step: they go together.
    assert undo.undo_last(store).summary == "project #1 added and 10 more changes"
    assert undo.undo_last(store).summary == "client #1 added"
    counts = table_counts(db_path)
    assert {name: n for name, n in counts.items() if name != "undo_step"} == {
        name: 0 for name in counts if name != "undo_step"
    }
    with pytest.raises(NotFound, match="nothing to undo"):
        undo.undo_last(store)


def test_a_change_made_since_by_someone_else_is_not_overwritten(
    store: Store, project_id: int, db_path: Path
) -> None:
    bell_id, version = bell(store, project_id)
    update_deadline(store, bell_id, {"title": "Mine", "due_on": "2026-12-22", "version": version})
    other = open_store(resolve_location(str(db_path)), user="bob")
    try:
        [seen] = deadlines(other, project_id, TODAY)
        update_deadline(
            other, bell_id, {"title": "Bob's", "due_on": "2026-12-23", "version": seen.version}
        )
        # Bob takes back only his own step.
        assert [step.summary for step in undo.steps(other)] == ["alarm bell #1 edited"]
    finally:
        other.close()
    before = table_counts(db_path)

    with pytest.raises(Conflict, match="changed since by bob; nothing was undone"):
        undo.undo_last(store)

    assert table_counts(db_path) == before
    [shown] = deadlines(store, project_id, TODAY)
    assert shown.title == "Bob's"


def test_the_journal_keeps_the_last_steps_of_each_user(
    store: Store, project_id: int, db_path: Path
) -> None:
    from relay_tui import journal

    bell_id, version = bell(store, project_id)
    for n in range(journal.KEEP_STEPS + 5):
        edited = update_deadline(
            store, bell_id, {"title": f"Take {n}", "due_on": "2026-12-20", "version": version}
        )
        version = edited.version
    assert table_counts(db_path)["undo_step"] == journal.KEEP_STEPS  # the older ones went
    assert len(undo.steps(store, limit=journal.KEEP_STEPS)) == journal.KEEP_STEPS
    with pytest.raises(InvalidInput, match="limit"):
        undo.steps(store, limit=journal.KEEP_STEPS + 1)


def test_two_edits_of_one_record_are_taken_back_one_after_the_other(
    store: Store, project_id: int
) -> None:
    bell_id, version = bell(store, project_id)
    first = update_deadline(store, bell_id, {"title": "One", "version": version}, now=FIXED_NOW)
    update_deadline(store, bell_id, {"title": "Two", "version": first.version}, now=FIXED_NOW)
    undo.undo_last(store)
    assert [d.title for d in deadlines(store, project_id, TODAY)] == ["One"]
    undo.undo_last(store)
    assert [d.title for d in deadlines(store, project_id, TODAY)] == ["Mock-ups"]


def test_a_record_brought_back_is_one_version_on_and_its_earlier_edit_undoes(
    store: Store, project_id: int
) -> None:
    from relay_tui.services.removal import delete_record

    bell_id, version = bell(store, project_id)
    edited = update_deadline(store, bell_id, {"title": "One", "version": version}, now=FIXED_NOW)
    delete_record(store, "deadline", bell_id, version=edited.version)
    undo.undo_last(store)
    [back] = deadlines(store, project_id, TODAY)
    assert (back.title, back.version) == ("One", edited.version + 1)
    with pytest.raises(Conflict):  # a screen still showing it as it was is refused
        update_deadline(store, bell_id, {"title": "Stale", "version": edited.version})
    undo.undo_last(store)
    assert [d.title for d in deadlines(store, project_id, TODAY)] == ["Mock-ups"]
