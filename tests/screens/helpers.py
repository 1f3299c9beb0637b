"""Shared helpers of the screen tests: building the app, settling workers, reading widgets."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable

from relay_tui.app import RelayApp, create_app
from relay_tui.db import Store, location_for_path, open_store
from relay_tui.demo import seed_demo
from relay_tui.settings import Settings
from tests.conftest import FIXED_NOW

#: The terminal size of the Pilot tests: wide enough for every column of the dashboard.
SIZE = (160, 48)
#: A step of a screen test (from one `settle` to the next) takes well under a second, a few
#: on a busy machine; after this long without one, the app is stuck (say, a widget that
#: never finishes mounting) and the test fails instead of hanging the whole suite. Counted
#: from the last step, not from the start: a long test on a slow machine is not stuck.
HANG_TIMEOUT = 30.0
#: When each running app last finished a step (`settle`), for the watchdog of `running`.
_last_step: WeakKeyDictionary[RelayApp, float] = WeakKeyDictionary()
#: Rounds of `settle`: each waits for the workers started by the previous one. A screen
#: needs three or four (a write, its reload, a tab's own load); more means a reload loop.
SETTLE_ROUNDS = 50


def make_app(store: Store, **options: Any) -> RelayApp:
    """The app on `store`, on the fixed clock, with no polling and no settings written.

    `options` override create_app's keyword arguments (e.g. `save_settings=True`).
    """
    kwargs: dict[str, Any] = {"now": lambda: FIXED_NOW, "save_settings": False, "watch_interval": 0}
    kwargs.update(options)
    settings = kwargs.pop("settings", Settings())
    return create_app(store, settings, **kwargs)


@contextmanager
def demo_store(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The store at `db_path` (fresh, migrated, not opened yet) filled by `seed_demo` at
    FIXED_NOW. Seeding takes a while: the first call keeps a copy that later calls reuse."""
    template = tmp_path_factory.getbasetemp() / "relay-demo-at-fixed-now.db"
    if template.exists():
        shutil.copyfile(template, db_path)
    else:
        seeded = open_store(location_for_path(db_path))
        try:
            seed_demo(seeded, now=FIXED_NOW)
        finally:
            seeded.close()
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        shutil.copyfile(db_path, template)
    store = open_store(location_for_path(db_path))
    try:
        yield store
    finally:
        store.close()


@asynccontextmanager
async def running(
    app: RelayApp,
    size: tuple[int, int] = SIZE,
    *,
    notifications: bool = False,
    timeout: float = HANG_TIMEOUT,
) -> AsyncIterator[Pilot[Any]]:
    """`app.run_test()`, failing with TimeoutError if the app is stuck: `timeout` seconds
    without a step of the test finished (see HANG_TIMEOUT).

    With `notifications`, toasts are shown (run_test leaves them out by default).

    A stuck app does not answer a plain cancellation (its shutdown waits on the same stuck
    mount), so the watchdog cancels every task of this test's event loop.
    """
    fired = False
    _last_step[app] = time.monotonic()

    async def watchdog() -> None:
        nonlocal fired
        while (idle := time.monotonic() - _last_step[app]) < timeout:
            await asyncio.sleep(timeout - idle)
        fired = True
        for task in asyncio.all_tasks():
            if task is not asyncio.current_task():
                task.cancel()

    dog = asyncio.create_task(watchdog(), name="screen test watchdog")
    try:
        async with app.run_test(size=size, notifications=notifications) as pilot:
            yield pilot
    except asyncio.CancelledError:
        if fired:
            raise TimeoutError(f"no step finished for {timeout:.0f} s: the app is stuck") from None
        raise
    finally:
        dog.cancel()


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending messages run, every worker finish, and the screen catch up.

    What it waits for is the work, never a length of time: a busy machine only makes it
    slower. A worker may start another one (a reload after a write): those are waited for
    too, round after round, until a round finds no worker running and no message queued.
    A worker that failed was reported by the app (tests check what it said), and one
    cancelled was replaced by a newer one (an exclusive reload), which the next round
    waits for: neither is an error of the waiting.
    """
    app = pilot.app
    busy: list[Any] = []
    for _ in range(SETTLE_ROUNDS):
        await pilot.pause()
        _last_step[app] = time.monotonic()
        busy = [worker for worker in app.workers if not worker.is_finished]
        if busy:
            await asyncio.gather(*(worker.wait() for worker in busy), return_exceptions=True)
        elif not _messages_pending(app):
            return
    raise AssertionError(f"still busy after {SETTLE_ROUNDS} rounds: workers {busy}")


def _messages_pending(app: RelayApp) -> bool:
    """Whether the app, its screen or a widget on it has a message still to handle (a
    handler may post another: one pause handles those queued when it started)."""
    return any(node.message_queue_size for node in (app, *app.screen.walk_children(with_self=True)))


def cell_text(cell: object) -> str:
    plain = getattr(cell, "plain", None)
    return plain if isinstance(plain, str) else str(cell)


def table_rows(table: DataTable[Any]) -> list[list[str]]:
    """The plain text of every row of `table`, in display order."""
    return [[cell_text(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def column_values(table: DataTable[Any], column_key: str) -> list[str]:
    """The plain text of one column (by key), in display order."""
    index = table.get_column_index(column_key)
    return [row[index] for row in table_rows(table)]


def shown(widget: Widget) -> str:
    """What `widget` draws on the terminal right now, as plain text lines."""
    width, height = widget.outer_size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def query_db(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Read the store file directly, as another program would."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@contextmanager
def colleague(db_path: Path, name: str = "bob") -> Iterator[Store]:
    """Someone else on the same store, with their own connection and name."""
    other = open_store(location_for_path(db_path), user=name)
    try:
        yield other
    finally:
        other.close()


def toasts(app: RelayApp) -> str:
    """The text of the notifications on screen, each on one line, side by side."""
    return " ".join(" ".join(shown(toast).split()) for toast in app.screen.query("Toast"))


def palette_prompts(screen: object) -> list[str]:
    """The first line of each command the open palette lists."""
    assert isinstance(screen, CommandPalette)
    commands = screen.query_one(CommandList)
    return [
        str(commands.get_option_at_index(i).prompt).splitlines()[0]
        for i in range(commands.option_count)
    ]


async def search_palette(pilot: Pilot[Any], query: str) -> list[str]:
    """Open the command palette and type `query`: the commands it lists (`palette_prompts`)."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*query)
    await settle(pilot)
    return palette_prompts(pilot.app.screen)


async def run_from_palette(pilot: Pilot[Any], query: str, title: str) -> list[str]:
    """Open the command palette, type `query`, move down to the entry titled `title` (it
    must be listed) and press enter; the titles the palette listed."""
    titles = await search_palette(pilot, query)
    assert title in titles, titles
    commands = pilot.app.screen.query_one(CommandList)
    for _ in range(titles.index(title)):
        await pilot.press("down")
    assert commands.highlighted == titles.index(title)
    await pilot.press("enter")
    await settle(pilot)
    return titles
