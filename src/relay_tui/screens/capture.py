"""Quick capture: a modal that logs a contact in a few keystrokes.

`c`, type what was said, `enter`. Tab reaches the project, channel, direction, "awaiting
a reply" and when. Validated as you type by the same rules as `relay capture`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static

from relay_tui.screens.context import RelayNode
from relay_tui.screens.latest import show_if_current
from relay_tui.screens.messages import WorkerErrors
from relay_tui.vocab import Channel
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.labels import literal
from relay_tui.widgets.text_view import SHOW_CONTROLS


@dataclass(frozen=True)
class CaptureRequest:
    """What the modal returns: everything the capture service needs."""

    project_id: int
    text: str
    channel: str
    direction: str
    awaiting: bool
    at: str

    def as_service_data(self) -> dict[str, Any]:
        return {
            "project": self.project_id,
            "summary": self.text,
            "channel": self.channel,
            "direction": self.direction,
            "awaiting_reply": self.awaiting,
            "at": self.at or None,
        }


class CaptureModal(RelayNode, WorkerErrors, ModalScreen[CaptureRequest | None]):
    CSS_PATH = "capture.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving", id="cancel"),
        Binding("enter", "save", "Save", tooltip="Save the contact", id="save", priority=True),
        Binding("ctrl+s", "save", "Save", show=False, id="save-alt"),
    ]

    def __init__(
        self,
        project_id: int | None = None,
        draft: CaptureRequest | None = None,
        problem: str = "",
    ) -> None:
        """`draft` and `problem`: a capture that could not be saved, offered again as it
        was typed, with why (the store was unreachable, say)."""
        super().__init__()
        self.project_id = draft.project_id if draft is not None else project_id
        self.draft = draft
        self.problem = problem
        self.errors: dict[str, str] = {}
        self._projects_loaded = False
        self._project_count = 0
        self._save_when_loaded = False  # enter was pressed before the projects came

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Capture a contact", id="title")
            if self.problem:
                yield Label(
                    literal(f"Not saved: {self.problem}. Press enter to try again."),
                    id="capture-problem",
                    classes="field-error",
                )
            yield Input(placeholder="What was said…", id="text", highlighter=SHOW_CONTROLS)
            yield Label("", id="text-error", classes="field-error")
            with Horizontal(classes="row"):
                yield Select[int]([], prompt="Project", id="project", allow_blank=True)
                yield Select[str](
                    [(c.value, c.value) for c in Channel],
                    value=Channel.email.value,
                    allow_blank=False,
                    id="channel",
                )
            yield Label("", id="project-error", classes="field-error")
            with Horizontal(classes="row"):
                yield Checkbox("From the client (in)", id="inbound")
                yield Checkbox("Awaiting a reply", id="awaiting")
            yield Label("", id="awaiting-error", classes="field-error")
            yield Input(
                placeholder="When (default now): 14:30, yesterday, 2026-12-01T09:15",
                id="at",
                highlighter=SHOW_CONTROLS,
            )
            yield Label("", id="at-error", classes="field-error")
            yield Static(
                "[b]enter[/] save · [b]tab[/] next field · [b]space[/] tick or open a list"
                " · [b]esc[/] cancel",
                id="hint",
            )
        yield RelayFooter()

    def on_mount(self) -> None:
        if self.draft is not None:
            self.query_one("#text", Input).value = self.draft.text
            self.query_one("#channel", Select).value = self.draft.channel
            self.query_one("#inbound", Checkbox).value = self.draft.direction == "in"
            self.query_one("#awaiting", Checkbox).value = self.draft.awaiting
            self.query_one("#at", Input).value = self.draft.at
        self.query_one("#text", Input).focus()
        self.load_projects()

    @work(thread=True, exit_on_error=False, exclusive=True, group="capture-projects")
    def load_projects(self) -> None:
        from relay_tui.errors import RelayError
        from relay_tui.services.projects import list_projects

        try:
            rows = list_projects(self.relay.store, include_closed=False)
        except RelayError as exc:
            # Keep what was typed: enter loads the projects again.
            message = f"Could not load the projects ({exc.message}); enter tries again."
            show_if_current(self.app, self._projects_failed, message)
            return
        show_if_current(self.app, self._fill_projects, [(r.name, r.id) for r in rows])

    def _projects_failed(self, message: str) -> None:
        self.query_one("#project-error", Label).update(literal(message))

    def _fill_projects(self, options: list[tuple[str, int]]) -> None:
        self._projects_loaded = True
        self._project_count = len(options)
        select = self.query_one("#project", Select)
        select.set_options([(literal(name, 60), pid) for name, pid in options])
        ids = [pid for _, pid in options]
        if self.project_id in ids:
            select.value = self.project_id
        elif len(ids) == 1:
            select.value = ids[0]
        if not options:
            self.query_one("#project-error", Label).update(
                literal("No active project: create one first (n on the dashboard).")
            )
        else:
            self.query_one("#project-error", Label).update("")
        if self._save_when_loaded:
            self._save_when_loaded = False
            self.action_save()

    def _data(self) -> dict[str, Any]:
        project = self.query_one("#project", Select).value
        return {
            "project_id": project if isinstance(project, int) else None,
            "summary": self.query_one("#text", Input).value,
            "channel": self.query_one("#channel", Select).value,
            "direction": "in" if self.query_one("#inbound", Checkbox).value else "out",
            "awaiting_reply": self.query_one("#awaiting", Checkbox).value,
            "at": self.query_one("#at", Input).value or None,
        }

    def validate_form(self, *, show_empty_text: bool = False) -> bool:
        from relay_tui.schemas import ContactInput, field_errors

        data = self._data()
        errors = field_errors(
            ContactInput,
            {**data, "project_id": data["project_id"] or 0},
            {"now": self.relay.now()},
        )
        if data["project_id"] is None:
            none_yet = self._projects_loaded and not self._project_count
            errors["project_id"] = (
                "No active project: create one first (n on the dashboard)."
                if none_yet
                else "choose a project"
            )
        text = self.query_one("#text", Input)
        if not show_empty_text and not text.value.strip():
            errors.pop("summary", None)
        self.errors = errors
        for field, label_id in (
            ("summary", "#text-error"),
            ("project_id", "#project-error"),
            ("awaiting", "#awaiting-error"),
            ("at", "#at-error"),
        ):
            message = errors.get(field, "")
            if field == "summary" and message:
                message = f"Text {message}"
            self.query_one(label_id, Label).update(literal(message))
        return not errors

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.validate_form()

    def action_save(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):  # an open drop-down: enter picks the option
            focused.action_select()
            return
        if not self._projects_loaded:
            self.query_one("#project-error", Label).update("Loading the projects…")
            self._save_when_loaded = True
            self.load_projects()
            return
        if not self.validate_form(show_empty_text=True):
            self.app.bell()
            return
        data = self._data()
        self.dismiss(
            CaptureRequest(
                project_id=data["project_id"],
                text=data["summary"],
                channel=str(data["channel"]),
                direction=data["direction"],
                awaiting=bool(data["awaiting_reply"]),
                at=data["at"] or "",
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
