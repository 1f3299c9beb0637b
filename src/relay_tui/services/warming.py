"""Getting the ORM layer ready in the background, before anything needs it.

The app's first screen and a project's header read through the plain DB-API connection
(`services.dashboard`, `services.project_header`); the phases' tabs read and write through
the services on SQLModel, which take about half a second to import. The dashboard calls
`prepare` in a thread once it shows, so that the user never waits for it.

Importing holds the GIL: a project screen being built meanwhile (on the app's thread)
would take twice as long. So `prepare` imports step by step and waits between steps while
a screen is being built (`hold` … `release`), and so do the screen's first loads through
the services (`ready`): the screen shows first, then its data.
"""

from __future__ import annotations

import gc
import importlib
import threading
import time

#: What `prepare` imports, in this order: each step some 20 to 120 ms on a laptop, the
#: libraries first, so that a pause between steps comes often.
STEPS = (
    "pydantic",
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlmodel",
    "relay_tui.models",
    "relay_tui.schemas",
    "relay_tui.services.common",
    "relay_tui.services.projects",
    "relay_tui.services.deadlines",
    "relay_tui.services.chasing",
    "relay_tui.services.incidents",
    "relay_tui.services.before_view",
    "relay_tui.services.after_view",
    "relay_tui.services.validations",
)
#: The longest `prepare` waits, all steps together, for screens being built (a screen
#: that never says it is done must not leave the services unimported for long).
LONGEST_WAIT_S = 2.0

_free = threading.Event()
_free.set()
#: Every step is imported (by `prepare` or `ready`).
_ready = threading.Event()
#: One import of the ORM layer at a time (see `ready`).
_importing = threading.Lock()
_holders = 0
_lock = threading.Lock()
#: The stages of `prepare` at which the objects were frozen (`_freeze`).
_frozen: set[str] = set()


def hold() -> None:
    """A screen is being built: `prepare` waits before its next step (until `release`)."""
    global _holders
    with _lock:
        _holders += 1
        _free.clear()


def release() -> None:
    """The screen that called `hold` is built."""
    global _holders
    with _lock:
        _holders = max(0, _holders - 1)
        if not _holders:
            _free.set()


def wait_free() -> None:
    """For background work that can wait (the dashboard's cards): while a screen is
    being built, wait until it is (at most LONGEST_WAIT_S)."""
    _free.wait(LONGEST_WAIT_S)


def ready() -> None:
    """For a load about to read through the services (in its thread): once the screen
    being built, if any, is built (at most LONGEST_WAIT_S), import the ORM layer if it is
    not yet, step by step under the same lock as `prepare`: two threads importing
    SQLAlchemy at once can see it half imported (an ImportError). At once when done."""
    if _ready.is_set():
        return
    _free.wait(LONGEST_WAIT_S)
    _import_steps()


def _import_steps() -> None:
    for name in STEPS:
        with _importing:
            importlib.import_module(name)
    _ready.set()


def prepare() -> None:
    """Import the services the phases of a project use, then set up the ORM's mappers
    (their first query would otherwise do it: some 50 ms more on a project's first open)."""
    deadline = time.monotonic() + LONGEST_WAIT_S
    _freeze("started")  # the app as it starts (see the end)
    for name in STEPS:
        _free.wait(max(0.0, deadline - time.monotonic()))
        with _importing:
            importlib.import_module(name)
    _ready.set()
    _free.wait(max(0.0, deadline - time.monotonic()))
    from sqlalchemy.orm import configure_mappers

    with _importing:
        configure_mappers()
    _freeze("imported")


def _freeze(stage: str) -> None:
    """Put what exists now out of the cyclic collector's sight, once per process and
    stage: what is imported stays for good, and a full collection would otherwise walk
    through the hundreds of thousands of objects of SQLAlchemy, SQLModel and pydantic
    each time (some 50 to 70 ms: a pause in the middle of a screen being drawn). Once:
    garbage frozen with them is never collected (a process running many apps, as the
    tests do, would keep each one's)."""
    with _lock:
        if stage in _frozen:
            return
        _frozen.add(stage)
    gc.freeze()
