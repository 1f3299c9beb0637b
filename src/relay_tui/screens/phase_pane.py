"""What the phase panes share: tabs switched by number, actions offered per tab, the
selected row of the tab's table, forms, and writes in a worker followed by a reload."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.containers import VerticalScroll
from textual.widgets import DataTable, TabbedContent

from relay_tui.screens.latest import show_if_current
from relay_tui.screens.messages import WorkerErrors
from relay_tui.widgets.tones import Toned

if TYPE_CHECKING:
    from relay_tui.app import RelayApp
    from relay_tui.db import Store


class PhasePane(Toned, WorkerErrors, VerticalScroll):
    DEFAULT_CLASSES = "pane"
    #: tab id → the actions its footer offers.
    TAB_ACTIONS: ClassVar[dict[str, set[str]]] = {}
    #: tab id → the id of its main table.
    TAB_TABLES: ClassVar[dict[str, str]] = {}
    #: the short names used by the number keys → tab ids.
    TAB_KEYS: ClassVar[dict[str, str]] = {}
    #: actions available whatever the tab.
    ALWAYS: ClassVar[set[str]] = {"tab"}
    #: a one-key change is running, or its result is not shown yet (see `_write`).
    _write_pending = False

    @property
    def relay(self) -> RelayApp:
        return self.app  # type: ignore[return-value]

    def _active_tab(self) -> str:
        tabs = self.query(TabbedContent)
        return (tabs.first().active or "") if tabs else ""

    def _focused_table(self) -> str | None:
        return self.TAB_TABLES.get(self._active_tab())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ALWAYS:
            return True
        return action in self.TAB_ACTIONS.get(self._active_tab(), set())

    def action_tab(self, name: str) -> None:
        target = self.TAB_KEYS.get(name, name)
        self.query_one(TabbedContent).active = target
        self._focus_tab(target)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.call_later(self._focus_tab, event.pane.id or "")

    def focus_main(self) -> bool:
        """Focus the table of the tab in view; False when the pane has none."""
        table_id = self.TAB_TABLES.get(self._active_tab())
        if not table_id:
            return False
        self.query_one(f"#{table_id}", DataTable).focus()
        return True

    def _focus_tab(self, pane_id: str) -> None:
        table_id = self.TAB_TABLES.get(pane_id)
        if table_id:
            self.query_one(f"#{table_id}", DataTable).focus()
        self.screen.refresh_bindings()

    def _selected(self, table_id: str) -> int | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key and key.isdigit() else None

    def _show_if_current(self, show: Callable[..., object], *args: object) -> None:
        """From a tab's own load (an exclusive thread worker): see `screens.latest`."""
        show_if_current(self.app, show, *args)

    def _reload(self) -> None:
        refresh = getattr(self.screen, "load", None)
        if callable(refresh):
            refresh()

    def _open(self, form: Any, message: str = "Saved.") -> None:
        def done(result: object) -> None:
            if result is not None:
                self.notify(message)
                self._reload()

        self.app.push_screen(form, callback=done)

    def _write(self, change: Callable[[Store], object], message: str | None) -> None:
        """Run a one-key change, then reload. One at a time: a key pressed before the
        previous change is shown would act on what the screen showed before it (and be
        refused as a change by someone else), so it only rings the bell."""
        if self._write_pending:
            self.app.bell()
            return
        self._write_pending = True
        self._run_write(change, message)

    @work(thread=True, exit_on_error=False, group="pane-write")
    def _run_write(self, change: Callable[[Store], object], message: str | None) -> None:
        try:
            change(self.relay.store)
        except BaseException:
            self.app.call_from_thread(self.result_shown)  # nothing to wait for
            raise
        if message:
            self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self._reload)

    def result_shown(self) -> None:
        """The screen shows the store as it is now (called after each load is shown)."""
        self._write_pending = False
