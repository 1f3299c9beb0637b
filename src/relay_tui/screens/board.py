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

from relay_tui.domain.parsing import format_duration
from relay_tui.domain.timekeeping import gauge
from relay_tui.screens.messages import OpenProject, StoreChanged, WorkerErrors
from relay_tui.widgets.labels import due_text, literal, status_text

if TYPE_CHECKING:
    from relay_tui.app import RelayApp
    from relay_tui.services.anytime import Board


class BoardScreen(WorkerErrors, Screen[None]):
    CSS_PATH = "board.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back", id="back"),
        Binding(
            "enter", "open", "Open project", tooltip="Open the selected line's project", id="open"
        ),
        Binding(
            "h", "chase", "Chase", tooltip="Log a chase on the selected project", id="board-chase"
        ),
        Binding("r", "refresh", "Refresh", tooltip="Reload from the store", id="refresh"),
    ]

    @property
    def relay(self) -> RelayApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="board"):
            yield Static("", id="board-summary")
            yield Static("Alarm bells: late or in their margin", classes="section-title")
            yield DataTable(id="alarms", cursor_type="row")
            yield Static("To chase today", classes="section-title")
            yield DataTable(id="chase", cursor_type="row")
            yield Static("Waiting on the client", classes="section-title")
            yield DataTable(id="waiting", cursor_type="row")
            yield Static("Time against budget", classes="section-title")
            yield DataTable(id="time", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Timekeeping board"
        self.query_one("#alarms", DataTable).add_columns(
            "Project", "Alarm bell", "Ball", "Due", "Projected", "Status"
        )
        self.query_one("#chase", DataTable).add_columns(
            "Project", "Working days", "Request", "Chased"
        )
        self.query_one("#waiting", DataTable).add_columns("Project", "Since", "Days")
        self.query_one("#time", DataTable).add_columns(
            "Project", "Logged", "Budget", "Use", "At this pace", "Rework"
        )

    def on_screen_resume(self) -> None:
        self.load()

    @on(StoreChanged)
    def _changed(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="board", exit_on_error=False)
    def load(self) -> None:
        from relay_tui.services.anytime import board

        data = board(self.relay.store, self.relay.today())
        self.app.call_from_thread(self.show, data)

    def show(self, data: Board) -> None:
        today = data.today
        over = sum(1 for t in data.time if t.use.over)
        summary = Text()
        summary.append(
            f"{len(data.alarms)} alarm bell{'s' if len(data.alarms) != 1 else ''}",
            style="bold red" if data.alarms else "green",
        )
        summary.append(
            f" · {len(data.chase)} to chase", style="bold yellow" if data.chase else "green"
        )
        summary.append(f" · {len(data.waiting)} waiting on the client")
        if over:
            summary.append(f" · {over} over budget", style="bold red")
        self.query_one("#board-summary", Static).update(summary)

        alarms = self.query_one("#alarms", DataTable)
        alarms.clear()
        for index, (name, d) in enumerate(data.alarms):
            ball = Text("client", style="bold yellow") if d.owner == "client" else Text("me")
            projected = (
                Text(f"{d.slip.projected_on:%d %b} (+{d.slip.days} d)", style="magenta")
                if d.slip
                else Text("")
            )
            alarms.add_row(
                literal(name, 26),
                literal(d.title, 40),
                ball,
                due_text(d.due_on, today),
                projected,
                status_text(d.status),
                key=f"{d.project_id}:a{index}",
            )
        if not data.alarms:
            alarms.add_row(
                Text("Nothing late or in its margin.", style="green"), "", "", "", "", ""
            )
        chase = self.query_one("#chase", DataTable)
        chase.clear()
        for c in data.chase:
            chase.add_row(
                literal(c.project, 26),
                str(c.working_days),
                literal(c.summary, 50),
                str(c.chases),
                key=f"{c.project_id}:c",
            )
        if not data.chase:
            chase.add_row(Text("Nobody to chase today.", style="green"), "", "", "")
        waiting = self.query_one("#waiting", DataTable)
        waiting.clear()
        for w in data.waiting:
            waiting.add_row(
                literal(w.project, 26), f"{w.since:%a %d %b}", str(w.days), key=f"{w.project_id}:w"
            )
        if not data.waiting:
            waiting.add_row(Text("No project waits on the client.", style="green"), "", "")
        time = self.query_one("#time", DataTable)
        time.clear()
        for t in data.time:
            use = t.use
            bar = Text(gauge(use.ratio, 16), style="bold red" if use.over else "green")
            if use.ratio is not None:
                bar.append(f" {use.ratio:.0%}")
            if use.over:
                bar.append(" over-investment", style="bold red")
            projected = Text(
                format_duration(use.projected_minutes) if use.projected_minutes else "—"
            )
            if use.projected_ratio is not None and use.projected_ratio > 1:
                projected.stylize("yellow")
            time.add_row(
                literal(t.project, 26),
                format_duration(use.logged_minutes),
                format_duration(use.budget_minutes) if use.budget_minutes else "—",
                bar,
                projected,
                f"{use.rework_share:.0%}" if use.rework_share else "—",
                key=f"{t.project_id}:t",
            )
        if self.focused is None or not isinstance(self.focused, DataTable):
            self.query_one("#alarms", DataTable).focus()
        if not data.time:
            time.add_row(Text("No time logged yet (T logs time).", style="dim"), "", "", "", "", "")

    def _selected_project(self) -> int | None:
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        project_id = key.split(":", 1)[0]
        return int(project_id) if project_id.isdigit() else None

    def action_open(self) -> None:
        project_id = self._selected_project()
        if project_id is not None:
            self.post_message(OpenProject(project_id))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_chase(self) -> None:
        project_id = self._selected_project()
        if project_id is None:
            return
        self._chase(project_id)

    @work(thread=True, exit_on_error=False, group="board-write")
    def _chase(self, project_id: int) -> None:
        from relay_tui.services.running import log_chase

        _contact, project = log_chase(self.relay.store, project_id, now=self.relay.now())
        self.app.call_from_thread(self.notify, f"Chase logged on {project.name}.")
        self.app.call_from_thread(self.load)
