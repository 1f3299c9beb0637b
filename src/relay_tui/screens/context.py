"""What the screens need from the app, as a typed interface.

Screens and widgets never import `relay_tui.app` (which imports the screens): they see
the running app through `Relay`, so the import graph has no loop. The store is handed,
unopened, to the services; a screen never queries it itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.worker import Worker

    from relay_tui.settings import Settings


class Relay(Protocol):
    """The running app, as the screens use it (implemented by `relay_tui.app.RelayApp`)."""

    #: The store (`relay_tui.db.Store`), only ever passed to a service.
    store: Any
    settings: Settings
    #: How many changes the app has seen to the store (its own writes, another program's):
    #: a screen kept built compares it to know whether to load again.
    changes: int

    def now(self) -> datetime:
        """The current instant, in UTC (a fixed clock in the tests)."""
        ...

    def today(self) -> date:
        """The local date of `now`."""
        ...

    def open_retro(self, project_id: int) -> None:
        """Open the retrospective wizard of a project."""
        ...

    def open_report(self, project_id: int) -> None:
        """Open the status report of a project (to read, copy or save)."""
        ...

    def open_document(self, project_id: int, kind: str) -> None:
        """Open a framing document of a project for its client ("kickoff" or
        "commitments"), to read, copy or save."""
        ...

    def project_in_view(self) -> int | None:
        """The project the screen in view is about (None on a screen about none)."""
        ...

    def check_store(self) -> None:
        """Look for changes in the store now, and tell the screen shown if there are."""
        ...

    def report_worker_error(self, worker: Worker[Any]) -> None:
        """Tell the user that background work failed (see `messages.WorkerErrors`)."""
        ...


class RelayNode:
    """Mixin for screens and widgets: `self.relay`, the app seen through `Relay`."""

    @property
    def relay(self) -> Relay:
        return cast("Relay", self.app)  # type: ignore[attr-defined]
