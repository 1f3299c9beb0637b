"""The calendar as a calendar program sees it: UIDs unique to the store, SEQUENCE the
bell's version, a done bell cancelled (then left out once long done), a deleted one left
out; and the `calendar_file` setting, rewritten after every change to the alarm bells
and only then, a failure told without undoing the change."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from relay_tui.db import Store
from relay_tui.models import Project
from relay_tui.services import calendar
from relay_tui.services.calendar_file import keep_calendar_current
from relay_tui.services.clients import add_client, edit_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline, mark_done, reopen_deadline
from relay_tui.services.projects import add_project, close_project
from relay_tui.services.removal import delete_record
from relay_tui.services.undo import undo_last
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


def events(text: str | bytes) -> dict[str, object]:
    """The events by summary."""
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(text).walk("VEVENT")}


@pytest.fixture
def acme(store: Store) -> Project:
    add_client(store, {"name": "Acme Corp"})
    return add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)


def bell(store: Store, project: Project, title: str, due: date) -> int:
    row = add_deadline(
        store, {"project": project.id, "title": title, "due_on": due.isoformat()}, now=FIXED_NOW
    )
    return row.id  # type: ignore[return-value]


def test_uids_name_the_store_and_sequence_follows_the_version(store: Store, acme: Project) -> None:
    ident = bell(store, acme, "Mock-ups", TODAY + timedelta(days=5))
    store_id = calendar.store_id(store)
    assert len(store_id) == 32 and int(store_id, 16) >= 0  # the migration's, on both stores
    made = calendar.calendar_file(store, now=FIXED_NOW)
    [event] = events(made.text).values()
    assert str(event["UID"]) == f"relay-deadline-{ident}-{store_id}@relay"
    assert (event["SEQUENCE"], str(event["STATUS"])) == (1, "CONFIRMED")
    assert len(event.walk("VALARM")) == 1
    assert (made.open, made.cancelled) == (1, 0)

    # Done: cancelled, its SEQUENCE raised (a calendar takes it over the open one).
    mark_done(store, ident, now=FIXED_NOW)
    made = calendar.calendar_file(store, now=FIXED_NOW)
    [event] = events(made.text).values()
    assert (event["SEQUENCE"], str(event["STATUS"])) == (2, "CANCELLED")
    assert event.walk("VALARM") == []  # nothing rings for a bell done
    assert (made.open, made.cancelled) == (0, 1)

    # Open again: confirmed, raised once more.
    reopen_deadline(store, ident)
    [event] = events(calendar.calendar_file(store, now=FIXED_NOW).text).values()
    assert (event["SEQUENCE"], str(event["STATUS"])) == (3, "CONFIRMED")


def test_long_done_deleted_and_closed_projects(store: Store, acme: Project) -> None:
    kept = bell(store, acme, "Done lately", TODAY - timedelta(days=70))
    old = bell(store, acme, "Done long ago", TODAY - timedelta(days=100))
    gone = bell(store, acme, "Deleted", TODAY + timedelta(days=2))
    bell(store, acme, "Open", TODAY + timedelta(days=3))
    mark_done(store, kept, on=(TODAY - timedelta(days=calendar.DONE_KEPT_DAYS)).isoformat())
    mark_done(store, old, on=(TODAY - timedelta(days=calendar.DONE_KEPT_DAYS + 1)).isoformat())
    delete_record(store, "deadline", gone)
    found = events(calendar.calendar_file(store, now=FIXED_NOW).text)
    assert {name: str(e["STATUS"]) for name, e in found.items()} == {
        "Done lately (Acme site)": "CANCELLED",
        "Open (Acme site)": "CONFIRMED",
    }  # done more than DONE_KEPT_DAYS ago, or deleted: left out

    # A project closed lately: its bells cancelled; then long closed: left out.
    close_project(store, acme.id, {"override_reason": "stopped"}, now=FIXED_NOW)  # type: ignore[arg-type]
    found = events(calendar.calendar_file(store, now=FIXED_NOW).text)
    assert {str(e["STATUS"]) for e in found.values()} == {"CANCELLED"}
    assert set(found) == {"Done lately (Acme site)", "Open (Acme site)"}
    later = FIXED_NOW + timedelta(days=calendar.DONE_KEPT_DAYS + 1)
    assert events(calendar.calendar_file(store, now=later).text) == {}


@pytest.mark.sqlite_only
def test_two_stores_never_share_a_uid(store: Store, acme: Project, tmp_path: Path) -> None:
    from relay_tui.db import open_store, resolve_location

    other = open_store(resolve_location(str(tmp_path / "other.db")))
    add_client(other, {"name": "Acme Corp"})
    again = add_project(other, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)
    bell(store, acme, "Mock-ups", TODAY)
    bell(other, again, "Mock-ups", TODAY)
    first = {str(e["UID"]) for e in events(calendar.calendar_file(store).text).values()}
    second = {str(e["UID"]) for e in events(calendar.calendar_file(other).text).values()}
    assert len(first) == len(second) == 1 and first != second
    other.close()


def test_export_ics_to_stdout_and_force(
    store: Store, acme: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bell(store, acme, "Mock-ups", TODAY)
    assert calendar.export_ics(store, None, now=FIXED_NOW) == 1
    assert "Mock-ups (Acme site)" in events(capsys.readouterr().out)
    target = tmp_path / "bells.ics"
    target.write_text("mine\n")
    assert calendar.export_ics(store, target, now=FIXED_NOW, force=True) == 1
    assert "Mock-ups (Acme site)" in events(target.read_bytes())
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# --- the calendar_file setting ----------------------------------------------------------


def test_every_change_to_the_bells_rewrites_the_file_and_no_other_write(
    store: Store, acme: Project, tmp_path: Path
) -> None:
    path = tmp_path / "new" / "folder" / "bells.ics"
    warnings: list[str] = []
    keep_calendar_current(store, str(path), warnings.append, now=lambda: FIXED_NOW)

    ident = bell(store, acme, "Mock-ups", TODAY + timedelta(days=4))
    assert str(events(path.read_bytes())["Mock-ups (Acme site)"]["STATUS"]) == "CONFIRMED"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["bells.ics"]  # no temporary left

    mark_done(store, ident, now=FIXED_NOW)
    # Done: gone from the kept file, which a subscribed calendar then drops.
    assert "Mock-ups (Acme site)" not in events(path.read_bytes())

    undo_last(store, now=FIXED_NOW)  # undo is a write like any other
    assert str(events(path.read_bytes())["Mock-ups (Acme site)"]["STATUS"]) == "CONFIRMED"

    # A write that touches no bell, project or client leaves the file alone.
    path.unlink()
    capture(store, {"project": acme.id, "summary": "Called them"}, now=FIXED_NOW)
    assert not path.exists()

    # The client's language changes the events' words: rewritten.
    edit_client(store, acme.client_id, {"language": "fr"})
    assert path.exists(), warnings

    # Deleting the project takes its bells out of the file.
    delete_record(store, "project", acme.id)  # type: ignore[arg-type]
    assert events(path.read_bytes()) == {}
    assert warnings == []


def test_an_unwritable_calendar_file_warns_and_the_change_stands(
    store: Store, acme: Project, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    warnings: list[str] = []
    keep_calendar_current(store, str(blocker / "bells.ics"), warnings.append)
    ident = bell(store, acme, "Mock-ups", TODAY)
    assert len(warnings) == 1
    assert warnings[0].startswith(f"the calendar file {blocker / 'bells.ics'} was not updated (")
    assert warnings[0].endswith("); your change is saved")
    assert [d.id for d in calendar.deadlines(store, acme.id, TODAY)] == [ident]  # type: ignore[arg-type]


def test_no_setting_no_hook(store: Store) -> None:
    keep_calendar_current(store, "", lambda message: None)
    assert store.after_write == []
