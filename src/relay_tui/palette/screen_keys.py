"""The actions of the screen in view, in the palette: every key relay declares on the focused
widget and the nodes that hold it (the tab, its phase, the project screen; a form; the
dashboard), read from their BINDINGS when the palette opens, so that a key added to a tab
is in the palette without anything else to write."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.actions import parse
from textual.app import App

from relay_tui.i18n import tr
from relay_tui.palette.entry import Entry
from relay_tui.widgets.own_keys import relay_bindings

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.screen import Screen


def key_entries(screen: Screen[Any]) -> tuple[list[Entry], set[str]]:
    """The entries of the keys that work on `screen` now, innermost first, and the ids of
    their bindings. Each runs its action on the node that declares it, as the key does.

    Left out: a key whose action is hidden or disabled now (the node's `check_action`
    says so: closing a project already closed), a key of the app or one that acts on the
    app (`app.…`: the app's entries say the same, see `app_actions`), a tab's number key
    (the "Go to tab" entries, see `places`), and Textual's own keys (cursor moves)."""
    app = screen.app
    focused = screen.focused
    chain: list[DOMNode] = list(focused.ancestors_with_self) if focused else [screen]
    entries: list[Entry] = []
    ids: set[str] = set()
    for node in chain:
        if isinstance(node, App):
            break
        for bindings in relay_bindings(node):
            binding = bindings[0]
            namespace, name, parameters = parse(binding.action)
            if namespace or binding.system or _tab_key(node, name):
                continue
            if not node.check_action(name, parameters):
                continue  # False: not here now; None: shown disabled
            ids.update(b.id for b in bindings if b.id)
            keys = ", ".join(dict.fromkeys(app.get_key_display(b) for b in bindings))
            entries.append(
                Entry(
                    _title(node, binding),
                    f"{binding.tooltip} ({keys})"
                    if binding.tooltip
                    else tr("Key {keys}", keys=keys),
                    partial(app.run_action, binding.action, node),
                )
            )
    return entries, ids


def _title(node: DOMNode, binding: Binding) -> str:
    """The entry's title, "Alarm bells: Done": the title of the node's keys (its
    `BINDING_GROUP_TITLE`: the tab, the phase, the screen), then what the key does."""
    group = node.BINDING_GROUP_TITLE
    if not group:
        return binding.description
    return tr("{group}: {action}", group=group, action=binding.description)


def _tab_key(node: DOMNode, action: str) -> bool:
    """Whether it is a number key of a phase's tabs (`PhasePane.action_tab`)."""
    from relay_tui.screens.phase_pane import PhasePane

    return isinstance(node, PhasePane) and action == "tab"
