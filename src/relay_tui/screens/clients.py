"""The clients: who the projects are done for, to add, correct or delete (with their
projects, after a question that says so; `u` takes it back)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from relay_tui.i18n import N_, app_language, language_name, tr, trn
from relay_tui.screens.clients_forms import client_form
from relay_tui.screens.deleting import DELETE, Deleting
from relay_tui.screens.messages import WorkerErrors
from relay_tui.screens.reloading import Reloading
from relay_tui.stored_words import channel as channel_label
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import literal
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.tables import cursor_kept, selected_key

if TYPE_CHECKING:
    from relay_tui.services.clients import ClientView
    from relay_tui.services.removal import Removal

#: The columns: (key, label, longest text shown wide, narrow; None: not shown narrow). The
#: last one, the number of projects, is never cut.
COLUMNS: tuple[tuple[str, str, int, int | None], ...] = (
    ("name", N_("Client"), 30, 20),
    ("organisation", N_("Organisation"), 26, 16),
    ("email", N_("Email"), 34, 26),
    ("phone", N_("Phone"), 20, None),
    ("projects", N_("Projects"), 8, 8),
)
#: Under this width the phone column goes (the line under the table still shows it).
NARROW = 100

EMPTY = N_("No client yet. n adds one (a new project can also create its client).")


class ClientsScreen(OwnKeysFirst, Deleting, Reloading, WorkerErrors, Screen[None]):
    CSS_PATH = "clients.tcss"
    LOAD_GROUP = "clients"
    BINDING_GROUP_TITLE = tr("Clients")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "app.pop_screen", tr("Back"), tooltip=tr("Back to the projects"), id="back"
        ),
        Binding("n", "new_client", tr("New client"), tooltip=tr("Add a client"), id="new-client"),
        Binding(
            "e",
            "edit_client",
            tr("Edit"),
            id="edit-client",
            tooltip=tr(
                "Edit the selected client: name, organisation, email, phone, channel, language, "
                "notes"
            ),
        ),
        DELETE,
        Binding("r", "refresh", tr("Refresh"), tooltip=tr("Reload from the store"), id="refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.clients: list[ClientView] = []
        self._narrow: bool | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static("", id="clients-summary")
            yield DataTable(id="clients", cursor_type="row", zebra_stripes=True)
            yield Static("", id="client-detail")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.sub_title = tr("Clients")

    def fetch(self) -> list[ClientView]:
        from relay_tui.services.clients import clients_view

        return clients_view(self.relay.store)

    def show(self, data: list[ClientView]) -> None:
        self.clients = data
        self.refresh_bindings()  # edit and delete need a client (check_action)
        table = self.query_one("#clients", DataTable)
        narrow = self.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            table.clear(columns=True)
            for key, label, _wide, short in COLUMNS:
                if not narrow or short is not None:
                    table.add_column(tr(label), key=key)
        shown = [(key, short if narrow else wide) for key, _, wide, short in COLUMNS]
        with cursor_kept(table):
            for client in data:
                texts = {
                    "name": client.name,
                    "organisation": client.organisation,
                    "email": client.email,
                    "phone": client.phone,
                }
                table.add_row(
                    *(
                        literal(texts[key], width)
                        for key, width in shown
                        if width is not None and key in texts
                    ),
                    Text(str(len(client.projects)), justify="right"),
                    key=str(client.id),
                )
        count = trn("{n} client", "{n} clients", len(data)) if data else tr(EMPTY)
        summary = Text(count)
        summary.append("   " + tr("n adds · e edits · del deletes · esc back"), style="dim")
        self.query_one("#clients-summary", Static).update(summary)
        table.display = bool(data)
        if data and not table.has_focus:
            table.focus()
        self._show_detail()

    def on_resize(self) -> None:
        if self._narrow is not None and self._narrow != (self.size.width < NARROW):
            self.show(self.clients)

    # --- the selected client ----------------------------------------------------------
    def _selected(self) -> ClientView | None:
        key = selected_key(self.query_one("#clients", DataTable))
        return next((c for c in self.clients if str(c.id) == key), None)

    @on(DataTable.RowHighlighted, "#clients")
    def _show_detail(self) -> None:
        client = self._selected()
        detail = Text()
        if client is not None:
            detail.append_text(literal(client.name, 60, style="bold"))
            if client.organisation:
                detail.append(" · ")
                detail.append_text(literal(client.organisation, 60))
            reach = [part for part in (client.email, client.phone) if part]
            if reach or client.channel:
                detail.append("\n")
                detail.append_text(literal(" · ".join(reach), 100))
                if client.channel:
                    prefers = tr("prefers {channel}", channel=channel_label(client.channel))
                    detail.append((" · " if reach else "") + prefers, "dim")
            if client.language and client.language != app_language():
                said = tr("reports in {language}", language=language_name(client.language))
                detail.append("\n" + said, "dim")
            detail.append("\n" + tr("Projects:") + " ", style="bold")
            if client.projects:
                detail.append_text(literal(", ".join(client.projects), 200))
            else:
                detail.append(tr("none yet"), style="dim")
            if client.notes.strip():
                detail.append("\n")
                detail.append_text(literal(" ".join(client.notes.split()), 200, style="italic"))
        self.query_one("#client-detail", Static).update(detail)

    # --- actions ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and delete only with a client to act on."""
        if action in ("edit_client", "delete"):
            return bool(self.clients)
        return True

    def action_new_client(self) -> None:
        self.app.push_screen(client_form(self.relay, None), callback=self._saved)

    def action_edit_client(self) -> None:
        if (client := self._selected()) is not None:
            self.app.push_screen(client_form(self.relay, client), callback=self._saved)

    def _saved(self, result: object) -> None:
        if result is not None:
            self.notify(tr("Client saved."))

    def action_delete(self) -> None:
        if (client := self._selected()) is not None:
            self.ask_delete("client", client.id, client.version)

    def deleted(self, removal: Removal) -> None:
        self.load()
