"""Damage is caught early, and there is always a checked backup to go back to (issue 12).

A store with 4 KiB of random bytes written over a page of data (what a reliability run
found): `relay check` says so and names the backup to restore; `relay backup -o` keeps nothing;
the first write of the day finds the damage while making the day's backup, and is
refused in one line with nothing written; the app warns at start-up. The automatic
backups are checked, private and rotated (7 daily and 4 weekly by default); `relay backup
list` shows them and `relay backup restore` puts one back, into the live store.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import shlex
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, timedelta
from pathlib import Path

import pytest

from relay_tui import backup_due
from relay_tui.backup_due import before_write
from relay_tui.backups import daily_path, folder_for, to_keep
from relay_tui.cli import main
from relay_tui.db import Store, location_for_path, open_store
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.projects import add_project
from relay_tui.settings import Settings, load_settings, save_settings, settings_path
from tests.conftest import FIXED_NOW, table_counts
from tests.reliability.test_damaged_store import checkpoint, relay, relay_here
from tests.reliability.test_salvage import damage_root
from tests.screens.helpers import make_app, running, settle

PROJECT = "Site"


def this_day() -> date:
    """Today as relay's subprocesses see it, read when used (not when the module is
    collected: a run that crosses midnight would otherwise look for yesterday's backup)."""
    return date.today()


def the_day_before() -> date:
    return this_day() - timedelta(days=1)


SEED = 12
#: Contacts in the filled store: enough pages for the damage to land in used ones.
CONTACTS = 120


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def quick_check(path: Path) -> list[tuple[str]]:
    """SQLite's quick check, as another program would run it (a check that stops at the
    damage is as good as a report of it)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [(str(exc),)]
    finally:
        conn.close()


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def fill(store: Store, contacts: int) -> None:
    """Pages of contacts, as the report's store had: no undo journal in between (the damage
    of these tests lands in the contacts' pages, as the report's did)."""
    store.journaling = False
    add_client(store, {"name": "Émile"})
    add_project(store, {"name": PROJECT, "client": "Émile"}, now=FIXED_NOW)
    for i in range(contacts):
        capture(store, {"project": PROJECT, "summary": f"Contact number {i} " * 10}, now=FIXED_NOW)


@pytest.fixture
def filled(store: Store, db_path: Path) -> Path:
    """A sound store of a few hundred pages, folded into one file, with yesterday's backup."""
    fill(store, CONTACTS)
    store.close()
    checkpoint(db_path)
    # As on the next day, before its first write: yesterday's backup holds everything.
    shutil.rmtree(folder_for(db_path))
    before_write(db_path, today=the_day_before())
    return db_path


@pytest.fixture
def damaged(filled: Path) -> Path:
    """The report's damage: 4 KiB of random bytes written over a page of data (the first
    of the time entries: the schema's pages lie anywhere in the file, and damaging them
    would leave nothing readable)."""
    damage_root(filled, "time_entry")
    assert quick_check(filled) != [("ok",)]  # SQLite agrees: malformed
    return filled


def here(db: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    """`relay_here` with `--db` as typed (a URL), or without it (the default store)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*(["--db", db] if db is not None else []), *args])
    return subprocess.CompletedProcess(["relay", *args], code, out.getvalue(), err.getvalue())


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    shown = f"{result.args} -> {result.returncode}: {result.stderr!r}"
    assert result.returncode == 1, shown
    assert result.stdout == "", shown
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("relay: error: "), shown
    for word in words:
        assert word in lines[0], shown
    return lines[0]


# --- relay check -----------------------------------------------------------------------


def test_check_finds_the_damage_and_names_the_backup_to_restore(damaged: Path) -> None:
    result = relay_here(damaged, "check")
    assert result.returncode == 3, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"The store {damaged} is damaged."
    integrity = next(line for line in lines if line.startswith("  integrity: "))
    assert re.search(r"problems?", integrity), integrity
    checks = [line.split(":")[0].strip() for line in lines[1:5]]
    assert checks == ["integrity", "links between records", "contact search index", "schema"]
    restore = f"  relay --db {damaged} backup restore {daily_path(damaged, the_day_before())}"
    assert restore in lines, result.stdout
    assert any(f"relay --db {damaged} export json --salvage -o " in line for line in lines)
    assert len(lines) <= 10  # a few lines


def test_check_says_a_sound_store_is_sound(filled: Path) -> None:
    result = relay_here(filled, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"The store {filled} is sound.",
        "  integrity: ok",
        "  links between records: ok",
        "  contact search index: ok",
        "  schema: 0013_deadline_margin_start (current)",
        f"Backups: 1 in {folder_for(filled)} (relay --db {filled} backup list shows them).",
    ]


def test_check_finds_a_search_index_out_of_step_and_broken_links(filled: Path) -> None:
    conn = sqlite3.connect(filled, isolation_level=None)
    try:
        # Behind the triggers' back: the index no longer matches the contacts, and a
        # contact points to a project that does not exist.
        conn.execute("INSERT INTO contact_fts(rowid, summary) VALUES (1, 'words never said')")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE contact SET project_id = 999 WHERE id = 2")
    finally:
        conn.close()
    result = relay_here(filled, "check")
    assert result.returncode == 3
    assert "  integrity: ok" in result.stdout.splitlines()
    assert "  links between records: 1 row points to a record that is missing (in contact)" in (
        result.stdout
    )
    assert "  contact search index: does not match the contacts" in result.stdout


def test_check_of_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    result = relay_here(tmp_path / "none.db", "check")
    assert result.returncode == 2
    assert "nothing to check" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_check_on_postgresql_says_what_it_checks() -> None:
    from tests.conftest import _admin_execute, _database_url, _server_admin

    admin = _server_admin()  # skips without the test server
    name = f"relay_check_{os.getpid()}"
    _admin_execute(admin, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    try:
        result = here(_database_url(admin, name), "check")
    finally:
        _admin_execute(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert "schema: 0013_deadline_margin_start (current)" in line
    assert "tables read to the end" in line


# --- the damage stops copies and writes ---------------------------------------------------


def test_backup_to_a_file_keeps_nothing_from_a_damaged_store(damaged: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = relay_here(damaged, "backup", "-o", str(out / "copy.db"))
    line = assert_refused(result, "the store is damaged; nothing was kept; run relay check")
    assert "Backed up" not in line
    assert list(out.iterdir()) == []


def test_backup_to_a_file_checks_its_copy(filled: Path, tmp_path: Path) -> None:
    result = relay_here(filled, "backup", "-o", str(tmp_path / "copy.db"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Backed up the store to {tmp_path / 'copy.db'} (checked: sound)\n"
    assert quick_check(tmp_path / "copy.db") == [("ok",)]


def test_the_first_write_of_the_day_on_a_damaged_store_is_refused(damaged: Path) -> None:
    before = digest(damaged)
    folder = sorted(folder_for(damaged).iterdir())
    for result in (
        relay(damaged, "capture", "Called Émile", "-p", PROJECT),  # the fast path, a process
        relay_here(damaged, "time", "log", "1h", "-p", PROJECT),  # the full path
    ):
        assert_refused(result, "is damaged; nothing was written; run relay check")
    assert digest(damaged) == before  # nothing written
    assert sorted(folder_for(damaged).iterdir()) == folder  # and no damaged copy kept


def test_a_store_that_stays_sound_gets_its_daily_backup_and_the_write(filled: Path) -> None:
    result = relay(filled, "capture", "Called Émile", "-p", PROJECT)
    assert result.returncode == 0, result.stderr
    today = daily_path(filled, this_day())
    assert quick_check(today) == [("ok",)]
    assert count(today, "contact") == CONTACTS  # taken before the write
    assert count(filled, "contact") == CONTACTS + 1


async def test_the_app_warns_of_a_damaged_store_at_start_up(damaged: Path) -> None:
    store = open_store(location_for_path(damaged))
    try:
        app = make_app(store)
        async with running(app, notifications=True) as pilot:
            await settle(pilot)  # the start-up check is a worker: waited for, not slept on
            found = [n for n in app._notifications if n.title == "Store damaged"]
            assert len(found) == 1
            assert "run relay check" in found[0].message
            assert "\n" not in found[0].message
    finally:
        store.close()


async def test_the_app_says_nothing_of_a_sound_store(filled: Path) -> None:
    store = open_store(location_for_path(filled))
    try:
        app = make_app(store)
        async with running(app, notifications=True) as pilot:
            await settle(pilot)
            assert [n.title for n in app._notifications if n.title == "Store damaged"] == []
    finally:
        store.close()


# --- the automatic backups ------------------------------------------------------------


def test_backups_go_beside_a_store_in_a_temporary_folder_and_are_private(
    tmp_path: Path,
) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "clients" / "relay.db"
        made = relay_here(path, "client", "add", "Acme")  # creates the store, then backs it up
        assert made.returncode == 0, made.stderr
        again = relay_here(path, "client", "add", "Bob")
        assert again.returncode == 0, again.stderr
    finally:
        os.umask(old)
    folder = folder_for(path)
    assert folder == tmp_path / "clients" / "relay.db-backups"
    assert [p.name for p in folder.iterdir()] == [f"{this_day().isoformat()}.db"]
    assert mode(folder) == 0o700
    assert mode(daily_path(path, this_day())) == 0o600
    assert count(daily_path(path, this_day()), "client") == 0  # made before the first client
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert not data_home.exists() or not list(data_home.rglob("*-backups"))


def test_the_default_store_keeps_its_backups_in_the_user_data_folder() -> None:
    for name in ("Acme", "Bob"):
        result = here(None, "client", "add", name)  # no --db: the default store
        assert result.returncode == 0, result.stderr
    default = Path(os.environ["XDG_DATA_HOME"]) / "relay" / "relay.db"
    assert daily_path(default, this_day()).is_file()


def test_a_second_write_of_the_day_makes_no_second_backup(filled: Path) -> None:
    assert relay_here(filled, "client", "add", "Bob").returncode == 0
    first = daily_path(filled, this_day()).stat()
    assert relay_here(filled, "client", "add", "Carla").returncode == 0
    again = daily_path(filled, this_day()).stat()
    assert (again.st_ino, again.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def test_rotation_keeps_seven_days_and_four_weeks_before_them(db_path: Path) -> None:
    for day in days(date(2026, 10, 1), date(2026, 12, 2)):  # ends on a Wednesday
        before_write(db_path, today=day)
    kept = sorted(p.name for p in folder_for(db_path).iterdir())
    # 7 days (two calendar weeks touched), then the newest backup of each of the 4
    # weeks (Monday to Sunday) before: their Sundays.
    expected = [
        "2026-11-01",
        "2026-11-08",
        "2026-11-15",
        "2026-11-22",
        *(f"2026-11-{d}" for d in range(26, 31)),
        "2026-12-01",
        "2026-12-02",
    ]
    assert kept == [f"{name}.db" for name in expected]
    assert all(mode(folder_for(db_path) / name) == 0o600 for name in kept)


def test_rotation_follows_the_two_settings(db_path: Path) -> None:
    save_settings(Settings(backups_daily=2, backups_weekly=1), settings_path())
    for day in days(date(2026, 11, 1), date(2026, 11, 30)):
        before_write(db_path, today=day)
    kept = sorted(p.name for p in folder_for(db_path).iterdir())
    assert kept == ["2026-11-22.db", "2026-11-29.db", "2026-11-30.db"]


def test_rotation_rule_with_gaps() -> None:
    series = [date(2026, 12, 1), date(2026, 11, 20), date(2026, 11, 19), date(2026, 10, 2)]
    assert to_keep(series, 1, 4) == set(series) - {date(2026, 11, 19)}
    assert to_keep(series, 7, 0) == set(series)
    assert to_keep([], 7, 4) == set()


def test_bad_backup_settings_fall_back_to_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("backups_daily = 0\nbackups_weekly = -1\n", encoding="utf-8")
    loaded = load_settings(path)
    assert (loaded.backups_daily, loaded.backups_weekly) == (7, 4)
    assert "backups_daily, backups_weekly" in loaded.problem


def test_the_demo_store_gets_no_automatic_backup(filled: Path) -> None:
    backup_due.no_automatic_backup(filled)
    try:
        before_write(filled, today=this_day())
    finally:
        backup_due.NO_AUTOMATIC.discard(filled)
    assert not daily_path(filled, this_day()).exists()


# --- list and restore ----------------------------------------------------------------------


def test_backup_list_shows_the_newest_first_with_date_size_and_check(filled: Path) -> None:
    assert relay_here(filled, "client", "add", "Bob").returncode == 0  # today's backup
    yesterday = daily_path(filled, the_day_before())
    day_before = yesterday.stat().st_mtime - 86400
    os.utime(yesterday, (day_before, day_before))
    result = relay_here(filled, "backup", "list")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["FILE", "MADE", "SIZE", "CHECKED"]
    assert [row.split()[0] for row in rows] == [
        str(daily_path(filled, this_day())),
        str(yesterday),
    ]
    for row in rows:
        assert re.fullmatch(r"\S+  \d{4}-\d\d-\d\d \d\d:\d\d +\d+ KiB  sound", row), row


def test_backup_list_says_when_there_is_none(db_path: Path) -> None:
    result = relay_here(db_path, "backup", "list")
    assert result.returncode == 0
    assert result.stdout.startswith(f"No backups of {db_path} yet")


@pytest.fixture
def held(filled: Path) -> Iterator[sqlite3.Connection]:
    """Another program (the app, say) with the store open."""
    conn = sqlite3.connect(filled, isolation_level=None)
    yield conn
    conn.close()


def test_restore_keeps_the_store_first_and_an_open_connection_sees_the_backup(
    filled: Path, held: sqlite3.Connection
) -> None:
    backup = daily_path(filled, the_day_before())  # CONTACTS contacts
    assert relay_here(filled, "capture", "One more", "-p", PROJECT).returncode == 0
    assert held.execute("SELECT count(*) FROM contact").fetchone() == (CONTACTS + 1,)

    result = relay_here(filled, "backup", "restore", str(backup))

    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == f"Restored the store {filled} from {backup}"
    kept = Path(second.removeprefix("The store as it was is kept in "))
    assert kept.parent == folder_for(filled) and kept.name.endswith("-before-restore.db")
    assert mode(kept) == 0o600
    assert count(kept, "contact") == CONTACTS + 1  # the store as it was
    assert held.execute("SELECT count(*) FROM contact").fetchone() == (CONTACTS,)  # seen at once
    assert count(filled, "contact") == CONTACTS
    assert quick_check(filled) == [("ok",)]
    assert relay_here(filled, "check").returncode == 0
    again = relay(filled, "capture", "After the restore", "-p", PROJECT)
    assert again.returncode == 0, again.stderr


def test_restore_repairs_a_damaged_store(damaged: Path) -> None:
    result = relay_here(damaged, "backup", "restore", str(daily_path(damaged, the_day_before())))
    assert result.returncode == 0, result.stderr
    assert quick_check(damaged) == [("ok",)]
    assert count(damaged, "contact") == CONTACTS
    assert relay_here(damaged, "check").returncode == 0


def test_restore_refuses_a_file_that_is_not_a_sound_backup(filled: Path, tmp_path: Path) -> None:
    before = table_counts(filled)
    broken = tmp_path / "broken.db"
    broken.write_bytes(daily_path(filled, the_day_before()).read_bytes())
    with open(broken, "r+b") as handle:
        handle.seek(broken.stat().st_size // 2)
        handle.write(random.Random(SEED).randbytes(4096))
    for name in (str(broken), str(tmp_path / "missing.db"), str(filled)):
        result = relay_here(filled, "backup", "restore", name)
        assert result.returncode == 2, result.stderr
        [line] = result.stderr.splitlines()
        assert line.startswith("relay: error: file: "), line
    assert (
        "is not a sound relay backup" in relay_here(filled, "backup", "restore", str(broken)).stderr
    )
    assert table_counts(filled) == before
    assert not any("before-restore" in p.name for p in folder_for(filled).iterdir())


def test_the_backup_commands_refuse_a_database_server(tmp_path: Path) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    for args in (("backup", "list"), ("backup", "restore", str(tmp_path / "x.db"))):
        result = here(url, *args)
        assert result.returncode == 2
        assert "pg_dump" in result.stderr


def test_check_names_a_command_that_can_be_pasted(damaged: Path) -> None:
    output = relay_here(damaged, "check").stdout
    command = next(line.strip() for line in output.splitlines() if "backup restore" in line)
    words = shlex.split(command)
    assert words[:2] == ["relay", "--db"]
    result = relay_here(Path(words[2]), *words[3:])
    assert result.returncode == 0, result.stderr
    assert quick_check(damaged) == [("ok",)]


def test_a_capture_with_the_day_backed_up_loads_nothing_of_the_backups(filled: Path) -> None:
    """Finding today's backup is a stat: `relay capture` imports `backup_due` only."""
    assert relay_here(filled, "client", "add", "Bob").returncode == 0  # today's backup
    probe = (
        "import sys; from relay_tui.cli import main; code = main(); "
        "print(sorted(m for m in sys.modules if m.startswith('relay_tui.back')), "
        "file=sys.stderr); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "--db", str(filled), "capture", "Hi", "-p", PROJECT],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "['relay_tui.backup_due']"
