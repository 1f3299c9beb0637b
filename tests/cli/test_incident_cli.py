"""`relay incident` through the real command line, in subprocesses: list, add, edit,
tell, delete. Bad input: exit status 2, one line on stderr naming the option, nothing
written. Telling the client logs the contact; `relay undo` takes both back."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.services.clients import add_client
from relay_tui.services.incidents import add_incident
from relay_tui.services.projects import add_project
from tests.conftest import query_rows, run_relay, table_counts


def this_day() -> date:
    """The subprocesses run on the real clock: today when used, not when collected (a
    run that crosses midnight)."""
    return date.today()


def occurred() -> date:
    return this_day() - timedelta(days=5)


def told() -> date:
    return this_day() - timedelta(days=2)


def short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.fixture
def bakery(store: Store, db_path: Path) -> Path:
    """Marie (who prefers the phone), her project Bakery, and incident #1 on it."""
    add_client(store, {"name": "Marie Lambert", "channel": "phone"})
    add_project(store, {"name": "Bakery", "client": "Marie"})
    add_incident(
        store,
        {
            "project": "Bakery",
            "title": "Texts late",
            "occurred_on": occurred().isoformat(),
            "proposal": "Launch a week later",
        },
    )
    return db_path


def test_add_then_list_as_text_and_as_json(bakery: Path) -> None:
    said = ok(
        run_relay(
            "incident",
            "add",
            "Scope dispute",
            "-p",
            "bak",
            "--on",
            occurred().isoformat(),
            "--facts",
            "Asked for a shop",
            "--for-client",
            "Extra cost",
            "--for-me",
            "Two unpaid days",
            "--proposal",
            "A change request",
            "--blamed",
            db=bakery,
        )
    )
    assert said == (
        f"Added incident #2 Scope dispute ({short(occurred())}). Not told to the client yet: "
        "once you have, relay incident tell 2\n"
    )
    assert query_rows(
        bakery, "SELECT facts, for_client, for_me, proposal, blamed FROM incident WHERE id = 2"
    ) == [("Asked for a shop", "Extra cost", "Two unpaid days", "A change request", 1)]
    lines = ok(run_relay("incident", "list", "-p", "bak", db=bakery)).splitlines()
    assert lines == [
        f"#2    {short(occurred())}  open      Scope dispute  (not told to the client yet)",
        f"#1    {short(occurred())}  open      Texts late  (not told to the client yet)",
    ]
    data = json.loads(ok(run_relay("incident", "list", "-p", "bak", "--json", db=bakery)))
    assert (data["format"], data["version"]) == ("relay-incidents", 2)
    assert data["incidents"][0] == {
        "id": 2,
        "title": "Scope dispute",
        "occurred_on": occurred().isoformat(),
        "status": "open",
        "facts": "Asked for a shop",
        "contract_says": "",
        "next_step": "",
        "for_client": "Extra cost",
        "for_me": "Two unpaid days",
        "proposal": "A change request",
        "blamed": True,
        "told_on": None,
        "told_how": None,
    }


def test_an_empty_list_says_so(store: Store, db_path: Path) -> None:
    add_client(store, {"name": "Paul"})
    add_project(store, {"name": "Florist", "client": "Paul"})
    assert ok(run_relay("incident", "list", db=db_path)) == "No incident recorded for Florist.\n"


def test_tell_marks_it_told_logs_the_contact_and_undo_takes_both_back(bakery: Path) -> None:
    before = table_counts(bakery)
    said = ok(run_relay("incident", "tell", "1", "--on", told().isoformat(), db=bakery))
    assert said == (
        f"Incident #1 Texts late: told the client on {short(told())} by phone; contact #1 "
        "logged. Undo: relay undo.\n"
    )
    assert query_rows(
        bakery, "SELECT CAST(told_on AS TEXT), told_how FROM incident WHERE id = 1"
    ) == [(told().isoformat(), "phone")]
    assert query_rows(
        bakery, "SELECT channel, direction, awaiting_reply, is_chase, summary FROM contact"
    ) == [("phone", "out", 0, 0, "Warned about “Texts late”: Launch a week later")]
    listed = ok(run_relay("incident", "list", db=bakery))
    assert listed.endswith(f"(told the client on {short(told())} by phone)\n")

    again = run_relay(
        "incident", "tell", "#1", "--how", "meeting", "--summary", "Met Marie", db=bakery
    )
    assert "by meeting; contact #2 logged" in ok(again)
    assert query_rows(bakery, "SELECT CAST(told_on AS TEXT), told_how FROM incident") == [
        (this_day().isoformat(), "meeting")
    ]
    ok(run_relay("undo", db=bakery))
    ok(run_relay("undo", db=bakery))
    after = table_counts(bakery)
    assert after["contact"] == before["contact"] == 0
    assert {k: v for k, v in after.items() if k != "undo_step"} == {
        k: v for k, v in before.items() if k != "undo_step"
    }
    assert query_rows(bakery, "SELECT CAST(told_on AS TEXT), told_how FROM incident") == [
        (None, None)
    ]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--on", "+1d"], "relay: error: on: is in the future"),
        (
            ["--on", (occurred() - timedelta(days=1)).isoformat()],
            f"relay: error: on: is before the incident itself ({short(occurred())})",
        ),
        (["--how", "pigeon"], "relay: error: argument --how: invalid choice: 'pigeon'"),
        (["--summary", " "], None),  # blank: the summary proposed is used (not refused)
    ],
)
def test_tell_refuses_a_bad_day_or_channel_and_writes_nothing(
    bakery: Path, args: list[str], error: str | None
) -> None:
    before = table_counts(bakery)
    done = run_relay("incident", "tell", "1", *args, db=bakery)
    if error is None:
        ok(done)
        return
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(error)
    assert len(done.stderr.splitlines()) == 1
    assert table_counts(bakery) == before


@pytest.mark.parametrize(
    ("args", "status", "error"),
    [
        (["incident", "tell", "9"], 2, "relay: error: id: no incident #9"),
        (["incident", "tell", "one"], 2, "relay: error: id: 'one' is not an id"),
        (["incident", "add", "", "-p", "bak"], 2, "relay: error: title: must not be empty"),
        (
            ["incident", "add", "X", "-p", "bak", "--on", "+2d"],
            2,
            "relay: error: occurred_on: is in",
        ),
        (["incident", "add", "X", "-p", "nowhere"], 2, "relay: error: project: "),
        (["incident", "edit", "1"], 2, "relay: error: options: give at least one"),
        (
            ["incident", "edit", "1", "--status", "gone"],
            2,
            "relay: error: argument --status: invalid choice",
        ),
        (["incident", "edit", "1", "--blamed", "--not-blamed"], 2, "relay: error: argument"),
        (["incident", "delete", "9"], 2, "relay: error: "),
        (["incident"], 2, "relay: error: "),
    ],
)
def test_bad_input_exits_with_one_line_and_writes_nothing(
    bakery: Path, args: list[str], status: int, error: str
) -> None:
    before = table_counts(bakery)
    done = run_relay(*args, db=bakery)
    assert done.returncode == status, done.stderr
    assert done.stderr.startswith(error), done.stderr
    assert table_counts(bakery) == before


def test_edit_changes_only_what_is_given_then_delete_and_undo(bakery: Path) -> None:
    said = ok(
        run_relay(
            "incident",
            "edit",
            "1",
            "--for-me",
            "Two days wait",
            "--blamed",
            "--status",
            "resolved",
            db=bakery,
        )
    )
    assert said == (
        "Incident #1 edited: for-me none → “Two days wait”, blamed no → yes, status open → "
        "resolved. Undo: relay undo.\n"
    )
    assert query_rows(bakery, "SELECT title, proposal, for_me, blamed, status FROM incident") == [
        ("Texts late", "Launch a week later", "Two days wait", 1, "resolved")
    ]
    assert ok(run_relay("incident", "delete", "1", db=bakery)) == (
        "Deleted incident #1 “Texts late”. Undo: relay undo.\n"
    )
    assert query_rows(bakery, "SELECT count(*) FROM incident") == [(0,)]
    ok(run_relay("undo", db=bakery))
    assert query_rows(bakery, "SELECT id, title FROM incident") == [(1, "Texts late")]


def test_help_of_each_action_says_what_it_does() -> None:
    for action in ("list", "add", "edit", "tell", "delete"):
        shown = ok(run_relay("incident", action, "--help"))
        assert "usage: relay incident " + action in shown
    assert "--for-client" in ok(run_relay("incident", "add", "--help"))
