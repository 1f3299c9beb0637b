"""Promise 7: private by default.

With the loosest umask (000), every file relay writes is readable by its owner only
(0600) and every directory it creates is 0700: the store and its -wal/-shm, backups, the
pre-migration copy, every export and report, the settings file. relay stores no
credentials: no column of the schema can hold one, and the handover checklist says so.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from relay_tui import db
from relay_tui.db import Store, location_for_path, open_store
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from relay_tui.settings import Settings, load_settings, save_settings
from tests.conftest import FIXED_NOW, run_relay
from tests.reliability.test_damaged_store import relay_here
from tests.reliability.test_upgrade import make_old_store
from tests.screens.helpers import make_app, running, settle, shown


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def modes_under(root: Path) -> dict[str, str]:
    """Relative path -> octal mode of everything below `root`."""
    return {str(path.relative_to(root)): oct(mode(path)) for path in sorted(root.rglob("*"))}


def not_private(root: Path) -> dict[str, str]:
    return {
        name: found
        for name, found in modes_under(root).items()
        if found != (oct(0o700) if (root / name).is_dir() else oct(0o600))
    }


@pytest.fixture
def no_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def ok(*args: str, db: Path) -> str:
    result = run_relay(*args, db=db)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_file_relay_writes_is_0600_whatever_the_umask(tmp_path: Path, no_umask: None) -> None:
    home = tmp_path / "home"
    home.mkdir()
    os.chmod(home, 0o700)  # ours, not relay's
    out = home / "out"
    out.mkdir()
    os.chmod(out, 0o700)
    store = home / "relay.db"

    # The store, created by the command line (a subprocess inherits the umask).
    ok("client", "add", "Acme", "--email", "jo@acme.test", db=store)
    assert mode(store) == 0o600
    for args in (
        ("project", "add", "Site", "--client", "Acme", "--delivery", "2027-03-01"),
        ("deadline", "add", "Photos", "-p", "Site", "--due", "2027-01-10"),
        ("capture", "Called Jo", "-p", "Site"),
        # Every command that writes a file (run in this process, under the same umask:
        # the same code, without the start-up of a new interpreter each time).
        ("backup", "-o", str(out / "backup.db")),
        ("export", "json", "-o", str(out / "export.json")),
        ("export", "ics", "-p", "Site", "-o", str(out / "bells.ics")),
        ("export", "craft", "-o", str(out / "craft.md")),
        ("export", "commitments", "-p", "Site", "-o", str(out / "commitments.md")),
        ("export", "kickoff", "-p", "Site", "-o", str(out / "kickoff.md")),
        ("report", "-p", "Site", "-o", str(out / "report.md")),
        ("retro", "-p", "Site", "--export", str(out / "retro.md")),
    ):
        result = relay_here(store, *args)
        assert result.returncode == 0, result.stderr
    written = {path.name for path in out.iterdir()}
    expected = {
        "backup.db",
        "export.json",
        "bells.ics",
        "craft.md",
        "commitments.md",
        "kickoff.md",
        "report.md",
        "retro.md",
    }
    assert written == expected

    # The copy made before a migration.
    old_folder = home / "old"
    old_folder.mkdir()
    os.chmod(old_folder, 0o700)
    make_old_store(old_folder / "relay.db")
    seen: list[Path] = []
    open_store(location_for_path(old_folder / "relay.db"), on_backup=seen.append).close()
    assert len(seen) == 1 and seen[0].parent == old_folder

    # The settings file (the app saves the theme through save_settings).
    settings_file = home / "settings.toml"
    save_settings(Settings(theme="nord", user="Jo"), settings_file)
    assert load_settings(settings_file).theme == "nord"

    # The write-ahead log and shared memory, while a connection is open.
    opened = open_store(location_for_path(store))
    try:
        add_client(opened, {"name": "Beta"})
        with opened.dbapi() as conn:
            conn.execute("SELECT count(*) FROM contact").fetchone()  # type: ignore[attr-defined]
            sides = [store.with_name(store.name + suffix) for suffix in ("-wal", "-shm")]
            assert all(side.exists() for side in sides)
            assert {side.name: oct(mode(side)) for side in sides} == {
                "relay.db-wal": oct(0o600),
                "relay.db-shm": oct(0o600),
            }
    finally:
        opened.close()

    assert not_private(home) == {}, modes_under(home)


def test_every_directory_relay_creates_is_0700_whatever_the_umask(
    tmp_path: Path, no_umask: None
) -> None:
    base = tmp_path / "base"
    base.mkdir()
    os.chmod(base, 0o700)
    # The default places, under XDG folders that do not exist yet (a new account).
    env = {
        "XDG_DATA_HOME": str(base / "share"),
        "XDG_CONFIG_HOME": str(base / "config"),
        "RELAY_CONFIG": str(base / "config" / "relay" / "settings.toml"),
    }
    result = run_relay("client", "add", "Acme", env=env)
    assert result.returncode == 0, result.stderr
    assert (base / "share" / "relay" / "relay.db").exists()
    save_settings(Settings(), Path(env["RELAY_CONFIG"]))
    # And a store given with --db in a folder that does not exist yet.
    made = relay_here(base / "clients" / "2026" / "relay.db", "client", "add", "Acme")
    assert made.returncode == 0, made.stderr
    assert not_private(base) == {}, modes_under(base)


# --- no credentials ---------------------------------------------------------------------------

CREDENTIAL_NAMES = re.compile(
    r"pass(word|wd|phrase)?|secret|token|credential|api_?key|private_?key|pin|login", re.I
)


def test_no_column_of_the_store_can_hold_a_credential(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        columns = {
            f"{table}.{row[1]}"
            for table in tables
            for row in conn.execute(f'PRAGMA table_info("{table}")')
        }
    finally:
        conn.close()
    assert "handover.access_handed_over" in columns  # the access hand-over is a tick only
    assert [c for c in columns if CREDENTIAL_NAMES.search(c.split(".", 1)[1])] == []
    assert db.HEAD_REVISION  # the template store is at head


async def test_the_handover_checklist_says_relay_stores_no_credentials(store: Store) -> None:
    add_client(store, {"name": "Acme"})
    project = add_project(store, {"name": "Site", "client": "Acme"}, now=FIXED_NOW)
    app = make_app(store, open_project=project.id)
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("a")  # the After phase
        await settle(pilot)
        text = shown(app.screen.query_one("#handover", Static))
    assert "Handover checklist" in text
    access = next(line for line in text.splitlines() if "Access handed over" in line)
    assert re.search(r"never stores (passwords|credentials)|stores no credentials", access), access
