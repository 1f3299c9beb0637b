"""`relay undo`: takes back your last change and says which; `--list` shows what can be
taken back; with nothing left, one line and exit status 2, nothing written."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_relay, table_counts


def test_undo_takes_back_the_last_change_then_the_one_before(db_path: Path) -> None:
    assert run_relay("client", "add", "Marie", db=db_path).returncode == 0
    assert run_relay("project", "add", "Site", "--client", "Marie", db=db_path).returncode == 0
    added = run_relay(
        "deadline", "add", "Mock-ups", "--due", "2026-12-20", "-p", "Site", db=db_path
    )
    assert added.returncode == 0, added.stderr

    listed = run_relay("undo", "--list", db=db_path)
    assert listed.returncode == 0, listed.stderr
    assert [line.split("  ", 1)[1] for line in listed.stdout.splitlines()] == [
        "alarm bell #1 added",
        "project #1 added and 10 more changes",
        "client #1 added",
    ]

    undone = run_relay("undo", db=db_path)
    assert undone.returncode == 0, undone.stderr
    assert undone.stdout.startswith("Undone: alarm bell #1 added (")
    assert table_counts(db_path)["deadline"] == 0
    assert (
        "No deadline on Site yet." in run_relay("deadline", "list", "-p", "Site", db=db_path).stdout
    )


def test_undo_with_nothing_left_says_so_and_writes_nothing(db_path: Path) -> None:
    before = table_counts(db_path)
    refused = run_relay("undo", db=db_path)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == "relay: error: undo: nothing to undo\n"
    assert run_relay("undo", "--list", db=db_path).stdout == "Nothing to undo.\n"
    assert table_counts(db_path) == before


def test_a_limit_out_of_range_is_refused_naming_it(db_path: Path) -> None:
    for limit in ("0", "-1", "101"):
        refused = run_relay("undo", "--list", "--limit", limit, db=db_path)
        assert (refused.returncode, refused.stdout) == (2, "")
        assert refused.stderr == f"relay: error: limit: must be from 1 to 100 (got {limit})\n"
