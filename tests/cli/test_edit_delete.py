"""Correcting and deleting from the shell (`relay … edit`, `relay … delete`), through the
real command line in subprocesses.

A correction sends only the options given and prints what changed; a deletion prints
what went; both say how to take it back, and `relay undo` does. Bad input: exit status
2, one line naming the option (or the service's "no such record"), nothing written. A
client or a project, which takes other records along, is deleted only once the user said
yes on a terminal, or with --yes.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from relay_tui.cli import main
from relay_tui.cli.parser import build_parser
from relay_tui.db import Store, open_store, resolve_location
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.projects import add_project
from relay_tui.services.risks import add_risk
from relay_tui.services.timelog import log_time
from relay_tui.services.transfer import export_data
from relay_tui.services.validations import request_validation, validate_deliverable
from tests.conftest import query_rows, run_relay, table_counts

UNDO = "Undo: relay undo."


@pytest.fixture
def records(store: Store, db_path: Path) -> Path:
    """Two clients, a project each, and one record of every kind on Bakery (#1):
    contact #1, time entry #1, alarm bells #1 and #2 (after #1), validations #1
    (awaiting) and #2 (validated, locked), risk #1."""
    add_client(store, {"name": "Marie Lambert", "organisation": "Boulangerie Lambert"})
    add_client(store, {"name": "Paul"})
    add_project(
        store,
        {
            "name": "Bakery",
            "client": "Marie",
            "kind": "corporate",
            "start_on": "2026-11-02",
            "delivery_on": "2027-01-29",
            "budget_minutes": "40h",
            "chase_delay_days": 2,
        },
    )
    add_project(store, {"name": "Florist", "client": "Paul"})
    capture(
        store,
        {
            "project": "Bakery",
            "summary": "Sent the mock-ups",
            "awaiting_reply": True,
            "at": "2026-11-20T09:15",
        },
    )
    log_time(
        store,
        {"project": "Bakery", "minutes": "2h", "spent_on": "2026-11-20", "note": "Mock-ups"},
    )
    first = add_deadline(
        store,
        {"project": "Bakery", "title": "Photos from Marie", "due_on": "2027-01-08"},
    )
    add_deadline(
        store,
        {
            "project": "Bakery",
            "title": "Build the pages",
            "due_on": "2027-01-20",
            "margin_days": 2,
            "after_id": first.id,
        },
    )
    request_validation(store, "Bakery", {"deliverable": "Mock-ups", "requested_on": "2026-11-16"})
    locked = request_validation(
        store, "Bakery", {"deliverable": "Site map", "requested_on": "2026-11-10"}
    )
    validate_deliverable(store, locked.id, {"validated_by": "Marie", "validated_on": "2026-11-12"})
    add_risk(
        store,
        {"project": "Bakery", "title": "Marie validates late", "probability": 3, "impact": 4},
    )
    return db_path


def ok(db: Path, *args: str) -> str:
    result = run_relay(*args, db=db)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


def row(db: Path, sql: str) -> tuple[object, ...]:
    [found] = query_rows(db, sql)
    return found


def run_all(db: Path, commands: Sequence[Sequence[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Independent commands at once (each a process of its own)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: run_relay(*args, db=db), commands))


def exported(db: Path) -> dict[str, list[dict[str, object]]]:
    """Every record of the store, as `relay export json` writes them, but their versions
    (a record that comes back is stored afresh, at version 1)."""
    store = open_store(resolve_location(str(db)))
    try:
        tables = export_data(store)["tables"]
    finally:
        store.close()
    return {
        table: [{k: v for k, v in record.items() if k != "version"} for record in rows]
        for table, rows in tables.items()
    }


def records_only(counts: dict[str, int]) -> dict[str, int]:
    """Row counts of the user's records (an undo marks its step undone, it keeps it)."""
    return {table: n for table, n in counts.items() if table != "undo_step"}


# --- corrections ------------------------------------------------------------------------


def test_a_contact_is_corrected_moved_and_the_correction_undone(records: Path) -> None:
    out = ok(records, "contact", "edit", "1", "--text", "Sent the mock-ups v2", "-p", "flor")
    assert out == (
        "Contact #1 edited: project “Bakery” → “Florist”, "
        f"text “Sent the mock-ups” → “Sent the mock-ups v2”. {UNDO}\n"
    )
    assert row(records, "SELECT project_id, summary, channel FROM contact") == (
        2,
        "Sent the mock-ups v2",
        "email",
    )
    # --in alone leaves the contact awaiting a reply, which only an outbound one can.
    refused = run_relay("contact", "edit", "1", "--in", db=records)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == "relay: error: awaiting: only an outbound contact can await a reply\n"
    out = ok(records, "contact", "edit", "#1", "--in", "--not-awaiting", "-c", "phone")
    assert out == (
        f"Contact #1 edited: channel email → phone, direction out → in, awaiting yes → no. {UNDO}\n"
    )
    assert ok(records, "undo").startswith("Undone: contact #1 edited (")
    assert row(records, "SELECT project_id, summary, channel, direction FROM contact") == (
        2,
        "Sent the mock-ups v2",
        "email",
        "out",
    )


def test_the_same_value_again_changes_nothing_and_leaves_no_step(records: Path) -> None:
    before = table_counts(records)
    assert ok(records, "contact", "edit", "1", "-c", "email") == "Contact #1: nothing changed.\n"
    assert table_counts(records) == before


def test_time_entries_are_listed_with_their_ids_corrected_and_deleted(records: Path) -> None:
    assert ok(records, "time", "list") == (
        "#1     Fri 20 Nov 2026     2h  work      Bakery: Mock-ups\n"
    )
    [entry] = json.loads(ok(records, "time", "list", "-p", "bakery", "--json"))["time_entries"]
    assert entry == {
        "id": 1,
        "project_id": 1,
        "project": "Bakery",
        "spent_on": "2026-11-20",
        "minutes": 120,
        "category": "work",
        "note": "Mock-ups",
        "created_by": entry["created_by"],
    }
    assert ok(records, "time", "list", "-p", "florist") == "No time logged on Florist.\n"
    out = ok(records, "time", "edit", "1", "--duration", "1h30", "--category", "rework")
    assert out == f"Time entry #1 edited: duration 2h → 1h30, category work → rework. {UNDO}\n"
    out = ok(records, "time", "edit", "1", "--on", "2026-11-19", "--note", "")
    assert out == (
        "Time entry #1 edited: on Fri 20 Nov 2026 → Thu 19 Nov 2026, "
        f"note “Mock-ups” → none. {UNDO}\n"
    )
    assert row(records, "SELECT minutes, category, spent_on, note FROM time_entry")[:2] == (
        90,
        "rework",
    )
    assert ok(records, "time", "delete", "1") == (
        "Deleted time entry #1 “1h30 on 19 Nov”. Undo: relay undo.\n"
    )
    assert ok(records, "time", "list").startswith("No time logged yet.")
    ok(records, "undo")
    assert ok(records, "time", "list").startswith("#1 ")


def test_an_alarm_bell_is_corrected_unlinked_and_deleted(records: Path) -> None:
    out = ok(
        records, "deadline", "edit", "2", "--title", "Build all the pages", "--margin", "3",
        "--no-after",
    )  # fmt: skip
    assert out == (
        "Alarm bell #2 edited: title “Build the pages” → “Build all the pages”, "
        f"margin 2 d → 3 d, after #1 → none. {UNDO}\n"
    )
    out = ok(records, "deadline", "edit", "2", "--due", "2027-01-22T14:30", "--after", "1")
    assert out == (
        "Alarm bell #2 edited: due Wed 20 Jan 2027 → Fri 22 Jan 2027 14:30, "
        f"after none → #1. {UNDO}\n"
    )
    looped = run_relay("deadline", "edit", "1", "--after", "2", db=records)
    assert looped.returncode == 2
    assert looped.stderr.startswith("relay: error: after: this would make a loop of deadlines")
    out = ok(records, "deadline", "delete", "1")
    assert out == "Deleted alarm bell #1 “Photos from Marie”. Undo: relay undo.\n"
    assert row(records, "SELECT after_id FROM deadline WHERE id = 2") == (None,)
    ok(records, "undo")
    assert row(records, "SELECT after_id FROM deadline WHERE id = 2") == (1,)


def test_a_validation_request_is_corrected_or_withdrawn_until_it_is_validated(
    records: Path,
) -> None:
    out = ok(
        records, "validation", "edit", "1", "--deliverable", "Mock-ups v2", "--on", "2026-11-17"
    )
    assert out == (
        "Validation request #1 edited: deliverable “Mock-ups” → “Mock-ups v2”, "
        f"on Mon 16 Nov 2026 → Tue 17 Nov 2026. {UNDO}\n"
    )
    before = table_counts(records)
    edit, withdraw = run_all(
        records,
        [["validation", "edit", "2", "--deliverable", "Plan"], ["validation", "withdraw", "2"]],
    )
    assert (edit.returncode, withdraw.returncode) == (2, 2)
    assert edit.stderr == (
        "relay: error: id: validated on 12 Nov 2026: it is locked; to edit it, "
        "reopen it with a reason first\n"
    )
    assert withdraw.stderr == (
        "relay: error: id: validated on 12 Nov 2026: it is locked; to withdraw it, "
        "reopen it with a reason first\n"
    )
    assert table_counts(records) == before
    assert ok(records, "validation", "delete", "1") == (
        "Deleted validation request #1 “Mock-ups v2”. Undo: relay undo.\n"
    )
    assert row(records, "SELECT count(*) FROM validation") == (1,)


def test_a_risk_is_corrected_and_its_status_changed_then_deleted(records: Path) -> None:
    out = ok(records, "risk", "edit", "1", "--probability", "2", "--status", "mitigated",
             "--mitigation", "Weekly call with Marie")  # fmt: skip
    assert out == (
        "Risk #1 edited: probability 3 → 2, mitigation none → “Weekly call with Marie”, "
        f"status open → mitigated. {UNDO}\n"
    )
    assert ok(records, "risk", "delete", "1") == (
        "Deleted risk #1 “Marie validates late”. Undo: relay undo.\n"
    )


def test_a_client_and_a_project_are_corrected_by_name(records: Path) -> None:
    out = ok(records, "client", "edit", "marie", "--phone", "+33 6 12 34 56 78", "--org", "")
    assert out == (
        "Client #1 edited: org “Boulangerie Lambert” → none, phone none → “+33 6 12 34 56 78”. "
        f"{UNDO}\n"
    )
    taken = run_relay("client", "edit", "1", "--name", "paul", db=records)
    assert (taken.returncode, taken.stderr) == (
        2,
        "relay: error: name: a client named 'paul' already exists (#2)\n",
    )
    out = ok(
        records, "project", "edit", "Bakery", "--client", "Paul", "--budget", "50h",
        "--chase-delay", "5", "--delivery", "2027-02-05",
    )  # fmt: skip
    assert out == (
        "Project #1 edited: client “Marie Lambert” → “Paul”, delivery Fri 29 Jan 2027 → "
        f"Fri 5 Feb 2027, budget 40h → 50h, chase delay 2 working days → 5 working days. {UNDO}\n"
    )
    assert row(records, "SELECT client_id, budget_minutes FROM project WHERE id = 1") == (2, 3000)


# --- refusals -------------------------------------------------------------------------------

#: Commands naming a record that does not exist, and what relay says.
UNKNOWN = [
    (["contact", "edit", "99", "--text", "x"], "id: no contact with id 99"),
    (["contact", "delete", "99"], "id: no contact #99"),
    (["time", "edit", "99", "--note", "x"], "id: no time entry with id 99"),
    (["time", "delete", "99"], "id: no time entry #99"),
    (["deadline", "edit", "99", "--title", "x"], "id: no deadline with id 99"),
    (["deadline", "delete", "99"], "id: no alarm bell #99"),
    (["validation", "edit", "99", "--deliverable", "x"], "id: no validation with id 99"),
    (["validation", "withdraw", "99"], "id: no validation request #99"),
    (["risk", "edit", "99", "--title", "x"], "id: no risk #99"),
    (["risk", "delete", "99"], "id: no risk #99"),
    (["client", "edit", "99", "--notes", "x"], "client: no client with id 99"),
    (["client", "delete", "Nobody", "--yes"], "client: no client named 'Nobody'"),
    (["project", "edit", "99", "--name", "x"], "project: no project with id 99"),
    (["project", "delete", "blog", "--yes"], "project: no project matches 'blog'"),
]

#: Values a correction refuses, and the option the message names.
BAD = [
    (["contact", "edit", "1", "-c", "fax"], "argument -c/--channel: invalid choice: 'fax'"),
    (["contact", "edit", "1", "--text", " "], "text: "),
    (["contact", "edit", "1", "--at", "tomorrow"], "at: is in the future"),
    (["contact", "edit", "1", "-p", "nowhere"], "project: no project matches 'nowhere'"),
    (["time", "edit", "1", "--duration", "25h"], "duration: must be more than zero"),
    (["time", "edit", "1", "--on", "+3d"], "on: is in the future"),
    (["time", "edit", "1", "--category", "naps"], "argument --category: invalid choice"),
    (["deadline", "edit", "1", "--due", "2026-02-30"], "due: '2026-02-30' is not a date"),
    (["deadline", "edit", "1", "--margin", "400"], "margin: must be from 0 to 365"),
    (["deadline", "edit", "2", "--after", "2"], "after: this would make a loop"),
    (["deadline", "edit", "2", "--after", "x"], "after: 'x' is not an id"),
    (["validation", "edit", "1", "--on", "+1w"], "on: is in the future"),
    (["risk", "edit", "1", "--impact", "9"], "impact: must be from 1 to 5 (got 9)"),
    (["risk", "edit", "1", "--status", "gone"], "argument --status: invalid choice: 'gone'"),
    (["client", "edit", "Paul", "--email", "not-an-email"], "email: "),
    (["project", "edit", "1", "--start", "2027-03-01"], "delivery: the delivery date comes"),
    (["project", "edit", "1", "--budget", "lots"], "budget: "),
    (["project", "edit", "1", "--name", "florist"], "name: a project named 'florist'"),
    (["project", "edit", "1", "--chase-delay", "0"], "chase_delay: must be from 1 to 60"),
    (["contact", "edit", "abc", "--text", "x"], "id: 'abc' is not an id"),
    (["contact", "edit", "1"], "options: give at least one to change"),
    (["project", "delete", " ", "--yes"], "id: needs the project's id or name"),
]


@pytest.mark.parametrize("cases", [UNKNOWN, BAD], ids=["unknown records", "bad values"])
def test_refused_input_says_why_in_one_line_and_writes_nothing(
    records: Path, cases: list[tuple[list[str], str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Run in this process (`relay_tui.cli.main`, as the `relay` program does): many
    refusals, each a whole command."""
    before = table_counts(records)
    for argv, said in cases:
        status = main(["--db", str(records), *argv])
        out, err = capsys.readouterr()
        assert (status, out) == (2, ""), (argv, err)
        assert err.startswith(f"relay: error: {said}"), (argv, err)
        assert err.count("\n") == 1, (argv, err)
    assert table_counts(records) == before


# --- deleting a project or a client, and undo -------------------------------------------------


def test_a_project_goes_only_with_yes_and_undo_brings_all_of_it_back(records: Path) -> None:
    before, data = table_counts(records), exported(records)
    refused = run_relay("project", "delete", "bakery", db=records)  # stdin: not a terminal
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == (
        "relay: error: --yes: needed here, as there is no terminal to ask on. "
        "Delete project #1 “Bakery”? With it go 10 commitments, 1 risk, "
        "2 alarm bells, 1 contact, 2 validation requests and 1 time entry. You can take it "
        "back afterwards with relay undo. Nothing was deleted: run again with --yes to "
        "delete.\n"
    )
    assert table_counts(records) == before
    out = ok(records, "project", "delete", "bakery", "--yes")
    assert out == (
        "Deleted project #1 “Bakery”, with 10 commitments, 1 risk, 2 alarm bells, 1 contact, "
        "2 validation requests and 1 time entry. Undo: relay undo.\n"
    )
    assert table_counts(records)["contact"] == 0
    assert ok(records, "undo").startswith("Undone: project #1 “Bakery” deleted, with 10 commit")
    assert records_only(table_counts(records)) == records_only(before)
    assert exported(records) == data


def test_a_client_goes_with_its_projects_and_comes_back_whole(records: Path) -> None:
    before = table_counts(records)
    refused = run_relay("client", "delete", "Marie", db=records)
    assert refused.returncode == 2
    assert refused.stderr.startswith(
        "relay: error: --yes: needed here, as there is no terminal to ask on. "
        "Delete client #1 “Marie Lambert”? With it go 1 project, 10 commitments,"
    )
    assert refused.stderr.endswith("run again with --yes to delete.\n")
    out = ok(records, "client", "delete", "#1", "--yes")
    assert out.startswith("Deleted client #1 “Marie Lambert”, with 1 project, 10 commitments,")
    assert (table_counts(records)["client"], table_counts(records)["project"]) == (1, 1)
    ok(records, "undo")
    assert records_only(table_counts(records)) == records_only(before)


def test_a_client_with_nothing_recorded_goes_at_once(records: Path) -> None:
    ok(records, "client", "add", "Nadia")
    assert ok(records, "client", "delete", "Nadia") == (
        "Deleted client #3 “Nadia”. Undo: relay undo.\n"
    )


def _on_a_terminal(db: Path, answer: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """`relay ARGV` with a terminal as its stdin, on which the user types `answer`."""
    main, other = pty.openpty()
    try:
        os.write(main, answer.encode())
        return subprocess.run(
            [sys.executable, "-m", "relay_tui", "--db", str(db), *argv],
            stdin=other,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        os.close(main)
        os.close(other)


@pytest.mark.sqlite_only  # about the terminal, not the store
def test_on_a_terminal_it_asks_first_and_no_keeps_everything(records: Path) -> None:
    before = table_counts(records)
    kept = _on_a_terminal(records, "n\n", "project", "delete", "Florist")
    assert (kept.returncode, kept.stdout) == (0, "Nothing was deleted.\n")
    assert kept.stderr == (
        "Delete project #2 “Florist”? With it go 10 commitments. You can take it back "
        "afterwards with relay undo. Delete? [y/N] "
    )
    assert table_counts(records) == before
    gone = _on_a_terminal(records, "y\n", "project", "delete", "Florist")
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout == ("Deleted project #2 “Florist”, with 10 commitments. Undo: relay undo.\n")
    assert table_counts(records)["project"] == 1


# --- help -----------------------------------------------------------------------------------

NEW_COMMANDS = [
    ["client", "edit"],
    ["client", "delete"],
    ["project", "edit"],
    ["project", "delete"],
    ["project", "frame"],
    ["contact", "edit"],
    ["contact", "delete"],
    ["time", "list"],
    ["time", "edit"],
    ["time", "delete"],
    ["deadline", "edit"],
    ["deadline", "delete"],
    ["validation", "edit"],
    ["validation", "withdraw"],
    ["validation", "delete"],
    ["risk", "edit"],
    ["risk", "delete"],
]


@pytest.mark.parametrize("argv", NEW_COMMANDS, ids=[" ".join(argv) for argv in NEW_COMMANDS])
def test_every_new_command_explains_itself_with_an_example(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([*argv, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 5, text
    example = text.rstrip("\n").rsplit("\n", 1)[-1]
    assert text.rstrip("\n").endswith(f"\n\nexample:\n{example}"), text
    assert example.startswith(f"  relay {argv[0]} "), text
    # The example itself is a command the parser takes.
    parsed = build_parser().parse_args(shlex.split(example)[1:])
    assert parsed.handler is not None


def _parser_of(*argv: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = build_parser()
    for name in argv:
        [actions] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        parser = actions.choices[name]
    return parser


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {name: action for action in parser._actions for name in action.option_strings}


CORRECTS = [
    (("capture",), ("contact", "edit")),
    (("time", "log"), ("time", "edit")),
    (("deadline", "add"), ("deadline", "edit")),
    (("validation", "request"), ("validation", "edit")),
    (("risk", "add"), ("risk", "edit")),
    (("client", "add"), ("client", "edit")),
    (("project", "add"), ("project", "edit")),
]


@pytest.mark.parametrize("adding, editing", CORRECTS, ids=[" ".join(e) for _, e in CORRECTS])
def test_a_correction_takes_the_options_of_the_command_that_adds(
    adding: tuple[str, ...], editing: tuple[str, ...]
) -> None:
    """Same names, same help (less the defaults: a correction keeps what is not given),
    and nothing given but the id means nothing sent."""
    added, edited = _options(_parser_of(*adding)), _options(_parser_of(*editing))
    # `capture --mail` is a way of reading the contact (a mail on stdin), not a field.
    left_out = {"-h", "--help", "-p", "--project", "--accountable", "--event", "--partial"}
    left_out.add("--mail")
    for name in sorted(set(added) - left_out):
        assert name in edited, (editing, name)
        help_text = re.sub(r" \(default[^)]*\)", "", added[name].help or "")
        assert (edited[name].help or "") == help_text, (editing, name)
    given = vars(build_parser().parse_args([*editing, "1"]))
    for action in set(edited.values()):
        if action.dest not in ("help", "no_after"):
            assert given[action.dest] is None, (editing, action.dest)
