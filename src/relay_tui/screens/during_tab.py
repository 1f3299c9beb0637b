"""What the tabs of the during phase share: the keys several of them offer (n new, e edit,
h chase), each declared once here with its id and tooltip, and chasing."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding

from relay_tui.screens.phase_pane import PhaseTab

NEW = Binding(
    "n", "new", "New", id="during-new", tooltip="A new alarm bell, or a new validation request"
)
EDIT = Binding("e", "edit", "Edit", id="during-edit", tooltip="Edit the selected alarm bell")


def edit_binding(tooltip: str) -> Binding:
    """`EDIT` on a tab whose lines are not alarm bells: `tooltip` says what it edits."""
    return replace(EDIT, tooltip=tooltip)


#: Offered by every tab but the incidents (a dispute is not chased).
CHASE = Binding(
    "h", "chase", "Chase", id="during-chase", tooltip="Log a chase: a new message awaiting a reply"
)


class DuringTab(PhaseTab):
    """A tab of the during phase."""

    def action_chase(self) -> None:
        from relay_tui.services.chasing import log_chase

        pid, now = self.project_id, self.relay.now()
        self._write(
            lambda store: log_chase(store, pid, now=now), "Chase logged: the clock restarts."
        )
