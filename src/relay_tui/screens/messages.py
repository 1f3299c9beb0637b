"""Messages the screens send up to the app."""

from __future__ import annotations

from typing import cast

from textual.message import Message
from textual.worker import Worker, WorkerState

from relay_tui.screens.context import Relay


class OpenProject(Message):
    """Ask the app to open a project screen: on `phase`, or else on the project's own
    phase; `expected`, the project's phase as the caller last read it (the dashboard's
    row), lets the screen build that phase at once, before it reads the project."""

    def __init__(
        self, project_id: int, phase: str | None = None, *, expected: str | None = None
    ) -> None:
        super().__init__()
        self.project_id = project_id
        self.phase = phase
        self.expected = expected


class StoreChanged(Message):
    """Something was written to the store (here or by another program): reload."""


class WorkerErrors:
    """Mixin for screens and widgets that start workers.

    A worker's state changes are sent to the node that started it and do not bubble, so
    each such node forwards failures to the app, the one place that tells the user.
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            cast(Relay, self.app).report_worker_error(event.worker)  # type: ignore[attr-defined]
