"""Screens that show what the services return, and show it again whenever it may change.

A screen mixes in `Reloading` (before `Screen`), names its worker group and gives two
methods; the mixin does the rest, the same way for every screen:

- `fetch()`, run in a thread worker: asks the services, returns what to show (view
  objects, never the store or ORM rows);
- `show(data)`, run on the app's thread with what `fetch` returned: draws it.

`load()` runs `fetch` in an exclusive thread worker of group `LOAD_GROUP` (a new load
cancels the one still running) and hands its result to `show` unless a newer load
replaced it (`screens.latest.show_if_current`). It is called when the screen is shown
(first and back from another screen), when the store changed (`StoreChanged`: another
program wrote, or a form saved), and by `action_refresh` (bind `r` to it).
"""

from __future__ import annotations

from typing import Any, ClassVar

from relay_tui.screens.context import RelayNode
from relay_tui.screens.latest import show_if_current
from relay_tui.screens.messages import StoreChanged


class Reloading(RelayNode):
    """Mixin for a screen loaded in a thread and reloaded on every change (see module)."""

    #: The worker group of the loads; list it in `app.READ_GROUPS`, so that a load that
    #: fails is told as "Could not load", not "Not saved".
    LOAD_GROUP: ClassVar[str] = "load"

    def fetch(self) -> Any:
        """In the load's thread: what to show, from the services."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """On the app's thread: draw what `fetch` returned."""
        raise NotImplementedError

    def load(self) -> None:
        """Fetch and show again, in a thread; a load still running is replaced."""
        self.run_worker(  # type: ignore[attr-defined]
            self._fetch_then_show,
            name="load",
            group=self.LOAD_GROUP,
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _fetch_then_show(self) -> None:
        show_if_current(self.app, self.show, self.fetch())  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        """Also sent when the screen is first shown: the one place that loads at first."""
        self.resumed()

    def resumed(self) -> None:
        """The screen is shown (first, or back from another): load. A screen that keeps
        what it built overrides this (the dashboard)."""
        self.load()

    def on_store_changed(self, _message: StoreChanged) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()
