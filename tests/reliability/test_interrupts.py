"""Ctrl+C tells the truth: an interrupted command says what it had saved.

If the write committed, the command says so with the record's id (so that nobody types
it again, or bills the hours twice); if not, it says nothing was written. Never a
traceback, even when Ctrl+C comes while relay is starting.
"""

from __future__ import annotations

import io
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from relay_tui import fastcapture
from relay_tui.cli import main
from tests.conftest import query_rows, run_relay

SAVED = re.compile(r"^relay: interrupted, but (contact|time entry|alarm bell) #(\d+) was saved")
NOTHING = "relay: interrupted; nothing was written"


@pytest.fixture
def site(db_path: Path) -> Path:
    assert run_relay("client", "add", "Marie", db=db_path).returncode == 0
    assert run_relay("project", "add", "Site", "--client", "Marie", db=db_path).returncode == 0
    return db_path


def _run_here(db: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["--db", str(db), *args])
    return status, err.getvalue()


def _press_ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


@contextmanager
def _on_session(name: str, action: Callable[..., None]) -> Iterator[None]:
    event.listen(Session, name, action)
    try:
        yield
    finally:
        event.remove(Session, name, action)


def test_ctrl_c_at_the_commit_says_the_record_was_saved(site: Path) -> None:
    """Pressed as the transaction commits: before, relay said nothing was written."""

    def pressed(_session: Session) -> None:
        _press_ctrl_c()

    with _on_session("after_commit", pressed):
        status, err = _run_here(site, "deadline", "add", "Photos", "-p", "Site", "--due", "+3d")
    assert status == 130
    rows = query_rows(site, "SELECT id, title FROM deadline")
    assert rows == [(rows[0][0], "Photos")]
    assert err.startswith(f"relay: interrupted, but alarm bell #{rows[0][0]} was saved")
    assert "do not enter it again" in err


def test_ctrl_c_before_the_commit_says_nothing_was_written(site: Path) -> None:
    def pressed(_session: Session, _transaction: object, _connection: object) -> None:
        _press_ctrl_c()

    with _on_session("after_begin", pressed):
        status, err = _run_here(site, "time", "log", "1h30", "-p", "Site")
    assert status == 130
    assert err.strip() == NOTHING
    assert query_rows(site, "SELECT count(*) FROM time_entry") == [(0,)]


def test_ctrl_c_at_the_commit_of_a_fast_capture_says_it_was_saved(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not str(site).endswith(".db"):
        pytest.skip("the fast capture path is for SQLite stores")
    real_connect = fastcapture.connect_current

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(lambda sql: _press_ctrl_c() if sql == "COMMIT" else None)
        return conn

    monkeypatch.setattr(fastcapture, "connect_current", connect)
    status, err = _run_here(site, "capture", "Called Marie about the photos")
    assert status == 130
    rows = query_rows(site, "SELECT id FROM contact")
    assert len(rows) == 1
    assert err.startswith(f"relay: interrupted, but contact #{rows[0][0]} was saved")


#: Starts relay as the console script does, then says (one byte on a pipe) that relay's
#: own code runs: what comes before is Python's start-up, not relay's.
STARTER = (
    "import os, sys; import relay_tui.start as start; "
    "fd = int(os.environ['READY_FD']); os.write(fd, b'R'); os.close(fd); "
    "sys.argv[0] = 'relay'; sys.exit(start.run())"
)


def _interrupted_run(db: Path, args: tuple[str, ...], delay: float) -> tuple[int, str, str]:
    reader, writer = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-c", STARTER, "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        pass_fds=(writer,),
        env={**os.environ, "READY_FD": str(writer)},
    )
    os.close(writer)
    try:
        assert os.read(reader, 1) == b"R"
    finally:
        os.close(reader)
    time.sleep(delay)  # when the user presses Ctrl+C: drawn at random, not a wait
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def test_ctrl_c_at_any_moment_tells_the_truth_and_never_a_traceback(site: Path) -> None:
    """Like the report's run: commands interrupted at random moments, from start-up to
    the end. Each one either finished, or says what it saved, or that nothing was."""
    if not str(site).endswith(".db"):
        pytest.skip("one store kind is enough for the timing sweep")
    rng = random.Random(12)
    commands = {
        "contact": lambda i: ("capture", f"Interrupted call {i}"),
        "time entry": lambda i: ("time", "log", f"{i + 1}m", "--note", f"run {i}"),
    }
    outcomes = {"finished": 0, "saved": 0, "nothing": 0}
    span = 0.0
    for i in range(36):
        if i % 6 == 0:  # how long a command takes now (the machine's load changes)
            started = time.monotonic()
            assert run_relay("capture", f"timing {i}", db=site).returncode == 0
            span = time.monotonic() - started
        kind = "contact" if i % 2 == 0 else "time entry"
        before_contacts = query_rows(site, "SELECT count(*) FROM contact")[0][0]
        before_time = query_rows(site, "SELECT count(*) FROM time_entry")[0][0]
        status, _out, err = _interrupted_run(site, commands[kind](i), rng.uniform(0, 1.5 * span))
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        contacts = query_rows(site, "SELECT count(*) FROM contact")[0][0]
        entries = query_rows(site, "SELECT count(*) FROM time_entry")[0][0]
        written = (contacts - before_contacts) + (entries - before_time)
        if status == 0:
            outcomes["finished"] += 1
            assert written == 1 and err == "", err
            continue
        assert status == 130, (status, err)
        assert err.count("\n") == 1, err
        match = SAVED.match(err)
        if match:
            outcomes["saved"] += 1
            assert written == 1
            assert match.group(1) == kind
            table = "contact" if kind == "contact" else "time_entry"
            assert query_rows(site, f"SELECT count(*) FROM {table} WHERE id = ?", match.group(2))
        else:
            outcomes["nothing"] += 1
            assert err.strip() == NOTHING, err
            assert written == 0, "said nothing was written, but a row was committed"
    assert outcomes["nothing"] > 0 and outcomes["finished"] + outcomes["saved"] > 0, outcomes


#: A Ctrl+C that Python cannot pass on where it lands: in a callback run by the garbage
#: collector or the import machinery (where the timing sweep above once caught it), it
#: would be printed as "Exception ignored in …" with a traceback, and lost.
UNRAISABLE = """
import time, weakref
from relay_tui import interrupts

interrupts.as_usual()


class Record:
    pass


def callback(_ref):
    raise KeyboardInterrupt


record = Record()
ref = weakref.ref(record, callback)
try:
    del record
    for _ in range(500):
        time.sleep(0.01)
    print("not interrupted")
except KeyboardInterrupt:
    print("interrupted")
"""


def test_ctrl_c_in_a_callback_is_delivered_again_not_printed_as_ignored() -> None:
    done = subprocess.run(
        [sys.executable, "-c", UNRAISABLE], capture_output=True, text=True, timeout=60
    )
    assert (done.stdout, done.stderr) == ("interrupted\n", "")
