"""The footer: Textual's, recomposed only when what it shows changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

#: What the footer shows: per key shown, its key, label, state and tooltip.
Shown = tuple[tuple[str, str, bool, str], ...]


class RelayFooter(Footer):
    """Textual's footer rebuilds all its keys whenever the screen's bindings may have
    changed: on every focus move, tab switch or reload, several times while a project
    opens, at about 60 ms each on a project screen. This one waits for the next refresh
    (several changes in a row make one check) and rebuilds only if the keys shown differ.
    A screen that loads its data first can say so with a `keys_ready` attribute: until it
    is true, the footer waits (its keys depend on what the screen shows).
    """

    def __init__(self) -> None:
        super().__init__()
        self._relay_pending = False
        self._relay_shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._relay_pending:
            return
        self._relay_pending = True
        self.call_after_refresh(self._relay_check, screen)

    def _relay_check(self, screen: Screen[object]) -> None:
        self._relay_pending = False
        if not self.is_attached or screen is not self.screen:
            return  # the screen was closed meanwhile
        if not getattr(screen, "keys_ready", True):
            return  # the screen calls refresh_bindings() once it has shown its data
        shown = self._relay_keys(screen)
        if shown == self._relay_shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus:  # else Textual's footer waits for the focus to come back
            self._relay_shown = shown

    @staticmethod
    def _relay_keys(screen: Screen[object]) -> Shown:
        return tuple(
            (binding.key, binding.description, enabled, tooltip or "")
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
