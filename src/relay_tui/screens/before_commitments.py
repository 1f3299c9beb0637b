"""Tab 3 of the before phase: what each side commits to, and whether it was kept."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from relay_tui.screens.before_forms import commitment_form
from relay_tui.screens.before_tab import EDIT, BeforeTab
from relay_tui.screens.deleting import DELETE
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import cursor_kept

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData

#: A commitment's status → its tone (widgets.tones); waived is dim, pending plain.
STATUS_TONES = {"kept": "good", "broken": "late"}


class CommitmentsTab(BeforeTab):
    MAIN_TABLE = "commitments"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add_commitment", "Add commitment", id="add-commitment"),
        Binding(
            "space",
            "cycle_status",
            "Status",
            id="cycle-status",
            tooltip="pending → kept → broken → waived",
        ),
        EDIT,
        DELETE,
    ]

    def compose(self) -> ComposeResult:
        yield Static("[dim]space changes the status · e edits · n adds · del deletes[/]")
        yield DataTable(id="commitments", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#commitments", DataTable).add_columns(
            "Status", "Who", "Commitment", "Due", "Note"
        )

    def _status_style(self, status: str) -> Style | str:
        if status in STATUS_TONES:
            return self.tone(STATUS_TONES[status])
        return "dim" if status == "waived" else ""

    def show_data(self, data: BeforeData, today: date) -> None:
        table = self.query_one("#commitments", DataTable)
        with cursor_kept(table):
            for item in data.commitments:
                status = str(item.status)
                table.add_row(
                    Text(status, style=self._status_style(status)),
                    "Client" if item.party == "client" else "Me",
                    literal(item.text, 70),
                    f"{item.due_on:%d %b}" if item.due_on else "",
                    literal(item.note, 30),
                    key=str(item.id),
                )

    # --- actions --------------------------------------------------------------------
    def action_add_commitment(self) -> None:
        if self.data:
            self._open(commitment_form(self.relay, self.project_id, None))

    def action_edit(self) -> None:
        if self.data and (cid := self._selected()) is not None:
            item = next(c for c in self.data.commitments if c.id == cid)
            self._open(commitment_form(self.relay, self.project_id, item))

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
