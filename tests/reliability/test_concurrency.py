"""Promise 2: the app and the command line share the store without losing anything.

The app runs headless on a store with one project and keeps editing — captures through
its quick-capture modal, and captures and time entries through the services in thread
workers — while two command-line processes each capture 200 contacts (flagged awaiting a
reply) with distinct texts. Each process runs the real `relay` entry point, `main()`,
once per capture: every capture opens its own connection, takes the write lock, commits
and closes, exactly as separate `relay capture` invocations do, without paying for 400
interpreter start-ups.

Afterwards every write is in the store exactly once, no process failed nor mentioned a
lock, the app reported no error, and once it has polled the store the dashboard shows
the new count of contacts awaiting a reply.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from textual.widgets import Input

from relay_tui.db import Store
from relay_tui.screens.capture import CaptureModal
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.projects import add_project
from relay_tui.services.timelog import log_time
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW, run_relay
from tests.screens.helpers import column_values, make_app, query_db, running, settle

PROJECT = "Shared"
PER_PROCESS = 200
#: The app keeps editing until both processes are done, and makes at least this many edits.
MIN_APP_EDITS = 6

#: One command-line process: waits for the start signal (a line on its stdin), then captures
#: PER_PROCESS contacts through `relay_tui.cli.main`, and fails if any of them failed.
WRITER = """
import sys
from relay_tui.cli import main

db, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
if sys.stdin.readline() != "go\\n":
    sys.exit("no start signal")
failed = 0
for index in range(count):
    argv = ["--db", db, "capture", f"{prefix} {index:03d}", "-p", "Shared", "--awaiting"]
    failed += main(argv) != 0
sys.exit(1 if failed else 0)
"""


def _start_writer(db: Path, prefix: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), prefix, str(PER_PROCESS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_app_and_two_command_line_writers_lose_nothing(store: Store, db_path: Path) -> None:
    add_client(store, {"name": "Acme"})
    project = add_project(store, {"name": PROJECT, "client": "Acme"}, now=FIXED_NOW)
    app = make_app(store)  # no polling: the test calls check_store() itself
    errors: list[str] = []
    original_notify = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("severity") == "error":
            errors.append(str(message))
        original_notify(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]

    writers = [_start_writer(db_path, f"cli-{name}") for name in ("a", "b")]
    modal_texts: list[str] = []
    worker_texts: list[str] = []
    time_notes: list[str] = []
    edits_while_writing = 0
    try:
        async with running(app, timeout=120) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            for writer in writers:  # both start now, whenever they finished starting up
                assert writer.stdin is not None
                writer.stdin.write("go\n")
                writer.stdin.flush()
            edit = 0
            while edit < MIN_APP_EDITS or any(w.poll() is None for w in writers):
                writing = all(w.poll() is None for w in writers)
                if edit % 2 == 0:  # through the quick-capture modal, as a user would
                    await pilot.press("c")
                    await settle(pilot)
                    modal = app.screen
                    assert isinstance(modal, CaptureModal)
                    text = f"app modal {edit:03d}"
                    modal.query_one("#text", Input).value = text
                    await pilot.press("enter")
                    modal_texts.append(text)
                else:  # through the services, in thread workers
                    text = f"app worker {edit:03d}"
                    data = {"project": project.id, "summary": text, "awaiting_reply": True}
                    note = f"app time {edit:03d}"
                    time_data = {"project": project.id, "minutes": "15", "note": note}
                    app.run_worker(
                        lambda data=data: capture(app.store, data, now=FIXED_NOW),
                        thread=True,
                        exit_on_error=False,
                    )
                    app.run_worker(
                        lambda data=time_data: log_time(app.store, data, now=FIXED_NOW),
                        thread=True,
                        exit_on_error=False,
                    )
                    worker_texts.append(text)
                    time_notes.append(note)
                await settle(pilot)
                edits_while_writing += writing
                edit += 1
            outputs = [w.communicate(timeout=60) for w in writers]
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            table = screen.query_one("#projects", FittedTable)

            # One more capture from the command line: the dashboard cannot know of it
            # until the app polls the store.
            last = run_relay("capture", "cli last", "-p", PROJECT, "--awaiting", db=db_path)
            assert last.returncode == 0, last.stderr
            stale = column_values(table, "awaiting")
            app.check_store()
            await settle(pilot)
            shown_waiting = column_values(table, "awaiting")
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.communicate()

    for writer, (stdout, stderr) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, stderr
        assert "locked" not in stderr
        assert stderr == ""
        assert stdout.count(f"on {PROJECT}: ") == PER_PROCESS
    assert errors == [], errors
    assert edits_while_writing >= 1, "the app made no edit while both processes were writing"

    cli_texts = [f"cli-{name} {i:03d}" for name in ("a", "b") for i in range(PER_PROCESS)]
    cli_texts.append("cli last")
    stored = [row[0] for row in query_db(db_path, "SELECT summary FROM contact")]
    assert sorted(stored) == sorted(cli_texts + modal_texts + worker_texts)
    notes = [row[0] for row in query_db(db_path, "SELECT note FROM time_entry")]
    assert sorted(notes) == sorted(time_notes)

    # The open app shows them: every CLI capture and every worker capture awaits a reply.
    awaiting = len(cli_texts) + len(worker_texts)
    assert stale != [str(awaiting)]  # the app had not seen the last capture...
    assert shown_waiting == [str(awaiting)]  # ...and shows it once it has polled the store
    print(f"{len(modal_texts) + len(worker_texts)} app edits, {edits_while_writing} while writing")
