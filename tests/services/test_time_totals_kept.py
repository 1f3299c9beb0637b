"""Each project's time totals (`project_time_total`, migration 0012) are kept by the
database on every write to the time entries: logged, corrected, moved, deleted, undone,
imported, written by another program. The oracle here sums the entries in Python, as
`domain.stored.minutes_ok` judges them, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relay_tui import sqltext
from relay_tui.db import HEAD_REVISION, Store, location_for_path, open_store, resolve_location
from relay_tui.domain import stored
from relay_tui.errors import InvalidInput
from relay_tui.services.removal import delete_record
from relay_tui.services.timelog import edit_time_entry, log_time
from relay_tui.services.transfer import export_data, import_data
from relay_tui.services.undo import undo_last
from tests.conftest import FIXED_NOW, before_0012, change_rows, query_rows
from tests.reliability.test_bad_stored_values import corrupt


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def expected(db: Path) -> dict[int, tuple[int, int, date, int]]:
    """The totals summed from the entries: (logged, rework, first day, left out)."""
    totals: dict[int, list[object]] = {}
    for pid, minutes, category, spent_on in query_rows(
        db, "SELECT project_id, minutes, category, spent_on FROM time_entry"
    ):
        row = totals.setdefault(pid, [0, 0, _day(spent_on), 0])
        if stored.minutes_ok(minutes):
            row[0] += minutes  # type: ignore[operator]
            if category == "rework":
                row[1] += minutes  # type: ignore[operator]
        else:
            row[3] += 1  # type: ignore[operator]
        row[2] = min(row[2], _day(spent_on))  # type: ignore[type-var]
    return {pid: tuple(row) for pid, row in totals.items()}  # type: ignore[misc]


def kept(db: Path) -> dict[int, tuple[int, int, date, int]]:
    return {
        pid: (logged, rework, _day(first), left_out)
        for pid, logged, rework, first, left_out in query_rows(
            db,
            "SELECT project_id, logged_minutes, rework_minutes, first_on, left_out "
            "FROM project_time_total",
        )
    }


def test_the_totals_count_minutes_in_the_range_the_rules_declare() -> None:
    assert stored.limits("time_entry", "minutes") == sqltext.MINUTES_RANGE


def test_totals_follow_every_correction_through_the_services(
    store: Store, db_path: Path, projects: tuple[int, int]
) -> None:
    bakery, florist = projects
    assert kept(db_path) == {}
    first = log_time(store, {"project": bakery, "minutes": "2h", "spent_on": "2026-11-20"})
    log_time(store, {"project": bakery, "minutes": "1h", "spent_on": "2026-11-18"})
    rework = log_time(
        store,
        {"project": bakery, "minutes": "30m", "category": "rework", "spent_on": "2026-11-25"},
    )
    log_time(store, {"project": florist, "minutes": "45m", "spent_on": "2026-11-21"})
    assert kept(db_path) == expected(db_path)
    assert kept(db_path)[bakery] == (210, 30, date(2026, 11, 18), 0)

    edit_time_entry(store, rework.id, {"minutes": "1h", "spent_on": "2026-11-10"})  # type: ignore[arg-type]
    assert kept(db_path)[bakery] == (240, 60, date(2026, 11, 10), 0)
    edit_time_entry(store, first.id, {"project": florist})  # type: ignore[arg-type]
    assert kept(db_path) == expected(db_path)
    assert kept(db_path)[bakery] == (120, 60, date(2026, 11, 10), 0)
    assert kept(db_path)[florist] == (165, 0, date(2026, 11, 20), 0)

    delete_record(store, "time", rework.id)  # type: ignore[arg-type]
    assert kept(db_path)[bakery] == (60, 0, date(2026, 11, 18), 0)
    undo_last(store)
    assert kept(db_path)[bakery] == (120, 60, date(2026, 11, 10), 0)
    assert kept(db_path) == expected(db_path)

    delete_record(store, "project", florist)
    assert kept(db_path) == expected(db_path)
    assert set(kept(db_path)) == {bakery}


def test_totals_of_entries_another_program_wrote_out_of_range(
    store: Store, db_path: Path, projects: tuple[int, int]
) -> None:
    bakery, _ = projects
    log_time(store, {"project": bakery, "minutes": "1h", "spent_on": "2026-11-20"})
    insert = (
        "INSERT INTO time_entry (project_id, spent_on, minutes, category, note, created_at, "
        "created_by, version) VALUES (?, ?, ?, ?, '', '2026-11-20 10:00:00.000000', 'x', 1)"
    )
    for minutes, category, day in ((0, "work", "2026-11-02"), (5000, "rework", "2026-11-30")):
        corrupt(db_path, insert, bakery, day, minutes, category)
    assert kept(db_path) == expected(db_path)
    assert kept(db_path)[bakery] == (60, 0, date(2026, 11, 2), 2)
    corrupt(db_path, "UPDATE time_entry SET minutes = 90 WHERE minutes = 5000")
    assert kept(db_path)[bakery] == (150, 90, date(2026, 11, 2), 1)
    corrupt(db_path, "DELETE FROM time_entry")
    assert kept(db_path) == {}


@pytest.mark.sqlite_only  # into SQLite the triggers are set aside (`services.read_model`)
def test_an_import_fills_the_read_model_and_keeps_it_after(
    store: Store, db_path: Path, projects: tuple[int, int], tmp_path: Path
) -> None:
    from relay_tui.services.contacts import capture
    from tests.services.test_pending_replies_kept import expected as awaiting
    from tests.services.test_pending_replies_kept import kept as pending

    bakery, florist = projects
    for project, minutes in ((bakery, "2h"), (bakery, "15m"), (florist, "1h")):
        log_time(store, {"project": project, "minutes": minutes, "spent_on": "2026-11-20"})
    capture(store, {"project": bakery, "summary": "Quote", "awaiting_reply": True})
    data = export_data(store, now=FIXED_NOW)
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    target = tmp_path / "imported.db"
    fresh = open_store(location_for_path(target))
    try:
        import_data(fresh, data)
        assert kept(target) == expected(target) == kept(db_path)
        assert kept(target)[bakery] == (135, 0, date(2026, 11, 20), 0)
        assert pending(target) == awaiting(target) == pending(db_path) != set()
        assert query_rows(target, triggers) == query_rows(db_path, triggers)
        log_time(fresh, {"project": florist, "minutes": "30m", "spent_on": "2026-11-21"})
        assert kept(target)[florist][0] == 90  # kept by its triggers again

        broken = {**data, "tables": {**data["tables"], "time_entry": [{"id": "x"}]}}
        other = tmp_path / "other.db"
        second = open_store(location_for_path(other))
        try:
            with pytest.raises(InvalidInput):
                import_data(second, broken)
        finally:
            second.close()
        assert query_rows(other, triggers) == query_rows(db_path, triggers)  # all back
    finally:
        fresh.close()


def test_upgrading_a_store_fills_the_read_model_from_what_it_holds(
    store: Store, db_path: Path, projects: tuple[int, int]
) -> None:
    from relay_tui.services.contacts import capture
    from tests.services.test_pending_replies_kept import expected as awaiting

    bakery, florist = projects
    for project, minutes, category in ((bakery, "2h", "rework"), (florist, "1h", "work")):
        log_time(store, {"project": project, "minutes": minutes, "category": category})
    for project, direction, hour in ((bakery, "out", 9), (bakery, "in", 10), (florist, "out", 11)):
        at = f"2026-11-20T{hour:02d}:00:00+00:00"
        values = {"project": project, "summary": "Quote", "direction": direction, "at": at}
        capture(store, {**values, "awaiting_reply": direction == "out"}, now=FIXED_NOW)
    store.close()
    want = expected(db_path), awaiting(db_path)
    change_rows(
        db_path,
        *before_0012(db_path),
        "UPDATE alembic_version SET version_num = '0011_project_name_folded'",
    )
    open_store(resolve_location(str(db_path))).close()
    assert query_rows(db_path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    pending = {row[0] for row in query_rows(db_path, "SELECT contact_id FROM pending_reply")}
    assert (kept(db_path), pending) == want
    assert want[0][bakery][1] == 120 and len(want[1]) == 1
