"""Tab 1 of the during phase: the alarm bells, and the feedback freeze they cause."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.i18n import tr
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.during_forms import deadline_form
from relay_tui.screens.during_tab import CHASE, EDIT, NEW, DuringTab
from relay_tui.vocab import WHO_ACTS
from relay_tui.widgets.labels import due_text, flagged, literal, status_text
from relay_tui.widgets.tables import Column, FittedTable

if TYPE_CHECKING:
    from relay_tui.services.deadlines import DeadlineView


#: The columns, in order; at 80 cells the status and what each depends on stay.
COLUMNS = (
    Column("title", "Alarm bell", 1, width=60, least=16),
    Column("who", "Who acts", 4),
    Column("due", "Due", 3),
    Column("projected", "Projected", 5),
    Column("margin", "Margin", 6),
    Column("status", "Status", 1),
    Column("after", "Depends on", 2, width=30, least=12),
)


class BellsTab(DuringTab):
    MAIN_TABLE = "deadlines"
    BINDINGS: ClassVar[list[BindingType]] = [
        NEW,
        EDIT,
        Binding(
            "x",
            "toggle_done",
            "Done",
            id="during-done",
            tooltip="Mark the selected alarm bell done (or not done)",
        ),
        DELETE,
        CHASE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.deadlines: list[DeadlineView] = []

    def compose(self) -> ComposeResult:
        yield FittedTable(COLUMNS, id="deadlines")
        yield Static("", id="freeze")

    def fetch(self, store: Any, today: date) -> list[DeadlineView]:
        from relay_tui.services import deadlines

        return deadlines.deadlines(store, self.project_id, today)

    def show(self, data: list[DeadlineView], today: date) -> None:
        self.deadlines = data
        rows = []
        for d in data:
            who = Text(
                tr(WHO_ACTS.get(d.owner, d.owner)),
                style=self.tone("warning") if d.owner == "client" else "",
            )
            projected = Text("")
            if d.slip:
                projected = Text(
                    f"{d.slip.projected_on:%d %b} (+{d.slip.days} d)",
                    style=self.tone("projected"),
                )
            title = literal(d.title, 44)
            if d.due_time:
                title.append(f" {d.due_time:%H:%M}", style="dim")
            flagged(title, d.problems)
            cells = {
                "title": title,
                "who": who,
                "due": due_text(d.due_on, today),
                "projected": projected,
                "margin": f"{d.margin_days} d",
                "status": status_text(d.status, self.tone),
                "after": literal(d.after_title or "", 30),
            }
            rows.append((str(d.id), cells))
        if not rows:
            rows.append((None, {"title": Text("No alarm bell yet: press n to add one.", "dim")}))
        self.query_one("#deadlines", FittedTable).fill(rows)
        self._show_freeze(data)

    def _show_freeze(self, data: list[DeadlineView]) -> None:
        freeze = Text()
        for d in data:
            if d.slip:
                freeze.append("❄ ", style=self.tone("freeze"))
                freeze.append_text(literal(d.title, 50))
                freeze.append(": ")
                freeze.append_text(literal(d.slip.explain(), 120))
                freeze.append(f", now projected on {d.slip.projected_on:%a %d %b}.\n")
        if freeze.plain:
            freeze = Text("Feedback freeze\n", style="bold") + freeze
            freeze.append(
                "Without the client's feedback the work waits and planned dates move.", style="dim"
            )
        self.query_one("#freeze", Static).update(freeze)

    # --- actions --------------------------------------------------------------------
    def _others(self) -> list[tuple[str, int]]:
        return [(d.title, d.id) for d in self.deadlines]

    def action_new(self) -> None:
        self._open(
            deadline_form(self.relay, self.project_id, None, self._others()), "Alarm bell added."
        )

    def action_edit(self) -> None:
        if (selected := self._selected()) is None:
            return
        row = next(d for d in self.deadlines if d.id == selected)
        self._open(deadline_form(self.relay, self.project_id, row, self._others()))

    def action_delete(self) -> None:
        if (row := self._selected_row(self.deadlines)) is not None:
            self.ask_delete("deadline", row.id, row.version)

    def action_toggle_done(self) -> None:
        if (selected := self._selected()) is None:
            return
        row = next(d for d in self.deadlines if d.id == selected)
        from relay_tui.services.deadlines import mark_done, reopen_deadline

        now, seen = self.relay.now(), row.version  # refused if changed by someone meanwhile
        if row.done_on is None:
            self._write(
                lambda store: mark_done(store, selected, now=now, version=seen),
                f"{row.title}: done.",
            )
        else:
            self._write(
                lambda store: reopen_deadline(store, selected, version=seen),
                f"{row.title}: not done any more.",
            )
