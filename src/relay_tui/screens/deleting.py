"""Deleting the selected record: say what goes with it, ask once (y), delete, say how to
take it back. One flow for every tab and screen that lists records
(`services.removal` decides what goes; `u` brings it all back)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding

from relay_tui.i18n import tr
from relay_tui.screens.confirm import ConfirmModal
from relay_tui.screens.context import RelayNode

if TYPE_CHECKING:
    from relay_tui.services.removal import Removal

#: The key of every list whose lines can be deleted (backspace too: many laptop keyboards
#: have no forward delete key).
DELETE = Binding(
    "delete,backspace",
    "delete",
    tr("Delete"),
    key_display="del",
    id="delete",
    tooltip=tr("Delete the selected line (asks first; u takes it back)"),
)


class Deleting(RelayNode):
    """Mixin for a widget or screen that lists records: `ask_delete` runs the flow, then
    calls `deleted` (by default, nothing more: override it to reload)."""

    def ask_delete(self, kind: str, record_id: int, version: int | None = None) -> None:
        """Delete record `record_id` of `kind` (a `services.removal.KINDS` noun) after a
        yes; refused, and said, if it changed since `version` was read."""
        self._preview_deletion(kind, record_id, version)

    def deleted(self, removal: Removal) -> None:
        """Called once the record is deleted (on the app's thread)."""

    @work(thread=True, exit_on_error=False, group="delete")
    def _preview_deletion(self, kind: str, record_id: int, version: int | None) -> None:
        from relay_tui.services.removal import preview

        removal = preview(self.relay.store, kind, record_id)
        self.app.call_from_thread(self._confirm_deletion, removal, version)  # type: ignore[attr-defined]

    def _confirm_deletion(self, removal: Removal, version: int | None) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(removal, version)

        self.app.push_screen(ConfirmModal(removal.question("u")), answered)  # type: ignore[attr-defined]

    @work(thread=True, exit_on_error=False, group="delete")
    def _delete(self, removal: Removal, version: int | None) -> None:
        from relay_tui.services.removal import delete_record

        done = delete_record(self.relay.store, removal.kind, removal.id, version=version)
        app: Any = self.app  # type: ignore[attr-defined]
        app.call_from_thread(self.notify, done.done("u"), title=tr("Deleted"))  # type: ignore[attr-defined]
        app.call_from_thread(self.deleted, done)
