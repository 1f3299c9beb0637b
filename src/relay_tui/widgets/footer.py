"""The footer: Textual's, showing the keys that fit, recomposed only when they change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual import events
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

#: What the footer shows: per key shown, its key, label, state and tooltip.
Shown = tuple[tuple[str, str, bool, str], ...]

#: The keys that always show, whatever the width: how to leave, and how to see every key.
ALWAYS = frozenset({"quit", "keys"})
#: What the command palette's key takes at the right end of the footer (`▏^p palette `).
PALETTE_WIDTH = 12


def key_width(key_display: str, description: str) -> int:
    """The cells a key takes in the footer: ` key description `."""
    return cell_len(key_display) + 2 + (cell_len(description) + 1 if description else 0)


def fitting(keys: Iterable[tuple[str, str, str, str]], room: int) -> set[str]:
    """Which keys of `keys` (id, key, key display, description: in the order the screen
    gives them, the focused widget's first and the app's last) fit in `room` cells.

    `ALWAYS` (quit, keys) are kept; the others are taken in order until one does not fit,
    so the keys farthest from what has the focus (the app's global keys) give way first,
    and never a key before one further in the list. The keys left out are still listed
    by `?`.
    """
    keys = list(keys)
    kept = {key for ident, key, _display, _label in keys if ident in ALWAYS}
    used = sum(key_width(display, label) for _id, key, display, label in keys if key in kept)
    for _ident, key, display, label in keys:
        if key in kept:
            continue
        used += key_width(display, label)
        if used > room:
            break
        kept.add(key)
    return kept


class RelayFooter(Footer):
    """Textual's footer rebuilds all its keys whenever the screen's bindings may have
    changed: on every focus move, tab switch or reload, several times while a project
    opens, at about 60 ms each on a project screen. This one waits for the next refresh
    (several changes in a row make one check) and rebuilds only if the keys shown differ.
    A screen that loads its data first can say so with a `keys_ready` attribute: until it
    is true, the footer waits (its keys depend on what the screen shows).

    When the keys do not all fit, `q Quit` and `? Keys` stay and the others give way,
    the app's global keys first (`fitting`).
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

    def on_resize(self, _event: events.Resize) -> None:
        if self._relay_shown is not None:
            self.bindings_changed(self.screen)

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

    def _relay_candidates(self, screen: Screen[object]) -> list[tuple[str, str, str, str, Any]]:
        """The keys the screen shows: (id, key, key display, description, binding)."""
        return [
            (
                binding.id or "",
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding,
            )
            for _, binding, _enabled, _tooltip in screen.active_bindings.values()
            if binding.show and binding.action != "app.command_palette"
        ]

    def _relay_fitting(self, screen: Screen[object]) -> set[str]:
        width = self.size.width or self.app.size.width
        room = width - PALETTE_WIDTH
        return fitting((c[:4] for c in self._relay_candidates(screen)), room)

    def _relay_keys(self, screen: Screen[object]) -> Shown:
        kept = self._relay_fitting(screen)
        return tuple(
            (binding.key, binding.description, enabled, tooltip or "")
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show and binding.key in kept
        )

    def compose(self) -> ComposeResult:
        """Textual's keys, less those that do not fit (the command palette's stays)."""
        kept = self._relay_fitting(self.screen)
        palette = self.app.COMMAND_PALETTE_BINDING
        for widget in super().compose():
            key = getattr(widget, "key", None)
            if key is None or key in kept or key == palette:
                yield widget
