"""The banner above the tabs of the during phase: what to chase today, what the client
is late on (the work that depends on it is frozen), and the problems the client has not
been told about yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from relay_tui.display import local_stamp
from relay_tui.i18n import tr, trn
from relay_tui.screens.during_tab import sentence
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
    untold: int = 0  # open incidents the client has not been told about


class DuringBanner(PhaseWork, Static):
    """Loaded with the tab in view, whatever the tab (see `phase_pane`)."""

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.project_id = project_id

    def fetch(self, store: Any, today: date) -> BannerData:
        from relay_tui.closed_days import for_settings
        from relay_tui.services import chasing, deadlines
        from relay_tui.services.incidents import untold_count

        closed = for_settings(self.relay.settings)
        items = chasing.chase_list(store, today, self.project_id, closed)
        return BannerData(
            deadlines.deadlines(store, self.project_id, today),
            items[0] if items else None,
            chasing.chase_count(store, self.project_id),
            untold_count(store, self.project_id),
        )

    def show(self, data: BannerData, today: date) -> None:
        text = Text()
        late_client = [d for d in data.deadlines if d.owner == "client" and d.status == "late"]
        if data.chase is not None:
            item = data.chase
            text.append(tr("⏰ Chase today:"), style=self.tone("warning"))
            text.append(" ")
            unanswered = trn(
                "“{summary}” (sent {sent}) has had no answer; last message {n} working day ago.",
                "“{summary}” (sent {sent}) has had no answer; last message {n} working days ago.",
                item.working_days,
                summary="{summary}",
                sent=local_stamp(item.first_asked, today),
            )
            text.append_text(sentence(unanswered, summary=literal(item.summary, 60)))
            text.append(" ")
            text.append(tr("Press h for a chase message"), style="bold")
            text.append(" ")
            text.append(trn("(chased {n} time so far).", "(chased {n} times so far).", data.chases))
            text.append("\n")
        for d in late_client:
            late = (today - d.due_on).days
            text.append("● ", style=self.tone("late"))
            frozen = trn(
                "The client is {n} day late on {title}: the work that depends on it is frozen.",
                "The client is {n} days late on {title}: the work that depends on it is frozen.",
                late,
                title="{title}",
            )
            text.append_text(sentence(frozen, title=literal(d.title, 50)))
            text.append("\n")
        if data.untold:
            text.append("● ", style=self.tone("warning"))
            text.append(
                trn(
                    "{n} problem not told to the client: tell them early (incidents, w).",
                    "{n} problems not told to the client: tell them early (incidents, w).",
                    data.untold,
                )
            )
            text.append("\n")
        if not text.plain:
            text.append(tr("Nothing waits on the client right now."), style=self.tone("good"))
        self.update(text)
