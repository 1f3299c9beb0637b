"""New project (and, inline, a new client), and the same form to edit a project (name,
client, kind, dates, budget, chase delay): validated as you type, saved by the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from relay_tui.domain.parsing import format_duration
from relay_tui.errors import RelayError
from relay_tui.i18n import N_, tr
from relay_tui.screens.context import RelayNode
from relay_tui.screens.form import SERVICE_FIELDS, SavingModal, version_of
from relay_tui.vocab import KIND_LABELS
from relay_tui.widgets.footer import RelayFooter
from relay_tui.widgets.form_fields import FormInput
from relay_tui.widgets.labels import literal

if TYPE_CHECKING:
    from relay_tui.services.projects import ProjectView

NEW_CLIENT = -1
#: The answers to a framing question, and the questions: in English, `tr` where shown.
ANSWERS: list[tuple[str, str]] = [
    (N_("Not answered yet"), "unknown"),
    (N_("Yes"), "yes"),
    (N_("No"), "no"),
]
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("client_accountable", N_("Is the client accountable to someone above them?")),
    ("event_bound", N_("Is the delivery date tied to an event?")),
    ("partial_delivery_ok", N_("Would a partial delivery be acceptable?")),
)
#: The three short fields side by side: (id, label, placeholder), in English.
DATES: tuple[tuple[str, str, str], ...] = (
    ("start", N_("Start"), N_("2026-12-01, today, +3d")),
    ("delivery", N_("Delivery"), N_("2027-01-15, +6w")),
    ("budget", N_("Time budget"), N_("e.g. 40h")),
)
ERROR_LABELS = {
    "name": "#name-error",
    "client": "#client-error",
    "kind": "#kind-error",
    "start_on": "#start-error",
    "delivery_on": "#delivery-error",
    "budget_minutes": "#budget-error",
}


class NewProjectScreen(RelayNode, SavingModal[int | None]):
    CSS_PATH: ClassVar[list[str]] = ["form.tcss", "project_form.tcss"]
    BINDING_GROUP_TITLE = tr("New project")
    FORM_TITLE: ClassVar[str] = tr("New project")
    SAVE_LABEL: ClassVar[str] = tr("Create")
    #: A field's name (as the schemas say it) → the line that shows its error.
    ERRORS: ClassVar[dict[str, str]] = ERROR_LABELS
    SAVE_BUTTON = "create"
    CANCEL_BUTTON = "cancel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", tr("Cancel"), tooltip=tr("Close without saving"), id="cancel"),
        Binding(
            "ctrl+s",
            "save",
            tr("Create"),
            tooltip=tr("Create the project, from any field"),
            id="save",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.errors: dict[str, str] = {}
        self._client_count = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            with Vertical(id="form-head"):
                yield Label(self.FORM_TITLE, id="form-title")
            with VerticalScroll(id="form-fields"):
                with Vertical(id="name-field", classes="field"):
                    yield Label(tr("Name"), classes="field-label")
                    yield FormInput(placeholder=tr("e.g. Bakery website"), id="name")
                    yield Label("", id="name-error", classes="field-error")
                with Vertical(id="client-field", classes="field"):
                    yield Label(tr("Client"), classes="field-label")
                    # Shown once there are clients to choose from; until then, a name.
                    yield Select[int](
                        [(tr("+ New client…"), NEW_CLIENT)],
                        value=NEW_CLIENT,
                        allow_blank=False,
                        id="client",
                    )
                    yield FormInput(placeholder=tr("Name of the new client"), id="client-name")
                    yield Label("", id="client-error", classes="field-error")
                with Vertical(id="kind-field", classes="field"):
                    yield Label(tr("Kind of project"), classes="field-label")
                    yield Select[str](
                        [(tr(label), key) for key, label in KIND_LABELS.items()],
                        value="other",
                        allow_blank=False,
                        id="kind",
                    )
                    yield Label("", id="kind-error", classes="field-error")
                with Horizontal(classes="dates"):
                    for name, label, placeholder in DATES:
                        with Vertical(id=f"{name}-field", classes="field"):
                            yield Label(tr(label), classes="field-label")
                            yield FormInput(placeholder=tr(placeholder), id=name)
                            yield Label("", id=f"{name}-error", classes="field-error")
                yield from self.compose_more()
            yield from self.form_foot(self.SAVE_LABEL)
        yield RelayFooter()

    def compose_more(self) -> ComposeResult:
        """The fields after the dates: the framing questions of a new project."""
        yield Static(tr("Framing questions"), classes="section-title")
        answers = [(tr(answer), value) for answer, value in ANSWERS]
        for key, question in QUESTIONS:
            with Vertical(id=f"{key}-field", classes="field"):
                yield Label(tr(question), classes="field-label")
                yield Select[str](answers, value="unknown", allow_blank=False, id=key)

    def on_mount(self) -> None:
        self._toggle_client_name()
        self.query_one("#name", Input).focus()
        self.load_clients()

    @work(thread=True, exit_on_error=False)
    def load_clients(self) -> None:
        from relay_tui.services.clients import clients_view

        options = [(c.name, c.id) for c in clients_view(self.relay.store)]
        self.app.call_from_thread(self._fill_clients, options)

    def client_options(self, options: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """The choices of the client list: the clients, then a new one."""
        return [*options, (tr("+ New client…"), NEW_CLIENT)]

    def _fill_clients(self, options: list[tuple[str, int]]) -> None:
        self._client_count = len(options)
        select = self.query_one("#client", Select)
        select.set_options([(literal(name, 60), cid) for name, cid in self.client_options(options)])
        select.value = NEW_CLIENT if not options else options[0][1]
        self._toggle_client_name()

    def _toggle_client_name(self) -> None:
        select = self.query_one("#client", Select)
        select.display = self._client_count > 0  # not for "+ New client…" alone
        self.query_one("#client-name", Input).display = select.value == NEW_CLIENT

    def _answer(self, key: str) -> bool | None:
        value = self.query_one(f"#{key}", Select).value
        return None if value == "unknown" else value == "yes"

    def more_data(self) -> dict[str, Any]:
        """The values of the fields of `compose_more`."""
        return {key: self._answer(key) for key, _ in QUESTIONS}

    def _data(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        client_choice = self.query_one("#client", Select).value
        new_client = None
        if client_choice == NEW_CLIENT:
            new_client = {"name": self.query_one("#client-name", Input).value}
            client_ref: str = new_client["name"]
        else:
            client_ref = str(client_choice)
        data = {
            "name": self.query_one("#name", Input).value,
            "client": client_ref,
            "kind": self.query_one("#kind", Select).value,
            "start_on": self.query_one("#start", Input).value or None,
            "delivery_on": self.query_one("#delivery", Input).value or None,
            "budget_minutes": self.query_one("#budget", Input).value or None,
            **self.more_data(),
        }
        return data, new_client

    def validate_form(self, *, everything: bool = False) -> bool:
        from relay_tui.schemas import ClientInput, ProjectInput, field_errors

        data, new_client = self._data()
        context = {"now": self.relay.now()}
        errors = field_errors(ProjectInput, data, context)
        if new_client is not None:
            client_errors = field_errors(ClientInput, new_client)
            errors.pop("client", None)
            if "name" in client_errors:
                errors["client"] = tr("client name {problem}", problem=client_errors["name"])
        if not everything:
            # Do not shout about fields the user has not reached yet.
            if not self.query_one("#name", Input).value:
                errors.pop("name", None)
            if new_client is not None and not new_client["name"]:
                errors.pop("client", None)
        self.errors = errors
        for field, label_id in self.ERRORS.items():
            self.say(label_id, errors.get(field, ""))
        return not errors

    @on(Select.Changed, "#client")
    def _client_changed(self) -> None:
        self._toggle_client_name()
        self.validate_form()

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.validate_form()

    def start_save(self) -> None:
        data, new_client = self._data()
        self.save(data, new_client)

    def write(self, data: dict[str, Any], new_client: dict[str, Any] | None) -> tuple[int, str]:
        """In the save's thread: write the project; its id, and what to say."""
        from relay_tui.services.projects import add_project

        # LEAD: services.projects.add_project returns an ORM row; id and name are read.
        project = add_project(
            self.relay.store,
            data,
            now=self.relay.now(),
            default_chase_delay=self.relay.settings.chase_delay_days,
            new_client=new_client,
        )
        message = tr("Project {project} created.", project=project.name)
        return project.id, message  # type: ignore[return-value]

    @work(thread=True, exit_on_error=False, group="save-project")
    def save(self, data: dict[str, Any], new_client: dict[str, Any] | None) -> None:
        try:
            project_id, message = self.write(data, new_client)
        except RelayError as exc:
            self.app.call_from_thread(self._refused, exc)
            return
        self.app.call_from_thread(self.notify, message, title=self.FORM_TITLE)
        self.app.call_from_thread(self.dismiss, project_id)

    def _refused(self, exc: RelayError) -> None:
        self._saving = False
        if self.changed_meanwhile(exc):
            return
        field = exc.field or ""
        candidates = (*SERVICE_FIELDS.get(field, ()), field)
        target = next((self.ERRORS[c] for c in candidates if c in self.ERRORS), "#name-error")
        self.say(target, exc.message)
        self.app.bell()


class EditProjectScreen(NewProjectScreen):
    """The project form on an existing project, filled with what is stored: name, client
    (one of the clients), kind, dates, budget and chase delay. It sends back the version it
    read: a project someone else changed meanwhile is refused, not overwritten."""

    FORM_TITLE = tr("Edit project")
    BINDING_GROUP_TITLE = tr("Edit project")
    SAVE_LABEL = tr("Save")
    ERRORS = {**ERROR_LABELS, "chase_delay_days": "#chase-error"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s", "save", tr("Save"), tooltip=tr("Save the project, from any field"), id="save"
        ),
    ]

    def __init__(self, project_id: int) -> None:
        super().__init__()
        self.project_id = project_id
        #: The project as read, once loaded (until then, nothing can be saved).
        self.project: ProjectView | None = None

    def compose_more(self) -> ComposeResult:
        with Vertical(id="chase-field", classes="field"):
            yield Label(tr("Chase after (working days without a reply)"), classes="field-label")
            yield FormInput(placeholder=tr("e.g. 3"), id="chase")
            yield Label("", id="chase-error", classes="field-error")

    @work(thread=True, exit_on_error=False)
    def load_clients(self) -> None:
        from relay_tui.services.clients import clients_view
        from relay_tui.services.projects import project_view

        project = project_view(self.relay.store, self.project_id)
        options = [(c.name, c.id) for c in clients_view(self.relay.store)]
        self.app.call_from_thread(self._fill, project, options)

    def client_options(self, options: list[tuple[str, int]]) -> list[tuple[str, int]]:
        return options  # a project moves to another client, never to a new one

    def _fill(self, project: ProjectView, options: list[tuple[str, int]]) -> None:
        self.project = project
        self._fill_clients(options)
        self.query_one("#client", Select).value = project.client_id
        self.query_one("#name", Input).value = project.name
        if project.kind in KIND_LABELS:
            self.query_one("#kind", Select).value = project.kind
        budget = format_duration(project.budget_minutes) if project.budget_minutes else ""
        for field, value in (
            ("start", project.start_on.isoformat() if project.start_on else ""),
            ("delivery", project.delivery_on.isoformat() if project.delivery_on else ""),
            ("budget", budget),
            ("chase", str(project.chase_delay_days)),
        ):
            self.query_one(f"#{field}", Input).value = value
        self._toggle_client_name()

    def more_data(self) -> dict[str, Any]:
        return {"chase_delay_days": self.query_one("#chase", Input).value or None}

    def start_save(self) -> None:
        if self.project is None:  # not read yet: nothing to compare a change with
            self._saving = False
            self.app.bell()
            return
        super().start_save()

    def write(self, data: dict[str, Any], new_client: dict[str, Any] | None) -> tuple[int, str]:
        from relay_tui.services.projects import edit_project

        shown = self.project
        assert shown is not None
        row = edit_project(
            self.relay.store, shown.id, {**data, **version_of(shown)}, now=self.relay.now()
        )
        return shown.id, tr("Project {project} saved.", project=row.name)
