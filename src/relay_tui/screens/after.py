"""The "after" phase: closing the project."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from relay_tui.screens.phase_pane import PhasePane
from relay_tui.services.overview import ProjectOverview


class AfterPane(PhasePane):
    @staticmethod
    def load(store: Any, project_id: int, today: date) -> ProjectOverview:
        from relay_tui.services.overview import overview

        return overview(store, project_id, today)

    def compose(self) -> ComposeResult:
        yield Static("Closing the project", classes="section-title")
        yield Static("", id="after-summary")

    def show(self, data: ProjectOverview, today: date) -> None:
        kept = sum(1 for c in data.commitments if c.status == "kept")
        broken = sum(1 for c in data.commitments if c.status == "broken")
        done = sum(1 for d in data.deadlines if d.status == "done")
        late = sum(1 for d in data.deadlines if d.status == "late")
        text = Text()
        text.append(f"Deadlines: {done} done, {late} late, {len(data.deadlines)} in all.\n")
        text.append(f"Commitments: {kept} kept, {broken} broken, {len(data.commitments)} in all.\n")
        occurred = sum(1 for r in data.risks if r.status == "occurred")
        text.append(f"Risks that occurred: {occurred}.\n\n")
        text.append(
            "The retrospective wizard and the handover checklist are not in this version yet.",
            style="dim",
        )
        self.query_one("#after-summary", Static).update(text)
