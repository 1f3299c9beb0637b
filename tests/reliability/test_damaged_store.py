"""Promise 6: a damaged or unavailable store gets one clear answer and is not damaged further.

A corrupt file (random bytes, a truncated store, a store whose pages were overwritten), a
read-only file, a full disk and a store locked beyond the timeout: every command gets exit
status 1 or 2 and exactly one line on stderr, no traceback, saying what happened and what
to do; the file is left as it was (byte for byte where relay must not write at all), and
works again once the cause is gone.

Root ignores file modes: when the tests run as root, the read-only case runs relay without
the capabilities that let root write anyway (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so
the kernel applies the modes to it as to any user. The full disk is a real tiny tmpfs when
the tests may mount one (root), and otherwise a file-size limit (RLIMIT_FSIZE) that makes
the kernel refuse the writes a capture needs.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import io
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from relay_tui import sqlite_files
from relay_tui.cli import main
from relay_tui.db import Store
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, table_counts

SEED = 6
PROJECT = "Site"
#: Commands that must write, and one that only reads.
WRITES = (
    ("capture", "Called Émile about the photos", "-p", PROJECT),
    ("client", "add", "Bob"),
    ("deadline", "add", "Photos", "-p", PROJECT, "--due", "2027-01-10"),
)
READ = ("contact", "list", "--limit", "5")

DAMAGED = (r"damaged", r"restore it from a backup")
READ_ONLY = (r"read-only", r"check its permissions")
FULL = (r"disk is full|no space left", r"free (some )?space")
LOCKED = (r"locked", r"try again")

#: Runs the real command line with a shorter busy timeout (the default is 10 s).
SHORT_TIMEOUT_MAIN = (
    "import sys, relay_tui.sqlite_files as files; files.BUSY_TIMEOUT_MS = 1000; "
    "from relay_tui.cli import main; sys.exit(main())"
)

Preexec = Callable[[], None] | None


def relay(
    db: Path, *args: str, preexec: Preexec = None, short_timeout: bool = False
) -> subprocess.CompletedProcess[str]:
    """The real command line in a subprocess."""
    program = ["-c", SHORT_TIMEOUT_MAIN] if short_timeout else ["-m", "relay_tui"]
    return subprocess.run(
        [sys.executable, *program, "--db", str(db), *args],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        timeout=120,
    )


def relay_here(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same entry point, `relay_tui.cli.main`, in this process: no interpreter start-up
    and no import to pay for, which keeps the many cases fast. A traceback would escape."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as exc:  # argparse refusing the arguments
            code = exc.code if isinstance(exc.code, int) else 2
    gc.collect()  # a process would end here: close the connections the command left open
    return subprocess.CompletedProcess(["relay", *args], code, out.getvalue(), err.getvalue())


def relay_every_way(
    db: Path, commands: list[tuple[str, ...]], **options: Any
) -> list[subprocess.CompletedProcess[str]]:
    """`relay capture` in a real process while every command runs in this process."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        real = pool.submit(relay, db, *WRITES[0], **options)
        here = [relay_here(db, *args) for args in commands]
        return [real.result(), *here]


def assert_one_clear_line(
    result: subprocess.CompletedProcess[str], expected: tuple[str, str]
) -> None:
    what, todo = expected
    shown = f"{result.args[-3:]} -> {result.returncode}: {result.stderr!r}"
    assert result.returncode in (1, 2), shown
    assert "Traceback" not in result.stderr, shown
    lines = result.stderr.splitlines()
    assert len(lines) == 1, shown
    assert lines[0].startswith("relay: error: "), shown
    assert re.search(what, lines[0], re.IGNORECASE), f"does not say what happened: {shown}"
    assert re.search(todo, lines[0], re.IGNORECASE), f"does not say what to do: {shown}"
    assert result.stdout == "", shown


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the file, so that the file alone is the whole store."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


@pytest.fixture
def filled(store: Store, db_path: Path) -> Path:
    """A store with a client, a project and a few contacts, folded into one file."""
    add_client(store, {"name": "Émile"})
    add_project(store, {"name": PROJECT, "client": "Émile"}, now=FIXED_NOW)
    for i in range(40):
        capture(store, {"project": PROJECT, "summary": f"Contact number {i} " * 8}, now=FIXED_NOW)
    store.close()
    checkpoint(db_path)
    return db_path


# --- a corrupt file -----------------------------------------------------------------------


def _random_bytes(path: Path, rng: random.Random) -> None:
    path.write_bytes(rng.randbytes(64 * 1024))


def _truncated(path: Path, rng: random.Random) -> None:
    size = path.stat().st_size
    os.truncate(path, size * 3 // 5 + rng.randrange(1, 4096))


def _overwritten_pages(path: Path, rng: random.Random) -> None:
    """The header page intact (it still looks like a database), every other page noise."""
    data = bytearray(path.read_bytes())
    data[4096:] = rng.randbytes(len(data) - 4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [_random_bytes, _truncated, _overwritten_pages],
    ids=["random-bytes", "truncated", "overwritten-pages"],
)
def test_a_corrupt_file_gets_one_line_and_is_left_untouched(
    filled: Path, tmp_path: Path, damage: Callable[[Path, random.Random], None]
) -> None:
    damage(filled, random.Random(SEED))
    before = digest(filled)
    out = tmp_path / "out"
    out.mkdir()
    listing = sorted(filled.parent.iterdir())
    commands = [
        *WRITES,
        READ,
        ("export", "json", "-o", str(out / "export.json")),
        ("backup", "-o", str(out / "copy.db")),
    ]
    for result in relay_every_way(filled, commands):
        assert_one_clear_line(result, DAMAGED)
    assert digest(filled) == before
    assert sorted(filled.parent.iterdir()) == listing  # no journal, no stray copy
    assert list(out.iterdir()) == []  # nothing half-written


# --- a read-only file -----------------------------------------------------------------------

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def _without_root_override() -> None:
    """In the child, before exec: drop the capabilities that let root ignore file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def as_a_user() -> Preexec:
    """How to run relay so that file modes apply to it (None: they already do)."""
    return _without_root_override if os.geteuid() == 0 else None


def _writable_by(path: Path, preexec: Preexec) -> bool:
    probe = "import sys; open(sys.argv[1], 'r+b').close()"
    try:
        result = subprocess.run(
            [sys.executable, "-c", probe, str(path)], capture_output=True, preexec_fn=preexec
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot run relay without root's override of file modes")
    return result.returncode == 0


@pytest.fixture
def read_only(filled: Path, as_a_user: Preexec) -> Iterator[Path]:
    os.chmod(filled, 0o400)
    if _writable_by(filled, as_a_user):
        pytest.skip("file modes are not enforced for this user: a 0400 file stays writable")
    yield filled
    os.chmod(filled, 0o600)


def test_a_read_only_file_gets_one_line_and_is_left_untouched(
    read_only: Path, as_a_user: Preexec
) -> None:
    before = digest(read_only)
    counts = table_counts(read_only)
    listing = sorted(read_only.parent.iterdir())
    for args in WRITES[:2]:  # the fast capture path and the full one
        assert_one_clear_line(relay(read_only, *args, preexec=as_a_user), READ_ONLY)
    # Reading is still possible: what is in a read-only store can be looked up.
    listed = relay(read_only, *READ, preexec=as_a_user)
    assert listed.returncode == 0, listed.stderr
    assert "Contact number 39" in listed.stdout
    assert digest(read_only) == before
    assert table_counts(read_only) == counts
    assert sorted(read_only.parent.iterdir()) == listing  # no -wal or -shm left beside it


def test_a_read_only_file_works_again_once_writable(read_only: Path, as_a_user: Preexec) -> None:
    assert_one_clear_line(relay(read_only, *WRITES[0], preexec=as_a_user), READ_ONLY)
    os.chmod(read_only, 0o600)  # what the message asks the user to do
    again = relay(read_only, *WRITES[0], preexec=as_a_user)
    assert again.returncode == 0, again.stderr
    assert integrity(read_only) == [("ok",)]


# --- a full disk ----------------------------------------------------------------------------


def _mount_tiny_disk(where: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tiny filesystem needs root")
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")


def _fill(disk: Path) -> Path:
    """Fill the filesystem to the last byte; returns the file to delete to free it."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    _mount_tiny_disk(disk)
    try:
        yield disk
    finally:
        gc.collect()  # no connection of this process may keep the filesystem busy
        if subprocess.run(["umount", str(disk)]).returncode != 0:
            subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_full_disk_gets_one_line_and_the_store_survives(filled: Path, tiny_disk: Path) -> None:
    store = tiny_disk / "relay.db"
    shutil.copyfile(filled, store)
    os.chmod(store, 0o600)
    before = digest(store)
    counts = table_counts(store)
    filler = _fill(tiny_disk)
    for result in relay_every_way(store, list(WRITES)):
        assert_one_clear_line(result, FULL)
    assert digest(store) == before
    filler.unlink()  # what the message asks the user to do
    assert integrity(store) == [("ok",)]
    assert table_counts(store) == counts
    again = relay(store, *WRITES[0])
    assert again.returncode == 0, again.stderr


def _file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_refused_write_gets_one_line_and_the_store_survives(filled: Path) -> None:
    """Any user: the kernel refuses to let files grow past 32 KiB (the size of relay.db-shm),
    so the write-ahead log cannot hold a capture of a few thousand characters."""
    before = digest(filled)
    counts = table_counts(filled)
    rng = random.Random(SEED)
    words = " ".join(f"w{rng.randrange(10**6)}" for _ in range(600))[:3990]
    result = relay(filled, "capture", words, "-p", PROJECT, preexec=_file_size_limit(32768))
    assert_one_clear_line(result, FULL)
    assert digest(filled) == before
    assert integrity(filled) == [("ok",)]
    assert table_counts(filled) == counts
    again = relay(filled, "capture", words, "-p", PROJECT)  # without the limit
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize(
    "command", [("export", "json", "-o"), ("backup", "-o")], ids=["export-json", "backup"]
)
def test_a_copy_onto_a_full_disk_gets_one_line_and_leaves_no_partial_file(
    filled: Path, tiny_disk: Path, command: tuple[str, ...]
) -> None:
    _fill(tiny_disk)
    out = tiny_disk / "copy"
    result = relay(filled, *command, str(out))
    assert_one_clear_line(result, FULL)
    assert not out.exists()  # nothing half-written


# --- a store locked beyond the timeout ----------------------------------------------------


@pytest.mark.parametrize("exclusive", [False, True], ids=["write-lock", "exclusive-lock"])
def test_a_store_locked_too_long_gets_one_line_and_the_lock_holder_loses_nothing(
    filled: Path, exclusive: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock (or, in exclusive locking mode, every lock)
    for longer than relay waits (shortened to one second here)."""
    monkeypatch.setattr(sqlite_files, "BUSY_TIMEOUT_MS", 1000)
    counts = table_counts(filled)
    holder = sqlite3.connect(filled, isolation_level=None)
    try:
        if exclusive:
            holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute(
            "INSERT INTO client (name, notes, created_at) "
            "VALUES ('Held', '', '2026-11-23 10:00:00.000000')"
        )
        commands = [*WRITES, READ] if exclusive else list(WRITES)
        results = relay_every_way(filled, commands, short_timeout=True)
        holder.execute("COMMIT")  # the other program finishes its work as if nothing happened
    finally:
        holder.close()
    for result in results:
        assert_one_clear_line(result, LOCKED)
    assert integrity(filled) == [("ok",)]
    assert table_counts(filled) == {**counts, "client": counts["client"] + 1}
    again = relay(filled, *WRITES[0])
    assert again.returncode == 0, again.stderr
