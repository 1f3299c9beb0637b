"""The "before" phase: deciding whether and how to take the project, in five tabs, each a
widget of its own module: 1 overview (`before_overview`), 2 people (`before_people`),
3 commitments (`before_commitments`), 4 risks (`before_risks`), 5 lessons from past
projects (`before_lessons`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from relay_tui.i18n import tr
from relay_tui.screens.before_commitments import CommitmentsTab
from relay_tui.screens.before_lessons import LessonsTab
from relay_tui.screens.before_overview import OverviewTab
from relay_tui.screens.before_people import PeopleTab
from relay_tui.screens.before_risks import RisksTab
from relay_tui.screens.phase_pane import PhasePane, PhaseTab

#: Each tab: its number, a space, its title (the key panel shows the title alone). Like
#: BINDINGS, translated on import: the app's language is set before screens are imported.
TABS: dict[str, tuple[str, type[PhaseTab]]] = {
    # TRANSLATORS: a tab's title: keep its number and the space after it.
    "overview": (tr("1 Overview"), OverviewTab),
    # TRANSLATORS: a tab's title: keep its number and the space after it.
    "people": (tr("2 People"), PeopleTab),
    # TRANSLATORS: a tab's title: keep its number and the space after it.
    "commitments-tab": (tr("3 Commitments"), CommitmentsTab),
    # TRANSLATORS: a tab's title: keep its number and the space after it.
    "risks-tab": (tr("4 Risks"), RisksTab),
    # TRANSLATORS: a tab's title: keep its number and the space after it.
    "lessons-tab": (tr("5 Lessons"), LessonsTab),
}


class BeforePane(PhasePane):
    TABS_ID = "before-tabs"
    TABS = TABS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"tab('{pane_id}')", title.split(" ", 1)[1], show=False)
        for n, (pane_id, (title, _)) in enumerate(TABS.items(), start=1)
    ] + [
        Binding(
            "K",
            "kickoff",
            tr("Kick-off"),
            key_display="K",
            id="before-kickoff",
            tooltip=tr("The kick-off summary for the client, to read, copy or save"),
        )
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()

    def action_kickoff(self) -> None:
        self.relay.open_document(self.project_id, "kickoff")
