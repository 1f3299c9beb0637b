"""The `calendar_file` setting from the command line: every command that changes the alarm
bells rewrites the file, any other leaves it alone, and a file that cannot be written is
one warning line while the change stands. Then `-o -` and `--force` on every export."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from icalendar import Calendar

from relay_tui.db import Store
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.cli.conftest import Ran, Relay
from tests.conftest import query_rows


def ok(result: Ran) -> str:
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert result.stderr == "", result.stderr
    return result.stdout


def statuses(path: Path) -> dict[str, str]:
    return {
        str(e["SUMMARY"]): str(e["STATUS"])
        for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    }


def set_calendar_file(value: str) -> None:
    settings = Path(os.environ["RELAY_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f"calendar_file = {json.dumps(value)}\n", encoding="utf-8")


@pytest.fixture
def site(store: Store, db_path: Path) -> Path:
    """Acme's site, made through the services in this process (the commands under test
    run as a user runs them)."""
    add_client(store, {"name": "Acme"})
    add_project(store, {"name": "Site", "client": "Acme"})
    return db_path


def test_each_bell_command_rewrites_the_calendar_file(
    site: Path, tmp_path: Path, relay: Relay
) -> None:
    path = tmp_path / "cal" / "bells.ics"
    set_calendar_file(str(path))
    ok(relay("deadline", "add", "Mock-ups", "-p", "Site", "--due", "+5d", db=site))
    assert statuses(path) == {"Mock-ups (Site)": "CONFIRMED"}
    ok(relay("deadline", "done", "1", db=site))
    assert statuses(path) == {}  # done: left out, a subscribed calendar drops it
    ok(relay("undo", db=site))
    assert statuses(path) == {"Mock-ups (Site)": "CONFIRMED"}
    ok(relay("deadline", "edit", "1", "--title", "Mock-ups v2", db=site))
    assert statuses(path) == {"Mock-ups v2 (Site)": "CONFIRMED"}

    # A contact, a time entry: no bell changed, the file is not rewritten.
    path.unlink()
    ok(relay("capture", "Called them", "-p", "Site", db=site))
    ok(relay("contact", "list", "-p", "Site", db=site))
    assert not path.exists()

    ok(relay("deadline", "delete", "1", db=site))
    assert statuses(path) == {}  # a deleted bell is left out


def test_an_unwritable_calendar_file_is_one_warning_and_the_change_stands(
    site: Path, tmp_path: Path, relay: Relay
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    set_calendar_file(str(blocker / "bells.ics"))
    result = relay("deadline", "add", "Mock-ups", "-p", "Site", "--due", "+5d", db=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added deadline #1 Mock-ups")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"relay: warning: the calendar file {blocker / 'bells.ics'} was not")
    assert line.endswith("; your change is saved")
    assert query_rows(site, "SELECT title FROM deadline") == [("Mock-ups",)]


def test_import_json_writes_the_calendar(site: Path, tmp_path: Path, relay: Relay) -> None:
    ok(relay("deadline", "add", "Mock-ups", "-p", "Site", "--due", "+5d", db=site))
    export = tmp_path / "all.json"
    ok(relay("export", "json", "-o", str(export), db=site))
    path = tmp_path / "bells.ics"
    set_calendar_file(str(path))
    ok(relay("import", "json", str(export), db=tmp_path / "new.db"))
    assert statuses(path) == {"Mock-ups (Site)": "CONFIRMED"}


@pytest.mark.parametrize(
    ("command", "check"),
    [
        (["export", "json"], lambda out: json.loads(out)["format"] == "relay-export"),
        (["export", "ics"], lambda out: out.startswith("BEGIN:VCALENDAR")),
        (["export", "craft"], lambda out: out.startswith("#")),
        (["export", "kickoff", "-p", "Site"], lambda out: "Site" in out),
    ],
    ids=["json", "ics", "craft", "kickoff"],
)
def test_every_export_prints_with_dash_and_replaces_with_force(
    site: Path, tmp_path: Path, command: list[str], check: object, relay: Relay
) -> None:
    printed = ok(relay(*command, "-o", "-", db=site))
    assert check(printed)  # type: ignore[operator]

    taken = tmp_path / "taken"
    taken.write_text("mine\n")
    refused = relay(*command, "-o", str(taken), db=site)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (
        f"relay: error: output: {taken} already exists; choose another file name, "
        "or --force to replace it\n"
    )
    assert taken.read_text() == "mine\n"

    written = ok(relay(*command, "-o", str(taken), "--force", db=site))
    assert str(taken) in written
    assert check(taken.read_text(encoding="utf-8"))  # type: ignore[operator]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
