"""The app's exports, run from the command palette: each writes one file into the user's
documents folder, in a thread worker, and says where (`relay export` writes the same files
from the command line); and the framing's documents for the client (the kick-off summary,
the commitments for the contract), shown to read, copy or save."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relay_tui.i18n import tr, trn

if TYPE_CHECKING:
    from datetime import date, datetime


class ExportActions:
    """Mixin of `RelayApp`: its export actions, on its store and clock."""

    if TYPE_CHECKING:  # given by RelayApp and Textual's App
        store: Any

        def now(self) -> datetime: ...
        def run_worker(self, work: Callable[[], None], **options: Any) -> Any: ...
        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kw: Any) -> Any: ...
        def notify(self, message: str, *, title: str = "") -> None: ...
        def project_or_say(self, what: str) -> int | None: ...
        def today(self) -> date: ...
        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

    def _export(
        self,
        name: str,
        stem: str | Callable[[], str],
        suffix: str,
        write: Callable[[Path], str],
        title: str | None = None,
    ) -> None:
        """The one way the app writes a file: in a thread worker called `name`, into the
        user's documents folder (their home if there is none), named
        `relay-<stem>-<local time>.<suffix>` (`stem` may be read from the store, in the
        worker); `write(target)` writes it and returns what to tell the user."""

        def export_in_thread() -> None:
            from platformdirs import user_documents_path

            folder = user_documents_path()
            if not folder.is_dir():
                folder = folder.home()
            named = stem() if callable(stem) else stem
            target = folder / f"relay-{named}-{self.now().astimezone():%Y%m%d-%H%M%S}.{suffix}"
            said = write(target)
            self.call_from_thread(self.notify, said, title=title or tr("Exported"))

        self.run_worker(
            export_in_thread, thread=True, group="export", name=name, exit_on_error=False
        )

    def action_export_json(self) -> None:
        def write(target: Path) -> str:
            from relay_tui.services.transfer import export_json

            counts = export_json(self.store, target, now=self.now())
            total = sum(counts.values())
            return trn(
                "{n} record written to {path}", "{n} records written to {path}", total, path=target
            )

        self._export("export", "export", "json", write)

    def action_export_craft(self) -> None:
        def write(target: Path) -> str:
            from relay_tui.domain.craft import SECTIONS, craft_markdown
            from relay_tui.services.craft import get_craft_card
            from relay_tui.services.transfer import write_private

            card = get_craft_card(self.store)
            fields = {key: getattr(card, key) for key, _ in SECTIONS} | {"name": card.name}
            write_private(target, craft_markdown(fields))
            return tr("Craft card written to {path}", path=target)

        self._export("export-craft", "craft-card", "md", write)

    def action_export_ics(self) -> None:
        def write(target: Path) -> str:
            from relay_tui.services.calendar import export_ics

            count = export_ics(self.store, target, now=self.now())
            return trn(
                "{n} alarm bell written to {path}: import the file in your calendar app",
                "{n} alarm bells written to {path}: import the file in your calendar app",
                count,
                path=target,
            )

        self._export("export-ics", "alarm-bells", "ics", write, title=tr("Calendar"))

    def action_export_report(self) -> None:
        """The status report of the project in view (`project_in_view`), as `relay report`."""
        project_id = self.project_or_say(tr("the status report"))
        if project_id is None:
            return

        def write(target: Path) -> str:
            from relay_tui.services.status_report import report
            from relay_tui.services.transfer import write_private

            project, text = report(self.store, project_id, self.today())
            write_private(target, text)
            return tr(
                "Status report of {project} written to {path}", project=project.name, path=target
            )

        self._export("export-report", partial(self._stem, "report", project_id), "md", write)

    def action_export_retro(self) -> None:
        """The retrospective of the project in view, as `relay retro --export`."""
        project_id = self.project_or_say(tr("the retrospective"))
        if project_id is None:
            return

        def write(target: Path) -> str:
            from relay_tui.services.projects import project_header
            from relay_tui.services.retro import retro_markdown
            from relay_tui.services.transfer import write_private

            write_private(target, retro_markdown(self.store, project_id))
            name = project_header(self.store, project_id).name
            return tr("Retrospective of {project} written to {path}", project=name, path=target)

        self._export("export-retro", partial(self._stem, "retrospective", project_id), "md", write)

    def action_kickoff(self) -> None:
        """The kick-off summary of the project in view, as `relay export kickoff`."""
        project_id = self.project_or_say(tr("the kick-off summary"))
        if project_id is not None:
            self.open_document(project_id, "kickoff")

    def action_commitments_appendix(self) -> None:
        """The commitments of the project in view, as `relay export commitments`."""
        project_id = self.project_or_say(tr("the commitments"))
        if project_id is not None:
            self.open_document(project_id, "commitments")

    def open_document(self, project_id: int, kind: str) -> None:
        """A framing document of a project for its client in its window, to read, copy or
        save: `kind` is "kickoff" or "commitments"."""
        self.run_worker(
            partial(self._document_in_thread, project_id, kind),
            thread=True,
            group="document",
            exit_on_error=False,
        )

    def _document_in_thread(self, project_id: int, kind: str) -> None:
        from relay_tui.display import file_slug
        from relay_tui.screens.report import ReportModal
        from relay_tui.services.kickoff import commitments_document, kickoff_document

        today = self.today()
        if kind == "kickoff":
            project, text = kickoff_document(self.store, project_id, today)
            title = tr("Kick-off summary: {project}", project=project.name)
        else:
            project, text = commitments_document(self.store, project_id, today)
            title = tr("Commitments for the contract: {project}", project=project.name)
        name = f"{kind}-{file_slug(project.name)}-{today}.md"
        self.call_from_thread(lambda: self.push_screen(ReportModal(title, text, name)))

    def _stem(self, what: str, project_id: int) -> str:
        """`what-<project name as a file name>` (in a worker: it reads the store)."""
        from relay_tui.display import file_slug
        from relay_tui.services.projects import project_header

        return f"{what}-{file_slug(project_header(self.store, project_id).name)}"
