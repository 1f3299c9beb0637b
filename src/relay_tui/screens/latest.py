"""Only the latest load is shown.

A screen reloads in an exclusive thread worker: a new load cancels the one still running
(another program wrote, then you saved something). Textual cannot stop a thread, so the
cancelled load runs on and would hand its result to the screen, possibly after the newer
one: the screen would go back to what the store held before, and a one-key change would
then act on that. `show_if_current`, called from the load's thread instead of
`app.call_from_thread`, drops the result of a load that was cancelled by the time it
reaches the screen (checked on the app's thread, where loads are cancelled: no gap).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.worker import get_current_worker


def show_if_current(app: App[Any], show: Callable[..., Any], *args: Any) -> None:
    """From a load's thread: run `show(*args)` on the app's thread, unless this load has
    been cancelled meanwhile (replaced by a newer load, or its screen closed)."""
    worker = get_current_worker()

    def deliver() -> Any:
        if worker.is_cancelled:
            return None
        return show(*args)  # a coroutine is awaited by call_from_thread

    app.call_from_thread(deliver)
