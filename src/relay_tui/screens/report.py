"""The status report in a modal: read it, copy it to the clipboard, or save it; a status
report can also be marked as sent (kept: the next one starts from it), or its period's
words edited again."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from relay_tui.display import long_date
from relay_tui.i18n import tr
from relay_tui.screens.context import RelayNode
from relay_tui.screens.copying import Copying, copied_words
from relay_tui.screens.messages import WorkerErrors
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import literal
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.text_view import SHOW_CONTROLS, LiteralTextArea


class ReportModal(OwnKeysFirst, RelayNode, Copying, WorkerErrors, ModalScreen[Any]):
    """`title` quotes the project's name and `markdown` is made of what users typed: both
    are shown literally (no markup, no escape sequence); copy and save keep `markdown`
    verbatim. With a `project_id` it is that project's status report: `s` keeps it as sent
    today, `e` goes back to the words on the period (closing with "edit")."""

    CSS_PATH = "report.tcss"
    BINDING_GROUP_TITLE = tr("Document")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", tr("Close"), tooltip=tr("Back to the project"), id="close"),
        Binding("y", "copy", tr("Copy"), tooltip=tr("Copy the report to the clipboard"), id="copy"),
        Binding(
            "w", "save", tr("Write to file"), tooltip=tr("Save the report as Markdown"), id="save"
        ),
        Binding(
            "s",
            "mark_sent",
            tr("Mark sent"),
            tooltip=tr("Keep this report as sent today: the next one starts after it"),
            id="mark-sent",
        ),
        Binding(
            "e",
            "edit_period",
            tr("Edit my words"),
            tooltip=tr("Back to what you wrote on the period, to change it"),
            id="edit-period",
        ),
    ]

    def __init__(
        self,
        title: str,
        markdown: str,
        default_name: str,
        *,
        project_id: int | None = None,
        period: str = "",
    ) -> None:
        super().__init__()
        self.report_title = title
        self.markdown = markdown
        self.default_name = default_name
        self.report_project = project_id
        self.period = period
        self.sent = False

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
        if action in ("mark_sent", "edit_period") and self.report_project is None:
            return False  # not a status report: a retrospective, a timeline
        if action == "mark_sent" and self.sent:
            return None
        if action in ("copy", "save", "mark_sent", "edit_period"):
            return not self.query_one("#report-file", Input).has_focus
        return True

    def action_copy(self) -> None:
        self.copy_text(self.markdown, self._copied)

    def _copied(self, program: str | None) -> None:
        said = copied_words(program)
        if self.report_project is not None and not self.sent:
            said += " " + tr("Paste it into your email, then s once sent.")
        self.query_one("#report-message", Label).update(literal(said))
        self.notify(said)

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

    def action_mark_sent(self) -> None:
        if self.report_project is None or self.sent:
            return
        self.sent = True  # one row, however many times s is pressed
        self.refresh_bindings()
        self._mark_sent(self.report_project)

    @work(thread=True, exit_on_error=False, group="report-sent")
    def _mark_sent(self, project_id: int) -> None:
        from relay_tui.errors import RelayError
        from relay_tui.services.reports_sent import mark_report_sent, report_period

        today = self.relay.today()
        try:
            mark_report_sent(self.relay.store, project_id, today, self.period, self.markdown)
            due = report_period(self.relay.store, project_id).next_due
        except RelayError as exc:
            self.app.call_from_thread(self._not_sent, str(exc))
            return
        if due is not None:
            said = tr(
                "Stored as sent on {day}; the next report is due {next}.",
                day=long_date(today, year=False),
                next=long_date(due, year=False),
            )
        else:
            said = tr("Stored as sent on {day}.", day=long_date(today, year=False))
        self.app.call_from_thread(self._sent, said)

    def _sent(self, said: str) -> None:
        drafts = getattr(self.app, "report_drafts", None)
        if isinstance(drafts, dict) and self.report_project is not None:
            drafts.pop(self.report_project, None)  # sent: the next report starts afresh
        self.query_one("#report-message", Label).update(literal(said))
        self.notify(said, title=tr("Report sent"))

    def _not_sent(self, message: str) -> None:
        self.sent = False
        self.refresh_bindings()
        self.query_one("#report-message", Label).update(literal(message))

    def action_edit_period(self) -> None:
        if self.report_project is not None:
            self.dismiss("edit")

    def action_close(self) -> None:
        field = self.query_one("#report-file", Input)
        if field.has_focus:
            field.display = False
            self.query_one("#report-text", TextArea).focus()
            return
        self.dismiss(None)
