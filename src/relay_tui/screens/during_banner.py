"""The banner above the tabs of the during phase: what to chase today, and what the client
is late on (the work that depends on it is frozen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from relay_tui.display import local_stamp
from relay_tui.screens.phase_pane import PhaseWork
from relay_tui.widgets.labels import literal

if TYPE_CHECKING:
    from relay_tui.domain.chase import ChaseItem
    from relay_tui.services.deadlines import DeadlineView


@dataclass(frozen=True)
class BannerData:
    deadlines: list[DeadlineView]
    chase: ChaseItem | None
    chases: int


class DuringBanner(PhaseWork, Static):
    """Loaded with the tab in view, whatever the tab (see `phase_pane`)."""

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.project_id = project_id

    def fetch(self, store: Any, today: date) -> BannerData:
        from relay_tui.closed_days import for_settings
        from relay_tui.services import chasing, deadlines

        closed = for_settings(self.relay.settings)
        items = chasing.chase_list(store, today, self.project_id, closed)
        return BannerData(
            deadlines.deadlines(store, self.project_id, today),
            items[0] if items else None,
            chasing.chase_count(store, self.project_id),
        )

    def show(self, data: BannerData, today: date) -> None:
        text = Text()
        late_client = [d for d in data.deadlines if d.owner == "client" and d.status == "late"]
        if data.chase is not None:
            item = data.chase
            text.append("⏰ Chase today: ", style=self.tone("warning"))
            text.append("“")
            text.append_text(literal(item.summary, 60))
            text.append(
                f"” (sent {local_stamp(item.first_asked, today)}) has had no answer;"
                f" last message {item.working_days} working days ago. "
            )
            text.append("Press h to log a chase", style="bold")
            text.append(f" (chased {data.chases} time{'s' if data.chases != 1 else ''} so far).\n")
        for d in late_client:
            late = (today - d.due_on).days
            text.append("● ", style=self.tone("late"))
            text.append(f"The client is {late} day{'s' if late != 1 else ''} late on ")
            text.append_text(literal(d.title, 50))
            text.append(": the work that depends on it is frozen.\n")
        if not text.plain:
            text.append("Nothing waits on the client right now.", style=self.tone("good"))
        self.update(text)
