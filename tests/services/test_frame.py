"""The frame that checks itself (services.projects.save_frame, frame_view, load_before and
the dashboard): the report cadence and the rigour checklist are stored, a long cycle is
accepted, each unticked rigour item is missing before starting, the command line's
partial change keeps the rest, and undo takes a change back."""

from __future__ import annotations

from typing import Any

import pytest

from relay_tui.db import Store
from relay_tui.domain.before import RIGOUR
from relay_tui.errors import Conflict, InvalidInput
from relay_tui.models import Project
from relay_tui.services import undo
from relay_tui.services.before_view import load_before
from relay_tui.services.clients import add_client
from relay_tui.services.dashboard import dashboard
from relay_tui.services.profiles import save_profile
from relay_tui.services.projects import add_project, frame_view, save_frame
from tests.conftest import FIXED_NOW, table_counts

TODAY = FIXED_NOW.date()
RIGOUR_COLUMNS = tuple(item.column for item in RIGOUR)


@pytest.fixture
def pid(store: Store) -> int:
    add_client(store, {"name": "Acme Corp"})
    project = add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)
    assert project.id is not None
    return project.id


def form(**extra: Any) -> dict[str, Any]:
    """What the frame form sends: every field, the tick boxes as bools."""
    return {
        "working_method": "Short cycles",
        "cycle_days": "14",
        "contract_signed_on": "2026-11-20",
        "start_on": "2026-11-30",
        "delivery_on": "2027-01-29",
        "budget_minutes": "40h",
        "chase_delay_days": "3",
        "report_every_days": "",
        **dict.fromkeys(RIGOUR_COLUMNS, False),
        **extra,
    }


def stored(store: Store, pid: int) -> Project:
    with store.read() as session:
        row = session.get(Project, pid)
        assert row is not None
        return row


def test_the_form_stores_the_report_cadence_and_the_rigour_ticked(store: Store, pid: int) -> None:
    save_frame(
        store,
        pid,
        form(report_every_days="7", rigour_progress_point=True, rigour_single_contact=True),
        now=FIXED_NOW,
    )
    row = stored(store, pid)
    assert row.report_every_days == 7
    assert [getattr(row, column) for column in RIGOUR_COLUMNS] == [False, True, True, False]
    view = frame_view(store, "acme")
    assert view.report_every_days == 7
    assert view.rigour() == {
        "written_validations": False,
        "progress_point": True,
        "single_contact": True,
        "changes_in_writing": False,
    }
    # Emptied, the cadence is none; unticked, an item is no longer agreed.
    save_frame(store, pid, form(), now=FIXED_NOW)
    row = stored(store, pid)
    assert row.report_every_days is None
    assert not any(getattr(row, column) for column in RIGOUR_COLUMNS)


def test_a_thirty_day_cycle_is_accepted(store: Store, pid: int) -> None:
    save_frame(store, pid, form(cycle_days="30"), now=FIXED_NOW)
    assert stored(store, pid).cycle_days == 30


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"report_every_days": "0"}, "report_every_days"),
        ({"report_every_days": "91"}, "report_every_days"),
        ({"report_every_days": "weekly"}, "report_every_days"),
        ({"rigour_single_contact": "maybe"}, "rigour_single_contact"),
    ],
)
def test_a_bad_cadence_or_tick_is_refused_and_nothing_is_written(
    store: Store, db_path: Any, pid: int, change: dict[str, Any], field: str
) -> None:
    before = table_counts(db_path)
    version = stored(store, pid).version
    with pytest.raises(InvalidInput) as caught:
        save_frame(store, pid, form(**change), now=FIXED_NOW)
    assert caught.value.field == field
    assert table_counts(db_path) == before
    assert stored(store, pid).version == version


def test_a_partial_change_keeps_the_rest_of_the_frame(store: Store, pid: int) -> None:
    """The command line sends only what it changes."""
    save_frame(store, pid, form(report_every_days="7", rigour_progress_point=True), now=FIXED_NOW)
    save_frame(store, pid, {"rigour_single_contact": True}, now=FIXED_NOW)
    row = stored(store, pid)
    assert (row.working_method, row.cycle_days, row.report_every_days) == ("Short cycles", 14, 7)
    assert (row.rigour_progress_point, row.rigour_single_contact) == (True, True)
    assert row.budget_minutes == 40 * 60
    assert row.chase_delay_days == 3


def test_a_frame_changed_meanwhile_is_refused(store: Store, pid: int) -> None:
    read = frame_view(store, pid)
    save_frame(store, pid, {"cycle_days": "21"}, now=FIXED_NOW)
    with pytest.raises(Conflict):
        save_frame(store, pid, {"cycle_days": "7", "version": read.version}, now=FIXED_NOW)
    assert stored(store, pid).cycle_days == 21


def test_each_unticked_rigour_item_is_missing_on_the_overview_and_the_dashboard(
    store: Store, pid: int
) -> None:
    save_profile(store, pid, "client", {"channel": "email"})
    save_frame(
        store, pid, form(rigour_written_validations=True, rigour_single_contact=True), now=FIXED_NOW
    )
    missing = [
        "rigour: no regular progress point agreed",
        "rigour: changes are not agreed in writing",
    ]
    assert load_before(store, pid, TODAY).missing == missing
    assert {row.id: row.missing for row in dashboard(store, TODAY)} == {pid: missing}
    save_frame(
        store,
        pid,
        {"rigour_progress_point": True, "rigour_changes_in_writing": True},
        now=FIXED_NOW,
    )
    assert load_before(store, pid, TODAY).missing == []
    assert {row.id: row.missing for row in dashboard(store, TODAY)} == {pid: []}


def test_undo_takes_a_frame_change_back(store: Store, pid: int) -> None:
    save_frame(store, pid, form(rigour_progress_point=True, cycle_days="30"), now=FIXED_NOW)
    save_frame(store, pid, {"rigour_progress_point": False, "cycle_days": "14"}, now=FIXED_NOW)
    undo.undo_last(store)
    row = stored(store, pid)
    assert (row.rigour_progress_point, row.cycle_days) == (True, 30)
