"""The "during" phase: the banner (what to chase, what the client is late on) above five
tabs, each a widget of its own module: 1 alarm bells (`during_bells`), 2 contact log
(`during_contacts`), 3 validations (`during_validations`), 4 time (`during_time`),
5 incidents (`during_incidents`). `g` opens the status report from any tab.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from relay_tui.i18n import tr
from relay_tui.screens.during_banner import DuringBanner
from relay_tui.screens.during_bells import BellsTab
from relay_tui.screens.during_contacts import ContactsTab
from relay_tui.screens.during_incidents import IncidentsTab
from relay_tui.screens.during_time import TimeTab
from relay_tui.screens.during_validations import ValidationsTab
from relay_tui.screens.phase_pane import PhasePane, PhaseTab


class DuringPane(PhasePane):
    TABS_ID = "during-tabs"
    # The titles of the tabs, like the keys, in the app's language (chosen before the
    # screens are imported): each with its number key.
    TABS: ClassVar[dict[str, tuple[str, type[PhaseTab]]]] = {
        "bells": (tr("1 Alarm bells"), BellsTab),
        "contacts-tab": (tr("2 Contact log"), ContactsTab),
        "validations-tab": (tr("3 Validations"), ValidationsTab),
        "time-tab": (tr("4 Time"), TimeTab),
        "incidents-tab": (tr("5 Incidents"), IncidentsTab),
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('bells')", tr("Alarm bells"), show=False),
        Binding("2", "tab('contacts-tab')", tr("Contacts"), show=False),
        Binding("3", "tab('validations-tab')", tr("Validations"), show=False),
        Binding("4", "tab('time-tab')", tr("Time"), show=False),
        Binding("5", "tab('incidents-tab')", tr("Incidents"), show=False),
        Binding(
            "g",
            "report",
            tr("Report"),
            id="during-report",
            tooltip=tr("The status report for the client"),
        ),
    ]

    def compose(self) -> ComposeResult:
        yield DuringBanner(self.project_id, id="during-banner")
        yield from self.compose_tabs()

    def reload_own(self) -> None:
        self.query_one(DuringBanner).load()

    def action_report(self) -> None:
        self.relay.open_report(self.project_id)
