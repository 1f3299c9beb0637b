"""The dashboard: every active project, what needs attention first."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from relay_tui.display import day_month
from relay_tui.i18n import N_, tr, trn, trp
from relay_tui.screens.deleting import DELETE, Deleting
from relay_tui.screens.latest import show_if_current
from relay_tui.screens.messages import OpenProject, WorkerErrors
from relay_tui.screens.reloading import Reloading
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import (
    due_text,
    flagged,
    literal,
    phase_text,
    problem_text,
    status_text,
)
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.posture_cards import PostureCards
from relay_tui.widgets.tables import Column, FittedTable
from relay_tui.widgets.tones import Toned, ToneOf

if TYPE_CHECKING:
    from relay_tui.services.dashboard import DashboardRow
    from relay_tui.services.posture import DashboardPosture
    from relay_tui.services.removal import Removal

WELCOME = N_("""\
[b]Welcome to relay.[/b]

No project yet. Press [b]n[/b] to create your first project and its client.

Want to look around first? Quit with [b]q[/b] and run [b]relay --demo[/b]: \
it opens relay on a sample store.

[dim]? shows the keys of any screen · ctrl+p opens the command palette[/dim]""")


#: A deadline status in the narrow table: its label and its tone (widgets.tones).
SHORT_STATUS = {
    "late": (N_("● late"), "late"),
    "in_margin": (N_("● margin"), "warning"),
    "upcoming": ("○", "good"),
}

#: Under this many columns the table merges the due date and the status (docs/guide.md
#: says so); then, as in any table (widgets.tables), the columns that do not fit give way.
COMPACT_BELOW = 120

#: The columns at 120 cells and more, in order, each with its priority (widgets.tables).
WIDE = (
    Column("project", N_("Project"), 1, width=32, least=16),
    Column("client", N_("Client"), 6, width=22, least=10),
    Column("phase", N_("Phase"), 1, width=12),
    Column("next", N_("Next alarm bell"), 2, width=34, least=15),
    Column("due", N_("Due"), 3, width=18),
    Column("status", N_("Status"), 1, width=12),
    Column("awaiting", N_("Awaiting"), 4),
    Column("risks", N_("Risks"), 5),
)
#: Narrower: no client, the due date and its status in one column.
COMPACT = (
    Column("project", N_("Project"), 1, width=20, least=14),
    Column("phase", N_("Phase"), 1, width=12),
    Column("next", N_("Next alarm bell"), 2, width=34, least=15),
    Column("due", N_("Due"), 1, width=16),
    Column("awaiting", N_("Awaiting"), 3),
    Column("risks", N_("Risks"), 4),
)


def columns(compact: bool) -> tuple[Column, ...]:
    """The columns for the width (`COMPACT` or `WIDE`), their titles translated."""
    return tuple(replace(c, label=tr(c.label)) for c in (COMPACT if compact else WIDE))


#: What `f` shows, in turn: the active projects, the closed ones, all.
SHOWS = ("active", "closed", "all")
SHOW_TITLES = {
    "active": N_("Active projects"),
    "closed": N_("Closed projects"),
    "all": N_("All projects"),
}
#: The line that says what `f` shows next.
NEXT_SHOW = {
    "active": N_("f shows the closed projects"),
    "closed": N_("f shows all projects"),
    "all": N_("f shows the active projects"),
}
#: The table's one line when the filter lists nothing (it says what `f` shows next).
NOTHING_SHOWN = {
    "active": N_("No active project: f shows the closed projects."),
    "closed": N_("No closed project yet: f shows all projects."),
    "all": N_("No project: f shows the active projects."),
}


def summary_line(
    rows: list[DashboardRow], showing: str, counts: dict[str, int], tone: ToneOf
) -> Text:
    """The line above the table: what it lists, and what needs attention."""
    count = len(rows)
    closed = counts.get("closed", 0)
    if showing == "all":
        first = trn(
            "{n} project, {closed} closed",
            "{n} projects, {closed} closed",
            count,
            closed=closed,
        )
    elif showing == "closed":
        first = trn("{n} closed project", "{n} closed projects", count)
    else:
        first = trn("{n} active project", "{n} active projects", count)
    parts = [Text(first, style="bold")]
    late = sum(1 for r in rows if r.next_status == "late")
    if late:
        total = trn("{n} late", "{n} late", late)
        parts.append(Text(total, style=tone("screen-late-total")))
    awaiting = sum(r.awaiting for r in rows if not r.closed)
    if awaiting:
        total = trn("{n} message awaiting a reply", "{n} messages awaiting a reply", awaiting)
        parts.append(Text(total, style=tone("screen-awaiting-total")))
    unready = sum(1 for r in rows if r.phase == "before" and r.missing)
    if unready:
        total = trn("{n} not ready to start", "{n} not ready to start", unready)
        parts.append(Text(total, style="bold"))
    line = Text(" · ").join(parts)
    line.append(f"   ({tr(NEXT_SHOW[showing])})", style="dim")
    return line


#: How long after the dashboard's first rows `warm_up` starts (seconds).
WARM_UP_AFTER_S = 0.3


def warm_up(app: App[Any]) -> None:
    """Get ready, in the background once the dashboard shows, what opening a project needs:
    the ORM layer its tabs read with (about half a second the user never waits for: a
    project opens on light reads, `services.project_header`, and the import pauses while a
    project screen is built, `services.warming`), then the CSS of the project screen and
    of the board (`screens.css_ahead`)."""
    from relay_tui.screens.board import BoardScreen
    from relay_tui.screens.css_ahead import read_ahead
    from relay_tui.screens.project import ProjectScreen
    from relay_tui.services.warming import prepare

    prepare()
    if app.is_running:  # not quit meanwhile
        app.call_from_thread(read_ahead, app, (ProjectScreen, BoardScreen))


def import_project_screen() -> None:
    import relay_tui.screens.project  # noqa: F401


class DashboardScreen(OwnKeysFirst, Deleting, Reloading, Toned, WorkerErrors, Screen[None]):
    CSS_PATH = "dashboard.tcss"
    BINDING_GROUP_TITLE = tr("Dashboard")
    LOAD_GROUP = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open",
            trp("verb", "Open"),
            tooltip=tr("Open the selected project"),
            id="open",
        ),
        Binding(
            "n", "app.new_project", tr("New project"), tooltip=tr("Create a project"), id="new"
        ),
        Binding(
            "f",
            "show_next",
            tr("Active/closed"),
            id="dashboard-show",
            tooltip=tr("Show the active projects, the closed ones, or all of them"),
        ),
        Binding("r", "refresh", tr("Refresh"), tooltip=tr("Reload from the store"), id="refresh"),
        Binding(
            "e",
            "edit_project",
            tr("Edit"),
            id="edit-project",
            tooltip=tr("Edit the selected project: name, client, kind, dates, budget, chase delay"),
        ),
        DELETE,
        Binding(
            "C",
            "clients",
            tr("Clients"),
            key_display="C",
            id="clients",
            tooltip=tr("Your clients: add, edit or delete one"),
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DashboardRow] = []
        #: Which projects are listed (SHOWS): `f` goes to the next.
        self.showing = "active"
        self._counts: dict[str, int] = {}
        self._card: DashboardPosture | None = None
        self._warmed = False
        self._loaded: tuple[int, object, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static("", id="summary")
            yield FittedTable(columns(compact=False), id="projects", zebra_stripes=True)
            yield Static("", id="detail")
            yield PostureCards(id="posture")
            yield Static(tr(WELCOME), id="welcome")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.sub_title = tr(SHOW_TITLES[self.showing])
        self.query_one("#welcome").display = False
        self.query_one("#projects").display = False
        # While the first rows are read (in SQLite, which lets go of Python's lock), the
        # project screen's code is imported beside them: a project opened as soon as the
        # rows show need not import it then (some 35 ms). No ORM in it (speed).
        self.app.run_worker(import_project_screen, thread=True, exit_on_error=False)

    def _state(self) -> tuple[int, object, str]:
        """What the table shows depends on: the store's changes, the day, the filter."""
        return (self.relay.changes, self.relay.today(), self.showing)

    def load(self) -> None:
        self._loaded = self._state()
        super().load()

    def resumed(self) -> None:
        """Back from a project: the table is still built. It loads again only when the
        store (or the day) changed meanwhile: on a store of thousands of projects, a
        reload each time would hold the screen for nothing."""
        if self._loaded != self._state():
            self.load()

    def fetch(self) -> tuple[list[DashboardRow], dict[str, int], DashboardPosture | None]:
        rows, counts = self._fetch_rows()
        return rows, counts, self._fetch_card(counts)

    def _fetch_rows(self) -> tuple[list[DashboardRow], dict[str, int]]:
        from relay_tui.services.dashboard import dashboard, project_counts

        rows = dashboard(self.relay.store, self.relay.today(), self.showing)
        return rows, project_counts(self.relay.store)

    def _fetch_card(self, counts: dict[str, int]) -> DashboardPosture | None:
        from relay_tui.services.posture import dashboard_posture
        from relay_tui.services.warming import wait_free

        if not counts["active"]:
            return None
        # It waits between its steps while a project screen is being built: a project
        # opened at once must not share the processor with it.
        return dashboard_posture(self.relay.store, self.relay.today(), wait_free)

    def _fetch_then_show(self) -> None:
        """The projects first, then the posture cards: the cards read every active
        project's facts (about 90 ms on a store of 1,000 projects), which must not hold
        back the first paint of the table. Until they come, the card shown stays."""
        rows, counts = self._fetch_rows()
        show_if_current(self.app, self.show, (rows, counts, self._card))
        show_if_current(self.app, self._show_card, self._fetch_card(counts))

    def show(
        self, data: tuple[list[DashboardRow], dict[str, int], DashboardPosture | None]
    ) -> None:
        rows, counts, card = data
        self._counts = counts
        self.show_rows(rows, card)
        self.refresh_bindings()  # f shows once there is a project

    def _show_card(self, card: DashboardPosture | None) -> None:
        self._card = card
        posture = self.query_one("#posture", PostureCards)
        if card is None:
            posture.show_dashboard([], None)
        else:
            posture.show_dashboard(card.cards, card.of_the_day)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`f` only once there is a project (the welcome screen has nothing to filter);
        edit and delete only with a project to act on."""
        if action == "show_next":
            return any(self._counts.values())
        if action in ("edit_project", "delete"):
            return bool(self.rows)
        return True

    def action_show_next(self) -> None:
        """`f`: the active projects, then the closed ones, then all, then the active again."""
        self.showing = SHOWS[(SHOWS.index(self.showing) + 1) % len(SHOWS)]
        self.sub_title = tr(SHOW_TITLES[self.showing])
        self.load()

    def show_rows(self, rows: list[DashboardRow], card: DashboardPosture | None = None) -> None:
        self.rows = rows
        self.refresh_bindings()  # edit and delete need a project (check_action)
        self._show_card(card)
        table = self.query_one("#projects", FittedTable)
        welcome = self.query_one("#welcome", Static)
        summary = self.query_one("#summary", Static)
        detail = self.query_one("#detail", Static)
        anything = bool(rows) or any(self._counts.values())
        for part in (table, summary, detail):
            part.display = anything
        welcome.display = not anything
        if not anything:
            return
        compact = self.size.width < COMPACT_BELOW
        table.declare(columns(compact))
        if rows:  # built as they come into view: the store may hold thousands
            keys = [str(row.id) for row in rows]
            table.fill_lazy(keys, lambda i: self._cells(rows[i], compact))
        else:
            table.fill([self._none()])
        summary.update(summary_line(rows, self.showing, self._counts, self.tone))
        if not rows:
            detail.update("")
        if not table.has_focus:
            table.focus()
        if not self._warmed:
            self._warmed = True
            # Not at once: a project opened right away is built without the import
            # taking the GIL from it (its own loads import what they need).
            self.app.set_timer(WARM_UP_AFTER_S, self._warm_up)

    def _warm_up(self) -> None:
        self.app.run_worker(
            partial(warm_up, self.app), thread=True, exit_on_error=False, group="warm-up"
        )

    def _cells(self, row: DashboardRow, compact: bool) -> dict[str, Text]:
        """One project's line: by column key (widgets.tables picks those that fit)."""
        nxt = literal(row.next_deadline) if row.next_deadline else Text("—", style="dim")
        if compact:
            due = Text(f"{day_month(row.next_due)} " if row.next_due else "")
            label, tone = SHORT_STATUS.get(row.next_status or "", ("", ""))
            due.append(tr(label) if label else "", style=self.tone(tone) if tone else "")
        else:
            due = due_text(row.next_due, self.relay.today())
        return {
            "project": flagged(literal(row.name), row.problems, short=True),
            "client": literal(row.client),
            "phase": self._phase_cell(row),
            "next": nxt,
            "due": due,
            "status": status_text(row.next_status, self.tone),
            "awaiting": self._count(row.awaiting, "warning"),
            "risks": self._count(row.high_risks, "late"),
        }

    def _none(self) -> tuple[None, dict[str, Text]]:
        """The table's one line when the filter lists nothing."""
        return None, {"project": Text(tr(NOTHING_SHOWN[self.showing]), style="dim")}

    def on_resize(self) -> None:
        compact = self.size.width < COMPACT_BELOW
        table = self.query_one("#projects", FittedTable)
        if self.rows and table.declared != columns(compact):
            self.show_rows(self.rows, self._card)

    def _count(self, count: int, tone: str) -> Text:
        """A count in the table: in `tone` when there is any, else a dim 0."""
        return Text(str(count), style=self.tone(tone)) if count else Text("0", "dim")

    def _phase_cell(self, row: DashboardRow) -> Text:
        if row.closed:
            return Text(trp("a project", "Closed"), style="dim")
        if row.phase == "before" and row.missing:  # the line under the table says what
            return Text(tr("Not ready"), style=self.tone("warning"))
        return phase_text(row.phase, self.tone)

    @on(FittedTable.RowHighlighted, "#projects")
    def _highlighted(self, event: FittedTable.RowHighlighted) -> None:
        index = event.cursor_row
        row = self.rows[index] if index < len(self.rows) else None
        if row is not None and str(row.id) != event.row_key.value:
            row = None
        detail = Text()
        if row is not None:
            detail.append_text(literal(row.name, 40, style="bold"))
            if row.closed:
                detail.append(tr(" · closed"), style="dim")
            elif row.phase == "before":
                if row.missing:
                    missing = trn(
                        " · not ready to start, {n} missing: ",
                        " · not ready to start, {n} missing: ",
                        len(row.missing),
                    )
                    detail.append(missing, style=self.tone("awaiting"))
                    detail.append_text(literal("; ".join(row.missing)))
                else:
                    detail.append(tr(" · ready to start"), style=self.tone("good"))
            elif row.next_deadline:
                detail.append(tr(" · next: "))
                detail.append_text(literal(row.next_deadline))
            if row.problems:
                detail.append("\n")
                detail.append_text(problem_text(row.problems))
        self.query_one("#detail", Static).update(detail)

    def highlighted_project(self) -> int | None:
        """The project of the highlighted row: what `T` (log time) is about here."""
        return self._selected_id()

    def _selected_id(self) -> int | None:
        table = self.query_one("#projects", FittedTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_open(self) -> None:
        selected = self._selected_id()
        if selected is not None:
            self._open(selected)

    @on(FittedTable.RowSelected, "#projects")
    def _row_selected(self, event: FittedTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._open(int(event.row_key.value))

    def _open(self, project_id: int) -> None:
        """Open the project, its screen built at once on the phase its row shows."""
        phase = next((row.phase for row in self.rows if row.id == project_id), None)
        self.post_message(OpenProject(project_id, expected=phase))

    # --- correcting, deleting, the clients --------------------------------------------
    def action_edit_project(self) -> None:
        from relay_tui.screens.project_form import EditProjectScreen

        if (selected := self._selected_id()) is not None:
            self.app.push_screen(EditProjectScreen(selected))

    def action_delete(self) -> None:
        if (selected := self._selected_id()) is not None:
            self.ask_delete("project", selected)

    def deleted(self, removal: Removal) -> None:
        self.load()

    def action_clients(self) -> None:
        from relay_tui.screens.clients import ClientsScreen

        self.app.push_screen(ClientsScreen())
