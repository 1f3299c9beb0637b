"""The "after" phase: the retrospective, the handover checklist, closing the project, and
the lessons carried forward (to reword or delete)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.display import day_month, file_slug
from relay_tui.domain.after import STEPS, step_titles
from relay_tui.i18n import tr, trn, trp
from relay_tui.screens.after_lessons import OwnLessons
from relay_tui.screens.before_forms import lesson_form
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.phase_pane import PhasePane, PhaseWork
from relay_tui.widgets.labels import printable

if TYPE_CHECKING:
    from relay_tui.services.after_view import AfterView


class AfterPane(PhaseWork, PhasePane, can_focus=True):
    """A phase without tabs: the pane loads, shows and writes itself."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "w",
            "retro",
            tr("Retrospective"),
            id="after-retro",
            tooltip=tr("Open the retrospective wizard (it resumes where you left it)"),
        ),
        Binding(
            "x",
            "export_retro",
            tr("Export retro"),
            id="after-export",
            tooltip=tr("The retrospective as Markdown, to copy or save"),
        ),
        Binding(
            "1",
            "toggle('access')",
            trp("handover item", "Access"),
            id="after-access",
            tooltip=tr("Access handed over (a tick only: relay stores no credentials)"),
        ),
        Binding(
            "2",
            "toggle('invoice')",
            trp("handover item", "Invoice"),
            id="after-invoice",
            tooltip=tr("Invoice sent (only once the deliverables are approved)"),
        ),
        Binding(
            "3",
            "toggle('thanked')",
            trp("handover item", "Thanked"),
            id="after-thanked",
            tooltip=tr("Client thanked"),
        ),
        Binding(
            "C",
            "close_project",
            tr("Close project"),
            key_display="C",
            id="after-close",
            tooltip=tr("Close the project (the checklist, or a reason to override it)"),
        ),
        Binding(
            "O",
            "reopen_project",
            tr("Reopen project"),
            key_display="O",
            id="after-reopen",
            tooltip=tr("Make a closed project active again"),
        ),
        Binding(
            "e",
            "edit_lesson",
            tr("Edit lesson"),
            id="after-edit-lesson",
            tooltip=tr("Reword the selected lesson carried forward"),
        ),
        DELETE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.data: AfterView | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="retro-status")
        yield Static("", id="handover")
        yield Static("", id="closing")
        yield OwnLessons()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Close or reopen, whichever applies to the project as shown; a lesson's keys
        once there is one."""
        if action in ("edit_lesson", "delete"):
            return bool(self.data and self.data.lessons)
        if self.data is not None:
            closed = self.data.handover.status == "closed"
            if action == "close_project":
                return not closed
            if action == "reopen_project":
                return closed
        return True

    @property
    def ready(self) -> bool:
        return self.loaded

    def reload_own(self) -> None:
        self.load()

    def fetch(self, store: Any, today: date) -> AfterView:
        from relay_tui.services.after_view import after_view

        return after_view(store, self.project_id)

    def show(self, data: AfterView, today: date) -> None:
        self.data = data
        self.query_one("#retro-status", Static).update(retro_status(data, self.tone))
        self.query_one("#handover", Static).update(handover_box(data, self.tone))
        self.query_one("#closing", Static).update(closing_text(data, self.tone))
        self.query_one(OwnLessons).show_lessons(data.lessons)
        self.screen.refresh_bindings()  # close or reopen, a lesson's keys (check_action)

    # --- actions --------------------------------------------------------------------
    def action_retro(self) -> None:
        if self.data is not None:
            self.relay.open_retro(self.data.project_id)

    def action_export_retro(self) -> None:
        if self.data is not None:
            self._export(self.data.project_id, self.data.project)

    @work(thread=True, exit_on_error=False, group="retro-export")
    def _export(self, project_id: int, name: str) -> None:
        from relay_tui.screens.report import ReportModal
        from relay_tui.services.retro import retro_markdown

        text = retro_markdown(self.relay.store, project_id)
        file_name = f"retrospective-{file_slug(name)}.md"
        self.app.call_from_thread(
            self.app.push_screen,
            ReportModal(tr("Retrospective: {project}", project=name), text, file_name),
        )

    def action_edit_lesson(self) -> None:
        if (lesson := self.query_one(OwnLessons).selected()) is not None:
            self._open(lesson_form(self.relay, lesson))

    def action_delete(self) -> None:
        if (lesson := self.query_one(OwnLessons).selected()) is not None:
            self.ask_delete("lesson", lesson.id, lesson.version)

    def action_toggle(self, item: str) -> None:
        if self.data is None:
            return
        from relay_tui.services.handover import set_handover

        check = self.data.handover.checklist
        current = {
            "access": check.access_handed_over,
            "invoice": check.invoice_sent,
            "thanked": check.client_thanked,
        }[item]
        pid, now = self.data.project_id, self.relay.now()
        self._write(lambda store: set_handover(store, pid, item, not current, now=now), None)

    def action_close_project(self) -> None:
        if self.data is None:
            return
        pid = self.data.project_id
        if not self.data.handover.checklist.missing():
            from relay_tui.screens.confirm import ConfirmModal
            from relay_tui.services.projects import close_project

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(
                        lambda store: close_project(store, pid, now=self.relay.now()),
                        tr("Project closed. Well done."),
                    )

            self.app.push_screen(
                ConfirmModal(tr("Close {project}?", project=self.data.project)), confirmed
            )
            return
        from relay_tui.schemas import CloseInput, field_errors
        from relay_tui.screens.form import FormField, FormModal
        from relay_tui.services.projects import close_project

        missing = trp("list separator", ", ").join(self.data.handover.checklist.missing())
        self._open(
            FormModal(
                tr("Close without the full checklist"),
                [FormField("override_reason", tr("Why close it now?"), "area")],
                check=lambda data: (
                    field_errors(CloseInput, data)
                    or (
                        {}
                        if data["override_reason"].strip()
                        else {"override_reason": tr("a reason is needed to override")}
                    )
                ),
                submit=lambda data: close_project(
                    self.relay.store, pid, data, now=self.relay.now()
                ),
                intro=tr("Still missing: {missing}.", missing=missing),
                save_label=tr("Close project"),
            ),
            tr("Project closed."),
        )

    def action_reopen_project(self) -> None:
        if self.data is None:
            return
        from relay_tui.services.projects import reopen_project

        pid = self.data.project_id
        self._write(lambda store: reopen_project(store, pid), tr("The project is active again."))


def retro_status(data: AfterView, tone: Callable[[str], Style]) -> Text:
    """Where the retrospective stands: finished, a draft, or not started."""
    retro = data.retro
    text = Text(tr("Retrospective") + "  ", style="bold")
    text.append(tr("(w opens the wizard · x exports it)") + "\n", style="dim")
    if retro.completed_at is not None:
        finished = day_month(retro.completed_at.astimezone().date(), year=True)
        lessons = len(data.lessons)
        if retro.satisfaction:
            line = trn(
                "Finished on {date}, satisfaction {satisfaction}/5, {n} lesson carried forward.",
                "Finished on {date}, satisfaction {satisfaction}/5, {n} lessons carried forward.",
                lessons,
                date=finished,
                satisfaction=retro.satisfaction,
            )
        else:
            line = trn(
                "Finished on {date}, {n} lesson carried forward.",
                "Finished on {date}, {n} lessons carried forward.",
                lessons,
                date=finished,
            )
        text.append(line + "\n", style=tone("good"))
    elif retro.worked or retro.not_worked or retro.improve or retro.step:
        titles = step_titles(str(retro.format))
        text.append(
            tr(
                "Draft saved at step {step} of {steps}: {title}. w resumes it.",
                step=retro.step + 1,
                steps=len(STEPS),
                title=tr(titles[retro.step]),
            )
            + "\n",
            style=tone("awaiting"),
        )
    else:
        text.append(
            tr(
                "Not started. Take twenty minutes once the project is delivered: "
                "w opens the wizard."
            )
            + "\n",
            style="dim",
        )
    return text


def handover_box(data: AfterView, tone: Callable[[str], Style]) -> Text:
    """The handover checklist, a box per item (1, 2 and 3 tick theirs)."""
    check = data.handover.checklist
    box = Text("\n" + tr("Handover checklist") + "  ", style="bold")
    box.append(tr("(1, 2, 3 tick the boxes)") + "\n", style="dim")

    def line(done: bool, label: str, note: str = "") -> None:
        box.append("[x] " if done else "[ ] ", style=tone("good-strong") if done else "bold")
        box.append(label)
        if note:
            box.append(f"  {note}", style="dim")
        box.append("\n")

    approved_note = (
        trn(
            "{validated} of {n} deliverable validated",
            "{validated} of {n} deliverables validated",
            check.validations_total,
            validated=check.validations_total - check.validations_open,
        )
        if check.validations_total
        else tr("no deliverable submitted yet")
    )
    line(check.deliverables_approved, tr("Deliverables approved"), approved_note)
    line(
        check.access_handed_over,
        tr("1 Access handed over"),
        tr("a tick only: relay never stores passwords or keys"),
    )
    refusal = check.invoice_refusal()
    invoice_note = (
        tr("sent on {date}", date=day_month(data.handover.invoice_sent_on, year=True))
        if data.handover.invoice_sent_on
        else tr("not yet: {reason}", reason=refusal)
        if refusal
        else tr("ready to send")
    )
    line(check.invoice_sent, tr("2 Invoice sent"), invoice_note)
    line(check.client_thanked, tr("3 Client thanked"))
    return box


def closing_text(data: AfterView, tone: Callable[[str], Style]) -> Text:
    """Whether the project is closed, or what closing it still needs."""
    check = data.handover.checklist
    closing = Text("\n")
    if data.handover.status == "closed":
        closing.append(tr("This project is closed."), style="bold")
        if data.handover.close_reason:
            reason = printable(data.handover.close_reason, 200)
            closing.append(" " + tr("Closed without the full checklist: {reason}", reason=reason))
        closing.append("  " + tr("(O reopens it)"), style="dim")
    elif check.missing():
        missing = trp("list separator", ", ").join(check.missing())
        closing.append(tr("To close:"), style="bold")
        closing.append(" " + missing + ". ")
        closing.append(tr("C closes anyway, with a reason."), style="dim")
    else:
        closing.append(tr("Everything is done: C closes the project."), style=tone("good-strong"))
    return closing
