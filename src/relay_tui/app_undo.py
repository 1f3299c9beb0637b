"""The app's undo (`u`, or the palette): takes back the user's last change, as `relay undo`
does, in a thread worker, and says what was taken back (`services.undo`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relay_tui.i18n import tr


class UndoAction:
    """Mixin of `RelayApp`: `action_undo`, on its store."""

    if TYPE_CHECKING:  # given by RelayApp and Textual's App
        store: Any

        def run_worker(self, work: Callable[[], None], **options: Any) -> Any: ...
        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kw: Any) -> Any: ...
        def notify(self, message: str, *, title: str = "", severity: Any = ...) -> None: ...
        def check_store(self) -> None: ...

    def action_undo(self) -> None:
        self.run_worker(
            self._undo_in_thread, thread=True, group="undo", name="undo", exit_on_error=False
        )

    def _undo_in_thread(self) -> None:
        from relay_tui.errors import Conflict, NotFound
        from relay_tui.services.undo import undo_last

        try:
            step = undo_last(self.store)
        except NotFound:
            self.call_from_thread(self.notify, tr("Nothing to undo."), title=tr("Undo"))
            return
        except Conflict as refused:
            self.call_from_thread(
                self.notify, refused.message, title=tr("Not undone"), severity="warning"
            )
            return
        self.call_from_thread(
            self.notify, tr("Undone: {change}.", change=step.summary), title=tr("Undo")
        )
        self.call_from_thread(self.check_store)  # the screen shows the store as it is now
