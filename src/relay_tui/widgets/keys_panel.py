"""The keys panel (`?`): every key of the screen, in the app's language.

Textual's HelpPanel lists the keys with their descriptions as written, and the keys of
Textual's own widgets (a table's Top and Bottom, an input's Select all, tab's Focus Next)
are written in English. This panel is the same list with each description, tooltip and
group title passed through the catalogue: relay's are already translated (they are
translated when their screens are imported) and stay as they are; Textual's are msgids of
`TEXTUAL_KEYS`. Only public API: HelpPanel's `compose`, the screen's `active_bindings` and
its `bindings_updated_signal`.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import HelpPanel, Markdown, Static

from relay_tui.i18n import N_, tr

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import Binding
    from textual.screen import Screen

#: The descriptions of the keys of Textual's widgets that relay uses, for the catalogue
#: (listed by `tests/screens/test_app_language.py` from the widgets themselves).
TEXTUAL_KEYS = (
    # The app and every screen.
    N_("Quit"), N_("Quit the app and return to the command prompt."),
    N_("Focus Next"), N_("Focus Previous"), N_("Copy selected text"),
    # Buttons, tick boxes, tables, lists, tabs, menus.
    N_("Press button"), N_("Toggle"), N_("Select"),
    N_("Cursor up"), N_("Cursor down"), N_("Cursor right"), N_("Cursor left"),
    N_("Page up"), N_("Page down"), N_("Top"), N_("Bottom"), N_("Home"), N_("End"),
    N_("Scroll Up"), N_("Scroll Down"), N_("Scroll Left"), N_("Scroll Right"),
    N_("Scroll Home"), N_("Scroll End"),
    N_("Page Up"), N_("Page Down"), N_("Page Left"), N_("Page Right"),
    N_("Down"), N_("Up"), N_("First"), N_("Last"),
    N_("Show menu"), N_("Dismiss menu"), N_("Previous tab"), N_("Next tab"),
    # One-line fields.
    N_("Input"),
    N_("Move cursor left"), N_("Move cursor left and select"),
    N_("Move cursor left a word"), N_("Move cursor left a word and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Move cursor right and select"), N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Delete character left"), N_("Delete character right"), N_("Select all"),
    N_("Go to start"), N_("Go to end"), N_("Select line start"), N_("Select line end"),
    N_("Submit"), N_("Delete left to start of word"), N_("Delete all to the left"),
    N_("Delete right to start of word"), N_("Delete all to the right"),
    N_("Cut selected text"), N_("Paste text from the clipboard"),
    # Text areas.
    N_("Cursor word left"), N_("Cursor word right"),
    N_("Cursor line start"), N_("Cursor line end"),
    N_("Cursor page up"), N_("Cursor page down"),
    N_("Cursor left word select"), N_("Cursor right word select"),
    N_("Cursor line start select"), N_("Cursor line end select"),
    N_("Cursor up select"), N_("Cursor down select"),
    N_("Cursor left select"), N_("Cursor right select"),
    N_("Select line"), N_("Cut"), N_("Copy"), N_("Paste"),
    N_("Delete to line start"), N_("Delete to line end"), N_("Delete line"),
    N_("Undo"), N_("Redo"),
)  # fmt: skip


class KeysTable(Static):
    """The table of the screen's keys, grouped as Textual groups them."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-table--key",
        "keys-table--description",
        "keys-table--header",
    }

    def on_mount(self) -> None:
        self.update(self.table())

    def table(self) -> Table:
        key_style = self.get_component_rich_style("keys-table--key")
        description_style = self.get_component_rich_style("keys-table--description")
        header_style = self.get_component_rich_style("keys-table--header")
        table = Table(padding=(0, 0), show_header=False, box=box.SIMPLE)
        table.add_column("", justify="right")
        bindings = self.screen.active_bindings.values()
        for namespace, grouped in groupby(bindings, key=itemgetter(0)):
            by_action: dict[str, list[Binding]] = defaultdict(list)
            for _node, binding, _enabled, _tooltip in grouped:
                if not binding.system:
                    by_action[binding.action].append(binding)
            if not by_action:
                continue
            title = namespace.BINDING_GROUP_TITLE
            if title:
                table.add_row("", Text(tr(title), style=header_style, end=""))
            for same in by_action.values():
                binding = same[0]
                keys = " ".join(dict.fromkeys(self.app.get_key_display(b) for b in same))
                text = Text(tr(binding.description), style=description_style, end="")
                if binding.tooltip:
                    text.append(" " + tr(binding.tooltip), "dim")
                table.add_row(Text(keys, style=key_style), text)
            table.add_section()
        return table


class KeysList(VerticalScroll, can_focus=False):
    """The keys, kept up to date with the screen's bindings."""

    def compose(self) -> ComposeResult:
        yield KeysTable(id="keys-table")

    def on_mount(self) -> None:
        mounted_on = self.screen

        def changed(screen: Screen[object]) -> None:
            if self.is_attached and screen is mounted_on and screen.app.app_focus:
                self.call_after_refresh(self._refresh_table)

        self.screen.bindings_updated_signal.subscribe(self, changed)

    def _refresh_table(self) -> None:
        if self.is_attached:
            table = self.query_one(KeysTable)
            table.update(table.table())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)


class KeysPanel(HelpPanel):
    """Textual's help panel (the focused widget's help, then the keys), with the keys in
    the app's language."""

    def compose(self) -> ComposeResult:
        yield Markdown(id="widget-help")
        yield KeysList(id="keys-help")
