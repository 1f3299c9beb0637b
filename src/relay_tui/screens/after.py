"""The "after" phase: the retrospective, the handover checklist, closing the project, and
the lessons carried forward (to reword or delete)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.display import file_slug
from relay_tui.domain.after import STEPS, step_titles
from relay_tui.screens.after_lessons import OwnLessons
from relay_tui.screens.before_forms import lesson_form
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.phase_pane import PhasePane, PhaseWork
from relay_tui.widgets.labels import literal

if TYPE_CHECKING:
    from relay_tui.services.after_view import AfterView


class AfterPane(PhaseWork, PhasePane, can_focus=True):
    """A phase without tabs: the pane loads, shows and writes itself."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "w",
            "retro",
            "Retrospective",
            id="after-retro",
            tooltip="Open the retrospective wizard (it resumes where you left it)",
        ),
        Binding(
            "x",
            "export_retro",
            "Export retro",
            id="after-export",
            tooltip="The retrospective as Markdown, to copy or save",
        ),
        Binding(
            "1",
            "toggle('access')",
            "Access",
            id="after-access",
            tooltip="Access handed over (a tick only: relay stores no credentials)",
        ),
        Binding(
            "2",
            "toggle('invoice')",
            "Invoice",
            id="after-invoice",
            tooltip="Invoice sent (only once the deliverables are approved)",
        ),
        Binding("3", "toggle('thanked')", "Thanked", id="after-thanked", tooltip="Client thanked"),
        Binding(
            "C",
            "close_project",
            "Close project",
            key_display="C",
            id="after-close",
            tooltip="Close the project (the checklist, or a reason to override it)",
        ),
        Binding(
            "O",
            "reopen_project",
            "Reopen project",
            key_display="O",
            id="after-reopen",
            tooltip="Make a closed project active again",
        ),
        Binding(
            "e",
            "edit_lesson",
            "Edit lesson",
            id="after-edit-lesson",
            tooltip="Reword the selected lesson carried forward",
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
        retro = data.retro
        titles = step_titles(str(retro.format))
        text = Text("Retrospective  ", style="bold")
        text.append("(w opens the wizard · x exports it)\n", style="dim")
        if retro.completed_at is not None:
            text.append(
                f"Finished on {retro.completed_at.astimezone():%d %b %Y}", style=self.tone("good")
            )
            if retro.satisfaction:
                text.append(f", satisfaction {retro.satisfaction}/5")
            text.append(
                f", {len(data.lessons)} lesson{'s' if len(data.lessons) != 1 else ''}"
                " carried forward.\n"
            )
        elif retro.worked or retro.not_worked or retro.improve or retro.step:
            text.append(
                f"Draft saved at step {retro.step + 1} of {len(STEPS)}: "
                f"{titles[retro.step]}. w resumes it.\n",
                style=self.tone("awaiting"),
            )
        else:
            text.append(
                "Not started. Take twenty minutes once the project is delivered: "
                "w opens the wizard.\n",
                style="dim",
            )
        self.query_one("#retro-status", Static).update(text)

        check = data.handover.checklist
        box = Text("\nHandover checklist  ", style="bold")
        box.append("(1, 2, 3 tick the boxes)\n", style="dim")

        def line(done: bool, label: str, note: str = "") -> None:
            box.append(
                "[x] " if done else "[ ] ", style=self.tone("good-strong") if done else "bold"
            )
            box.append(label)
            if note:
                box.append(f"  {note}", style="dim")
            box.append("\n")

        approved_note = (
            f"{check.validations_total - check.validations_open} of "
            f"{check.validations_total} deliverables validated"
            if check.validations_total
            else "no deliverable submitted yet"
        )
        line(check.deliverables_approved, "Deliverables approved", approved_note)
        line(
            check.access_handed_over,
            "1 Access handed over",
            "a tick only: relay never stores passwords or keys",
        )
        refusal = check.invoice_refusal()
        invoice_note = (
            f"sent on {data.handover.invoice_sent_on:%d %b %Y}"
            if data.handover.invoice_sent_on
            else f"not yet: {refusal}"
            if refusal
            else "ready to send"
        )
        line(check.invoice_sent, "2 Invoice sent", invoice_note)
        line(check.client_thanked, "3 Client thanked")
        self.query_one("#handover", Static).update(box)

        closing = Text("\n")
        if data.handover.status == "closed":
            closing.append("This project is closed.", style="bold")
            if data.handover.close_reason:
                closing.append(" Closed without the full checklist: ")
                closing.append_text(literal(data.handover.close_reason, 200))
            closing.append("  (O reopens it)", style="dim")
        elif check.missing():
            closing.append("To close: ", style="bold")
            closing.append(", ".join(check.missing()) + ". ")
            closing.append("C closes anyway, with a reason.", style="dim")
        else:
            closing.append(
                "Everything is done: C closes the project.", style=self.tone("good-strong")
            )
        self.query_one("#closing", Static).update(closing)

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
            self.app.push_screen, ReportModal(f"Retrospective: {name}", text, file_name)
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
                        "Project closed. Well done.",
                    )

            self.app.push_screen(ConfirmModal(f"Close {self.data.project}?"), confirmed)
            return
        from relay_tui.schemas import CloseInput, field_errors
        from relay_tui.screens.form import FormField, FormModal
        from relay_tui.services.projects import close_project

        missing = ", ".join(self.data.handover.checklist.missing())
        self._open(
            FormModal(
                "Close without the full checklist",
                [FormField("override_reason", "Why close it now?", "area")],
                check=lambda data: (
                    field_errors(CloseInput, data)
                    or (
                        {}
                        if data["override_reason"].strip()
                        else {"override_reason": "a reason is needed to override"}
                    )
                ),
                submit=lambda data: close_project(
                    self.relay.store, pid, data, now=self.relay.now()
                ),
                intro=f"Still missing: {missing}.",
                save_label="Close project",
            ),
            "Project closed.",
        )

    def action_reopen_project(self) -> None:
        if self.data is None:
            return
        from relay_tui.services.projects import reopen_project

        pid = self.data.project_id
        self._write(lambda store: reopen_project(store, pid), "The project is active again.")
