"""The dashboard: every active project, what needs attention first."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from relay_tui.screens.deleting import DELETE, Deleting
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
from relay_tui.widgets.tones import Toned

if TYPE_CHECKING:
    from relay_tui.domain.posture import PostureCard
    from relay_tui.services.dashboard import DashboardRow
    from relay_tui.services.removal import Removal

WELCOME = """\
[b]Welcome to relay.[/b]

No project yet. Press [b]n[/b] to create your first project and its client.

Want to look around first? Quit with [b]q[/b] and run [b]relay --demo[/b]: \
it opens relay on a sample store.

[dim]? shows the keys of any screen · ctrl+p opens the command palette[/dim]"""


#: A deadline status in the narrow table: its label and its tone (widgets.tones).
SHORT_STATUS = {
    "late": ("● late", "late"),
    "in_margin": ("● margin", "warning"),
    "upcoming": ("○", "good"),
}


def warm_up() -> None:
    """Import, in the background once the dashboard shows, what opening a project needs:
    the ORM layer and the phase screens (about half a second the user never waits for)."""
    import relay_tui.screens.project
    import relay_tui.services.before_view
    import relay_tui.services.chasing
    import relay_tui.services.projects
    import relay_tui.services.validations  # noqa: F401


class DashboardScreen(OwnKeysFirst, Deleting, Reloading, Toned, WorkerErrors, Screen[None]):
    CSS_PATH = "dashboard.tcss"
    BINDING_GROUP_TITLE = "Dashboard"
    LOAD_GROUP = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", tooltip="Open the selected project", id="open"),
        Binding("n", "app.new_project", "New project", tooltip="Create a project", id="new"),
        Binding("r", "refresh", "Refresh", tooltip="Reload from the store", id="refresh"),
        Binding(
            "e",
            "edit_project",
            "Edit",
            id="edit-project",
            tooltip="Edit the selected project: name, client, kind, dates, budget, chase delay",
        ),
        DELETE,
        Binding(
            "C",
            "clients",
            "Clients",
            key_display="C",
            id="clients",
            tooltip="Your clients: add, edit or delete one",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DashboardRow] = []
        self._card: PostureCard | None = None
        self._compact = False
        self._warmed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static("", id="summary")
            yield DataTable(id="projects", cursor_type="row", zebra_stripes=True)
            yield Static("", id="detail")
            yield Static("", id="posture")
            yield Static(WELCOME, id="welcome")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.sub_title = "Projects"
        table = self.query_one("#projects", DataTable)
        self._columns(table)
        self.query_one("#welcome").display = False
        table.display = False

    def fetch(self) -> tuple[list[DashboardRow], PostureCard | None]:
        from relay_tui.services.dashboard import dashboard, posture

        rows = dashboard(self.relay.store, self.relay.today())
        card = posture(self.relay.store, self.relay.today()) if rows else None
        return rows, card

    def show(self, data: tuple[list[DashboardRow], PostureCard | None]) -> None:
        self.show_rows(*data)

    def show_rows(self, rows: list[DashboardRow], card: PostureCard | None = None) -> None:
        self.rows = rows
        self._card = card
        self.refresh_bindings()  # edit and delete need a project (check_action)
        posture_card = self.query_one("#posture", Static)
        posture_card.display = card is not None
        if card is not None:
            text = Text("❝ ", style=self.tone("screen-posture"))
            text.append(card.title, style="bold")
            text.append(f"  {card.text}", style="italic")
            posture_card.update(text)
        table = self.query_one("#projects", DataTable)
        welcome = self.query_one("#welcome", Static)
        summary = self.query_one("#summary", Static)
        detail = self.query_one("#detail", Static)
        if not rows:
            table.display = False
            summary.display = False
            detail.display = False
            welcome.display = True
            return
        detail.display = True
        welcome.display = False
        summary.display = True
        table.display = True
        selected = self._selected_id()
        today = self.relay.today()
        if self._compact != self._is_compact():
            table.clear(columns=True)
            self._columns(table)
        else:
            table.clear()
        for row in rows:
            waiting = self._count(row.awaiting, "warning")
            risks = self._count(row.high_risks, "late")
            nxt = (
                literal(row.next_deadline, 20 if self._compact else 34)
                if row.next_deadline
                else Text("—", style="dim")
            )
            if self._compact:
                due = Text(f"{row.next_due:%d %b} " if row.next_due else "")
                label, tone = SHORT_STATUS.get(row.next_status or "", ("", ""))
                due.append(label, style=self.tone(tone) if tone else "")
                table.add_row(
                    flagged(literal(row.name, 20), row.problems, short=True),
                    self._phase_cell(row),
                    nxt,
                    due,
                    waiting,
                    risks,
                    key=str(row.id),
                )
            else:
                table.add_row(
                    flagged(literal(row.name, 32), row.problems, short=True),
                    literal(row.client, 22),
                    self._phase_cell(row),
                    nxt,
                    due_text(row.next_due, today),
                    status_text(row.next_status, self.tone),
                    waiting,
                    risks,
                    key=str(row.id),
                )
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        late = sum(1 for r in rows if r.next_status == "late")
        waiting = sum(r.awaiting for r in rows)
        parts = [Text(f"{len(rows)} active project{'s' if len(rows) != 1 else ''}")]
        if late:
            parts.append(Text(f"{late} late", style=self.tone("screen-late-total")))
        if waiting:
            total = f"{waiting} awaiting the client"
            parts.append(Text(total, style=self.tone("screen-awaiting-total")))
        unready = sum(1 for r in rows if r.phase == "before" and r.missing)
        if unready:
            parts.append(Text(f"{unready} not ready to start", style="bold"))
        line = Text(" · ").join(parts)
        line.append("   ")
        line.append("enter opens · n new · c capture", style="dim")
        summary.update(line)
        if not table.has_focus:
            table.focus()
        if not self._warmed:
            self._warmed = True
            self.app.run_worker(warm_up, thread=True, exit_on_error=False, group="warm-up")

    def _is_compact(self) -> bool:
        return self.size.width < 140

    def _columns(self, table: DataTable[object]) -> None:
        """Wide: every column. Narrow (under 140 cells): no client, due and status merged,
        so that the status stays visible at 80 columns."""
        self._compact = self._is_compact()
        keys = ["project", "client", "phase", "next", "due", "status", "waiting", "risks"]
        labels = [
            "Project",
            "Client",
            "Phase",
            "Next alarm bell",
            "Due",
            "Status",
            "Waiting",
            "Risks",
        ]
        for key, label in zip(keys, labels, strict=True):
            if self._compact and key in ("client", "status"):
                continue
            table.add_column("Wait" if self._compact and key == "waiting" else label, key=key)

    def on_resize(self) -> None:
        if self.rows and self._compact != self._is_compact():
            self.show_rows(self.rows, self._card)

    def _count(self, count: int, tone: str) -> Text:
        """A count in the table: in `tone` when there is any, else a dim 0."""
        return Text(str(count), style=self.tone(tone)) if count else Text("0", "dim")

    def _phase_cell(self, row: DashboardRow) -> Text:
        cell = phase_text(row.phase, self.tone)
        if row.phase == "before" and row.missing:
            cell.append(f" ⚠{len(row.missing)}", style=self.tone("warning"))
        return cell

    @on(DataTable.RowHighlighted, "#projects")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = next((r for r in self.rows if str(r.id) == event.row_key.value), None)
        detail = Text()
        if row is not None:
            detail.append_text(literal(row.name, 40, style="bold"))
            if row.phase == "before":
                if row.missing:
                    detail.append(" · not ready to start: ", style=self.tone("awaiting"))
                    detail.append_text(literal("; ".join(row.missing)))
                else:
                    detail.append(" · ready to start", style=self.tone("good"))
            elif row.next_deadline:
                detail.append(" · next: ")
                detail.append_text(literal(row.next_deadline))
            if row.problems:
                detail.append("\n")
                detail.append_text(problem_text(row.problems))
        self.query_one("#detail", Static).update(detail)

    def highlighted_project(self) -> int | None:
        """The project of the highlighted row: what `T` (log time) is about here."""
        return self._selected_id()

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

    # --- correcting, deleting, the clients --------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and delete only with a project to act on."""
        if action in ("edit_project", "delete"):
            return bool(self.rows)
        return True

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
