"""Quick capture: a modal that logs a contact in a few keystrokes.

`c`, type what was said, `enter`. Tab reaches the project, channel, direction, "awaiting
a reply" and when. Validated as you type by the same rules as `relay capture`. A form
like the others (`screens.form.SavingModal`): enter saves from a one-line field, opens a
drop-down, ticks a box; `ctrl+s` saves from anywhere.

Correcting a contact (`e` in the contact log) is the same form, filled with it
(`ContactEditModal`): one definition of a contact's fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select

from relay_tui.errors import RelayError
from relay_tui.i18n import N_, tr
from relay_tui.screens.context import RelayNode
from relay_tui.screens.form import SavingModal, version_of
from relay_tui.screens.latest import show_if_current
from relay_tui.stored_words import channel as channel_label
from relay_tui.vocab import Channel
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.form_fields import FormInput, TickBox
from relay_tui.widgets.labels import literal

if TYPE_CHECKING:
    from relay_tui.services.contacts import ContactView

#: What the When field takes, said in its label (`domain.parsing.parse_when` reads it).
WHEN_HINT = N_("14:30, yesterday 10:00, 2026-12-01 09:15")


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


class CaptureModal(RelayNode, SavingModal[CaptureRequest | None]):
    CSS_PATH: ClassVar[list[str]] = ["form.tcss", "capture.tcss"]
    BINDING_GROUP_TITLE = tr("Capture")
    FORM_TITLE: ClassVar[str] = tr("Capture a contact")
    #: Closed projects offered too (a correction may move a contact to any project).
    ALL_PROJECTS: ClassVar[bool] = False
    #: Whether it was a chase: a tick of its own (a new chase is logged with h instead).
    CHASE_TICK: ClassVar[bool] = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", tr("Cancel"), tooltip=tr("Close without saving"), id="cancel"),
        Binding(
            "ctrl+s",
            "save",
            tr("Save"),
            tooltip=tr("Save the contact, from any field"),
            id="save",
        ),
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
        self._save_when_loaded = False  # a save was asked before the projects came

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            with Vertical(id="form-head"):
                yield Label(self.FORM_TITLE, id="form-title")
                if self.problem:
                    yield Label(
                        literal(
                            tr(
                                "Not saved: {problem}. Press enter to try again.",
                                problem=self.problem,
                            )
                        ),
                        id="capture-problem",
                        classes="field-error -shown",
                    )
            with VerticalScroll(id="form-fields"):
                with Vertical(id="text-field", classes="field"):
                    yield Label(tr("What was said"), classes="field-label")
                    yield FormInput(
                        placeholder=tr("e.g. Marie called: the texts come Friday"), id="text"
                    )
                    yield Label("", id="text-error", classes="field-error")
                with Horizontal(classes="row"):
                    with Vertical(id="project-field", classes="field"):
                        yield Label(tr("Project"), classes="field-label")
                        yield Select[int]([], prompt=tr("Choose…"), id="project", allow_blank=True)
                    with Vertical(id="channel-field", classes="field"):
                        yield Label(tr("Channel"), classes="field-label")
                        yield Select[str](
                            [(channel_label(c.value), c.value) for c in Channel],
                            value=Channel.email.value,
                            allow_blank=False,
                            id="channel",
                        )
                yield Label("", id="project-error", classes="field-error")
                with Horizontal(id="ticks", classes="row field"):
                    yield TickBox(tr("From the client (in)"), id="inbound")
                    yield TickBox(tr("Awaiting a reply"), id="awaiting")
                    if self.CHASE_TICK:
                        yield TickBox(tr("A chase"), id="chase")
                yield Label("", id="awaiting-error", classes="field-error")
                with Vertical(id="at-field", classes="field"):
                    yield Label(
                        tr("When (default now): {examples}", examples=tr(WHEN_HINT)),
                        classes="field-label",
                    )
                    yield FormInput(placeholder=tr("now"), id="at")
                    yield Label("", id="at-error", classes="field-error")
            yield from self.form_foot()
        yield RelayFooter()

    def on_mount(self) -> None:
        if self.draft is not None:
            self.query_one("#text", Input).value = self.draft.text
            self.query_one("#channel", Select).value = self.draft.channel
            self.query_one("#inbound", TickBox).value = self.draft.direction == "in"
            self.query_one("#awaiting", TickBox).value = self.draft.awaiting
            self.query_one("#at", Input).value = self.draft.at
        self.query_one("#text", Input).focus()
        self.load_projects()

    @work(thread=True, exit_on_error=False, exclusive=True, group="capture-projects")
    def load_projects(self) -> None:
        from relay_tui.errors import RelayError
        from relay_tui.services.projects import list_projects

        try:
            rows = list_projects(self.relay.store, include_closed=self.ALL_PROJECTS)
        except RelayError as exc:
            # Keep what was typed: a save loads the projects again.
            message = tr(
                "Could not load the projects ({problem}); enter tries again.",
                problem=exc.message,
            )
            show_if_current(self.app, self._projects_failed, message)
            return
        show_if_current(self.app, self._fill_projects, [(r.name, r.id) for r in rows])

    def _projects_failed(self, message: str) -> None:
        self.say("#project-error", message)

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
        self.say(
            "#project-error",
            "" if options else tr("No active project: create one first (n on the dashboard)."),
        )
        if self._save_when_loaded:
            self._save_when_loaded = False
            self.action_save()

    def _data(self) -> dict[str, Any]:
        project = self.query_one("#project", Select).value
        data = {
            "project_id": project if isinstance(project, int) else None,
            "summary": self.query_one("#text", Input).value,
            "channel": self.query_one("#channel", Select).value,
            "direction": "in" if self.query_one("#inbound", TickBox).value else "out",
            "awaiting_reply": self.query_one("#awaiting", TickBox).value,
            "at": self.query_one("#at", Input).value or None,
        }
        if self.CHASE_TICK:
            data["is_chase"] = self.query_one("#chase", TickBox).value
        return data

    def validate_form(self, *, everything: bool = False) -> bool:
        """`everything`: an empty text is an error too (else not yet: nothing typed)."""
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
                tr("No active project: create one first (n on the dashboard).")
                if none_yet
                else tr("choose a project")
            )
        text = self.query_one("#text", Input)
        if not everything and not text.value.strip():
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
                message = tr("Text {problem}", problem=message)
            self.say(label_id, message)
        return not errors

    @on(Input.Changed)
    @on(TickBox.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.validate_form()

    def action_save(self) -> None:
        if not self._projects_loaded and not self._saving:
            self.say("#project-error", tr("Loading the projects…"))
            self._save_when_loaded = True
            self.load_projects()
            return
        super().action_save()

    def start_save(self) -> None:
        """The app saves the capture (and offers it again if the store does not take it)."""
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


class ContactEditModal(CaptureModal):
    """Correcting a contact: the capture form filled with it, whether it was a chase, and
    every project (to move a contact captured in the wrong one). Saves what changed, with
    the version it read: a colleague's change meanwhile is refused, nothing overwritten."""

    FORM_TITLE = tr("Correct a contact")
    BINDING_GROUP_TITLE = tr("Correct a contact")
    ALL_PROJECTS = True
    CHASE_TICK = True
    #: A refusal of `services.contacts.edit_contact` (by field) → the error line it goes to.
    ERROR_LINES: ClassVar[dict[str, str]] = {
        "summary": "#text-error",
        "project": "#project-error",
        "project_id": "#project-error",
        "awaiting": "#awaiting-error",
        "awaiting_reply": "#awaiting-error",
        "at": "#at-error",
    }

    def __init__(self, contact: ContactView) -> None:
        self.contact = contact
        #: The form as it opens: what counts as unchanged.
        self.shown = CaptureRequest(
            project_id=contact.project_id,
            text=contact.summary,
            channel=contact.channel,
            direction=contact.direction,
            awaiting=contact.awaiting,
            at=contact.at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        super().__init__(draft=self.shown)

    def on_mount(self) -> None:
        self.query_one("#chase", TickBox).value = self.contact.is_chase
        super().on_mount()

    def changes(self) -> dict[str, Any]:
        """What the user changed, as `edit_contact` takes it: the rest keeps its stored
        value (the summary in full, the instant to the second, "awaiting a reply" even
        when a later answer means it is no longer shown as awaiting)."""
        before = {
            **self.shown.as_service_data(),
            "project_id": self.shown.project_id,
            "is_chase": self.contact.is_chase,
        }
        changed = {key: value for key, value in self._data().items() if value != before[key]}
        if "project_id" in changed:
            changed["project"] = changed.pop("project_id")
        return changed

    def start_save(self) -> None:
        from relay_tui.services.contacts import edit_contact

        changes = self.changes()
        if not changes:
            self.notify(tr("Nothing changed: nothing to save."))
            self.dismiss(None)
            return
        store, contact_id, now = self.relay.store, self.contact.id, self.relay.now()
        data = {**changes, **version_of(self.contact)}
        self.save_in_thread(lambda: edit_contact(store, contact_id, data, now=now))

    def refused(self, exc: RelayError) -> None:
        line = self.ERROR_LINES.get(exc.field or "")
        if line is None:
            super().refused(exc)
        else:
            self.say(line, exc.message)
