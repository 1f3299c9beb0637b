"""Textual's own texts in the app's language: the command palette's placeholder, the theme
picker's, the titles and help of Textual's commands in the palette (Theme, Quit, Keys…)
and the keys panel (`?`, `widgets.keys_panel`). Only Textual's public API: the palette's
action, `search_themes` and
`get_system_commands` are overridden (the footer's "palette" key is a binding of the app,
`RelayApp.BINDINGS`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette

from relay_tui.i18n import N_, tr

#: The titles and help of Textual's commands in the palette (`get_system_commands`), for
#: the catalogue: they are translated when the palette lists them.
TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


#: Textual's own key of the command palette, as Textual adds it to an app that declares
#: none, in the app's language (the footer's "palette", at its right end).
PALETTE_KEY = Binding(
    App.COMMAND_PALETTE_BINDING,
    "command_palette",
    tr("palette"),
    show=False,
    priority=True,
    tooltip=tr("Open the command palette"),
)


class TextualTexts:
    """Mixin of `RelayApp` (before Textual's `App`): Textual's texts, translated."""

    if TYPE_CHECKING:  # given by Textual's App
        use_command_palette: bool
        screen: Any

        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

        def action_hide_help_panel(self) -> None: ...

    def action_command_palette(self) -> None:
        """Textual's command palette (`ctrl+p`), its placeholder in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=tr("Search for commands…"))
            )

    def search_themes(self) -> None:
        """Textual's theme picker (the palette's "Theme"), its placeholder translated."""
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=tr("Search for themes…"))
        )

    def get_system_commands(self, screen: Any) -> Iterable[SystemCommand]:
        """Textual's commands, their titles and help translated (`TEXTUAL_COMMANDS`; a
        command Textual adds later stays in English until the catalogue has it)."""
        for command in super().get_system_commands(screen):  # type: ignore[misc]
            title, help_text = tr(command.title), tr(command.help)
            yield SystemCommand(title, help_text, command.callback, command.discover)

    def action_toggle_keys(self) -> None:
        """Show or hide the keys panel (Textual's, with the keys in the app's language)."""
        from relay_tui.widgets.keys_panel import KeysPanel

        if self.screen.query(KeysPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_show_help_panel(self) -> None:
        """Textual's action (its palette's "Keys" too), with relay's keys panel."""
        from relay_tui.widgets.keys_panel import KeysPanel

        if not self.screen.query(KeysPanel):
            self.screen.mount(KeysPanel())
