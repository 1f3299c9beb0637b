"""What the phases of a project share; the rules of their keys, loads and writes live here.

A phase is a `PhasePane`; each of its tabs a `PhaseTab`, built (and so first loaded) when
first shown, the first one with the phase. A `PhaseWork` is anything that loads, shows
and writes: a tab, the during banner, the after pane (which has no tabs).

Keys: a tab declares its own BINDINGS, which Textual applies while the focus is inside it;
the pane declares the phase's (the number keys of its tabs). Showing a tab puts the focus
inside it (its main table, or the tab itself when it has none), so that its keys work and
show in the footer at once.

Loading: the project screen loads its header, then asks the pane in view to `reload`: its
own parts and the tab in view load again; the other tabs are marked stale and load again
when next shown. Only the latest load of each part is shown (`screens.latest`).

Writing: `PhaseWork._write` runs one change at a time, then reloads (see there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import AwaitMount, Widget
from textual.widgets import DataTable, TabbedContent, TabPane, Tabs

from relay_tui.i18n import N_, tr
from relay_tui.screens.context import RelayNode
from relay_tui.screens.deleting import Deleting
from relay_tui.screens.latest import show_if_current
from relay_tui.screens.messages import WorkerErrors
from relay_tui.services import warming
from relay_tui.widgets.tables import FittedTable
from relay_tui.widgets.tones import Toned

#: The title of each phase, by its name (the id of its pane on the project screen), in
#: English: `tr(PHASE_TITLES[phase])` where shown.
PHASE_TITLES = {"before": N_("Before"), "during": N_("During"), "after": N_("After")}

#: A change made in a worker: called with the store, which it hands to a service.
Change = Callable[[Any], object]


class Identified(Protocol):
    """A view object of a stored record."""

    @property
    def id(self) -> int: ...


Row = TypeVar("Row", bound=Identified)


class PhaseWork(Deleting, RelayNode, Toned, WorkerErrors):
    """Mixin for a widget that loads, shows and writes a part of a phase (deleting the
    selected record with `ask_delete`, then reloading)."""

    #: The id of the table whose selected row the keys act on (None: the part has none).
    MAIN_TABLE: ClassVar[str | None] = None
    #: Set by the widget's constructor.
    project_id: int
    #: Its data was shown at least once.
    loaded = False
    #: Something changed while it was out of view: load again when shown.
    stale = False
    #: A one-key change is running, or its result is not shown yet (see `_write`).
    _write_pending = False

    # --- loading --------------------------------------------------------------------
    def fetch(self, store: Any, today: date) -> Any:
        """What to show, read through the services (in the load's thread)."""
        raise NotImplementedError

    def show(self, data: Any, today: date) -> None:
        """Show what `fetch` read (on the app's thread)."""
        raise NotImplementedError

    def load(self) -> None:
        """Read again and show (a widget not mounted yet loads once it is)."""
        if self.is_mounted:  # type: ignore[attr-defined]
            self._start_load()

    def _start_load(self) -> None:
        self.stale = False
        self._load()

    @work(thread=True, exclusive=True, group="project", exit_on_error=False)
    def _load(self) -> None:
        warming.ready()  # the ORM's import, if still to do: after the screen is built
        today = self.relay.today()
        data = self.fetch(self.relay.store, today)
        show_if_current(self.app, self._deliver, data, today)  # type: ignore[attr-defined]

    def _deliver(self, data: Any, today: date) -> None:
        first = not self.loaded
        self.show(data, today)
        self.loaded = True
        self.result_shown()
        if first:  # the footer waits for the first data of the phase (widgets.footer)
            self.screen.refresh_bindings()  # type: ignore[attr-defined]
            panes = [node for node in self.ancestors if isinstance(node, PhasePane)]  # type: ignore[attr-defined]
            if panes:  # its lines are laid out once the screen refreshes
                self.call_after_refresh(panes[0].place_view)  # type: ignore[attr-defined]

    # --- acting on what is shown ------------------------------------------------------
    def _selected(self, table_id: str | None = None) -> int | None:
        """The id of the selected row of `table_id` (by default the main table)."""
        table = self.query_one(f"#{table_id or self.MAIN_TABLE}", FittedTable)  # type: ignore[attr-defined]
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key and key.isdigit() else None

    def _selected_row(self, rows: Iterable[Row]) -> Row | None:
        """The view object of `rows` whose id is selected in the main table, if any."""
        selected = self._selected()
        return None if selected is None else next((r for r in rows if r.id == selected), None)

    def _reload(self) -> None:
        """The project screen reloads its header, then the parts in view."""
        refresh = getattr(self.screen, "load", None)  # type: ignore[attr-defined]
        if callable(refresh):
            refresh()

    def deleted(self, removal: object) -> None:
        self._reload()

    def _open(self, form: Any, message: str | None = None) -> None:
        """Open a form; once it saved, say `message` (translated by the caller; "Saved."
        by default) and reload."""

        def done(result: object) -> None:
            if result is not None:
                self.notify(message or tr("Saved."))  # type: ignore[attr-defined]
                self._reload()

        self.app.push_screen(form, callback=done)  # type: ignore[attr-defined]

    def _write(self, change: Change, message: str | None) -> None:
        """Run a one-key change, then reload. One at a time: a key pressed before the
        previous change is shown would act on what the screen showed before it (and be
        refused as a change by someone else), so it only rings the bell."""
        if self._write_pending:
            self.app.bell()  # type: ignore[attr-defined]
            return
        self._write_pending = True
        self._run_write(change, message)

    @work(thread=True, exit_on_error=False, group="pane-write")
    def _run_write(self, change: Change, message: str | None) -> None:
        app = self.app  # type: ignore[attr-defined]
        try:
            change(self.relay.store)
        except BaseException:
            app.call_from_thread(self.result_shown)  # nothing to wait for
            raise
        if message:
            app.call_from_thread(self.notify, message)  # type: ignore[attr-defined]
        app.call_from_thread(self._reload)

    def result_shown(self) -> None:
        """It shows the store as it is now (called after each load is shown)."""
        self._write_pending = False


class PhaseTab(PhaseWork, Widget):
    """One tab of a phase: its keys (BINDINGS), its load and show. Built when first shown,
    it loads once mounted."""

    DEFAULT_CSS = "PhaseTab { height: auto; }"

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.project_id = project_id
        #: Where the cursor of each table was last (see `_cursor_in_view`).
        self._cursor_rows: dict[str | None, int] = {}

    def on_mount(self) -> None:
        self._start_load()

    @property
    def pane(self) -> PhasePane:
        """The phase this tab belongs to."""
        return next(node for node in self.ancestors if isinstance(node, PhasePane))

    @property
    def BINDING_GROUP_TITLE(self) -> str:  # type: ignore[override]
        """The tab's name in its phase's tab bar, without its number key ("Alarm bells"):
        the title of its keys in the key panel (`?`) and the command palette."""
        panes = [node for node in self.ancestors if isinstance(node, PhasePane)]
        tabs = panes[0].TABS.values() if panes else ()
        titles = [tr(title) for title, tab in tabs if tab is type(self)]
        return titles[0].split(" ", 1)[-1] if titles else ""

    @on(DataTable.RowHighlighted)
    @on(FittedTable.RowHighlighted)
    def _cursor_in_view(self, event: DataTable.RowHighlighted | FittedTable.RowHighlighted) -> None:
        """The user moved in a table: the phase scrolls to show all of it (the table keeps
        its cursor in view inside). Not on a reload: the lines above stay where they are."""
        table = event.data_table
        moved = self._cursor_rows.get(table.id) not in (None, event.cursor_row)
        self._cursor_rows[table.id] = event.cursor_row
        if moved and table.has_focus:
            table.scroll_visible(animate=False)

    def focus_main(self, scroll: bool = True) -> bool:
        """Put the focus where the tab's keys work: its main table, or the tab itself when
        it has none (such a tab sets `can_focus`). False when neither can take it.
        `scroll`: show the focused widget (else the caller places the view)."""
        if self.MAIN_TABLE is not None:
            self.query_one(f"#{self.MAIN_TABLE}", FittedTable).focus(scroll_visible=scroll)
            return True
        if self.can_focus:
            self.focus(scroll_visible=scroll)
            return True
        return False


#: How many of the focused widget's lines must show for a phase to show from its top.
FIRST_LINES = 3


class PhasePane(RelayNode, WorkerErrors, VerticalScroll, inherit_bindings=False):
    """A phase: its tabs (built when first shown) and the keys of the whole phase (not the
    scrolling keys of VerticalScroll: the tables and the tab bar have their own; ctrl+up
    and ctrl+down scroll the phase, for what lies below a table that has the focus)."""

    DEFAULT_CLASSES = "pane"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+down",
            "scroll_down",
            tr("Scroll down"),
            show=False,
            id="phase-scroll-down",
            tooltip=tr("Scroll the phase down, to what lies below the table"),
        ),
        Binding(
            "ctrl+up",
            "scroll_up",
            tr("Scroll up"),
            show=False,
            id="phase-scroll-up",
            tooltip=tr("Scroll the phase back up"),
        ),
    ]
    #: The id of its TabbedContent, and each tab: TabPane id → (title, tab widget class);
    #: the title, its number key first ("1 Alarm bells"), is translated where shown.
    TABS_ID: ClassVar[str] = ""
    TABS: ClassVar[dict[str, tuple[str, type[PhaseTab]]]] = {}

    def __init__(self, project_id: int, *, first_tab: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.project_id = project_id
        #: The tab shown first (the palette's "Go to tab"), else the first one.
        self._first_tab = first_tab if first_tab in self.TABS else next(iter(self.TABS), None)
        #: The project's name, from the screen's header.
        self.project_name = ""
        self._tabs: dict[str, PhaseTab] = {}
        self._mounts: dict[str, AwaitMount] = {}
        #: The tabs built and loading, that the phase's next `reload` need not load again.
        self._fresh: set[str] = set()
        #: Its own parts load since it was mounted: the first `reload` leaves them.
        self._own_fresh = False

    def on_mount(self) -> None:
        # Its own parts (the during banner, the after pane) load as soon as it is built,
        # as its first tab does, not once the screen has read the project's header.
        self._own_fresh = True
        self.call_later(self.reload_own)  # once mounted: `load` needs it

    def compose_tabs(self) -> ComposeResult:
        """The tabs: the one shown first with its tab widget (built with the phase, in the
        same mount: one layout less when a project opens), the others empty until shown."""
        with TabbedContent(id=self.TABS_ID, initial=self._first_tab or ""):
            for pane_id, (title, tab_class) in self.TABS.items():
                with TabPane(tr(title), id=pane_id):
                    if pane_id == self._first_tab:
                        tab = self._tabs[pane_id] = tab_class(self.project_id)
                        self._fresh.add(pane_id)
                        yield tab

    @property
    def BINDING_GROUP_TITLE(self) -> str:  # type: ignore[override]
        """The phase's title ("During"): the title of its keys in the key panel (`?`) and
        the command palette."""
        title = PHASE_TITLES.get(self.id or "")
        return tr(title) if title else ""

    # --- what is in view ------------------------------------------------------------
    def _active(self) -> str:
        tabs = self.query(TabbedContent)
        return (tabs.first().active or "") if tabs else ""

    def tab_in_view(self) -> PhaseTab | None:
        tab = self._tabs.get(self._active())
        return tab if tab is not None and tab.is_mounted else None

    @property
    def ready(self) -> bool:
        """Whether what is in view has shown its data (the footer waits for it)."""
        tab = self.tab_in_view()
        return tab is not None and tab.loaded

    # --- loading --------------------------------------------------------------------
    def reload_own(self) -> None:
        """Load again the parts of the pane outside its tabs (none by default)."""

    async def reload(self) -> None:
        """After a change: the pane's own parts and the tab in view load again; the other
        tabs load again when next shown."""
        if self._own_fresh:
            self._own_fresh = False  # they load since the pane was mounted (`on_mount`)
        else:
            self.reload_own()
        active = self._active()
        for pane_id, tab in self._tabs.items():
            tab.stale = tab.stale or pane_id != active
        fresh = active not in self._tabs or active in self._fresh
        self._fresh.clear()
        tab = await self._build(active)
        if tab is not None and not fresh:
            tab.load()

    async def _build(self, pane_id: str) -> PhaseTab | None:
        """The tab widget of `pane_id`, mounted (and so loading) if it was not yet."""
        if pane_id not in self.TABS:
            return None
        if pane_id not in self._tabs:
            tab = self._tabs[pane_id] = self.TABS[pane_id][1](self.project_id)
            self._mounts[pane_id] = self.query_one(f"#{pane_id}", TabPane).mount(tab)
        mounting = self._mounts.get(pane_id)  # none for the tab built with the phase
        if mounting is not None:
            await mounting
        return self._tabs[pane_id]

    @on(TabbedContent.TabActivated)
    async def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane_id = event.pane.id or ""
        fresh = pane_id not in self._tabs
        tab = await self._build(pane_id)
        if tab is not None and tab.stale and not fresh:
            tab.load()
        self.call_later(self._focus_tab)

    # --- keys and focus -----------------------------------------------------------------
    def action_tab(self, pane_id: str) -> None:
        """Show a tab (the number keys); its keys work at once (see `focus_main`)."""
        self.query_one(TabbedContent).active = pane_id

    def focus_main(self, scroll: bool = True) -> bool:
        """Put the focus where the keys of the tab in view work (`PhaseTab.focus_main`), or
        else on the tab bar. False when the pane has no tabs. `scroll`: show the focused
        widget (else the caller places the view, `place_view`)."""
        bars = self.query(Tabs)
        if not bars:
            return False
        tab = self.tab_in_view()
        if tab is None or not tab.focus_main(scroll):
            bars.first().focus(scroll_visible=scroll)
        return True

    def place_view(self) -> None:
        """Where the phase shows from, once a part of it has its first data: its top, when
        the focused widget starts in view there (a table's title and first rows), else
        centred on it. Its parts load in any order (each changes the lines above the
        focus), so the view is chosen again from the last layout, never left where an
        earlier one put it."""
        focused = self.screen.focused
        if focused is None or self not in focused.ancestors:
            return
        top = focused.region.y - self.content_region.y + int(self.scroll_y)
        start = min(focused.outer_size.height, FIRST_LINES)
        if top >= 0 and top + start <= self.scrollable_content_region.height:
            self.scroll_to(y=0, animate=False, immediate=True)
        else:
            self.scroll_to_center(focused, animate=False, immediate=True, origin_visible=True)

    def _focus_tab(self) -> None:
        self.focus_main()
        self.screen.refresh_bindings()
