"""`relay export json --salvage` saves what can still be read of a damaged store.

The stores are damaged where the damage is known: one page overwritten with seeded random
bytes, the root page of a table (the table cannot be read at all) or a leaf page in the
middle of a table (the rows before and after it can). A plain export stops at the damage
and keeps nothing; the salvage keeps every row that can be read (checked against reading
every row on its own by its key), leaves out the rows of lost records, says what it could
not save, and its file imports into a new store. On a sound store it writes the plain
export, byte for byte. A database server's store is refused in one line.
"""

from __future__ import annotations

import json
import random
import shlex
import sqlite3
import stat
from pathlib import Path

import pytest

from relay_tui.db import Store, location_for_path, open_store
from relay_tui.demo import seed_demo
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.projects import add_project
from relay_tui.services.salvage import salvage_json
from relay_tui.services.transfer import export_json
from tests.conftest import FIXED_NOW, table_counts
from tests.reliability.test_damaged_store import checkpoint, relay_here

SEED = 12
#: Contacts of the store damaged in a leaf page: a table of several leaves.
CONTACTS = 150
#: The contact whose leaf page is damaged.
MIDDLE = 75
#: The exit status of a salvage that could not save everything (docs/cli.md).
PARTIAL = 3


def page_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def overwrite_page(path: Path, number: int) -> None:
    """Page `number` (from 1) becomes random bytes (seeded: the same on every run)."""
    size = page_size(path)
    with open(path, "r+b") as handle:
        handle.seek((number - 1) * size)
        handle.write(random.Random(SEED).randbytes(size))


def damage_root(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    try:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    finally:
        conn.close()
    overwrite_page(path, root)


def damage_leaf_holding(path: Path, text: str) -> None:
    """Overwrite the table leaf page (type 13) that holds `text`."""
    size, data = page_size(path), path.read_bytes()
    found = [
        number
        for number in range(2, len(data) // size + 1)
        if data[(number - 1) * size] == 13 and text.encode() in data[(number - 1) * size :][:size]
    ]
    assert len(found) == 1, found
    overwrite_page(path, found[0])


def exported(path: Path) -> dict[str, list[dict[str, object]]]:
    return json.loads(path.read_text(encoding="utf-8"))["tables"]


def fold(store: Store, path: Path) -> Path:
    """The store closed, everything in the file itself (no write-ahead log)."""
    store.close()
    checkpoint(path)
    assert (
        not path.with_name(path.name + "-wal").exists()
        or not path.with_name(path.name + "-wal").stat().st_size
    )
    return path


@pytest.fixture
def sample(store: Store, db_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The sample data, and its plain export made while the store was sound."""
    seed_demo(store, now=FIXED_NOW)
    sound = tmp_path / "sound.json"
    export_json(store, sound, now=FIXED_NOW)
    return fold(store, db_path), sound


@pytest.fixture
def contacts(store: Store, db_path: Path) -> Path:
    add_client(store, {"name": "Émile"})
    add_project(store, {"name": "Site", "client": "Émile"}, now=FIXED_NOW)
    for i in range(1, CONTACTS + 1):
        capture(store, {"project": "Site", "summary": f"Contact number {i}. " * 8}, now=FIXED_NOW)
    return fold(store, db_path)


def readable_ids(path: Path, table: str, ids: range) -> list[int]:
    """The rows that can be read, each looked up on its own by its key."""
    conn = sqlite3.connect(path)
    found = []
    try:
        for key in ids:
            try:
                if conn.execute(f"SELECT * FROM {table} WHERE id = ?", (key,)).fetchall():
                    found.append(key)
            except sqlite3.DatabaseError:
                continue
    finally:
        conn.close()
    return found


def assert_imports(rescue: Path, tmp_path: Path) -> dict[str, int]:
    new = tmp_path / "new.db"
    done = relay_here(new, "import", "json", str(rescue))
    assert done.returncode == 0, done.stdout + done.stderr
    counts = table_counts(new)
    assert counts.pop("undo_step") == 0  # an import is not a change to take back
    assert counts.pop("reminder_sent") == 0  # the store's own, never exported
    return counts


def test_a_plain_export_of_a_damaged_table_fails_in_one_line_and_keeps_nothing(
    sample: tuple[Path, Path], tmp_path: Path
) -> None:
    db, _ = sample
    damage_root(db, "retrospective")
    out = tmp_path / "plain.json"
    done = relay_here(db, "export", "json", "-o", str(out))
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("relay: error: "), done.stderr
    assert "damaged" in lines[0]
    assert not out.exists()


def test_the_salvage_saves_every_other_table_and_its_file_imports(
    sample: tuple[Path, Path], tmp_path: Path
) -> None:
    db, sound = sample
    before = exported(sound)
    assert before["retrospective"] and before["lesson"]  # what is lost, and what is not
    damage_root(db, "retrospective")
    rescue = tmp_path / "rescue.json"
    done = relay_here(db, "export", "json", "--salvage", "-o", str(rescue))
    assert done.returncode == PARTIAL, done.stdout + done.stderr
    assert done.stderr == ""
    total = sum(len(rows) for name, rows in before.items() if name != "retrospective")
    assert done.stdout.splitlines() == [
        f"Saved {total} records to {rescue}; could not save: retrospective (all of it). "
        f"Load them into a new store: relay --db NEW.db import json {shlex.quote(str(rescue))}"
    ]
    assert stat.S_IMODE(rescue.stat().st_mode) == 0o600
    saved = exported(rescue)
    assert saved == {**before, "retrospective": []}  # every other row, as it was
    counts = assert_imports(rescue, tmp_path)
    assert counts == {name: len(rows) for name, rows in saved.items()}


def test_the_salvage_reads_past_a_damaged_page_in_the_middle_of_a_table(
    contacts: Path, tmp_path: Path
) -> None:
    damage_leaf_holding(contacts, f"Contact number {MIDDLE}. ")
    readable = readable_ids(contacts, "contact", range(1, CONTACTS + 1))
    assert 1 in readable and CONTACTS in readable and MIDDLE not in readable
    lost = sorted(set(range(1, CONTACTS + 1)) - set(readable))
    rescue = tmp_path / "rescue.json"
    done = relay_here(contacts, "export", "json", "--salvage", "-o", str(rescue))
    assert done.returncode == PARTIAL, done.stdout + done.stderr
    saved = exported(rescue)
    assert [row["id"] for row in saved["contact"]] == readable  # every row that can be read
    gap = f"contact (the rows between #{lost[0] - 1} and #{lost[-1] + 1})"
    assert f"; could not save: {gap}. " in done.stdout, done.stdout
    assert len(done.stdout.splitlines()) == 1
    assert assert_imports(rescue, tmp_path)["contact"] == len(readable)


def test_the_rows_of_a_lost_record_are_left_out_and_said(
    sample: tuple[Path, Path], tmp_path: Path
) -> None:
    db, sound = sample
    before = exported(sound)
    damage_root(db, "project")
    rescue = tmp_path / "rescue.json"
    done = relay_here(db, "export", "json", "--salvage", "-o", str(rescue))
    assert done.returncode == PARTIAL, done.stdout + done.stderr
    saved = exported(rescue)
    assert saved["client"] == before["client"]
    assert saved["craft_card"] == before["craft_card"]
    projects = len(before["project"])
    provider = [row for row in before["profile"] if row["project_id"] is None]
    assert saved["profile"] == provider  # my own profile belongs to no project
    kept = ("client", "craft_card", "profile")
    assert all(not rows for name, rows in saved.items() if name not in kept)
    contacts = len(before["contact"])
    assert "project (all of it)" in done.stdout
    assert f"contact ({contacts} rows of {projects} project records, which were lost)" in (
        done.stdout
    )
    assert_imports(rescue, tmp_path)


def test_the_salvage_of_a_sound_store_is_the_plain_export(
    sample: tuple[Path, Path], tmp_path: Path
) -> None:
    db, sound = sample
    store = open_store(location_for_path(db))
    try:
        salvaged = salvage_json(store, tmp_path / "salvaged.json", now=FIXED_NOW)
    finally:
        store.close()
    assert salvaged.complete and salvaged.lost_text() == ""
    assert (tmp_path / "salvaged.json").read_bytes() == sound.read_bytes()
    out = tmp_path / "cli.json"
    done = relay_here(db, "export", "json", "--salvage", "-o", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    total = sum(len(rows) for rows in exported(sound).values())
    assert done.stdout == f"Saved all {total} records to {out}: nothing was lost\n"


def test_check_advises_the_salvage_and_the_advice_works(
    sample: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = sample
    damage_root(db, "retrospective")
    done = relay_here(db, "check")
    assert done.returncode == 3, done.stdout + done.stderr
    command = next(
        line.partition("can still be read: ")[2]
        for line in done.stdout.splitlines()
        if "can still be read: " in line
    )
    assert command.startswith(f"relay --db {db} export json --salvage -o relay-rescue.json")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command.partition(",")[0])[1:]
    rescue = relay_here(Path(argv[1]), *argv[2:])
    assert rescue.returncode == PARTIAL, rescue.stdout + rescue.stderr
    assert_imports(tmp_path / "relay-rescue.json", tmp_path)


def test_the_salvage_is_refused_on_a_database_server_store(tmp_path: Path) -> None:
    """Refused before the server is reached: no server listens at this address."""
    out = tmp_path / "out.json"
    done = relay_here(
        "postgresql://nobody@127.0.0.1:1/relay",  # type: ignore[arg-type]
        "export",
        "json",
        "--salvage",
        "-o",
        str(out),
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "relay: error: salvage: reads around damaged pages of a SQLite file; a database "
        "server looks after its own pages: use relay export json -o FILE (or the server's "
        "tools: pg_dump)"
    ]
    assert not out.exists()
