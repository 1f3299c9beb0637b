"""The real command line, in subprocesses, as a person would use it.

Bad input anywhere: exit status 2, one line on stderr naming the field, no traceback,
nothing written.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from relay_tui.db import open_store, resolve_location
from relay_tui.services.clients import add_client
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.projects import add_project
from relay_tui.services.transfer import export_data
from tests.conftest import FIXED_NOW, ServerStore, query_rows, run_relay, table_counts


def _ok(command: str, db: Path) -> str:
    """Run `relay --db DB COMMAND` (split like a shell would) and expect success."""
    result = run_relay(*shlex.split(command), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    return query_rows(path, sql)


def _data(path: Path) -> dict[str, object]:
    store = open_store(resolve_location(str(path)))
    try:
        data = export_data(store)
    finally:
        store.close()
    del data["exported_at"]
    return data


def test_the_whole_happy_path(db_path: Path, tmp_path: Path) -> None:
    db = db_path
    out = _ok("client add Acme --org 'Acme Ltd' --email jo@acme.test --channel phone", db)
    assert "Added client #1 Acme" in out
    out = _ok(
        "project add 'Acme site' --client acme --kind corporate --start today "
        "--delivery +2w --accountable yes --event yes --partial no",
        db,
    )
    assert "Added project #1 Acme site" in out
    assert "Acme site" in _ok("project list", db)
    [listed] = json.loads(_ok("project list --json", db))["projects"]
    assert listed["name"] == "Acme site" and listed["client"] == "Acme"
    assert listed["kind"] == "corporate" and listed["phase"] == "before"
    assert listed["status"] == "active" and listed["start_on"] and listed["delivery_on"]

    out = _ok("capture 'Sent the quote' -p acme -c phone --awaiting", db)
    assert "Captured #1 on Acme site: phone to the client" in out and "awaiting" in out
    out = _ok("capture 'They called back' --in -c meeting --at yesterday", db)
    assert "Captured #2 on Acme site: meeting from the client" in out
    out = _ok("capture --out --project=acme -- '-5% discount agreed'", db)
    assert "Captured #3" in out

    out = _ok("deadline add Documents -p acme --due +3d --kind documents", db)
    assert "Added deadline #1 Documents" in out and "who acts: client" in out
    out = _ok("deadline add Launch -p acme --due 2030-12-01T14:30 --after 1 --margin 0", db)
    assert "Added deadline #2 Launch" in out and "who acts: me" in out
    assert "done on" in _ok("deadline done 1", db)

    out = _ok("risk add 'Printer late' -p acme --probability 4 --impact 5 --category technical", db)
    assert "score 20 (critical)" in out
    out = _ok("time log 1h30 -p acme --note kickoff", db)
    assert "Logged 1h30 of work" in out

    # What the store holds.
    contacts = _rows(db_path, "SELECT summary, channel, direction, awaiting_reply FROM contact")
    assert contacts == [
        ("Sent the quote", "phone", "out", 1),
        ("They called back", "meeting", "in", 0),
        ("-5% discount agreed", "email", "out", 0),
    ]
    times = _rows(db_path, "SELECT due_time, after_id, margin_days FROM deadline WHERE id = 2")
    assert [(str(when)[:5], after, margin) for when, after, margin in times] == [("14:30", 1, 0)]
    assert _rows(db_path, "SELECT done_on IS NOT NULL FROM deadline WHERE id = 1") == [(1,)]
    assert sorted(r[0] for r in _rows(db_path, "SELECT category FROM risk")) == [
        "accountability",
        "event_deadline",
        "scope",
        "technical",
    ]
    assert _rows(db_path, "SELECT minutes, note FROM time_entry") == [(90, "kickoff")]
    assert _rows(db_path, "SELECT count(*) FROM commitment") == [(10,)]

    # Export, import into another store, back up.
    export = tmp_path / "export.json"
    assert "Exported" in _ok(f"export json -o {shlex.quote(str(export))}", db)
    assert stat.S_IMODE(os.stat(export).st_mode) == 0o600
    other = tmp_path / "elsewhere" / "other.db"
    assert "Imported" in _ok(f"import json {shlex.quote(str(export))}", other)
    assert _data(other) == _data(db_path)  # a server store moves into a SQLite file too
    if isinstance(db_path, ServerStore):
        return  # `relay backup` copies SQLite files (a server has pg_dump)
    copy = tmp_path / "copy.db"
    assert "Backed up" in _ok(f"backup -o {shlex.quote(str(copy))}", db)
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert _data(copy) == _data(db_path)


def _seed(path: Path) -> Path:
    """A client, an active project and one deadline; everything in the main file."""
    store = open_store(resolve_location(str(path)))
    try:
        add_client(store, {"name": "Acme"})
        add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)
        add_deadline(store, {"title": "Docs", "due_on": "+3d"}, now=FIXED_NOW)
    finally:
        store.close()
    if not isinstance(path, ServerStore):
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return path


@pytest.fixture
def seeded(db_path: Path) -> Path:
    return _seed(db_path)


BAD_INPUT = [
    # client
    ("client add ''", "name"),
    ("client add Bob --email bob-at-home", "email"),
    ("client add Bob --channel pigeon", "channel"),
    # project
    ("project add P --client nobody", "client"),
    ("project add P --client acme --start 31/13/2026", "start"),
    ("project add P", "--client"),
    # capture (the fast path, and argparse when the text is missing)
    ("capture '   '", "text"),
    ("capture hello -c fax", "channel"),
    ("capture hello --at 'next tuesday'", "at"),
    ("capture hello -p zeta", "project"),
    ("capture hello --in --awaiting", "awaiting"),
    ("capture -p acme", "text"),
    # deadline
    ("deadline add D --due 2026-02-30", "due"),
    ("deadline add D -p nope --due +3d", "project"),
    ("deadline add D --due +3d --after 99", "after"),
    ("deadline done 99", "id"),
    ("deadline done 1 --on tomorrow", "on"),
    # risk
    ("risk add R --probability 6 --impact 2", "probability"),
    ("risk add R --probability 2 --impact high", "impact"),
    ("risk add R --impact 2", "--probability"),
    ("risk add R --probability 2 --impact 2 --category fun", "category"),
    # time
    ("time log 0", "duration"),
    ("time log 1h --on tomorrow", "on"),
    # transfer
    ("export json", "--output"),
    ("import json /nonexistent/relay-export.json", "file"),
    # ids, numbers, dates and file names that once crashed
    (f"deadline done {2**63}", "id"),
    ("deadline done ²", "id"),
    ("contact list --limit ①", "limit"),
    ("capture old --at 0999-12-01", "at"),
    ("deadline add D --due 9999-12-31", "due"),
    ("export json -o ~nosuchuser-relay/out.json", "output"),
    ("report --output ''", "output"),
    ("retro --export=", "output"),
    (f"backup -o {'b' * 300}", "output"),
]

Outcome = tuple[dict[str, int], subprocess.CompletedProcess[str], dict[str, int]]


@pytest.fixture(scope="module")
def bad_input_outcomes(
    tmp_path_factory: pytest.TempPathFactory, template_db: Path
) -> list[Outcome]:
    """Every bad invocation, each on its own copy of a seeded store, run in parallel."""
    base = tmp_path_factory.mktemp("bad-input")
    env = {
        "XDG_DATA_HOME": str(base / "data"),
        "XDG_CONFIG_HOME": str(base / "config"),
        "RELAY_CONFIG": str(base / "config" / "settings.toml"),
        "RELAY_DB": "",
        "TZ": "UTC",
    }
    seeded = base / "seeded.db"
    shutil.copyfile(template_db, seeded)
    _seed(seeded)

    def run(index: int) -> Outcome:
        path = base / f"case-{index}.db"
        shutil.copyfile(seeded, path)
        os.chmod(path, 0o600)
        before = table_counts(path)
        result = run_relay(*shlex.split(BAD_INPUT[index][0]), db=path, env=env)
        return before, result, table_counts(path)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(run, range(len(BAD_INPUT))))


@pytest.mark.parametrize("index", range(len(BAD_INPUT)), ids=[command for command, _ in BAD_INPUT])
def test_bad_input_is_one_line_naming_the_field_and_writes_nothing(
    bad_input_outcomes: list[Outcome], index: int
) -> None:
    field = BAD_INPUT[index][1]
    before, result, after = bad_input_outcomes[index]
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("relay: error: ")
    assert field in lines[0]
    assert result.stdout == ""
    assert after == before
    assert before["project"] == 1 and before["deadline"] == 1  # the store was seeded


@pytest.mark.sqlite_only  # `relay backup` copies SQLite files; a server has pg_dump
def test_backup_over_an_existing_file_is_bad_input(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.db"
    target.write_text("mine")
    result = run_relay("backup", "-o", str(target), db=seeded)
    assert result.returncode == 2
    assert result.stderr.startswith("relay: error: output: ")
    assert len(result.stderr.splitlines()) == 1
    assert target.read_text() == "mine"


def test_the_relay_db_environment_variable_is_honoured(seeded: Path) -> None:
    env = {"RELAY_DB": str(seeded)}
    captured = run_relay("capture", "Through the environment", env=env)
    assert captured.returncode == 0, captured.stderr
    assert _rows(seeded, "SELECT summary FROM contact") == [("Through the environment",)]
    listed = run_relay("project", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)["projects"]] == ["Acme site"]


def test_an_ambiguous_project_prefix_lists_the_candidates(seeded: Path) -> None:
    store = open_store(resolve_location(str(seeded)))
    try:
        add_project(store, {"name": "Acme shop", "client": "acme"}, now=FIXED_NOW)
    finally:
        store.close()
    before = table_counts(seeded)
    result = run_relay("time", "log", "1h", "-p", "ACME S", db=seeded)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("relay: error: project: ")
    assert "Acme site (#1)" in line and "Acme shop (#2)" in line
    assert table_counts(seeded) == before


def on_a_terminal(*args: str, db: Path) -> tuple[int, str]:
    """Run the command line with stdout and stderr on a pseudo-terminal, as in a shell:
    its exit status and what the terminal received (line ends as the terminal has them)."""
    import pty

    main_fd, term_fd = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "relay_tui", "--db", str(db), *args],
            stdin=subprocess.DEVNULL,
            stdout=term_fd,
            stderr=term_fd,
            timeout=120,
        )
    finally:
        os.close(term_fd)
    received = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the terminal is closed: everything was read
            break
        if not chunk:
            break
        received += chunk
    os.close(main_fd)
    return proc.returncode, received.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_escape_sequences_in_user_text_are_shown_never_obeyed_on_a_terminal(
    seeded: Path,
) -> None:
    """A summary pasted with terminal escapes (colour, clear screen, a bidirectional
    override) reaches the terminal escaped, in lists, confirmations and error messages;
    redirected to a file or a pipe, the text stays as typed."""
    nasty = "Call \x1b[2J\x1b[31mMarie\x07 \u202eback"
    captured = on_a_terminal("capture", nasty, "-p", "acme", db=seeded)
    run_relay("validation", "request", "Logo", "-p", "acme", db=seeded)
    run_relay("validation", "done", "1", "--by", "Ma\x1brie", db=seeded)
    listed = on_a_terminal("contact", "list", "-p", "acme", db=seeded)
    refused = on_a_terminal("validation", "done", "1", "--by", "again", db=seeded)  # locked
    piped = run_relay("contact", "list", "-p", "acme", db=seeded)

    assert (captured[0], listed[0], refused[0], piped.returncode) == (0, 0, 2, 0)
    for _, text in (captured, listed, refused):
        assert not [ch for ch in text if ch != "\n" and not ch.isprintable()], repr(text)
    assert "Call \\x1b[2J\\x1b[31mMarie\\x07 \\u202eback" in listed[1]
    assert "by Ma\\x1brie" in refused[1]
    assert nasty in piped.stdout
