"""The time entries of a project as a list shows them (`timelog.time_entries`): newest day
first, each with the version a correction sends back; and a contact's version
(`ContactView.version`), for the same check."""

from __future__ import annotations

import pytest

from relay_tui.db import Store
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture, contacts_page, edit_contact
from relay_tui.services.projects import add_project
from relay_tui.services.timelog import (
    ENTRIES_LIMIT,
    TimeEntryView,
    edit_time_entry,
    log_time,
    time_entries,
)
from tests.conftest import FIXED_NOW


@pytest.fixture
def project_id(store: Store) -> int:
    add_client(store, {"name": "Marie"})
    project = add_project(store, {"name": "Bakery", "client": "Marie"}, now=FIXED_NOW)
    assert project.id is not None
    return project.id


def test_entries_come_newest_day_first_with_what_a_correction_needs(
    store: Store, project_id: int
) -> None:
    other = add_project(store, {"name": "Florist", "client": "Marie"}, now=FIXED_NOW)
    logged = [
        log_time(store, {"project": project_id, "minutes": m, "spent_on": day}, now=FIXED_NOW)
        for m, day in (("1h", "2026-11-20"), ("30m", "2026-11-23"), ("2h", "2026-11-20"))
    ]
    log_time(store, {"project": other.id, "minutes": "3h"}, now=FIXED_NOW)
    edit_time_entry(store, logged[0].id, {"category": "rework", "note": "the menu"}, now=FIXED_NOW)

    entries = time_entries(store, project_id, 10)

    assert [e.id for e in entries] == [logged[1].id, logged[2].id, logged[0].id]
    corrected = entries[-1]
    assert corrected == TimeEntryView(
        id=logged[0].id,  # type: ignore[arg-type]
        version=2,
        project_id=project_id,
        project="Bakery",
        spent_on=logged[0].spent_on,
        minutes=60,
        category="rework",
        note="the menu",
        by=store.who(),
    )
    assert corrected.as_json()["spent_on"] == "2026-11-20"
    assert [e.id for e in time_entries(store, project_id, 2)] == [logged[1].id, logged[2].id]
    with pytest.raises(Conflict):  # the version a list showed before a change is stale
        edit_time_entry(store, logged[0].id, {"minutes": "5h", "version": 1}, now=FIXED_NOW)


@pytest.mark.parametrize("limit", [0, -1, ENTRIES_LIMIT + 1, True])
def test_a_limit_out_of_range_is_refused(store: Store, project_id: int, limit: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        time_entries(store, project_id, limit)
    assert refused.value.field == "limit"


def test_the_entries_of_a_missing_project_are_refused(store: Store) -> None:
    with pytest.raises(NotFound, match="no project with id 99"):
        time_entries(store, 99, 10)


def test_a_contact_view_carries_its_version(store: Store, project_id: int) -> None:
    contact, _ = capture(store, {"project": project_id, "summary": "Called"}, now=FIXED_NOW)
    [view] = contacts_page(store, project_id)
    assert view.version == contact.version == 1
    edit_contact(store, view.id, {"summary": "Called Marie", "version": view.version})
    [view] = contacts_page(store, project_id)
    assert view.version == 2
