"""Tab 2 of the during phase: the contact log, filtered by channel or awaiting a reply,
searched across every project, loaded a page at a time; each contact corrected (e, the
capture form filled with it) or deleted (del).

Live: the log reloads whenever anyone writes (a burst of captures from the shell, a
colleague). A cursor on the newest line stays on the newest, so new contacts show as
they come; moved anywhere else, it stays on its contact."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from relay_tui.display import local_stamp
from relay_tui.i18n import N_, tr, trn
from relay_tui.screens.capture import ContactEditModal
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.during_tab import CHASE, DuringTab, edit_binding, translated
from relay_tui.screens.latest import show_if_current
from relay_tui.stored_words import channel as channel_name
from relay_tui.vocab import Channel
from relay_tui.widgets.labels import flagged, literal, printable
from relay_tui.widgets.tables import Column, FittedTable, Row
from relay_tui.widgets.text_view import SHOW_CONTROLS

if TYPE_CHECKING:
    from relay_tui.services.contacts import ContactView

CHANNEL_FILTERS: tuple[str | None, ...] = (None, *(c.value for c in Channel))
#: A page of contacts, and whether older ones remain.
Page = tuple[list["ContactView"], bool]
#: The columns, in order. The project shows only for a search (of every project); who
#: captured it, only on a shared store.
COLUMNS = (
    Column("when", N_("When"), 1),
    Column("way", "", 1),
    Column("channel", N_("Channel"), 3),
    Column("project", N_("Project"), 2, width=20, least=12),
    Column("summary", N_("Summary"), 1, width=70, least=20),
    Column("by", N_("By"), 4, width=16, least=6),
)


class ContactsTab(DuringTab):
    MAIN_TABLE = "contacts"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Correcting first: the footer keeps the first keys when the width is short.
        edit_binding(tr("Correct the selected contact, or move it to another project")),
        DELETE,
        Binding(
            "slash",
            "search",
            tr("Search"),
            key_display="/",
            id="during-search",
            tooltip=tr("Search every contact of every project"),
        ),
        Binding(
            "f",
            "channel_filter",
            tr("Channel"),
            id="during-channel",
            tooltip=tr("Show one channel at a time"),
        ),
        Binding(
            "w",
            "awaiting_filter",
            tr("Awaiting"),
            id="during-awaiting",
            tooltip=tr("Only the contacts awaiting a reply"),
        ),
        Binding("l", "more", tr("Load more"), id="during-more", tooltip=tr("Older contacts")),
        CHASE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.channel: str | None = None
        self.awaiting_only = False
        self.search_text = ""
        self.today: date | None = None
        self._more = False
        self._last_contact: ContactView | None = None
        #: Several people write to the store: show who captured each contact.
        self.shared = False
        #: Every contact shown, the pages loaded since included.
        self.contacts: list[ContactView] = []

    def compose(self) -> ComposeResult:
        # The search in a box of its own: the focused table hidden with its tab would
        # hand the focus to a sibling that can take it, and that would show this tab
        # again (a number key could not leave a search).
        with Vertical(id="contact-head"):
            yield Input(
                placeholder=tr("Search all contacts of all projects, then enter (escape clears)"),
                id="contact-search",
                highlighter=SHOW_CONTROLS,
            )
            yield Static("", id="contact-filters")
        yield FittedTable(translated(COLUMNS), id="contacts")

    def on_mount(self) -> None:
        self.query_one("#contact-search", Input).display = False

    # --- loading --------------------------------------------------------------------
    def fetch(self, store: Any, today: date) -> tuple[Page, bool]:
        from relay_tui.services.team import is_shared

        return self._page(store, append=False), is_shared(store)

    def _page(self, store: Any, append: bool) -> Page:
        """The contacts the filters and the search select (`append`: the page after the
        last one shown)."""
        from relay_tui.services import contacts

        if self.search_text:
            rows = contacts.search_contacts(store, self.search_text, limit=200)
            rows = [
                r
                for r in rows
                if (not self.channel or r.channel == self.channel)
                and (not self.awaiting_only or r.awaiting)
            ]
            return rows, False
        last = self._last_contact
        rows = contacts.contacts_page(
            store,
            self.project_id,
            channel=self.channel,
            awaiting_only=self.awaiting_only,
            before=(last.at, last.id) if append and last is not None else None,
        )
        return rows, len(rows) >= contacts.PAGE_SIZE

    def show(self, data: tuple[Page, bool], today: date) -> None:
        self.today = today
        (rows, more), self.shared = data
        self._last_contact = None
        hidden = {"by"} if not self.shared else set()
        if not self.search_text:
            hidden.add("project")  # this project's contacts: its name on every line is noise
        self.contacts = []
        table = self.query_one("#contacts", FittedTable)
        on_newest = bool(table.row_count) and table.cursor_row == 0
        shown_before = {key.value for key in table.rows}
        table.fill(self._rows(rows), hidden)
        if on_newest and rows and str(rows[0].id) not in shown_before:
            table.move_cursor(row=0)  # newer contacts came: the newest stays in view
        self._more = more
        self._describe_filters(len(rows))

    @work(thread=True, exclusive=True, group="contacts", exit_on_error=False)
    def _load_more(self) -> None:
        rows, more = self._page(self.relay.store, append=True)
        show_if_current(self.app, self._more_loaded, rows, more)

    def _more_loaded(self, rows: list[ContactView], more: bool) -> None:
        self.query_one("#contacts", FittedTable).extend(self._rows(rows))
        self._more = more
        self._describe_filters(self.query_one("#contacts", FittedTable).row_count)

    def _rows(self, contacts: list[ContactView]) -> list[Row]:
        rows: list[Row] = []
        for c in contacts:
            arrow = Text("←", style=self.tone("inbound")) if c.direction == "in" else Text("→")
            summary = literal(c.summary, 70)
            if c.awaiting:
                summary = Text("⏳ ", style=self.tone("awaiting")) + summary
            if c.is_chase:
                summary.stylize("italic")
            flagged(summary, c.problems)
            cells = {
                "when": local_stamp(c.at, self.today),
                "way": arrow,
                "channel": channel_name(c.channel),
                "project": literal(c.project, 20),
                "summary": summary,
                "by": literal(c.by, 16),
            }
            rows.append((str(c.id), cells))
        self.contacts.extend(contacts)
        if contacts:
            self._last_contact = contacts[-1]
        return rows

    def _describe_filters(self, count: int) -> None:
        parts = []
        if self.search_text:
            search = printable(self.search_text, 40)
            parts.append(tr("search “{text}” in all projects", text=search))
        if self.channel:
            parts.append(tr("channel {channel}", channel=channel_name(self.channel)))
        if self.awaiting_only:
            parts.append(tr("awaiting a reply"))
        shown = "; ".join(parts) if parts else tr("all contacts of this project")
        line = trn("{n} shown: {what}", "{n} shown: {what}", count, what=shown)
        if self._more:
            line = tr("{shown} · l loads older ones", shown=line)
        keys = tr("(/ search · f channel · w awaiting)")
        self.query_one("#contact-filters", Static).update(Text(f"{line}  {keys}", style="dim"))

    # --- filters and search ---------------------------------------------------------
    def action_search(self) -> None:
        field = self.query_one("#contact-search", Input)
        field.display = True
        field.focus()

    @on(Input.Submitted, "#contact-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search_text = event.value.strip()
        if not self.search_text:
            event.input.display = False
        self.load()
        self.query_one("#contacts", FittedTable).focus()

    def on_key(self, event: Any) -> None:
        field = self.query_one("#contact-search", Input)
        if event.key == "escape" and field.has_focus:
            event.stop()
            field.value = ""
            field.display = False
            self.search_text = ""
            self.load()
            self.query_one("#contacts", FittedTable).focus()

    def action_channel_filter(self) -> None:
        index = CHANNEL_FILTERS.index(self.channel)
        self.channel = CHANNEL_FILTERS[(index + 1) % len(CHANNEL_FILTERS)]
        self.load()

    def action_awaiting_filter(self) -> None:
        self.awaiting_only = not self.awaiting_only
        self.load()

    def action_more(self) -> None:
        if self._more and not self.search_text:
            self._load_more()

    # --- corrections ----------------------------------------------------------------
    def action_edit(self) -> None:
        if (row := self._selected_row(self.contacts)) is not None:
            self._open(ContactEditModal(row), tr("Contact corrected."))

    def action_delete(self) -> None:
        if (row := self._selected_row(self.contacts)) is not None:
            self.ask_delete("contact", row.id, row.version)
