"""The checks the app runs in the background at start: a country whose public holidays
relay does not know, and a damaged store. Each says one line, and the app goes on."""

from __future__ import annotations

from datetime import date
from typing import Any

from relay_tui.i18n import tr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from relay_tui.db import Store
    from relay_tui.settings import Settings


class StartupChecks:
    """Mixin of `RelayApp`: its start-up checks, run in threads from `on_mount`."""

    if TYPE_CHECKING:  # given by RelayApp
        settings: Settings
        store: Store

        def today(self) -> date: ...

        def call_from_thread(self, callback: Any, *args: Any, **kwargs: Any) -> Any: ...

        def notify(self, message: str, **kwargs: Any) -> None: ...

    def _check_country(self) -> None:
        """A country named in the settings whose public holidays relay does not know: one
        warning (the chase clock then skips weekends and the user's closed days only).
        Reading the holidays here also readies them for the board."""
        from relay_tui.closed_days import for_settings

        problem = for_settings(self.settings).check(self.today())
        if problem:
            self.call_from_thread(self.notify, problem, severity="warning", timeout=10)

    def _check_health(self) -> None:
        """Start-up: a bounded check of the store (services.health); damage gets one line."""
        from relay_tui.aside import run_aside
        from relay_tui.services.health import quick_problem

        # Aside: it reads the whole file, and must not take a core from the screen.
        if run_aside(lambda: quick_problem(self.store)) is not None:
            self.call_from_thread(
                self.notify,
                tr(
                    "The store is damaged: quit and run relay check in a terminal; it says "
                    "which backup to restore."
                ),
                title=tr("Store damaged"),
                severity="error",
                timeout=30,
            )
