"""Where the palette leads by name: every tab of a project's phases, from the project in
view ("Go to tab: Risks"), and every project ("Open Bakery website"). The screens reached
from anywhere (the dashboard, the board, the status report, the retrospective) are app
actions (`app_actions`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from relay_tui.i18n import tr
from relay_tui.palette.entry import Entry
from relay_tui.widgets.labels import printable

if TYPE_CHECKING:
    from textual.screen import Screen

    from relay_tui.services.projects import ProjectRow


def is_view(screen: Screen[Any]) -> bool:
    """Whether `screen` is a project or the board: screens that hold nothing typed, which
    "Go to: Dashboard" may leave (`RelayApp.action_dashboard`)."""
    from relay_tui.screens.board import BoardScreen
    from relay_tui.screens.project import ProjectScreen

    return isinstance(screen, ProjectScreen | BoardScreen)


def tab_entries(screen: Screen[Any]) -> list[Entry]:
    """On a project, "Go to tab: <name>" for every tab of every phase (the phase's own
    entry is its key: "Project: After"). The help says the keys that lead there, and the
    name of the tab's number key when it differs ("Contact log" is also "Contacts")."""
    from textual.actions import parse

    from relay_tui.screens.phase_pane import PHASE_TITLES
    from relay_tui.screens.project import PANES, ProjectScreen

    if not isinstance(screen, ProjectScreen):
        return []
    entries = []
    for phase, pane in PANES.items():
        also = {
            parse(binding.action)[2]: binding.description
            for binding in pane.BINDINGS
            if hasattr(binding, "action") and parse(binding.action)[1] == "tab"
        }
        for tab, (title, _) in pane.TABS.items():
            number, name = tr(title).split(" ", 1)
            keys = tr(
                "{phase} phase: {key} then {number}",
                phase=tr(PHASE_TITLES[phase]),
                key=phase[0],
                number=number,
            )
            alias = also.get((tab,), name)
            help_text = keys if alias == name else f"{keys} ({alias})"
            run = partial(screen.show_tab, phase, tab)
            entries.append(Entry(tr("Go to tab: {tab}", tab=name), help_text, run))
    return entries


def project_entries(app: Any, rows: list[ProjectRow]) -> list[Entry]:
    """An entry "Open <name>" for every project, closed ones included (the palette is the way to a
    closed project: the dashboard lists the active ones)."""
    from relay_tui.screens.messages import OpenProject

    return [
        Entry(
            tr("Open {project}", project=printable(row.name, 80)),
            tr("{client} · closed", client=printable(row.client, 60))
            if row.status == "closed"
            else tr("{client} · project", client=printable(row.client, 60)),
            partial(app.post_message, OpenProject(row.id)),
        )
        for row in rows
    ]
