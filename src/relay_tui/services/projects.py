"""Projects: creating one (with its commitments and framing risks) and listing them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from relay_tui import project_lookup, sqltext
from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain.before import (
    CLIENT_COMMITMENTS,
    PROVIDER_COMMITMENTS,
    RIGOUR,
    framing_risks,
)
from relay_tui.domain.rules import folded_name
from relay_tui.errors import Conflict, InvalidInput
from relay_tui.i18n import N_, tr
from relay_tui.models import (
    Client,
    Commitment,
    Project,
    Risk,
)
from relay_tui.schemas import (
    ClientInput,
    CloseInput,
    FrameInput,
    ProjectInput,
    validate,
)
from relay_tui.services.clients import create_client
from relay_tui.services.common import (
    check_name_free,
    check_version,
    context,
    edited,
    get_client,
    get_project,
    now_utc,
    take_version,
    view_of,
)
from relay_tui.services.handover import handover
from relay_tui.services.project_header import ProjectHeader, project_header  # noqa: F401  (re-exported)
from relay_tui.vocab import (
    CHASE_DELAY_DEFAULT,
    Party,
    Phase,
    ProjectKind,
    ProjectStatus,
)


@dataclass(frozen=True)
class ProjectRow:
    id: int
    name: str
    client: str
    kind: str
    phase: str
    status: str
    start_on: date | None
    delivery_on: date | None
    problems: tuple[str, ...] = ()  # stored values out of range, shown on the line

    def as_json(self) -> dict[str, Any]:
        return stored.with_problems(
            {
                "id": self.id,
                "name": self.name,
                "client": self.client,
                "kind": self.kind,
                "phase": self.phase,
                "status": self.status,
                "start_on": self.start_on.isoformat() if self.start_on else None,
                "delivery_on": self.delivery_on.isoformat() if self.delivery_on else None,
            },
            self.problems,
        )


def add_project(
    store: Store,
    data: dict[str, Any],
    *,
    now: datetime | None = None,
    default_chase_delay: int = CHASE_DELAY_DEFAULT,
    new_client: dict[str, Any] | None = None,
) -> Project:
    """Create a project, pre-filling the mutual commitments and the framing risks.

    With `new_client`, the client is created in the same transaction (the form's
    "create it inline"): either both are written or neither.
    """
    if new_client is not None:
        client_input = validate(ClientInput, new_client)
        data = {**data, "client": client_input.name}
    clean = validate(ProjectInput, data, context(now))
    with store.write() as session:
        if new_client is not None:
            client = create_client(session, client_input)
        else:
            client = get_client(session, clean.client)
        check_name_free(
            session, Project, clean.name, N_("project"), rows=_named_alike(session, clean.name)
        )
        project = Project(
            name=clean.name,
            client_id=client.id,  # type: ignore[arg-type]
            kind=clean.kind,
            start_on=clean.start_on,
            delivery_on=clean.delivery_on,
            budget_minutes=clean.budget_minutes,
            chase_delay_days=clean.chase_delay_days or default_chase_delay,
            client_accountable=clean.client_accountable,
            event_bound=clean.event_bound,
            partial_delivery_ok=clean.partial_delivery_ok,
        )
        session.add(project)
        session.flush()
        _prefill(session, project)
        return project


def edit_project(
    store: Store, project_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Project:
    """Correct a project: name, client (by name or id), kind, dates, budget, chase delay;
    the fields given change. Refused if someone changed it since `data["version"]`."""
    fields, version = take_version(data)
    with store.write() as session:
        row = get_project(session, project_id)
        check_version(row, version, N_("project"))
        client = session.get(Client, row.client_id)
        current = {"client": client.name if client else ""}
        clean = edited(row, ProjectInput, {**current, **fields}, context(now))
        if "client" in fields:
            row.client_id = get_client(session, clean.client).id  # type: ignore[assignment]
        check_name_free(
            session,
            Project,
            clean.name,
            N_("project"),
            but=project_id,
            rows=_named_alike(session, clean.name),
        )
        for key, value in clean.model_dump(exclude={"client"}).items():
            setattr(row, key, value)
        if row.chase_delay_days is None:
            row.chase_delay_days = CHASE_DELAY_DEFAULT
        session.add(row)
        return row


def _named_alike(session: Session, name: str) -> list[tuple[int, str]]:
    """The projects that may bear `name` as `same_name` compares names: those whose
    folded name is the same (through its index, migration 0011), and any not folded
    yet; not every project."""
    if session.autoflush:
        session.flush()  # as a query of the ORM would: a project just added is seen
    connection = session.connection()
    sql = sqltext.PROJECTS_FOLDED_AS
    if connection.dialect.name != "sqlite":
        sql = project_lookup.for_server(sql)
    result = connection.exec_driver_sql(sql, (folded_name(name),))
    return [(row[0], row[1]) for row in result]


def _prefill(session: Session, project: Project) -> None:
    """The mutual commitments and the framing risks a new project starts with, written in
    the app's language (they are the user's records from then on; the domain marks them
    with N_)."""
    assert project.id is not None
    position = 0
    for party, texts in (
        (Party.client, CLIENT_COMMITMENTS),
        (Party.provider, PROVIDER_COMMITMENTS),
    ):
        for text in texts:
            session.add(
                Commitment(project_id=project.id, party=party, text=tr(text), position=position)
            )
            position += 1
    for seed in framing_risks(
        project.client_accountable, project.event_bound, project.partial_delivery_ok
    ):
        session.add(
            Risk(
                project_id=project.id,
                title=tr(seed.title),
                category=seed.category,  # type: ignore[arg-type]
                probability=seed.probability,
                impact=seed.impact,
                mitigation=tr(seed.mitigation) if seed.mitigation else seed.mitigation,
            )
        )


def list_projects(store: Store, *, include_closed: bool = True) -> list[ProjectRow]:
    with store.read() as session:
        query = (
            select(Project, Client.name)
            .join(Client, col(Client.id) == col(Project.client_id))
            .order_by(func.lower(col(Project.name)))
        )
        if not include_closed:
            query = query.where(Project.status == ProjectStatus.active)
        return [
            ProjectRow(
                id=project.id,  # type: ignore[arg-type]
                name=project.name,
                client=client_name,
                kind=str(project.kind),
                phase=str(project.phase),
                status=str(project.status),
                start_on=project.start_on,
                delivery_on=project.delivery_on,
                problems=project_problems(project),
            )
            for project, client_name in session.exec(query).all()
        ]


def project_problems(project: Project) -> tuple[str, ...]:
    """What is wrong with a project as stored (`domain.stored`)."""
    return stored.collect(
        stored.unknown_word(N_("kind"), project.kind, ProjectKind),
        stored.unknown_word(N_("phase"), project.phase, Phase),
        stored.unknown_word(N_("status"), project.status, ProjectStatus),
        stored.budget(project.budget_minutes)[1],
        stored.chase_delay(project.chase_delay_days)[1],
        stored.day(N_("start date"), project.start_on),
        stored.day(N_("delivery date"), project.delivery_on),
    )


def find_project(store: Store, ref: str | int | None) -> Project:
    with store.read() as session:
        return get_project(session, ref)


def save_frame(
    store: Store, project_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Project:
    """Write the frame of a project: its method, cycle, contract, dates, budget, chase
    delay, report cadence and rigour checklist. The fields given change (the form gives
    them all, the command line only what it changes); an empty chase delay keeps the
    stored one. Refused if someone changed the project since `data["version"]`."""
    fields, version = take_version(data)
    with store.write() as session:
        project = get_project(session, project_id)
        check_version(project, version, N_("project"))
        clean = edited(project, FrameInput, fields, context(now))
        for key, value in clean.model_dump().items():
            if key == "chase_delay_days" and value is None:
                continue
            setattr(project, key, value)
        session.add(project)
        return project


def set_phase(store: Store, project_id: int, phase: str) -> Project:
    if phase not in {p.value for p in Phase}:
        raise InvalidInput(
            tr("{phase} is not one of before, during, after", phase=repr(phase)), "phase"
        )
    with store.write() as session:
        project = get_project(session, project_id)
        project.phase = Phase(phase)
        session.add(project)
        return project


def close_project(
    store: Store,
    project_id: int,
    data: dict[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> Project:
    """Close once the checklist is complete, or with an explicit reason to override it."""
    clean = validate(CloseInput, data or {})
    missing = handover(store, project_id).checklist.missing()
    if missing and not clean.override_reason:
        raise InvalidInput(
            tr(
                "the handover is not complete ({missing}); give a reason to close anyway",
                missing=", ".join(missing),
            ),
            "override_reason",
        )
    with store.write() as session:
        project = get_project(session, project_id)
        if project.status == ProjectStatus.closed:
            raise Conflict(tr("the project is already closed"), "project")
        project.status = ProjectStatus.closed
        project.closed_at = now_utc(now)
        project.close_reason = clean.override_reason
        session.add(project)
        return project


def reopen_project(store: Store, project_id: int) -> Project:
    with store.write() as session:
        project = get_project(session, project_id)
        project.status = ProjectStatus.active
        project.closed_at = None
        session.add(project)
        return project


@dataclass(frozen=True)
class FrameView:
    """A project as its frame shows it: how and when it runs, its budget."""

    id: int
    version: int
    name: str
    working_method: str
    cycle_days: int | None
    contract_signed_on: date | None
    start_on: date | None
    delivery_on: date | None
    budget_minutes: int | None
    chase_delay_days: int
    client_accountable: bool | None
    event_bound: bool | None
    partial_delivery_ok: bool | None
    report_every_days: int | None = None
    rigour_written_validations: bool = False
    rigour_progress_point: bool = False
    rigour_single_contact: bool = False
    rigour_changes_in_writing: bool = False

    def rigour(self) -> dict[str, bool]:
        """The rigour checklist: ticked or not, by key (`domain.before.RIGOUR`)."""
        return {item.key: bool(getattr(self, item.column)) for item in RIGOUR}


def frame_of(project: Project) -> FrameView:
    """A project's frame. A budget out of range (a hand-edited store) is shown as none
    (`project list` and the after phase say why); the frame's form then saves a good one
    over it."""
    view = view_of(FrameView, project)
    return replace(view, budget_minutes=stored.budget(view.budget_minutes)[0])


def frame_view(store: Store, ref: str | int) -> FrameView:
    """The frame of the project `ref` names (an id, or a name as elsewhere)."""
    with store.read() as session:
        return frame_of(get_project(session, ref))


@dataclass(frozen=True)
class ProjectView:
    """A project as its edit form shows it: what `edit_project` changes."""

    id: int
    version: int
    name: str
    client_id: int
    client: str
    kind: str
    start_on: date | None
    delivery_on: date | None
    budget_minutes: int | None
    chase_delay_days: int


def project_view(store: Store, project_id: int) -> ProjectView:
    """Project `project_id` for its edit form (`NotFound` when it is gone)."""
    with store.read() as session:
        row = get_project(session, project_id)
        client = session.get(Client, row.client_id)
        return ProjectView(
            id=project_id,
            version=row.version,
            name=row.name,
            client_id=row.client_id,
            client=client.name if client else "",
            kind=str(row.kind),
            start_on=row.start_on,
            delivery_on=row.delivery_on,
            budget_minutes=stored.budget(row.budget_minutes)[0],  # out of range: none
            chase_delay_days=row.chase_delay_days,
        )
