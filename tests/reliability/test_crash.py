"""Promise 1: a confirmed capture survives a crash.

`relay capture` processes, and a script writing through the capture service, are killed
with SIGKILL at random moments (delays drawn from a seeded generator between 0 and the
run time measured on this machine, under the same parallel load; for the scripts, the
time from "ready", once imported and connected, to their end). Afterwards every
capture whose confirmation line had reached the reader is in the store, by id and text,
the store passes `PRAGMA integrity_check` and the full-text index matches the contacts.

The children write to their pipes unbuffered, as they would to a terminal: a confirmation
is "printed" the moment it could be read, not when the process flushes at exit.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, run_relay

SEED = 20261123
#: Processes in flight at once (enough to keep two cores busy, and to contend for the lock).
PARALLEL = 6
CLI_KILLS = 52
SERVICE_KILLS = 8
#: Captures each service script would make if left alone.
SERVICE_CAPTURES = 40
PROJECT = "Crash site"

#: Writes through the capture service, printing one confirmation per committed capture.
SERVICE_SCRIPT = """
import sys
from pathlib import Path
from relay_tui.db import location_for_path, open_store
from relay_tui.services.contacts import capture

path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = open_store(location_for_path(Path(path)))
sys.stdout.write("ready\\n")
sys.stdout.flush()
for index in range(count):
    text = f"{prefix} {index:03d}"
    contact, _ = capture(store, {"project": "Crash site", "summary": text})
    sys.stdout.write(f"Captured #{contact.id} {text}\\n")
    sys.stdout.flush()
store.close()
"""

CLI_CONFIRMATION = re.compile(rf"Captured #(\d+) on {PROJECT}: ")
SERVICE_CONFIRMATION = re.compile(r"Captured #(\d+) (service-\d+ \d{3})\n")


@dataclass
class Run:
    """One child process: what it was asked to capture and what it printed."""

    cli_text: str | None  # the text of a `relay capture`; None for a service script
    delay: float | None
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL

    def confirmed(self) -> dict[int, str]:
        """id -> text of every capture whose confirmation reached us."""
        if self.cli_text is not None:  # a `relay capture`: one confirmation, of its one text
            return {int(m.group(1)): self.cli_text for m in CLI_CONFIRMATION.finditer(self.stdout)}
        return {int(m.group(1)): m.group(2) for m in SERVICE_CONFIRMATION.finditer(self.stdout)}


Job = tuple[list[str], str | None, float | None]


def _start_and_kill(command: list[str], cli_text: str | None, delay: float | None) -> Run:
    """Run `command`; kill it `delay` seconds after its start (a `relay capture`) or after
    it said "ready" (a service script: its start-up is not what this test is about)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    early = ""
    if cli_text is None:
        assert process.stdout is not None
        early = process.stdout.readline()
        assert early == "ready\n", early + (process.stderr.read() if process.stderr else "")
        started = time.monotonic()
    if delay is not None:
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=120)
    seconds = time.monotonic() - started
    return Run(cli_text, delay, process.returncode, early + stdout, stderr, seconds)


def _cli_command(db: Path, text: str) -> list[str]:
    return [sys.executable, "-m", "relay_tui", "--db", str(db), "capture", text, "-p", PROJECT]


def _service_command(db: Path, prefix: str) -> list[str]:
    return [sys.executable, "-c", SERVICE_SCRIPT, str(db), prefix, str(SERVICE_CAPTURES)]


def _run_all(jobs: list[Job]) -> list[Run]:
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(lambda job: _start_and_kill(*job), jobs))


def _typical_seconds(runs: list[Run]) -> float:
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    return statistics.median(run.seconds for run in runs)


def _summary(runs: list[Run], cli_seconds: float, service_seconds: float) -> str:
    killed = [run for run in runs if run.killed]
    after = [run for run in killed if run.confirmed()]
    return (
        f"{len(runs)} runs (typical {cli_seconds:.2f} s capture, {service_seconds:.2f} s script), "
        f"{len(killed)} killed, {len(after)} of them after a confirmation"
    )


@pytest.fixture
def crash_db(store: Store, db_path: Path) -> Path:
    add_client(store, {"name": "Acme"})
    add_project(store, {"name": PROJECT, "client": "Acme"}, now=FIXED_NOW)
    store.close()
    return db_path


def _contacts(db: Path) -> dict[int, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, summary FROM contact"))
    finally:
        conn.close()


def _check_store(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The full-text index (kept by triggers) agrees with the contact table.
        conn.execute("INSERT INTO contact_fts(contact_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_confirmed_captures_survive_sigkill_at_random_moments(crash_db: Path) -> None:
    rng = random.Random(SEED)
    runs: list[Run] = []

    # Calibration: one undisturbed batch of each kind, under the same parallel load.
    calibration = [
        (_cli_command(crash_db, f"cli calibration {i}"), f"cli calibration {i}", None)
        for i in range(PARALLEL)
    ]
    cli_calibration = _run_all(calibration)
    runs += cli_calibration
    cli_seconds = _typical_seconds(cli_calibration)
    service_calibration = _run_all(
        [(_service_command(crash_db, f"service-{900 + i}"), None, None) for i in range(2)]
    )
    runs += service_calibration
    service_seconds = _typical_seconds(service_calibration)  # from "ready" to the end

    jobs: list[Job] = []
    for i in range(CLI_KILLS):
        text = f"cli crash {i:03d} {rng.randrange(10**6):06d}"
        jobs.append((_cli_command(crash_db, text), text, rng.uniform(0, cli_seconds)))
    for i in range(SERVICE_KILLS):
        delay = rng.uniform(0, service_seconds)
        jobs.append((_service_command(crash_db, f"service-{i}"), None, delay))
    rng.shuffle(jobs)  # mix both kinds in every batch
    runs += _run_all(jobs)
    print(_summary(runs, cli_seconds, service_seconds))

    for run in runs:
        assert "Traceback" not in run.stderr, run.stderr
        if not run.killed:  # finished before its kill: it must have succeeded, quietly
            assert run.returncode == 0, run.stderr
            assert run.stderr == ""
            assert run.confirmed(), run.stdout
    killed = [run for run in runs if run.killed]
    assert len(killed) >= (CLI_KILLS + SERVICE_KILLS) // 3, "too few kills landed"
    # Some kills came after a confirmation: the case this test is about.
    assert any(run.confirmed() for run in killed)

    _check_store(crash_db)
    stored = _contacts(crash_db)
    confirmed = [item for run in runs for item in run.confirmed().items()]
    lost = [(cid, text) for cid, text in confirmed if stored.get(cid) != text]
    assert lost == [], f"confirmed, then lost or overwritten: {lost}"
    assert len({cid for cid, _ in confirmed}) == len(confirmed), "an id was confirmed twice"
    # Nothing half-written: every row is one of the texts asked for, each at most once.
    asked = {run.cli_text for run in runs if run.cli_text is not None}
    for text in stored.values():
        assert text in asked or re.fullmatch(r"service-\d+ \d{3}", text), text
    assert len(set(stored.values())) == len(stored)

    # The store is still fully usable after all of that.
    after = run_relay("capture", "after the crashes", "-p", PROJECT, db=crash_db)
    assert after.returncode == 0, after.stderr
    assert "after the crashes" in _contacts(crash_db).values()
    _check_store(crash_db)
