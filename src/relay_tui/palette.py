"""The command palette (ctrl+p): open any project by name, and relay's actions."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from relay_tui.screens.context import RelayNode
from relay_tui.widgets.labels import printable

#: (title, help, app action): every action of the app, keys or not, is reachable here.
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("New project", "Create a project (and its client)", "new_project"),
    ("Capture a contact", "Log a call, an email or a meeting", "capture"),
    ("Timekeeping board", "What needs doing across all projects", "board"),
    ("Log time", "Minutes spent on a project", "log_time"),
    ("Undo the last change", "Take back your last add, edit or delete (u)", "undo"),
    ("Export all data (JSON)", "Write the whole store to a JSON file", "export_json"),
    (
        "Export my craft card (Markdown)",
        "Write your craft card to a Markdown file",
        "export_craft",
    ),
    (
        "Export alarm bells to a calendar (.ics)",
        "One event per open deadline, with alarms",
        "export_ics",
    ),
)


class RelayCommands(RelayNode, Provider):
    """Projects first (by name), then actions."""

    async def startup(self) -> None:
        from relay_tui.services.projects import list_projects

        try:
            rows = await asyncio.to_thread(list_projects, self.relay.store)
        except Exception:  # the palette still offers the actions
            rows = []
        self._projects = [(row.id, row.name, row.client, row.status) for row in rows]

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(title, help, callback): the titles and helps of projects quote what users
        typed, so they are never given to the palette as markup (see `_prompt`)."""
        from relay_tui.screens.messages import OpenProject

        app = self.app
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for project_id, name, client, status in getattr(self, "_projects", []):
            state = "closed" if status == "closed" else "project"
            commands.append(
                (
                    f"Open {printable(name, 80)}",
                    f"{printable(client, 60)} · {state}",
                    partial(app.post_message, OpenProject(project_id)),
                )
            )
        for title, help_text, action in ACTIONS:
            commands.append((title, help_text, partial(app.run_action, action)))
        return commands

    @staticmethod
    def _prompt(title: Content, help_text: str) -> Content:
        """The title, then its help dimmed on a second line, as Content: the palette
        parses a `str` prompt or help as markup, never a Content."""
        return Content.assemble(title, "\n", (help_text, "dim"))

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(self._prompt(Content(title), help_text), callback, text=title)

    async def search(self, query: str) -> AsyncGenerator[Hit, None]:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                prompt = self._prompt(_highlight(matcher, title), help_text)
                yield Hit(score, prompt, callback, text=title)


def _highlight(matcher: Matcher, title: str) -> Content:
    """`Matcher.highlight` without its markup parsing: the matched letters of `title`
    in the palette's highlight style."""
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
