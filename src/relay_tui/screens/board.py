"""The timekeeping board: what needs attention across every active project."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from relay_tui.domain.parsing import format_duration
from relay_tui.domain.timekeeping import gauge
from relay_tui.screens.messages import OpenProject, WorkerErrors
from relay_tui.screens.reloading import Reloading
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import due_text, literal, marked, problem_text, status_text
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.tables import cursor_kept
from relay_tui.widgets.tones import Toned

if TYPE_CHECKING:
    from rich.style import Style

    from relay_tui.services.board import Board


#: The project column, the same in every table so that the four line up.
PROJECT_WIDTH = 26
#: Each table: (id, title, columns); a column is (label, width, right-aligned), and a
#: width of None takes what the screen has left, between FLEX_MIN and its FLEX_MAX.
SECTIONS: tuple[tuple[str, str, tuple[tuple[str, int | None, bool], ...]], ...] = (
    (
        "alarms",
        "Alarm bells: late or in their margin",
        (
            ("Project", PROJECT_WIDTH, False),
            ("Alarm bell", None, False),
            ("Ball", 6, False),
            ("Due", 18, False),
            ("Projected", 14, False),
            ("Status", 11, False),
        ),
    ),
    (
        "chase",
        "To chase today",
        (
            ("Project", PROJECT_WIDTH, False),
            ("Working days", 12, True),
            ("Request", None, False),
            ("Chased", 6, True),
        ),
    ),
    (
        "waiting",
        "Waiting on the client",
        (("Project", PROJECT_WIDTH, False), ("Since", 12, False), ("Days", 5, True)),
    ),
    (
        "time",
        "Time against budget",
        (
            ("Project", PROJECT_WIDTH, False),
            ("Logged", 8, True),
            ("Budget", 8, True),
            ("Use", 42, False),
            ("At this pace", 12, True),
            ("Rework", 7, True),
        ),
    ),
)
FLEX_MIN = 20
FLEX_MAX = {"alarms": 40, "chase": 50}
#: What the board's frame takes from the screen width: its padding and the focus bar.
FRAME_WIDTH = 4


def right(text: str, style: str | Style = "") -> Text:
    return Text(text, style=style, justify="right")


class BoardScreen(OwnKeysFirst, Reloading, Toned, WorkerErrors, Screen[None]):
    """Four tables, one column per fact; the focused table (tab moves) is the one with
    the accent bar and the only one showing its cursor: enter, h and T act on its line."""

    CSS_PATH = "board.tcss"
    BINDING_GROUP_TITLE = "Timekeeping board"
    LOAD_GROUP = "board"
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

    def __init__(self) -> None:
        super().__init__()
        self.board_data: Board | None = None
        self._flex: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="board"):
            yield Static("", id="board-summary")
            for table_id, title, _columns in SECTIONS:
                with Vertical(classes="board-section"):
                    yield Static(title, classes="section-title")
                    yield DataTable(id=table_id, cursor_type="row")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.sub_title = "Timekeeping board"

    def _flex_widths(self) -> dict[str, int]:
        """The width of each table's flexible column at the current screen width."""
        room = self.size.width - FRAME_WIDTH
        widths = {}
        for table_id, _title, columns in SECTIONS:
            fixed = sum((width or 0) + 2 for _label, width, _right in columns)  # 2: padding
            if table_id in FLEX_MAX:
                widths[table_id] = max(FLEX_MIN, min(FLEX_MAX[table_id], room - fixed))
        return widths

    def _columns(self) -> None:
        """(Re)build the columns when the flexible widths change (first show, resize)."""
        flex = self._flex_widths()
        if flex == self._flex:
            return
        self._flex = flex
        for table_id, _title, columns in SECTIONS:
            table = self.query_one(f"#{table_id}", DataTable)
            table.clear(columns=True)
            for label, width, at_right in columns:
                table.add_column(
                    Text(label, justify="right" if at_right else "left"),
                    width=width if width is not None else flex[table_id],
                )

    def on_resize(self) -> None:
        if self.board_data is not None and self._flex_widths() != self._flex:
            self.show(self.board_data)

    def fetch(self) -> Board:
        from relay_tui.services.board import board

        return board(self.relay.store, self.relay.today())

    def show(self, data: Board) -> None:
        self.board_data = data
        self._columns()
        today = data.today
        over = sum(1 for t in data.time if t.use.over)
        summary = Text()
        summary.append(
            f"{len(data.alarms)} alarm bell{'s' if len(data.alarms) != 1 else ''}",
            style=self.tone("late" if data.alarms else "good"),
        )
        summary.append(
            f" · {len(data.chase)} to chase", style=self.tone("warning" if data.chase else "good")
        )
        summary.append(f" · {len(data.waiting)} waiting on the client")
        if over:
            summary.append(f" · {over} over budget", style=self.tone("late"))
        for where, problems in data.problems():
            summary.append("\n")
            summary.append_text(literal(f"{where}: ") + problem_text(problems))
        self.query_one("#board-summary", Static).update(summary)

        with cursor_kept(self.query_one("#alarms", DataTable)) as alarms:
            for index, (name, d) in enumerate(data.alarms):
                ball = (
                    Text("client", style=self.tone("warning"))
                    if d.owner == "client"
                    else Text("me")
                )
                projected = (
                    Text(
                        f"{d.slip.projected_on:%d %b} (+{d.slip.days} d)",
                        style=self.tone("screen-projected-on"),
                    )
                    if d.slip
                    else Text("")
                )
                alarms.add_row(
                    literal(name, PROJECT_WIDTH),
                    marked(d.title, self._flex["alarms"], d.problems),
                    ball,
                    due_text(d.due_on, today),
                    projected,
                    status_text(d.status, self.tone),
                    key=f"{d.project_id}:a{index}",
                )
        if not data.alarms:
            alarms.add_row(self._all_clear("Nothing late or in margin."), "", "", "", "", "")
        with cursor_kept(self.query_one("#chase", DataTable)) as chase:
            for c in data.chase:
                chase.add_row(
                    literal(c.project, PROJECT_WIDTH),
                    right(str(c.working_days)),
                    marked(c.summary, self._flex["chase"], c.problems),
                    right(str(c.chases)),
                    key=f"{c.project_id}:c",
                )
        if not data.chase:
            chase.add_row(self._all_clear("Nobody to chase today."), "", "", "")
        with cursor_kept(self.query_one("#waiting", DataTable)) as waiting:
            for w in data.waiting:
                waiting.add_row(
                    literal(w.project, PROJECT_WIDTH),
                    f"{w.since:%a %d %b}",
                    right(str(w.days)),
                    key=f"{w.project_id}:w",
                )
        if not data.waiting:
            waiting.add_row(self._all_clear("Nothing awaited."), "", "")
        with cursor_kept(self.query_one("#time", DataTable)) as time:
            for t in data.time:
                use = t.use
                bar = Text(gauge(use.ratio, 16), style=self.tone("late" if use.over else "good"))
                if use.ratio is not None:
                    bar.append(f" {use.ratio:.0%}")
                if use.over:
                    bar.append(" over-investment", style=self.tone("late"))
                projected = right(
                    format_duration(use.projected_minutes) if use.projected_minutes else "—"
                )
                if use.projected_ratio is not None and use.projected_ratio > 1:
                    projected.stylize(self.tone("awaiting"))
                time.add_row(
                    marked(t.project, PROJECT_WIDTH, t.problems),
                    right(format_duration(use.logged_minutes)),
                    right(format_duration(use.budget_minutes) if use.budget_minutes else "—"),
                    bar,
                    projected,
                    right(f"{use.rework_share:.0%}" if use.rework_share else "—"),
                    key=f"{t.project_id}:t",
                )
        if not data.time:
            time.add_row(Text("No time yet: T logs it.", style="dim"), "", "", "", "", "")
        if self.focused is None or not isinstance(self.focused, DataTable):
            alarms.focus()

    def _all_clear(self, text: str) -> Text:
        """What an empty table says: nothing needs doing there."""
        return Text(text, style=self.tone("good"))

    def highlighted_project(self) -> int | None:
        """The project of the focused table's highlighted row: what `T` is about here."""
        return self._selected_project()

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
        from relay_tui.services.chasing import log_chase

        # LEAD: services.running.log_chase returns ORM rows; only the project's name is read.
        _contact, project = log_chase(self.relay.store, project_id, now=self.relay.now())
        self.app.call_from_thread(self.notify, f"Chase logged on {project.name}.")
        self.app.call_from_thread(self.load)
