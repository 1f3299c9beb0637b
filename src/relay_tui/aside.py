"""Work run aside: in a thread of its own that yields the processor to the screen.

The app's start-up check of a SQLite store reads the whole file (about a second for a
store of 360 MB, in SQLite, without Python's lock) while the first screens are drawn; on
a machine of two cores it would take one from them. Linux lets a thread lower its own
priority (its nice value); elsewhere the thread runs as any other.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: The nice value of a thread run aside (19, the lowest priority).
NICE = 19


def lower_priority() -> bool:
    """Lower the calling thread's priority, where the system allows it; whether it did.
    Only for a thread of its own: a lowered thread cannot be raised again (`run_aside`)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
    except (OSError, AttributeError):
        return False
    return True


def run_aside(function: Callable[[], T]) -> T:
    """`function()`, run in a new thread of low priority; its result, or its error."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        lower_priority()
        try:
            outcome.append(function())
        except BaseException as exc:  # handed to the caller's thread below
            failure.append(exc)

    thread = threading.Thread(target=run, name="relay-aside", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]
