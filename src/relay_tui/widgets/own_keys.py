"""relay's own keys, told apart from the keys every table, list or field has.

A node's own keys are those its relay classes declare in their BINDINGS (a tab's `n`, a
screen's `m`, the app's `c`); the others come with Textual's widgets (a table's cursor
keys and paging, a field's editing keys, `tab` between widgets). `?` lists the screen's
own keys first (`OwnKeysFirst`), and the command palette lists only those
(`relay_tui.palette.screen_keys`, through `relay_bindings`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.binding import ActiveBinding


def _relay_classes(cls: type) -> list[type]:
    """The classes of `cls`'s MRO written in relay, most derived first, but for those whose
    keys are a widget's own as Textual's are (`OWN_KEYS = False`: the line table's cursor)."""
    return [
        klass
        for klass in cls.__mro__
        if klass.__module__.startswith("relay_tui.") and vars(klass).get("OWN_KEYS", True)
    ]


@cache
def declared_actions(cls: type) -> frozenset[str]:
    """The actions of the BINDINGS declared by the relay classes of `cls`'s MRO."""
    return frozenset(
        binding.action
        for klass in _relay_classes(cls)
        for binding in Binding.make_bindings(vars(klass).get("BINDINGS", ()))
    )


def relay_bindings(node: object) -> list[list[Binding]]:
    """The bindings `node`'s relay classes declare (a subclass's before its base's), grouped
    by action: one list per action, a binding per key bound to it ("n,escape" gives two),
    the subclass's first (Textual lets a subclass's binding of a key win)."""
    found: dict[str, list[Binding]] = {}
    for klass in _relay_classes(type(node)):
        for binding in Binding.make_bindings(vars(klass).get("BINDINGS", ())):
            same = found.setdefault(binding.action, [])
            if all(other.key != binding.key for other in same):
                same.append(binding)
    return list(found.values())


class OwnKeysFirst:
    """Mixin of every screen of relay (before `Screen` in its bases): its active bindings
    list first the nodes whose relay classes declare keys, in the order of the focus chain
    (the tab, its phase, the screen, the app), then the others (the focused table's cursor
    keys, the tab bar's); and within a node, its own keys before those it inherits from
    Textual (the screen's `tab` to the next widget). The key panel of `?` and the footer
    show them in this order; which key does what is unchanged (Textual dispatches keys
    along the focus chain)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        nodes = list(dict.fromkeys(active.node for active in bindings.values()))
        nodes.sort(key=lambda node: not declared_actions(type(node)))  # stable: chain order
        rank = {node: index for index, node in enumerate(nodes)}

        def order(item: tuple[str, ActiveBinding]) -> tuple[int, bool]:
            node, binding = item[1].node, item[1].binding
            return rank[node], binding.action not in declared_actions(type(node))

        return dict(sorted(bindings.items(), key=order))
