"""The dashboard: every active project, what needs attention first."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from relay_tui.screens.messages import OpenProject, StoreChanged
from relay_tui.widgets.labels import due_text, literal, phase_text, status_text

if TYPE_CHECKING:
    from relay_tui.app import RelayApp
    from relay_tui.services.dashboard import DashboardRow

WELCOME = """\
[b]Welcome to relay.[/b]

No project yet. Press [b]n[/b] to create your first project and its client.

Want to look around first? Quit with [b]q[/b] and run [b]relay --demo[/b]: \
it opens relay on a sample store.

[dim]? shows the keys of any screen · ctrl+p opens the command palette[/dim]"""


class DashboardScreen(Screen[None]):
    CSS_PATH = "dashboard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", tooltip="Open the selected project", id="open"),
        Binding("n", "app.new_project", "New project", tooltip="Create a project", id="new"),
        Binding("r", "refresh", "Refresh", tooltip="Reload from the store", id="refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DashboardRow] = []

    @property
    def relay(self) -> RelayApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static("", id="summary")
            yield DataTable(id="projects", cursor_type="row", zebra_stripes=True)
            yield Static(WELCOME, id="welcome")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Projects"
        table = self.query_one("#projects", DataTable)
        table.add_column("Project", key="project")
        table.add_column("Client", key="client")
        table.add_column("Phase", key="phase")
        table.add_column("Next alarm bell", key="next")
        table.add_column("Due", key="due")
        table.add_column("Status", key="status")
        table.add_column("Waiting", key="waiting")
        table.add_column("Risks", key="risks")
        self.query_one("#welcome").display = False
        table.display = False
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    @on(StoreChanged)
    def _changed(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def load(self) -> None:
        from relay_tui.services.dashboard import dashboard

        rows = dashboard(self.relay.store, self.relay.today())
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[DashboardRow]) -> None:
        self.rows = rows
        table = self.query_one("#projects", DataTable)
        welcome = self.query_one("#welcome", Static)
        summary = self.query_one("#summary", Static)
        if not rows:
            table.display = False
            summary.display = False
            welcome.display = True
            return
        welcome.display = False
        summary.display = True
        table.display = True
        selected = self._selected_id()
        today = self.relay.today()
        table.clear()
        for row in rows:
            table.add_row(
                literal(row.name, 32),
                literal(row.client, 22),
                phase_text(row.phase),
                literal(row.next_deadline, 34) if row.next_deadline else Text("—", style="dim"),
                due_text(row.next_due, today),
                status_text(row.next_status),
                Text(str(row.awaiting), style="bold yellow") if row.awaiting else Text("0", "dim"),
                Text(str(row.high_risks), style="bold red") if row.high_risks else Text("0", "dim"),
                key=str(row.id),
            )
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        late = sum(1 for r in rows if r.next_status == "late")
        waiting = sum(r.awaiting for r in rows)
        parts = [f"{len(rows)} active project{'s' if len(rows) != 1 else ''}"]
        if late:
            parts.append(f"[b red]{late} late[/]")
        if waiting:
            parts.append(f"[b yellow]{waiting} awaiting the client[/]")
        summary.update(" · ".join(parts) + "   [dim]enter opens · n new · c capture[/]")
        if not table.has_focus:
            table.focus()

    def _selected_id(self) -> int | None:
        table = self.query_one("#projects", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_open(self) -> None:
        selected = self._selected_id()
        if selected is not None:
            self.post_message(OpenProject(selected))

    @on(DataTable.RowSelected, "#projects")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(OpenProject(int(event.row_key.value)))
