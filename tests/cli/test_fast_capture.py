"""The fast capture paths (SQLite through sqlite3, PostgreSQL through psycopg) against
the services: the same rows, the same undo step, the same refusals, on both stores, and
no heavy module imported."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from relay_tui import fastcapture, fastcapture_server
from relay_tui.cli.parser import build_parser
from relay_tui.cli.quick import read_capture
from relay_tui.db import HEAD_REVISION, Store, resolve_location, sqlite_revision
from relay_tui.errors import InvalidInput
from relay_tui.services import contacts
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, ServerStore, change_rows, query_rows, table_counts

HEAVY = ("textual", "sqlmodel", "sqlalchemy", "pydantic", "alembic", "argparse")


def capture_fast(db_path: Path, **fields: Any) -> fastcapture.Captured:
    """The fast path the command line takes for this store."""
    if isinstance(db_path, ServerStore):
        done = fastcapture_server.capture(resolve_location(str(db_path)), **fields)
        assert done is not None, "a current server store takes the fast path"
        return done
    return fastcapture.capture(db_path, **fields)


@pytest.fixture
def projects(store: Store, db_path: Path) -> Store:
    """Acme site, the only active project (so -p may be left out), and Beta, closed."""
    add_client(store, {"name": "Acme"})
    add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)
    add_project(store, {"name": "Beta", "client": "acme"}, now=FIXED_NOW)
    change_rows(db_path, "UPDATE project SET status = 'closed' WHERE name = 'Beta'")
    return store


# --- (1) what the fast path imports ---------------------------------------------------------


def test_capture_through_main_imports_nothing_heavy(projects: Store, db_path: Path) -> None:
    code = f"""
import json, sys
from relay_tui.cli import main
db = {str(db_path)!r}
codes = [
    main(["--db", db, "capture", "Called", "-p", "acme", "-c", "phone", "--in",
          "--at", "yesterday"]),
    main(["--db", db, "capture", "--project=beta", "--awaiting", "--", "-1 day left"]),
    main(["--db", db, "capture", "refused", "-p", "beta", "-c", "fax"]),
    main(["--db", db, "capture", "refused", "-p", "zeta"]),
]
print(json.dumps({{"codes": codes, "modules": sorted(sys.modules)}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["codes"] == [0, 0, 2, 2]
    first, second = result.stderr.splitlines()
    assert first.startswith("relay: error: channel: ")
    assert second == "relay: error: project: no project matches 'zeta'"
    loaded = {name.split(".")[0] for name in report["modules"]}
    driver = "psycopg" if isinstance(db_path, ServerStore) else "sqlite3"
    assert "relay_tui" in loaded and driver in loaded  # the report is real
    assert sorted(loaded & set(HEAVY)) == []
    rows = query_rows(
        db_path,
        "SELECT p.name, c.summary, c.channel, c.direction, c.awaiting_reply "
        "FROM contact c JOIN project p ON p.id = c.project_id ORDER BY c.id",
    )
    assert rows == [
        ("Acme site", "Called", "phone", "in", 0),
        ("Beta", "-1 day left", "email", "out", 1),
    ]


# --- (2) the same row as the full service ---------------------------------------------------


def _service_data(fields: dict[str, Any]) -> dict[str, Any]:
    """What the command line hands the service for the same options."""
    return {
        "project": fields.get("project"),
        "summary": fields["text"],
        "channel": fields.get("channel") or "email",
        "direction": fields.get("direction", "out"),
        "awaiting_reply": fields.get("awaiting", False),
        "at": fields.get("at"),
    }


def _stamp(value: Any) -> str:
    """An instant as SQLite stores it, naive UTC (PostgreSQL gives a datetime)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return str(value)


def _row(path: Path, contact_id: int) -> dict[str, Any]:
    if isinstance(path, ServerStore):
        import psycopg

        info = fastcapture_server.conninfo(str(path))
        assert info is not None
        with psycopg.connect(info) as conn:
            conn.execute("SET TIME ZONE 'UTC'")
            cursor = conn.execute("SELECT * FROM contact WHERE id = %s", (contact_id,))
            values = cursor.fetchone()
            names = [d.name for d in cursor.description or ()]
    else:
        conn = sqlite3.connect(path)
        try:
            cursor = conn.execute("SELECT * FROM contact WHERE id = ?", (contact_id,))
            values = cursor.fetchone()
            names = [d[0] for d in cursor.description]
        finally:
            conn.close()
    assert values is not None
    row = dict(zip(names, values, strict=True))
    del row["id"]
    return row


COMBINATIONS: list[dict[str, Any]] = [
    {"text": "Sent the quote"},
    {"text": "  They called back  ", "direction": "in", "channel": "phone", "at": "yesterday"},
    {"text": "Waiting on logo", "project": "acme", "awaiting": True, "channel": " Meeting "},
    {"text": "Chat — ok ✓", "project": "BETA", "direction": "out", "channel": "chat", "at": "9:05"},
    {"text": "Note", "direction": "in", "channel": "other", "at": "2026-11-20T16:45"},
    {"text": "Precise", "project": "2", "at": "2026-11-23T08:00:00.123456Z"},
    {"text": "Dated", "awaiting": True, "project": "acme s", "at": "-3d"},
    {"text": "Just now", "project": "beta", "at": "now"},
    {"text": "Skewed clock", "project": "beta", "at": "2026-11-23T10:04:59+00:00"},
]


@pytest.mark.parametrize("fields", COMBINATIONS, ids=[c["text"].strip() for c in COMBINATIONS])
def test_fast_and_full_capture_write_identical_rows(
    projects: Store, db_path: Path, fields: dict[str, Any]
) -> None:
    fast = capture_fast(db_path, now=FIXED_NOW, **fields)
    contact, project = contacts.capture(projects, _service_data(fields), now=FIXED_NOW)
    assert contact.id is not None and contact.id != fast.id
    fast_row, full_row = _row(db_path, fast.id), _row(db_path, contact.id)
    assert fast_row == full_row
    assert fast_row["summary"] == fields["text"].strip()
    assert (fast.project_id, fast.project_name) == (project.id, project.name)
    assert fast.at == contact.at
    assert (fast.channel, fast.direction, fast.awaiting_reply) == (
        str(contact.channel),
        str(contact.direction),
        contact.awaiting_reply,
    )


def _last_step(db_path: Path) -> tuple[Any, ...]:
    (step,) = query_rows(
        db_path, "SELECT at, by, summary, rows, undone_at FROM undo_step ORDER BY id DESC LIMIT 1"
    )
    return step


def test_fast_and_full_capture_journal_the_same_undo_step(projects: Store, db_path: Path) -> None:
    """The fast path writes the undo step by hand (it does not import the journal's
    SQLAlchemy): the same row the services' journal writes, so `relay undo` takes either
    capture back."""
    fast = capture_fast(db_path, now=FIXED_NOW, text="Called back")
    fast_step = _last_step(db_path)
    contact, _ = contacts.capture(projects, _service_data({"text": "Called back"}), now=FIXED_NOW)
    full_step = _last_step(db_path)

    def shape(step: tuple[Any, ...], contact_id: int) -> tuple[Any, ...]:
        _at, by, summary, rows, undone = step
        entries = [{**entry, "id": "N"} for entry in json.loads(rows)]
        return by, summary.replace(f"#{contact_id}", "#N"), entries, undone

    assert json.loads(fast_step[3])[0]["id"] == fast.id
    assert json.loads(full_step[3])[0]["id"] == contact.id
    assert shape(fast_step, fast.id) == shape(full_step, contact.id)
    assert shape(fast_step, fast.id)[1:3] == (
        "contact #N added",
        [{"table": "contact", "id": "N", "before": None, "version": 1}],
    )
    # When it was done, stored as every instant is (the services stamp the real clock).
    stamp = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")
    fast_at, full_at = _stamp(fast_step[0]), _stamp(full_step[0])
    assert stamp.match(fast_at) and stamp.match(full_at), (fast_at, full_at)


def test_a_fast_capture_is_taken_back_by_undo(projects: Store, db_path: Path) -> None:
    from relay_tui.services.undo import undo_last

    done = capture_fast(db_path, now=FIXED_NOW, text="Wrong project")
    assert undo_last(projects).summary == f"contact #{done.id} added"
    assert query_rows(db_path, "SELECT count(*) FROM contact WHERE id = ?", done.id) == [(0,)]


def test_identical_rows_in_another_time_zone(
    projects: Store, db_path: Path, local_tz: Callable[[str], None]
) -> None:
    local_tz("America/New_York")
    fields = {"text": "Evening call", "project": "beta", "at": "yesterday"}
    fast = capture_fast(db_path, now=FIXED_NOW, **fields)
    contact, _ = contacts.capture(projects, _service_data(fields), now=FIXED_NOW)
    assert _row(db_path, fast.id) == _row(db_path, contact.id)
    assert _stamp(_row(db_path, fast.id)["at"]) == "2026-11-22 10:00:00.000000"
    fields["at"] = "05:03"  # local: 10:03 UTC, within the clock-skew tolerance
    fast = capture_fast(db_path, now=FIXED_NOW, **fields)
    contact, _ = contacts.capture(projects, _service_data(fields), now=FIXED_NOW)
    assert _row(db_path, fast.id) == _row(db_path, contact.id)
    assert _stamp(_row(db_path, fast.id)["at"]) == "2026-11-23 10:03:00.000000"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "x" * 4001, "project": "beta"}, "text"),
        ({"text": "x\x00y", "project": "beta"}, "text"),
        ({"text": "x", "project": "beta", "channel": "fax"}, "channel"),
        ({"text": "x", "project": "beta", "direction": "sideways"}, "direction"),
        ({"text": "x", "project": "beta", "at": "garbage"}, "at"),
        ({"text": "x", "project": "beta", "at": "10:06"}, "at"),
        ({"text": "x", "project": "beta", "direction": "in", "awaiting": True}, "awaiting"),
        ({"text": "x", "project": "zeta"}, "project"),
        ({"text": "x", "project": "9"}, "project"),
    ],
)
def test_fast_and_full_capture_refuse_the_same_input(
    projects: Store, db_path: Path, fields: dict[str, Any], field: str
) -> None:
    before = table_counts(db_path)
    with pytest.raises(InvalidInput) as fast:
        capture_fast(db_path, now=FIXED_NOW, **fields)
    with pytest.raises(InvalidInput) as full:
        contacts.capture(projects, _service_data(fields), now=FIXED_NOW)
    assert fast.value.field == full.value.field == field
    assert table_counts(db_path) == before


def test_fast_and_full_capture_refuse_when_no_project_is_active(
    projects: Store, db_path: Path
) -> None:
    change_rows(db_path, "UPDATE project SET status = 'closed'")
    before = table_counts(db_path)
    with pytest.raises(InvalidInput, match="no active project") as fast:
        capture_fast(db_path, text="x", now=FIXED_NOW)
    with pytest.raises(InvalidInput, match="no active project") as full:
        contacts.capture(projects, _service_data({"text": "x"}), now=FIXED_NOW)
    assert fast.value.field == full.value.field == "project"
    assert table_counts(db_path) == before


def test_fast_capture_uses_the_clock_when_no_now_is_given(projects: Store, db_path: Path) -> None:
    done = capture_fast(db_path, text="now-ish", project="beta")
    row = _row(db_path, done.id)
    assert _stamp(row["at"]) == _stamp(row["created_at"])
    assert done.at.tzinfo is not None


# --- (3) the tiny argument reader -----------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["capture"],
        ["capture", "-h"],
        ["capture", "hi", "--help"],
        ["-h", "capture", "hi"],
        ["--version", "capture", "hi"],
        ["capture", "hi", "--bogus"],
        ["capture", "hi", "-x"],
        ["capture", "hi", "--proj", "acme"],  # abbreviations are argparse's business
        ["capture", "hi", "-p", "a", "-p", "b"],
        ["capture", "hi", "--project=a", "--project", "b"],
        ["capture", "hi", "-c", "email", "--channel", "phone"],
        ["capture", "hi", "--at", "today", "--at", "yesterday"],
        ["capture", "hi", "--in", "--out"],
        ["capture", "hi", "--in", "--in"],
        ["capture", "hi", "--awaiting", "--awaiting"],
        ["capture", "hi", "--in=yes"],
        ["capture", "hi", "-p=acme"],
        ["capture", "hi", "-p"],
        ["capture", "hi", "--at"],
        ["capture", "hi", "--channel"],
        ["capture", "one", "two"],
        ["capture", "one", "--", "two"],
        ["capture", "-p", "acme"],
        ["capture", "--"],
        ["--db"],
        ["--db", "x.db"],
        ["--db", "a.db", "--db", "b.db", "capture", "hi"],
        ["--lang"],
        ["--lang", "fr", "--lang", "en", "capture", "hi"],
        ["--la", "fr", "capture", "hi"],
        ["--demo", "capture", "hi"],
        ["project", "list"],
        ["client", "add", "capture"],
    ],
)
def test_read_capture_leaves_anything_unusual_to_argparse(argv: list[str]) -> None:
    assert read_capture(argv) is None


PLAIN = [
    (["capture", "hi"], {"text": "hi"}),
    (["--db", "X.db", "capture", "hi"], {"db": "X.db", "text": "hi"}),
    (["--db=X.db", "capture", "hi"], {"db": "X.db", "text": "hi"}),
    (["--lang", "fr", "--db", "X.db", "capture", "hi"], {"lang": "fr", "db": "X.db", "text": "hi"}),
    (["--db=X.db", "--lang=en", "capture", "hi"], {"lang": "en", "db": "X.db", "text": "hi"}),
    (["capture", "--project=acme", "hi"], {"project": "acme", "text": "hi"}),
    (
        ["capture", "hi", "-p", "acme", "-c", "phone", "--in", "--at", "yesterday"],
        {"text": "hi", "project": "acme", "channel": "phone", "direction": "in", "at": "yesterday"},
    ),
    (
        ["capture", "--channel=chat", "--at=2026-11-20T09:00", "--awaiting", "--out", "hi"],
        {
            "text": "hi",
            "channel": "chat",
            "at": "2026-11-20T09:00",
            "awaiting": True,
            "direction": "out",
        },
    ),
    (
        ["capture", "-p", "acme", "--", "-starts with a dash"],
        {"project": "acme", "text": "-starts with a dash"},
    ),
    (["capture", "--", "--in"], {"text": "--in"}),
    (["capture", "-"], {"text": "-"}),
    (["capture", "", "-p", "1"], {"text": "", "project": "1"}),
    (["capture", "--at", "", "x"], {"text": "x", "at": ""}),
]

DEFAULTS = {
    "db": None,
    "lang": None,
    "demo": False,
    "project": None,
    "channel": None,
    "at": None,
    "direction": None,
    "awaiting": False,
    "text": None,
}


@pytest.mark.parametrize(("argv", "expected"), PLAIN, ids=[" ".join(a) for a, _ in PLAIN])
def test_read_capture_reads_the_plain_forms(argv: list[str], expected: dict[str, Any]) -> None:
    args = read_capture(argv)
    assert args is not None
    assert vars(args) == {**DEFAULTS, **expected}


@pytest.mark.parametrize(("argv", "expected"), PLAIN, ids=[" ".join(a) for a, _ in PLAIN])
def test_read_capture_agrees_with_argparse(argv: list[str], expected: dict[str, Any]) -> None:
    quick = vars(read_capture(argv))  # type: ignore[arg-type]
    full = vars(build_parser().parse_args(argv))
    assert {key: full[key] for key in quick} == quick


# --- (4) a store that does not exist yet ------------------------------------------------------


@pytest.mark.sqlite_only
def test_fast_capture_creates_and_migrates_a_missing_store(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "data" / "relay.db"
    with pytest.raises(InvalidInput, match="no active project") as caught:
        fastcapture.capture(path, text="first words", now=FIXED_NOW)
    assert caught.value.field == "project"
    assert path.exists()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    conn = sqlite3.connect(path)
    try:
        assert sqlite_revision(conn) == HEAD_REVISION
    finally:
        conn.close()
    counts = table_counts(path)
    assert counts["contact"] == 0 and counts["project"] == 0
    assert {"client", "project", "contact", "deadline", "risk", "time_entry"} <= set(counts)


# --- (5) a server store the fast path leaves to the full one ----------------------------------


def test_a_server_store_not_yet_set_up_takes_the_full_path(
    db_path: Path, relay: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new, empty database: the fast path writes nothing and leaves it to the full
    path, which sets it up (as every other command does) and then captures."""
    if not isinstance(db_path, ServerStore):
        pytest.skip("a server store's case")
    change_rows(db_path, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
    location = resolve_location(str(db_path))
    assert fastcapture_server.capture(location, text="x", now=FIXED_NOW) is None
    ran = relay("capture", "first words", db=db_path)
    assert (ran.returncode, ran.stderr) == (
        2,
        "relay: error: project: no active project yet; "
        "create one with: relay project add NAME --client CLIENT\n",
    )
    assert query_rows(db_path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert relay("client", "add", "Acme", db=db_path).returncode == 0
    assert relay("project", "add", "Acme site", "--client", "acme", db=db_path).returncode == 0
    fast_runs: list[Any] = []
    real = fastcapture_server.capture

    def spy(*args: Any, **kwargs: Any) -> Any:
        fast_runs.append(real(*args, **kwargs))
        return fast_runs[-1]

    monkeypatch.setattr(fastcapture_server, "capture", spy)
    ran = relay("capture", "first words", db=db_path)  # now through the fast path
    assert [done.id for done in fast_runs] == [1]
    assert ran.returncode == 0 and ran.stdout.startswith("Captured #1 on Acme site"), ran
    assert query_rows(db_path, "SELECT summary FROM contact") == [("first words",)]


def test_fast_and_full_capture_say_the_same_when_the_server_does_not_answer(
    db_path: Path,
) -> None:
    if not isinstance(db_path, ServerStore):
        pytest.skip("a server store's case")
    from relay_tui.errors import StoreError

    location = resolve_location("postgresql+psycopg://relay@127.0.0.1:1/nothing")
    with pytest.raises(StoreError) as fast:
        fastcapture_server.capture(location, text="x", now=FIXED_NOW)
    with pytest.raises(StoreError) as full:
        from relay_tui.db import open_store

        open_store(location)
    assert str(fast.value) == str(full.value)
    assert "the server does not answer" in str(fast.value)
