"""relay keeps its hands off files that are not its stores.

Before any statement that could change a file (the journal mode included), relay reads
the file's header: its stores bear a mark (`PRAGMA application_id`); a database without
it is looked into read-only and immutable. Another program's file is refused with exit
status 2 and left byte for byte as it was, with nothing created beside it. A read-only
store is read without leaving `-wal`/`-shm` files next to it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from relay_tui import db
from tests.conftest import run_relay
from tests.reliability.test_damaged_store import _without_root_override, relay

COMMANDS = (
    ("contact", "list"),
    ("capture", "Called about the photos"),  # the fast path
    ("client", "add", "Bob"),
    ("project", "list", "--json"),
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _database(path: Path, *statements: str, journal: str = "delete") -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def _another_programs_notes(folder: Path) -> Path:
    return _database(
        folder / "notes.db",
        "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO note (body) VALUES ('buy bread')",
    )


def _an_alembic_app(folder: Path) -> Path:
    """Another program that also keeps its schema with Alembic."""
    return _database(
        folder / "inventory.db",
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
        "INSERT INTO alembic_version VALUES ('3f2a1b9c0d')",
        "CREATE TABLE item (id INTEGER PRIMARY KEY)",
    )


def _a_marked_file(folder: Path) -> Path:
    return _database(folder / "marked.db", "PRAGMA application_id = 1234", "CREATE TABLE t (x)")


def _plain_text(folder: Path) -> Path:
    path = folder / "todo.db"
    path.write_text("call Marie\n" * 50)
    return path


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (_another_programs_notes, "its tables are not relay's"),
        (_an_alembic_app, "its tables are not relay's"),
        (_a_marked_file, "another program marked it"),
        (_plain_text, "not a SQLite database"),
    ],
)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_another_programs_file_is_refused_and_left_byte_for_byte(
    tmp_path: Path, make: Callable[[Path], Path], why: str, command: tuple[str, ...]
) -> None:
    path = make(tmp_path)
    before, listing = _digest(path), _listing(tmp_path)
    result = run_relay(*command, db=path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert result.stderr.startswith("relay: error: db: ")
    assert why in result.stderr and "left it as it was" in result.stderr
    assert _digest(path) == before
    assert _listing(tmp_path) == listing  # no -wal, -shm or journal beside it


def test_the_journal_mode_of_another_programs_file_is_not_changed(tmp_path: Path) -> None:
    path = _another_programs_notes(tmp_path)
    assert run_relay("contact", "list", db=path).returncode == 2
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        conn.close()


def _mark(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def test_a_new_store_bears_relays_mark(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert run_relay("client", "add", "Marie", db=path).returncode == 0
    assert _mark(path) == db.APPLICATION_ID


def test_a_store_made_before_the_mark_is_recognised_and_marked(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA application_id = 0")  # as every relay before this one left it
    conn.close()
    assert _mark(db_path) == 0
    result = run_relay("client", "add", "Marie", db=db_path)
    assert result.returncode == 0, result.stderr
    assert _mark(db_path) == db.APPLICATION_ID


@pytest.mark.parametrize("how", ["empty file", "database without tables"])
def test_an_empty_file_or_database_is_a_store_to_set_up(tmp_path: Path, how: str) -> None:
    path = tmp_path / "fresh.db"
    if how == "empty file":
        path.touch()
    else:
        _database(path)
    result = run_relay("client", "add", "Marie", db=path)
    assert result.returncode == 0, result.stderr
    assert _mark(path) == db.APPLICATION_ID


def test_a_read_only_store_is_read_without_leaving_files_beside_it(tmp_path: Path) -> None:
    """A store in WAL mode (as relay leaves it), made read-only: SQLite would create
    `-wal` and `-shm` files to read it, and could not remove them."""
    store = tmp_path / "ro" / "relay.db"
    assert run_relay("client", "add", "Marie", db=store).returncode == 0
    assert store.read_bytes()[18:20] == b"\x02\x02"  # the header says WAL
    preexec = _without_root_override if os.geteuid() == 0 else None
    os.chmod(store, 0o400)
    try:
        before, listing = _digest(store), _listing(store.parent)
        result = relay(store, "client", "list", preexec=preexec)
        assert result.returncode == 0, result.stderr
        assert "Marie" in result.stdout
        refused = relay(store, "client", "add", "Bob", preexec=preexec)
        assert refused.returncode == 1 and "read-only" in refused.stderr
        assert _digest(store) == before
        assert _listing(store.parent) == listing
    finally:
        os.chmod(store, 0o600)
