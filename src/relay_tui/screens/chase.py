"""The chase message in a modal (`h` on the during phase and on the board): read it,
adjust it, then copy it or send it by mail, and the chase is logged; or log it alone.

The modal only presents: it gives back what the user chose (`ChaseOutcome`) and the
screen that opened it logs the chase through the service (`propose_chase`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from relay_tui.i18n import tr
from relay_tui.screens.copying import Copying, copied_words
from relay_tui.screens.messages import WorkerErrors
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import literal
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.text_view import LiteralTextArea

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from relay_tui.screens.context import Relay
    from relay_tui.services.chase_message import ChaseMessageView


@dataclass(frozen=True)
class ChaseOutcome:
    """What the user did with the message: the chase to log."""

    subject: str  # the first line of the message as sent: the chase's line in the log
    channel: str | None  # None: the service's default (the request's channel)
    said: str  # what the app says once it is logged


def split_message(text: str) -> tuple[str, str]:
    """The subject (the first line that is not blank) and the body (what follows it)."""
    lines = text.strip("\n").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return "", ""
    return " ".join(lines[0].split()), "\n".join(lines[1:]).strip("\n")


def open_mail(url: str) -> bool:
    """Hand a `mailto:` URL to the system's opener (the mail program set for it): False
    when there is none, or it failed. Never a browser in this terminal: the opener runs
    apart from it, its output discarded."""
    if sys.platform == "win32":  # pragma: no cover - not run on the CI
        try:
            os.startfile(url)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    opener = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if opener is None:
        return False
    try:
        done = subprocess.run(
            [opener, url],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            timeout=15,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return True  # still running: the mail program is open
    except OSError:
        return False
    return done.returncode == 0


class ChaseModal(OwnKeysFirst, Copying, WorkerErrors, ModalScreen["ChaseOutcome | None"]):
    """The message (its first line is the subject) in a text area, read-only until `e`;
    the client's address and the project's name quoted literally."""

    CSS_PATH = "chase.tcss"
    BINDING_GROUP_TITLE = tr("Chase message")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            tr("Cancel"),
            tooltip=tr("Close without logging a chase (while editing: stop editing)"),
            id="chase-cancel",
        ),
        Binding(
            "y",
            "copy",
            tr("Copy and log"),
            tooltip=tr("Copy the message to the clipboard and log the chase"),
            id="chase-copy",
        ),
        Binding(
            "m",
            "mail",
            tr("Mail and log"),
            tooltip=tr("Open the message in your mail program and log the chase"),
            id="chase-mail",
        ),
        Binding(
            "l",
            "log",
            tr("Log only"),
            tooltip=tr("Log the chase without copying or sending the message"),
            id="chase-log",
        ),
        Binding(
            "e",
            "edit",
            tr("Edit"),
            tooltip=tr("Adjust the message before using it (esc when done)"),
            id="chase-edit",
        ),
    ]

    def __init__(self, view: ChaseMessageView) -> None:
        super().__init__()
        self.view = view
        self.editing = False
        self._mailing = False

    @property
    def message_text(self) -> str:
        """The message as it stands, adjusted or not."""
        return self.query_one("#chase-text", TextArea).text

    def compose(self) -> ComposeResult:
        view = self.view
        with Vertical(id="dialog"):
            yield Label(literal(tr("Chase: {project}", project=view.project)), id="chase-title")
            to = view.email or tr("no e-mail address for {client}", client=view.client)
            yield Label(literal(tr("To: {address}", address=to)), id="chase-to")
            yield Label(
                tr("The first line is the subject. e to adjust the message."), id="chase-hint"
            )
            yield LiteralTextArea(view.text, read_only=True, id="chase-text", soft_wrap=True)
            yield Label("", id="chase-said")
        yield RelayFooter()

    def on_mount(self) -> None:
        self.query_one("#chase-text", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy", "mail", "log", "edit"):
            return not self.editing
        return True

    def _say(self, text: str) -> None:
        self.query_one("#chase-said", Label).update(literal(text))

    def _outcome(self, channel: str | None, said: str) -> ChaseOutcome | None:
        subject, _body = split_message(self.message_text)
        if not subject:
            self._say(tr("The message is empty: write it, or esc to cancel."))
            return None
        return ChaseOutcome(subject, channel, said)

    def action_edit(self) -> None:
        area = self.query_one("#chase-text", TextArea)
        self.editing = True
        area.read_only = False
        area.focus()
        self._say(tr("Editing: esc when done."))
        self.refresh_bindings()

    def action_cancel(self) -> None:
        if self.editing:
            self.editing = False
            self.query_one("#chase-text", TextArea).read_only = True
            self._say("")
            self.refresh_bindings()
            return
        self.dismiss(None)

    def action_copy(self) -> None:
        if self._outcome(None, "") is None:
            return
        self.copy_text(self.message_text, self._copied)

    def _copied(self, program: str | None) -> None:
        said = tr("{copied} Chase logged: the clock restarts.", copied=copied_words(program))
        outcome = self._outcome(None, said)
        if outcome is not None and self.is_attached:
            self.dismiss(outcome)

    def action_log(self) -> None:
        outcome = self._outcome(None, tr("Chase logged: the clock restarts."))
        if outcome is not None:
            self.dismiss(outcome)

    def action_mail(self) -> None:
        if self._mailing:
            self.app.bell()
            return
        subject, body = split_message(self.message_text)
        if not subject:
            self._say(tr("The message is empty: write it, or esc to cancel."))
            return
        from relay_tui.domain.chase_message import mailto

        self._mailing = True
        self._say(tr("Opening your mail program…"))
        self._open_mail(mailto(self.view.email, subject, body))

    @work(thread=True, exit_on_error=False, group="chase-mail")
    def _open_mail(self, url: str) -> None:
        opened = open_mail(url)
        self.app.call_from_thread(self._mail_opened, opened)

    def _mail_opened(self, opened: bool) -> None:
        self._mailing = False
        if not opened:
            self._say(
                tr(
                    "Nothing could open a mail here: the message is still here, "
                    "copy it with y (the chase is logged then)."
                )
            )
            return
        outcome = self._outcome(
            "email", tr("Message opened in your mail program and chase logged.")
        )
        if outcome is not None:
            self.dismiss(outcome)


def propose_chase(
    host: DOMNode, relay: Relay, project_id: int, log: Callable[[ChaseOutcome], Any]
) -> None:
    """Write the chase message of `project_id` in a worker of `host`, show it, and hand
    what the user chose to `log` (nothing when cancelled)."""

    def build() -> None:
        from relay_tui.closed_days import for_settings
        from relay_tui.services.chase_message import chase_message

        view = chase_message(relay.store, project_id, relay.today(), for_settings(relay.settings))

        def chosen(outcome: ChaseOutcome | None) -> None:
            if outcome is not None:
                log(outcome)

        host.app.call_from_thread(host.app.push_screen, ChaseModal(view), chosen)

    host.run_worker(build, thread=True, group="chase", exit_on_error=False)
