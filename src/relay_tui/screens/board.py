"""The timekeeping board: what needs attention across every active project."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from relay_tui.screens.messages import OpenProject, StoreChanged, WorkerErrors
from relay_tui.widgets.labels import due_text, literal, status_text

if TYPE_CHECKING:
    from relay_tui.app import RelayApp
    from relay_tui.services.dashboard import AlarmLine, DashboardRow


class BoardScreen(WorkerErrors, Screen[None]):
    CSS_PATH = "board.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back", id="back"),
        Binding(
            "enter", "open", "Open project", tooltip="Open the selected line's project", id="open"
        ),
        Binding("r", "refresh", "Refresh", tooltip="Reload from the store", id="refresh"),
    ]

    @property
    def relay(self) -> RelayApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="board"):
            yield Static("Alarm bells: late or in their margin", classes="section-title")
            yield DataTable(id="alarms", cursor_type="row")
            yield Static("Waiting for the client", classes="section-title")
            yield DataTable(id="waiting", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Timekeeping board"
        self.query_one("#alarms", DataTable).add_columns(
            "Project", "Deadline", "Ball", "Due", "Status"
        )
        self.query_one("#waiting", DataTable).add_columns("Project", "Client", "Awaiting replies")
        self.load()

    @on(StoreChanged)
    def _changed(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="board", exit_on_error=False)
    def load(self) -> None:
        from relay_tui.services.dashboard import alarms, dashboard

        today = self.relay.today()
        lines = alarms(self.relay.store, today)
        rows = dashboard(self.relay.store, today)
        self.app.call_from_thread(self.show, lines, rows)

    def show(self, lines: list[AlarmLine], rows: list[DashboardRow]) -> None:
        today = self.relay.today()
        table = self.query_one("#alarms", DataTable)
        table.clear()
        for index, line in enumerate(lines):
            ball = Text("client", style="yellow") if line.owner == "client" else Text("me")
            table.add_row(
                literal(line.project, 28),
                literal(line.title, 40),
                ball,
                due_text(line.due_on, today),
                status_text(line.status),
                key=f"{line.project_id}:{index}",
            )
        if not lines:
            table.add_row(Text("Nothing late or in its margin.", style="green"), "", "", "", "")
        waiting = self.query_one("#waiting", DataTable)
        waiting.clear()
        for row in sorted(rows, key=lambda r: -r.awaiting):
            if row.awaiting:
                waiting.add_row(
                    literal(row.name, 28),
                    literal(row.client, 24),
                    str(row.awaiting),
                    key=f"{row.id}:w",
                )
        if not any(r.awaiting for r in rows):
            waiting.add_row(Text("No contact awaits a reply.", style="green"), "", "")

    def action_open(self) -> None:
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None or not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        project_id = key.split(":", 1)[0]
        if project_id.isdigit():
            self.post_message(OpenProject(int(project_id)))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()
