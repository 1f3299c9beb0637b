"""The lessons this project's retrospective carried forward, in the after phase: a table
whose selected line the after pane's keys act on (e rewords it, del deletes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import DataTable, Static

from relay_tui.i18n import tr
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import cursor_kept, selected_key

if TYPE_CHECKING:
    from relay_tui.services.retro import LessonView


class OwnLessons(Widget):
    """Shown only once there is a lesson; the table takes the focus then, if the pane had
    it (the after pane has no tabs to put it there)."""

    DEFAULT_CSS = "OwnLessons { height: auto; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lessons: list[LessonView] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="own-lessons-title")
        yield DataTable(id="own-lessons", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(tr("Lesson"), tr("Tags"))
        self.show_lessons([])

    def show_lessons(self, lessons: list[LessonView]) -> None:
        self.lessons = lessons
        title = self.query_one("#own-lessons-title", Static)
        table = self.query_one("#own-lessons", DataTable)
        title.update(
            "\n[b]"
            + tr("Lessons carried forward")
            + "[/]  [dim]"
            + tr("(e rewords one · del deletes it)")
            + "[/]"
        )
        with cursor_kept(table):
            for lesson in lessons:
                table.add_row(
                    literal(lesson.text, 52), literal(lesson.tags, 20), key=str(lesson.id)
                )
        title.display = table.display = bool(lessons)  # nothing hidden takes the focus
        pane = self.parent
        if lessons and pane is not None and pane.has_focus:
            table.focus()  # the arrows move through the lessons, the pane's keys still work

    def selected(self) -> LessonView | None:
        key = selected_key(self.query_one("#own-lessons", DataTable))
        return next((lesson for lesson in self.lessons if str(lesson.id) == key), None)
