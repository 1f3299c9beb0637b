"""The keys of the phase panes: each tab widget declares its own (see screens.phase_pane),
so a key means one thing wherever the focus is. `l` was once bound twice in the during
pane, told apart by a table of actions per tab."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.binding import Binding

from relay_tui.screens.phase_pane import PhasePane
from relay_tui.screens.project import PANES, ProjectScreen


def keys(owner: type) -> list[str]:
    """The keys `owner` declares itself (a binding may list several, comma-separated)."""
    bindings = owner.__dict__.get("BINDINGS", [])
    assert all(isinstance(b, Binding) for b in bindings), owner
    return [key.strip() for b in bindings for key in b.key.split(",")]


def cases() -> list[tuple[str, type[PhasePane], type | None]]:
    found: list[tuple[str, type[PhasePane], type | None]] = []
    for phase, pane in PANES.items():
        found += [(f"{phase}/{pane_id}", pane, tab) for pane_id, (_, tab) in pane.TABS.items()]
        if not pane.TABS:
            found.append((phase, pane, None))
    return found


@pytest.mark.parametrize(("name", "pane", "tab"), cases(), ids=[c[0] for c in cases()])
def test_no_two_bindings_of_a_tab_and_its_pane_share_a_key(
    name: str, pane: type[PhasePane], tab: type | None
) -> None:
    shared = keys(pane) + (keys(tab) if tab is not None else [])
    assert shared, name
    twice = sorted(key for key, count in Counter(shared).items() if count > 1)
    assert twice == [], f"{name}: bound more than once: {twice}"
    # The project screen's keys (back, the phases, move) work from every tab.
    assert not set(shared) & set(keys(ProjectScreen)), name
