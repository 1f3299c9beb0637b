"""The "before" phase: deciding whether and how to take the project, in five tabs, each a
widget of its own module: 1 overview (`before_overview`), 2 people (`before_people`),
3 commitments (`before_commitments`), 4 risks (`before_risks`), 5 lessons from past
projects (`before_lessons`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from relay_tui.screens.before_commitments import CommitmentsTab
from relay_tui.screens.before_lessons import LessonsTab
from relay_tui.screens.before_overview import OverviewTab
from relay_tui.screens.before_people import PeopleTab
from relay_tui.screens.before_risks import RisksTab
from relay_tui.screens.phase_pane import PhasePane, PhaseTab

TABS: dict[str, tuple[str, type[PhaseTab]]] = {
    "overview": ("1 Overview", OverviewTab),
    "people": ("2 People", PeopleTab),
    "commitments-tab": ("3 Commitments", CommitmentsTab),
    "risks-tab": ("4 Risks", RisksTab),
    "lessons-tab": ("5 Lessons", LessonsTab),
}


class BeforePane(PhasePane):
    TABS_ID = "before-tabs"
    TABS = TABS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"tab('{pane_id}')", title.split(" ", 1)[1], show=False)
        for n, (pane_id, (title, _)) in enumerate(TABS.items(), start=1)
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
