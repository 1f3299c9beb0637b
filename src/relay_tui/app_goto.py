"""The app's "Go to" actions, run from the command palette or a key: the dashboard, and the
status report and retrospective wizard of the project in view (`project_in_view`: the
project open, else the highlighted line of the dashboard or the board)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from relay_tui.i18n import tr

if TYPE_CHECKING:
    from datetime import date

    from textual.screen import Screen


class GoToActions:
    """Mixin of `RelayApp`: where the palette's "Go to" entries lead."""

    if TYPE_CHECKING:  # given by RelayApp and Textual's App
        store: Any

        @property
        def screen(self) -> Screen[Any]: ...
        @property
        def screen_stack(self) -> list[Screen[Any]]: ...
        def today(self) -> date: ...
        def open_retro(self, project_id: int) -> None: ...
        def push_screen(self, screen: Any, callback: Any = None) -> Any: ...
        def run_worker(self, work: Callable[[], None], **options: Any) -> Any: ...
        def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kw: Any) -> Any: ...
        def notify(self, message: str, *, title: str = "", severity: Any = ...) -> None: ...

    def project_in_view(self) -> int | None:
        """The project the screen in view is about: the project open under any window on
        top of it (a form, the palette), else the highlighted line of a list of projects
        (the dashboard, the board). None when there is neither."""
        for screen in reversed(self.screen_stack):
            project_id = getattr(screen, "project_id", None)
            if isinstance(project_id, int):
                return project_id
            highlighted = getattr(screen, "highlighted_project", None)
            if callable(highlighted):
                found = highlighted()
                return found if isinstance(found, int) else None
        return None

    def project_or_say(self, what: str) -> int | None:
        """`project_in_view`, or None after telling the user that `what` needs one."""
        project_id = self.project_in_view()
        if project_id is None:
            self.notify(
                tr(
                    "Open a project first, or highlight one on the dashboard: {what} is "
                    "about one project.",
                    what=what,
                ),
                title=tr("Which project?"),
                severity="warning",
            )
        return project_id

    def action_dashboard(self) -> None:
        """Back to the dashboard through the projects and boards open on top of it; a
        window or the retrospective wizard (work typed, not saved yet) stops it there."""
        from relay_tui.screens.board import BoardScreen
        from relay_tui.screens.project import ProjectScreen

        below = [s for s in self.screen_stack if not isinstance(s, ProjectScreen | BoardScreen)]
        if below and below[-1] is not self.screen:
            below[-1].pop_until_active()

    def action_status_report(self) -> None:
        project_id = self.project_or_say(tr("the status report"))
        if project_id is not None:
            self.open_report(project_id)

    def open_report(self, project_id: int) -> None:
        """The status report of a project (`g` on the during phase, or the palette): first
        the user's words on the period, pre-filled with a draft (`PeriodForm`), then the
        report in its window, to read, copy, save or mark as sent."""
        self.run_worker(
            partial(self._report_in_thread, project_id),
            thread=True,
            group="report",
            exit_on_error=False,
        )

    def _report_in_thread(self, project_id: int) -> None:
        from relay_tui.screens.report_period import PeriodForm, kept_drafts
        from relay_tui.services.status_report import report_draft

        draft = report_draft(self.store, project_id, self.today())
        text = kept_drafts(self).get(project_id, draft.draft)  # type: ignore[arg-type]
        form = PeriodForm(self, draft, text)  # type: ignore[arg-type]
        self.call_from_thread(lambda: self.push_screen(form, self._report_written))

    def _report_written(self, ready: Any) -> None:
        """The period's words are in: keep them, and show the report (`e` there comes
        back to the words)."""
        from relay_tui.screens.report import ReportModal
        from relay_tui.screens.report_period import ReportReady, kept_drafts

        if not isinstance(ready, ReportReady):
            return
        kept_drafts(self)[ready.project_id] = ready.period  # type: ignore[arg-type]

        def closed(result: Any) -> None:
            if result == "edit":
                self.open_report(ready.project_id)

        modal = ReportModal(
            ready.title,
            ready.markdown,
            ready.file_name,
            project_id=ready.project_id,
            period=ready.period,
        )
        self.push_screen(modal, closed)

    def action_retro(self) -> None:
        project_id = self.project_or_say(tr("the retrospective"))
        if project_id is not None:
            self.open_retro(project_id)
