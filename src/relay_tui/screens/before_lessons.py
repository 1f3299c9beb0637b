"""Tab 5 of the before phase: lessons from earlier retrospectives (same client first, then
the same kind of project), each to be planned for this project (p: the kick-off summary
shows it to the client, the retrospective asks whether it was kept), turned into a risk or
one of my commitments, or reworded (e) or deleted (del) where it is kept: with the project
it came from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.i18n import tr, trn, trp
from relay_tui.screens.before_forms import lesson_form
from relay_tui.screens.before_tab import EDIT, BeforeTab
from relay_tui.screens.deleting import DELETE
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData


#: The columns, in order (translated on import, like BINDINGS: the app's language is set
#: before screens are imported).
COLUMNS = (
    Column("planned", trp("column of whether a lesson is planned", "Planned"), 1, width=7),
    Column("text", tr("Lesson"), 1, width=60, least=20),
    Column("tags", tr("Tags"), 3, width=20, least=8),
    Column(
        "project", trp("column of the project a lesson comes from", "From"), 2, width=24, least=10
    ),
    Column("why", trp("column of why a lesson is offered", "Why"), 4),
)


class LessonsTab(BeforeTab):
    MAIN_TABLE = "lessons"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "p",
            "plan_lesson",
            tr("Plan"),
            id="lesson-plan",
            tooltip=tr("Plan the lesson for this project, or no longer"),
        ),
        Binding(
            "r",
            "lesson_risk",
            tr("As risk"),
            id="lesson-risk",
            tooltip=tr("Turn the lesson into a risk of this project"),
        ),
        Binding(
            "g",
            "lesson_commitment",
            tr("As commitment"),
            id="lesson-commitment",
            tooltip=tr("Turn the lesson into one of my commitments"),
        ),
        EDIT,
        DELETE,
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="lessons-intro")
        yield FittedTable(COLUMNS, id="lessons")

    def show_data(self, data: BeforeData, today: date) -> None:
        intro = self.query_one("#lessons-intro", Static)
        if data.lessons:
            planned = sum(1 for lesson in data.lessons if lesson.id in data.planned)
            intro.update(
                "[dim]"
                + tr(
                    "Lessons from earlier retrospectives, same client first. "
                    "p plans one for this project (the kick-off summary shows it, the "
                    "retrospective asks whether it was kept); r turns one into a risk, "
                    "g into one of my commitments; e rewords it, del deletes it."
                )
                + " "
                + trn(
                    "{n} lesson planned.",
                    "{n} lessons planned.",
                    planned,
                )
                + "[/]"
            )
        else:
            intro.update(
                "[dim]"
                + tr(
                    "No lesson from an earlier project of this client or of this "
                    "kind yet. Lessons come from the retrospectives."
                )
                + "[/]"
            )
        rows: list[Row] = []
        for lesson in data.lessons:
            cells = {
                "planned": "☑" if lesson.id in data.planned else "☐",
                "text": literal(lesson.text, 60),
                "tags": literal(lesson.tags, 20),
                "project": literal(lesson.project, 24),
                "why": tr("same client") if lesson.same_client else tr("same kind"),
            }
            rows.append((str(lesson.id), cells))
        self.query_one("#lessons", FittedTable).fill(rows)

    # --- actions --------------------------------------------------------------------
    def action_plan_lesson(self) -> None:
        from relay_tui.services.kickoff import plan_lesson

        if self.data is None or (lesson := self._selected_row(self.data.lessons)) is None:
            return
        planned, pid = lesson.id not in self.data.planned, self.project_id
        message = (
            tr("Lesson planned for this project: the kick-off summary shows it.")
            if planned
            else tr("Lesson no longer planned for this project.")
        )
        self._write(lambda store: plan_lesson(store, pid, lesson.id, planned), message)

    def action_lesson_risk(self) -> None:
        from relay_tui.services.risks import lesson_to_risk

        self._carry(lesson_to_risk, tr("The lesson is now a risk of this project (tab 4)."))

    def action_lesson_commitment(self) -> None:
        from relay_tui.services.commitments import lesson_to_commitment

        self._carry(lesson_to_commitment, tr("The lesson is now one of your commitments (tab 3)."))

    def action_edit(self) -> None:
        if self.data and (row := self._selected_row(self.data.lessons)):
            self._open(lesson_form(self.relay, row))

    def action_delete(self) -> None:
        if self.data and (row := self._selected_row(self.data.lessons)):
            self.ask_delete("lesson", row.id, row.version)

    def _carry(self, convert: Callable[[Any, int, int], object], message: str) -> None:
        """Turn the selected lesson into a record of this project with `convert`."""
        lesson, pid = self._selected(), self.project_id
        if lesson is not None:
            self._write(lambda store: convert(store, lesson, pid), message)
