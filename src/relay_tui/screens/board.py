"""The timekeeping board: what needs attention across every active project."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from relay_tui.display import day_month, short_date
from relay_tui.domain.parsing import format_duration
from relay_tui.domain.timekeeping import gauge
from relay_tui.i18n import tr, trn
from relay_tui.screens.messages import OpenProject, WorkerErrors
from relay_tui.screens.reloading import Reloading
from relay_tui.vocab import WHO_ACTS
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import due_text, literal, marked, problem_text, status_text
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.tables import Cells, Column, FittedTable
from relay_tui.widgets.tones import Toned

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.style import Style

    from relay_tui.domain.chase import ChaseItem
    from relay_tui.screens.chase import ChaseOutcome
    from relay_tui.services.board import Board, Waiting
    from relay_tui.services.deadlines import DeadlineView
    from relay_tui.services.reports_sent import ReportDue
    from relay_tui.services.timelog import ProjectTime


#: The project column, the same width in every table so that the four line up: this wide
#: from WIDE_FROM cells, else NARROW_PROJECT.
PROJECT_WIDTH = 26
NARROW_PROJECT = 16
WIDE_FROM = 120


def sections(project_width: int) -> tuple[tuple[str, str, tuple[Column, ...]], ...]:
    """Each table: (id, title, its columns in order, each with its priority)."""
    project = Column("project", tr("Project"), 1, width=project_width, fixed=True)
    return (
        (
            "alarms",
            tr("Alarm bells: late or in their margin"),
            (
                project,
                Column("title", tr("Alarm bell"), 1, width=40, least=10),
                Column("who", tr("Who acts"), 3),
                Column("due", tr("Due"), 2, width=24, least=18),
                Column("projected", tr("Projected"), 4),
                Column("status", tr("Status"), 1),
            ),
        ),
        (
            "chase",
            tr("To chase today"),
            (
                project,
                Column("days", tr("Working days"), 2, right=True),
                Column("request", tr("Request"), 1, width=50, least=12),
                Column("chases", tr("Chased"), 3, right=True),
            ),
        ),
        (
            "waiting",
            tr("Projects waiting on the client"),
            (project, Column("since", tr("Since")), Column("days", tr("Days"), right=True)),
        ),
        (
            "reports",
            tr("Status reports due"),
            (
                project,
                Column("since", tr("Due since")),
                Column("days", tr("Days"), right=True),
                Column("last", tr("Last sent"), 2),
            ),
        ),
        (
            "time",
            tr("Time against budget"),
            (
                project,
                Column("logged", tr("Logged"), 1, right=True),
                Column("budget", tr("Budget"), 2, right=True),
                Column("use", tr("Use"), 1, width=42, least=21),
                Column("pace", tr("At this pace"), 3, right=True),
                Column("rework", tr("Rework"), 4, right=True),
            ),
        ),
    )


def right(text: str, style: str | Style = "") -> Text:
    return Text(text, style=style, justify="right")


class BoardScreen(OwnKeysFirst, Reloading, Toned, WorkerErrors, Screen[None]):
    """Four tables (five when a status report is due), one column per fact; the focused
    table (tab moves) is the one with the accent bar and the only one showing its cursor:
    enter, h and T act on its line."""

    CSS_PATH = "board.tcss"
    BINDING_GROUP_TITLE = tr("Timekeeping board")
    LOAD_GROUP = "board"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", tr("Back"), tooltip=tr("Back"), id="back"),
        Binding(
            "enter",
            "open",
            tr("Open project"),
            tooltip=tr("Open the selected line's project"),
            id="open",
        ),
        Binding(
            "h",
            "chase",
            tr("Chase"),
            tooltip=tr("Chase the selected project: a message ready to copy or mail"),
            id="board-chase",
        ),
        Binding("r", "refresh", tr("Refresh"), tooltip=tr("Reload from the store"), id="refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board_data: Board | None = None
        self._project_width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="board"):
            yield Static("", id="board-summary")
            for table_id, title, columns in sections(PROJECT_WIDTH):
                with Vertical(classes="board-section", id=f"{table_id}-section"):
                    yield Static(title, classes="section-title")
                    yield FittedTable(columns, id=table_id)
        yield RelayFooter()

    def on_mount(self) -> None:
        self.sub_title = tr("Timekeeping board")

    def _wanted_project_width(self) -> int:
        return PROJECT_WIDTH if self.size.width >= WIDE_FROM else NARROW_PROJECT

    def _columns(self) -> None:
        """Declare the columns for the screen's width (the project column's width)."""
        self._project_width = self._wanted_project_width()
        for table_id, _title, columns in sections(self._project_width):
            self.query_one(f"#{table_id}", FittedTable).declare(columns)

    def on_resize(self) -> None:
        if self.board_data is not None and self._wanted_project_width() != self._project_width:
            self.show(self.board_data)

    def fetch(self) -> Board:
        from relay_tui.closed_days import for_settings
        from relay_tui.services.board import board

        return board(self.relay.store, self.relay.today(), for_settings(self.relay.settings))

    def show(self, data: Board) -> None:
        self.board_data = data
        self._columns()
        over = data.time.over
        summary = Text()
        # A list of counts, each in its own tone (its separator too): one message each.
        summary.append(
            trn("{n} alarm bell", "{n} alarm bells", len(data.alarms)),
            style=self.tone("late" if data.alarms else "good"),
        )
        summary.append(
            " · " + trn("{n} to chase", "{n} to chase", len(data.chase)),
            style=self.tone("warning" if data.chase else "good"),
        )
        waiting = len(data.waiting)
        summary.append(
            " · "
            + trn(
                "{n} project waiting on the client", "{n} projects waiting on the client", waiting
            )
        )
        if over:
            summary.append(
                " · " + trn("{n} over budget", "{n} over budget", over), style=self.tone("late")
            )
        if data.reports_due:
            summary.append(
                " · " + trn("{n} report due", "{n} reports due", len(data.reports_due)),
                style=self.tone("warning"),
            )
        for where, problems in data.problems():
            summary.append("\n")
            summary.append_text(literal(tr("{where}: ", where=where)) + problem_text(problems))
        self.query_one("#board-summary", Static).update(summary)

        self._fill(
            "alarms",
            [f"{pid}:a{i}" for i, pid in enumerate(data.alarms.project_ids)],
            lambda i: self._alarm_cells(data, *data.alarms[i]),
            tr("Nothing late or in margin."),
        )
        self._fill(
            "chase",
            [f"{pid}:c" for pid in data.chase.project_ids],
            lambda i: self._chase_cells(data.chase[i]),
            tr("Nobody to chase today."),
        )
        self._fill(
            "waiting",
            [f"{w.project_id}:w" for w in data.waiting],
            lambda i: self._waiting_cells(data.waiting[i]),
            tr("No project waits on the client."),
        )
        self._fill(
            "time",
            [f"{pid}:t" for pid in data.time.project_ids],
            lambda i: self._time_cells(data.time[i]),
            "",
        )
        # Shown only when a report is due: the board stays as short as it was otherwise.
        self.query_one("#reports-section").display = bool(data.reports_due)
        self._fill(
            "reports",
            [f"{r.project_id}:r" for r in data.reports_due],
            lambda i: self._report_cells(data.reports_due[i]),
            tr("No report due."),
        )
        if self.focused is None or not isinstance(self.focused, FittedTable):
            self.query_one("#alarms", FittedTable).focus()

    def _fill(
        self, table_id: str, keys: list[str], cells: Callable[[int], Cells], empty: str
    ) -> None:
        """Fill a table, its rows built as they come into view (a large store has
        thousands); an empty one says `empty` (all clear)."""
        table = self.query_one(f"#{table_id}", FittedTable)
        if keys:
            table.fill_lazy(keys, cells)
            return
        message = self._all_clear(empty) if empty else Text(tr("No time yet: T logs it."), "dim")
        table.fill([(None, {"project": message})])

    def _alarm_cells(self, data: Board, name: str, d: DeadlineView) -> Cells:
        who = Text(
            tr(WHO_ACTS.get(d.owner, d.owner)),
            style=self.tone("warning") if d.owner == "client" else "",
        )
        projected = (
            Text(
                tr(
                    "{date} (+{days} d)",
                    date=day_month(d.slip.projected_on),
                    days=d.slip.days,
                ),
                style=self.tone("screen-projected-on"),
            )
            if d.slip
            else Text("")
        )
        return {
            "project": literal(name),
            "title": marked(d.title, 200, d.problems),
            "who": who,
            "due": due_text(d.due_on, data.today),
            "projected": projected,
            "status": status_text(d.status, self.tone),
        }

    def _chase_cells(self, c: ChaseItem) -> Cells:
        return {
            "project": literal(c.project),
            "days": right(str(c.working_days)),
            "request": marked(c.summary, 200, c.problems),
            "chases": right(str(c.chases)),
        }

    def _waiting_cells(self, w: Waiting) -> Cells:
        return {
            "project": literal(w.project),
            "since": short_date(w.since, year=False),
            "days": right(str(w.days)),
        }

    def _report_cells(self, r: ReportDue) -> Cells:
        return {
            "project": literal(r.project),
            "since": short_date(r.since, year=False),
            "days": right(str(r.days)),
            "last": short_date(r.last_sent_on, year=False) if r.last_sent_on else tr("never"),
        }

    def _time_cells(self, t: ProjectTime) -> Cells:
        use = t.use
        # The share first: a narrow column cuts the end of the bar, not the number.
        bar = Text(f"{use.ratio:>4.0%} " if use.ratio is not None else "")
        bar.append(gauge(use.ratio, 16), style=self.tone("late" if use.over else "good"))
        if use.over:
            bar.append(" " + tr("over-investment"), style=self.tone("late"))
        projected = right(format_duration(use.projected_minutes) if use.projected_minutes else "—")
        if use.projected_ratio is not None and use.projected_ratio > 1:
            projected.stylize(self.tone("awaiting"))
        rework = right(f"{use.rework_share:.0%}" if use.rework_share else "—")
        if use.too_much_rework:  # the time tab's rule, and the "enough is enough" card's
            rework.stylize(self.tone("alarm"))
        return {
            "project": marked(t.project, 200, t.problems),
            "logged": right(
                format_duration(use.logged_minutes) if use.logged_minutes else tr("none")
            ),
            "budget": right(format_duration(use.budget_minutes) if use.budget_minutes else "—"),
            "use": bar,
            "pace": projected,
            "rework": rework,
        }

    def _all_clear(self, text: str) -> Text:
        """What an empty table says: nothing needs doing there."""
        return Text(text, style=self.tone("good"))

    def highlighted_project(self) -> int | None:
        """The project of the focused table's highlighted row: what `T` is about here."""
        return self._selected_project()

    def _selected_project(self) -> int | None:
        table = self.focused if isinstance(self.focused, FittedTable) else None
        if table is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        project_id = key.split(":", 1)[0]
        return int(project_id) if project_id.isdigit() else None

    def action_open(self) -> None:
        project_id = self._selected_project()
        if project_id is not None:
            self.post_message(OpenProject(project_id))

    @on(FittedTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_chase(self) -> None:
        """The selected project's chase message, in its window: logged when used."""
        from relay_tui.screens.chase import propose_chase

        project_id = self._selected_project()
        if project_id is None:
            return
        propose_chase(self, self.relay, project_id, partial(self._chase, project_id))

    @work(thread=True, exit_on_error=False, group="board-write")
    def _chase(self, project_id: int, outcome: ChaseOutcome) -> None:
        from relay_tui.services.chasing import log_chase

        # LEAD: services.running.log_chase returns ORM rows; only the project's name is read.
        _contact, project = log_chase(
            self.relay.store,
            project_id,
            note=outcome.subject,
            channel=outcome.channel,
            now=self.relay.now(),
        )
        self.app.call_from_thread(
            self.notify, tr("Chase logged on {project}.", project=project.name)
        )
        self.app.call_from_thread(self.load)
