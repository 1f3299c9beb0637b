"""The status report in a modal: read it, copy it to the clipboard, or save it."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from relay_tui.i18n import tr
from relay_tui.screens.messages import WorkerErrors
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import literal
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.text_view import SHOW_CONTROLS, LiteralTextArea


class ReportModal(OwnKeysFirst, WorkerErrors, ModalScreen[None]):
    """`title` quotes the project's name and `markdown` is made of what users typed: both
    are shown literally (no markup, no escape sequence); copy and save keep `markdown`
    verbatim."""

    CSS_PATH = "report.tcss"
    BINDING_GROUP_TITLE = tr("Document")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", tr("Close"), tooltip=tr("Back to the project"), id="close"),
        Binding("y", "copy", tr("Copy"), tooltip=tr("Copy the report to the clipboard"), id="copy"),
        Binding(
            "w", "save", tr("Write to file"), tooltip=tr("Save the report as Markdown"), id="save"
        ),
    ]

    def __init__(self, title: str, markdown: str, default_name: str) -> None:
        super().__init__()
        self.report_title = title
        self.markdown = markdown
        self.default_name = default_name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal(self.report_title), id="report-title")
            yield LiteralTextArea(self.markdown, read_only=True, id="report-text", soft_wrap=True)
            yield Input(
                placeholder=tr("File name, then enter"),
                id="report-file",
                highlighter=SHOW_CONTROLS,
            )
            yield Label("", id="report-message")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.query_one("#report-file", Input).display = False
        self.query_one("#report-text", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy", "save"):
            return not self.query_one("#report-file", Input).has_focus
        return True

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown)
        self.query_one("#report-message", Label).update(
            literal(tr("Copied to the clipboard: paste it into your email."))
        )
        self.notify(tr("Report copied to the clipboard."))

    def action_save(self) -> None:
        field = self.query_one("#report-file", Input)
        field.display = True
        if not field.value:
            field.value = self.default_name
        field.focus()

    @on(Input.Submitted, "#report-file")
    def _file_chosen(self, event: Input.Submitted) -> None:
        self._write_file(event.value)

    @work(thread=True, exit_on_error=False)
    def _write_file(self, name: str) -> None:
        from pathlib import Path

        from relay_tui.errors import RelayError
        from relay_tui.services.transfer import write_private

        try:
            path = write_private(Path(name).expanduser(), self.markdown)
        except RelayError as exc:
            self.app.call_from_thread(
                self.query_one("#report-message", Label).update, literal(str(exc))
            )
            return
        self.app.call_from_thread(
            self.query_one("#report-message", Label).update,
            literal(tr("Written to {path}", path=path)),
        )
        self.app.call_from_thread(self.notify, tr("Report written to {path}", path=path))

    def action_close(self) -> None:
        field = self.query_one("#report-file", Input)
        if field.has_focus:
            field.display = False
            self.query_one("#report-text", TextArea).focus()
            return
        self.dismiss(None)
