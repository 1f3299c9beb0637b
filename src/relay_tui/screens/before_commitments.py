"""Tab 3 of the before phase: what each side commits to, and whether it was kept."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.display import day_month
from relay_tui.i18n import tr, trp
from relay_tui.screens.before_forms import commitment_form
from relay_tui.screens.before_tab import EDIT, BeforeTab
from relay_tui.screens.deleting import DELETE
from relay_tui.stored_words import commitment_status
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData

#: A commitment's status → its tone (widgets.tones); waived is dim, pending plain.
STATUS_TONES = {"kept": "good", "broken": "late"}
#: The columns, in order (translated on import, like BINDINGS: the app's language is set
#: before screens are imported).
COLUMNS = (
    Column("status", tr("Status"), 1),
    Column("who", trp("column of who commits", "Who"), 1),
    Column("text", tr("Commitment"), 1, width=70, least=20),
    Column("due", tr("Due"), 2),
    Column("note", tr("Note"), 3, width=30, least=8),
)


class CommitmentsTab(BeforeTab):
    MAIN_TABLE = "commitments"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add_commitment", tr("Add commitment"), id="add-commitment"),
        Binding(
            "space",
            "cycle_status",
            tr("Status"),
            id="cycle-status",
            tooltip=tr("pending → kept → broken → waived"),
        ),
        EDIT,
        DELETE,
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            "[dim]" + tr("space changes the status · e edits · n adds · del deletes") + "[/]"
        )
        yield FittedTable(COLUMNS, id="commitments")

    def _status_style(self, status: str) -> Style | str:
        if status in STATUS_TONES:
            return self.tone(STATUS_TONES[status])
        return "dim" if status == "waived" else ""

    def show_data(self, data: BeforeData, today: date) -> None:
        rows: list[Row] = []
        for item in data.commitments:
            status = str(item.status)
            cells = {
                "status": Text(commitment_status(status), style=self._status_style(status)),
                "who": trp("who commits", "Client") if item.party == "client" else tr("Me"),
                "text": literal(item.text, 70),
                "due": day_month(item.due_on) if item.due_on else "",
                "note": literal(item.note, 30),
            }
            rows.append((str(item.id), cells))
        self.query_one("#commitments", FittedTable).fill(rows)

    # --- actions --------------------------------------------------------------------
    def action_add_commitment(self) -> None:
        if self.data:
            delivery = getattr(self.screen, "delivery_on", None)  # ProjectScreen.delivery_on
            self._open(commitment_form(self.relay, self.project_id, None, delivery_on=delivery))

    def action_edit(self) -> None:
        if self.data and (cid := self._selected()) is not None:
            item = next(c for c in self.data.commitments if c.id == cid)
            delivery = getattr(self.screen, "delivery_on", None)
            self._open(commitment_form(self.relay, self.project_id, item, delivery_on=delivery))

    def action_delete(self) -> None:
        if self.data and (row := self._selected_row(self.data.commitments)):
            self.ask_delete("commitment", row.id, row.version)

    def action_cycle_status(self) -> None:
        selected = self._selected()
        if selected is not None and self.data is not None:
            from relay_tui.services.commitments import cycle_commitment

            # From the status shown: refused if someone changed it meanwhile.
            seen = next(c.version for c in self.data.commitments if c.id == selected)
            self._write(lambda store: cycle_commitment(store, selected, version=seen), None)
