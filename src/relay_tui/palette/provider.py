"""The palette's provider: what `ctrl+p` lists, in this order: the actions of the screen in
view (`screen_keys`), the tabs of the project in view (`places`), the app's actions and
exports (`app_actions`), every project by name (`places`), then Textual's own commands
(Keys, Theme, Screenshot, Quit…: the app installs no other provider, so that relay's
entries come first)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from relay_tui.palette.app_actions import app_entries
from relay_tui.palette.entry import Entry
from relay_tui.palette.places import is_view, project_entries, tab_entries
from relay_tui.palette.screen_keys import key_entries
from relay_tui.screens.context import RelayNode

if TYPE_CHECKING:
    from relay_tui.services.projects import ProjectRow


class RelayCommands(RelayNode, Provider):
    """Built when the palette opens, on the screen it was opened from (`self.screen`, whose
    focus is kept while the palette is open): its entries are those of that moment."""

    async def startup(self) -> None:
        from relay_tui.services.projects import list_projects

        try:
            rows = await asyncio.to_thread(list_projects, self.relay.store)
        except Exception:  # the palette still offers the actions
            rows = []
        self._entries = self._build(rows)

    def _build(self, rows: list[ProjectRow]) -> list[Entry]:
        screen = self.screen
        keys, shown_ids = key_entries(screen)
        in_view = self.relay.project_in_view()
        project = next((row.name for row in rows if row.id == in_view), None)
        return [
            *keys,
            *tab_entries(screen),
            *app_entries(self.app, project, shown_ids, is_view(screen)),
            *project_entries(self.app, rows),
            *(
                Entry(command.title, command.help, command.callback)
                for command in self.app.get_system_commands(screen)
                if command.discover
            ),
        ]

    @property
    def entries(self) -> list[Entry]:
        return getattr(self, "_entries", [])

    async def discover(self) -> Hits:
        for entry in self.entries:
            yield DiscoveryHit(entry.prompt(), entry.run, text=entry.title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries:
            score = entry.score(matcher)
            if score > 0:
                yield Hit(score, entry.prompt(matcher), entry.run, text=entry.title)
