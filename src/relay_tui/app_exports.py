"""The app's exports, run from the command palette: each writes one file into the user's
documents folder, in a thread worker, and says where (`relay export` writes the same files
from the command line)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime


class ExportActions:
    """Mixin of `RelayApp`: its export actions, on its store and clock."""

    if TYPE_CHECKING:  # given by RelayApp and Textual's App
        store: Any

        def now(self) -> datetime: ...
        def run_worker(self, work: Callable[[], None], **options: Any) -> Any: ...
        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kw: Any) -> Any: ...
        def notify(self, message: str, *, title: str = "") -> None: ...

    def _export(
        self,
        name: str,
        stem: str,
        suffix: str,
        write: Callable[[Path], str],
        title: str = "Exported",
    ) -> None:
        """The one way the app writes a file: in a thread worker called `name`, into the
        user's documents folder (their home if there is none), named
        `relay-<stem>-<local time>.<suffix>`; `write(target)` writes it and returns what
        to tell the user."""

        def export_in_thread() -> None:
            from platformdirs import user_documents_path

            folder = user_documents_path()
            if not folder.is_dir():
                folder = folder.home()
            target = folder / f"relay-{stem}-{self.now().astimezone():%Y%m%d-%H%M%S}.{suffix}"
            self.call_from_thread(self.notify, write(target), title=title)

        self.run_worker(
            export_in_thread, thread=True, group="export", name=name, exit_on_error=False
        )

    def action_export_json(self) -> None:
        def write(target: Path) -> str:
            from relay_tui.services.transfer import export_json

            counts = export_json(self.store, target, now=self.now())
            return f"{sum(counts.values())} records written to {target}"

        self._export("export", "export", "json", write)

    def action_export_craft(self) -> None:
        def write(target: Path) -> str:
            from relay_tui.domain.craft import SECTIONS, craft_markdown
            from relay_tui.services.craft import get_craft_card
            from relay_tui.services.transfer import write_private

            card = get_craft_card(self.store)
            fields = {key: getattr(card, key) for key, _ in SECTIONS} | {"name": card.name}
            write_private(target, craft_markdown(fields))
            return f"Craft card written to {target}"

        self._export("export-craft", "craft-card", "md", write)

    def action_export_ics(self) -> None:
        def write(target: Path) -> str:
            from relay_tui.services.calendar import export_ics

            count = export_ics(self.store, target, now=self.now())
            return f"{count} alarm bells written to {target}: import the file in your calendar app"

        self._export("export-ics", "alarm-bells", "ics", write, title="Calendar")
