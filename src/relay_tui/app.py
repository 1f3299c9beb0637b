"""RelayApp: global keys, the command palette, theme, the live store, worker errors (its
exports, run from the palette, are in `app_exports`; where the palette's "Go to" entries
lead, and which project is in view, in `app_goto`; Textual's own texts translated, in
`app_textual`).

Everything else lives in `screens/` and `widgets/`; database work goes through
`relay_tui.services` in thread workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from relay_tui.app_checks import StartupChecks
from relay_tui.app_exports import ExportActions
from relay_tui.app_goto import GoToActions
from relay_tui.app_language import LanguageAction
from relay_tui.app_textual import PALETTE_KEY, TextualTexts
from relay_tui.app_undo import UndoAction
from relay_tui.app_watch import StoreWatching
from relay_tui.db import Store
from relay_tui.errors import RelayError
from relay_tui.i18n import tr
from relay_tui.palette import RelayCommands
from relay_tui.screens.capture import CaptureModal, CaptureRequest
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.messages import OpenProject, StoreChanged
from relay_tui.services.live import StoreWatch
from relay_tui.settings import Settings, save_settings
from relay_tui.widgets.labels import printable


@dataclass
class AppOptions:
    """What the app is started with (the CLI and the tests build this)."""

    store: Store
    settings: Settings
    now: Callable[[], datetime] | None = None
    save_settings: bool = True
    watch_interval: float = 1.0
    open_project: int | None = None
    open_retro: int | None = None
    #: Rewrite the `calendar_file` setting's file on each change to the alarm bells (not
    #: for the sample store of `relay --demo`: its bells are not the user's).
    keep_calendar: bool = True


#: The groups of the workers that only read (screens loading what they show).
READ_GROUPS = frozenset(
    {
        "board",
        "capture-projects",
        "clients",
        "contacts",
        "dashboard",
        "project",
        "report",
        "retro-load",
    }
)


class RelayApp(
    StoreWatching,
    ExportActions,
    GoToActions,
    UndoAction,
    TextualTexts,
    StartupChecks,
    LanguageAction,
    App[None],
):
    CSS_PATH: ClassVar[list[str]] = [
        "relay.tcss",
        "widgets/tones.tcss",
        "widgets/keys_panel.tcss",
        "widgets/posture_cards.tcss",
    ]
    TITLE = "relay"
    BINDING_GROUP_TITLE = tr("Everywhere")
    COMMANDS: ClassVar[set[Any]] = {RelayCommands}  # Textual's system commands included
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c", "capture", tr("Capture"), tooltip=tr("Log a contact with the client"), id="capture"
        ),
        Binding("t", "board", tr("Board"), tooltip=tr("The timekeeping board"), id="board"),
        Binding(
            "T",
            "log_time",
            tr("Log time"),
            key_display="T",
            id="log-time",
            tooltip=tr("Log time spent on a project"),
        ),
        Binding(
            "question_mark",
            "toggle_keys",
            tr("Keys"),
            key_display="?",
            id="keys",
            tooltip=tr("Show or hide every key of this screen"),
        ),
        Binding(
            "u", "undo", tr("Undo"), tooltip=tr("Take back your last change"), id="undo", show=False
        ),
        Binding("q", "quit", tr("Quit"), tooltip=tr("Leave relay"), id="quit"),
        PALETTE_KEY,
    ]

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        self.store = options.store
        self.settings = options.settings
        self._watch: StoreWatch | None = None
        self._offline = False
        self.changes = 0  # screens.context.Relay.changes
        self.restart_language: str | None = None  # LanguageAction

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: they quote what users typed (project names,
        errors about their input), which must never be read as markup nor reach the
        terminal as an escape sequence."""
        super().notify(
            printable(message, lines=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # --- time ---------------------------------------------------------------------
    def now(self) -> datetime:
        clock = self.options.now
        return (clock() if clock else datetime.now(UTC)).astimezone(UTC)

    def today(self) -> date:
        return self.now().astimezone().date()

    # --- start-up -----------------------------------------------------------------
    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.problem:
            self.notify(self.settings.problem, severity="warning", timeout=8)
        if self.settings.country not in ("", "none"):
            self.run_worker(self._check_country, thread=True, group="health", exit_on_error=False)
        self.push_screen(DashboardScreen())
        if self.options.open_project is not None:
            self.post_message(OpenProject(self.options.open_project))
        if self.options.open_retro is not None:
            self.open_retro(self.options.open_retro)
        self._keep_calendar_current()
        self.store.after_write.append(self._count_change)
        self._watch = StoreWatch(self.store)
        if self.options.watch_interval > 0:
            self.set_interval(self.options.watch_interval, self.check_store)
        self.run_worker(self._check_health, thread=True, group="health", exit_on_error=False)

    def _keep_calendar_current(self) -> None:
        """The `calendar_file` setting: rewritten after every change to the alarm bells
        (made in a worker: a failure is a notification, thread-safe)."""
        if not (self.settings.calendar_file and self.options.keep_calendar):
            return
        from relay_tui.services.calendar_file import keep_calendar_current

        def warn(message: str) -> None:
            self.notify(message, title=tr("Calendar"), severity="warning", timeout=8)

        keep_calendar_current(self.store, self.settings.calendar_file, warn, now=self.now)

    def _remember_theme(self, theme: Theme) -> None:
        self.settings = self.settings.with_theme(theme.name)
        if self.options.save_settings:
            try:
                save_settings(self.settings)
            except OSError as exc:
                self.notify(
                    tr("Could not save the theme: {problem}", problem=exc.strerror),
                    severity="warning",
                )

    # --- global actions -------------------------------------------------------------
    def action_board(self) -> None:
        from relay_tui.screens.board import BoardScreen

        if not isinstance(self.screen, BoardScreen):
            self.push_screen(BoardScreen())

    def action_capture(self) -> None:
        if isinstance(self.screen, CaptureModal):
            return
        project_id = getattr(self.screen, "project_id", None)
        self.push_screen(CaptureModal(project_id), callback=self._save_capture)

    def _save_capture(self, request: CaptureRequest | None) -> None:
        if request is None:
            return
        self.run_worker(
            lambda: self._capture_in_thread(request),
            thread=True,
            exit_on_error=False,
            group="capture",
            name="capture",
        )

    def _capture_in_thread(self, request: CaptureRequest) -> None:
        from relay_tui.display import local_stamp
        from relay_tui.services.contacts import capture

        try:
            contact, project = capture(self.store, request.as_service_data(), now=self.now())
        except RelayError as exc:
            # Refused or not written (store unreachable, locked or full; the project closed
            # meanwhile): nothing was written. Offer the capture again as it was typed, at
            # the time it was typed, rather than lose it.
            if not request.at:
                typed_at = self.now().astimezone().strftime("%Y-%m-%dT%H:%M")
                request = replace(request, at=typed_at)
            self.call_from_thread(self._capture_again, request, exc.message)
            return
        from relay_tui.stored_words import channel as channel_label

        fields = {
            "project": project.name,
            "channel": channel_label(contact.channel),
            "when": local_stamp(contact.at),
        }
        if contact.awaiting_reply:
            message = tr("Captured on {project}: {channel}, {when}, awaiting a reply", **fields)
        else:
            message = tr("Captured on {project}: {channel}, {when}", **fields)
        self.call_from_thread(partial(self.notify, message, title=tr("Contact saved")))
        self.call_from_thread(self.check_store)

    def _capture_again(self, request: CaptureRequest, problem: str) -> None:
        self.push_screen(CaptureModal(draft=request, problem=problem), callback=self._save_capture)

    def action_new_project(self) -> None:
        from relay_tui.screens.project_form import NewProjectScreen

        def opened(project_id: int | None) -> None:
            if project_id is not None:
                self.post_message(OpenProject(project_id))

        self.push_screen(NewProjectScreen(), callback=opened)

    def open_retro(self, project_id: int) -> None:
        from relay_tui.screens.retro import RetroWizard

        self.push_screen(RetroWizard(project_id))

    def action_log_time(self) -> None:
        """On a project, its time; on a list (dashboard, board), the highlighted row's."""
        project_id = self.project_in_view()
        self.run_worker(
            lambda: self._open_time_log(project_id),
            thread=True,
            group="time-log",
            exit_on_error=False,
        )

    def _open_time_log(self, project_id: int | None) -> None:
        """Load the active projects in a thread, then open the form on the main thread."""
        from relay_tui.screens.time_log import time_log_form
        from relay_tui.services.projects import list_projects

        rows = list_projects(self.store, include_closed=False)
        form = time_log_form(self, project_id, [(r.name, r.id) for r in rows])

        def done(result: object) -> None:
            if result is not None:
                self.notify(tr("Time logged."))
                self.check_store()

        self.call_from_thread(self.push_screen, form, done)

    # --- messages -----------------------------------------------------------------
    def on_open_project(self, message: OpenProject) -> None:
        from relay_tui.screens.project import ProjectScreen

        self.push_screen(
            ProjectScreen(message.project_id, phase=message.phase, expected=message.expected)
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.report_worker_error(event.worker)

    def report_worker_error(self, worker: Worker[Any]) -> None:
        """The one place where failures of background work reach the user (screens and
        widgets forward theirs through `screens.messages.WorkerErrors`)."""
        error: Any = worker.error
        if isinstance(error, RelayError) and error.field == "version":
            # Someone else changed the record since it was shown: nothing was written;
            # show what is in the store now.
            self.notify(
                error.message,
                title=tr("Changed by someone else"),
                severity="warning",
                markup=False,
            )
            self.screen.post_message(StoreChanged())
        elif isinstance(error, RelayError):
            # A reload that failed saved nothing either: say what did not happen.
            title = tr("Could not load") if worker.group in READ_GROUPS else tr("Not saved")
            self.notify(str(error), title=title, severity="error", timeout=8, markup=False)
        else:
            first = (str(error).strip().splitlines() or [type(error).__name__])[0]
            self.notify(
                tr("Something went wrong: {problem}", problem=first),
                title=tr("Error"),
                severity="error",
                timeout=10,
            )


def create_app(
    store: Store,
    settings: Settings | None = None,
    *,
    now: Callable[[], datetime] | None = None,
    save_settings: bool = True,
    watch_interval: float = 1.0,
    open_project: int | None = None,
    open_retro: int | None = None,
    keep_calendar: bool = True,
) -> RelayApp:
    """The one app factory: used by the command line, the tests and the snapshots."""
    from relay_tui.settings import load_settings

    return RelayApp(
        AppOptions(
            store=store,
            settings=settings if settings is not None else load_settings(),
            now=now,
            save_settings=save_settings,
            watch_interval=watch_interval,
            open_project=open_project,
            open_retro=open_retro,
            keep_calendar=keep_calendar,
        )
    )
