"""Messages the screens send up to the app."""

from __future__ import annotations

from textual.message import Message


class OpenProject(Message):
    """Ask the app to open a project screen."""

    def __init__(self, project_id: int, phase: str | None = None) -> None:
        super().__init__()
        self.project_id = project_id
        self.phase = phase


class StoreChanged(Message):
    """Something was written to the store (here or by another program): reload."""
