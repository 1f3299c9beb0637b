"""Work that overlaps: a reload replacing another, a second key before the first is shown.

On a busy machine threads finish in any order. Each test here holds one thread at a
chosen point (an event it waits on: no sleeping, no timing) to make the overlap happen
every time, then checks what the screen shows and what was written.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static
from textual.worker import Worker

from relay_tui.db import Store
from relay_tui.errors import InvalidInput
from relay_tui.screens.messages import StoreChanged
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.retro import RetroWizard
from relay_tui.services import project_header, retro
from relay_tui.services.projects import set_phase
from tests.screens.helpers import colleague, make_app, query_db, running, settle, shown

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


def bakery(db_path: Path) -> int:
    [(pid,)] = query_db(db_path, "SELECT id FROM project WHERE name = 'Bakery website'")
    return int(pid)


class Gate:
    """Holds the first call of `function` (in its thread) until `open()`; later calls
    pass. `calls` counts them all."""

    def __init__(self, function: Callable[..., Any], *, before: bool = False) -> None:
        self.function = function
        self.before = before  # hold before calling `function` (else after, with its result)
        self.calls = 0
        self.held: threading.Thread | None = None
        self.entered = threading.Event()
        self._open = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        first = self.calls == 1
        if first and self.before:
            self._hold()
        result = self.function(*args, **kwargs)
        if first and not self.before:
            self._hold()
        return result

    def _hold(self) -> None:
        self.held = threading.current_thread()
        self.entered.set()
        self._open.wait()

    async def reached(self) -> None:
        """Until the first call is held (waiting in a thread of its own)."""
        await asyncio.to_thread(self.entered.wait)

    def open(self) -> None:
        self._open.set()


# --- the test helper ----------------------------------------------------------------------


def spy_on_wait(worker: Worker[Any]) -> asyncio.Event:
    """An event set once someone waits for `worker` (here: `settle`)."""
    waited = asyncio.Event()
    original = worker.wait

    async def wait() -> Any:
        waited.set()
        return await original()

    worker.wait = wait  # type: ignore[method-assign]
    return waited


async def test_settle_waits_past_a_load_replaced_by_a_newer_one(store: Store) -> None:
    """An exclusive reload cancels the one running: `settle` then waits for the newer one
    (it used to fail with WorkerCancelled, as the closing test did once under load)."""
    app = make_app(store)
    async with running(app) as pilot:
        await settle(pilot)
        go = threading.Event()
        newer_ran = threading.Event()
        first = app.run_worker(go.wait, thread=True, exclusive=True, group="load")
        waited = spy_on_wait(first)
        settling = asyncio.create_task(settle(pilot))
        await waited.wait()
        newer = app.run_worker(newer_ran.set, thread=True, exclusive=True, group="load")
        go.set()
        await settling
        assert first.is_cancelled and newer.is_finished and newer_ran.is_set()


async def test_settle_waits_past_a_failed_worker_the_app_reported(store: Store) -> None:
    """A failure is the app's to report (tests check what it said), not the waiting's."""
    app = make_app(store)
    said: list[str] = []
    app.notify = lambda message, **kwargs: said.append(kwargs.get("title", ""))  # type: ignore[method-assign]
    async with running(app) as pilot:
        await settle(pilot)
        go = threading.Event()

        def refused() -> None:
            go.wait()
            raise InvalidInput("no", "field")

        worker = app.run_worker(refused, thread=True, exit_on_error=False, group="write")
        waited = spy_on_wait(worker)
        settling = asyncio.create_task(settle(pilot))
        await waited.wait()
        go.set()
        await settling
        assert worker.is_finished and said == ["Not saved"]


# --- the app: only the latest load is shown -----------------------------------------------


async def test_a_replaced_load_that_finishes_last_does_not_bring_back_older_data(
    demo: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload reads the store, then is replaced by a newer one (someone wrote meanwhile)
    and finishes last: the screen keeps what the newer load read."""
    pid = bakery(db_path)
    app = make_app(demo, open_project=pid)
    async with running(app) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectScreen) and screen.phase == "during"
        assert screen.header is not None and screen.header.phase == "during"

        gate = Gate(project_header.project_header)  # holds the first reload once it has read it
        monkeypatch.setattr(project_header, "project_header", gate)
        delivered = threading.Event()
        original = app.call_from_thread

        def call_from_thread(callback: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return original(callback, *args, **kwargs)
            finally:
                if threading.current_thread() is gate.held:
                    delivered.set()

        monkeypatch.setattr(app, "call_from_thread", call_from_thread)

        screen.post_message(StoreChanged())
        await gate.reached()  # the first reload has read "during"...
        with colleague(db_path) as bob:
            set_phase(bob, pid, "after")  # ...then a colleague moves the project on
        screen.post_message(StoreChanged())
        await settle(pilot)  # the newer reload read "after" and is shown
        assert screen.header.phase == "after"

        gate.open()  # the first reload finishes last
        await asyncio.to_thread(delivered.wait)
        await settle(pilot)
        assert gate.calls == 2
        assert screen.header.phase == "after"
        assert "project is in: After" in shown(screen.query_one("#phase-tabs", Static))


# --- the app: one wizard save at a time ---------------------------------------------------


async def test_a_second_next_before_the_wizard_moved_rings_instead_of_saving_twice(
    demo: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+n pressed again while the step is being saved: a save cannot be cancelled, so
    the second press rings the bell; one save, one step forward, nothing hidden."""
    pid = bakery(db_path)
    app = make_app(demo, open_project=pid)
    bells: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(None))
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        wizard = app.screen
        assert isinstance(wizard, RetroWizard) and wizard.step == 0

        gate = Gate(retro.save_retro_step, before=True)
        monkeypatch.setattr(retro, "save_retro_step", gate)
        await pilot.press("ctrl+n")
        await gate.reached()  # the first save is under way...
        await pilot.press("ctrl+n")  # ...when ctrl+n comes again
        gate.open()
        await settle(pilot)

        assert gate.calls == 1
        assert bells == [None]
        assert wizard.step == 1
        assert query_db(db_path, "SELECT step FROM retrospective WHERE project_id = ?", pid) == [
            (1,)
        ]
        await pilot.press("ctrl+n")  # once moved, the key works again
        await settle(pilot)
        assert (wizard.step, gate.calls) == (2, 2)
