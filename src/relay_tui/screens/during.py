"""The "during" phase: the banner (what to chase, what the client is late on) above five
tabs, each a widget of its own module: 1 alarm bells (`during_bells`), 2 contact log
(`during_contacts`), 3 validations (`during_validations`), 4 time (`during_time`),
5 incidents (`during_incidents`). `g` opens the status report from any tab.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from relay_tui.screens.during_banner import DuringBanner
from relay_tui.screens.during_bells import BellsTab
from relay_tui.screens.during_contacts import ContactsTab
from relay_tui.screens.during_incidents import IncidentsTab
from relay_tui.screens.during_time import TimeTab
from relay_tui.screens.during_validations import ValidationsTab
from relay_tui.screens.phase_pane import PhasePane, PhaseTab

TABS: dict[str, tuple[str, type[PhaseTab]]] = {
    "bells": ("1 Alarm bells", BellsTab),
    "contacts-tab": ("2 Contact log", ContactsTab),
    "validations-tab": ("3 Validations", ValidationsTab),
    "time-tab": ("4 Time", TimeTab),
    "incidents-tab": ("5 Incidents", IncidentsTab),
}


class DuringPane(PhasePane):
    TABS_ID = "during-tabs"
    TABS = TABS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('bells')", "Alarm bells", show=False),
        Binding("2", "tab('contacts-tab')", "Contacts", show=False),
        Binding("3", "tab('validations-tab')", "Validations", show=False),
        Binding("4", "tab('time-tab')", "Time", show=False),
        Binding("5", "tab('incidents-tab')", "Incidents", show=False),
        Binding(
            "g", "report", "Report", id="during-report", tooltip="The status report for the client"
        ),
    ]

    def compose(self) -> ComposeResult:
        yield DuringBanner(self.project_id, id="during-banner")
        yield from self.compose_tabs()

    def reload_own(self) -> None:
        self.query_one(DuringBanner).load()

    def action_report(self) -> None:
        self.relay.open_report(self.project_id)
