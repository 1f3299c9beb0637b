"""What the tabs of the before phase share: their data (`framing.load_before`, one read of
the whole phase), the keys several of them offer (p and o the profiles, e edit; del
deletes, `screens.deleting.DELETE`), each declared once with its id and tooltip, and the
profile forms."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from relay_tui.i18n import tr
from relay_tui.screens.before_forms import profile_form
from relay_tui.screens.phase_pane import PhaseTab

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData

CLIENT_PROFILE = Binding("p", "client_profile", tr("Client profile"), id="client-profile")
MY_PROFILE = Binding("o", "my_profile", tr("My profile"), id="my-profile")
EDIT = Binding("e", "edit", tr("Edit"), id="edit", tooltip=tr("Edit the selected line"))


class BeforeTab(PhaseTab):
    """A tab of the before phase."""

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.data: BeforeData | None = None

    def fetch(self, store: Any, today: date) -> BeforeData:
        from relay_tui.services.before_view import load_before

        return load_before(store, self.project_id, today)

    def show(self, data: BeforeData, today: date) -> None:
        self.data = data
        self.show_data(data, today)

    def show_data(self, data: BeforeData, today: date) -> None:
        """Show the tab's part of the phase."""
        raise NotImplementedError

    def action_client_profile(self) -> None:
        if self.data:
            self._open(
                profile_form(self.relay, self.project_id, "client", self.data.client_profile)
            )

    def action_my_profile(self) -> None:
        if self.data:
            self._open(
                profile_form(self.relay, self.project_id, "provider", self.data.provider_profile)
            )
