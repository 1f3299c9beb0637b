"""The app's watch on its store: another program's writes (a capture from the shell, a
colleague on a shared server) reach the screen shown, and every change is counted, so that
a screen kept built knows whether to load again (`screens.context.Relay.changes`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relay_tui.errors import StoreError
from relay_tui.i18n import tr
from relay_tui.screens.messages import StoreChanged


class StoreWatching:
    """Mixin of `RelayApp`: `check_store` (polled), `changes`, closing the watch."""

    if TYPE_CHECKING:  # given by RelayApp and Textual's App
        from relay_tui.services.live import StoreWatch

        store: Any
        screen: Any
        changes: int
        _watch: StoreWatch | None
        _offline: bool

        def run_worker(self, work: Callable[[], None], **options: Any) -> Any: ...
        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kw: Any) -> Any: ...
        def notify(self, message: str, **options: Any) -> None: ...

    def _count_change(self, _tables: frozenset[str] = frozenset()) -> None:
        """One more change to the store (a write of this app, in whichever thread, or of
        another program): `changes` moves (screens.context.Relay.changes)."""
        self.changes += 1

    def check_store(self) -> None:
        """Poll the store; when another program wrote, tell the current screen. A SQLite
        file answers in microseconds; a server is asked from a thread, and while it
        cannot be reached the poll keeps retrying and says so once."""
        if self._watch is None:
            return
        if self.store.location.is_sqlite:
            if self._watch.changed():
                self._count_change()
                self.screen.post_message(StoreChanged())
            return
        self.run_worker(
            self._check_server, thread=True, exclusive=True, group="watch", exit_on_error=False
        )

    def _check_server(self) -> None:
        assert self._watch is not None
        try:
            changed = self._watch.changed()
        except StoreError as problem:
            if not self._offline:
                self._offline = True
                self.call_from_thread(
                    self.notify,
                    tr(
                        "{problem} Retrying every few seconds; nothing you save is lost "
                        "silently: a save that fails says so.",
                        problem=problem,
                    ),
                    title=tr("Store unreachable"),
                    severity="error",
                    timeout=15,
                )
            return
        if self._offline:
            self._offline = False
            self.call_from_thread(
                self.notify, tr("The store answers again."), title=tr("Reconnected")
            )
            changed = True
        if changed:
            self._count_change()
            self.call_from_thread(lambda: self.screen.post_message(StoreChanged()))

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()
