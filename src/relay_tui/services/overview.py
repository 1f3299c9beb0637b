"""What the project screen shows: a read model of one project, loaded in one session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain.contacts import awaiting_ids
from relay_tui.domain.schedule import deadline_status
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.models import Client, Commitment, Contact, Deadline, Project, Risk
from relay_tui.vocab import Phase, ProjectStatus, choices

RECENT_CONTACTS = 50


@dataclass(frozen=True)
class DeadlineLine:
    id: int
    title: str
    kind: str
    owner: str
    due_on: date
    margin_days: int
    done_on: date | None
    status: str


@dataclass(frozen=True)
class ContactLine:
    id: int
    at: object
    channel: str
    direction: str
    summary: str
    awaiting: bool


@dataclass(frozen=True)
class ProjectOverview:
    id: int
    name: str
    client: str
    kind: str
    phase: str
    status: str
    start_on: date | None
    delivery_on: date | None
    contract_signed_on: date | None
    deadlines: list[DeadlineLine] = field(default_factory=list)
    contacts: list[ContactLine] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)


def overview(store: Store, project_id: int, today: date) -> ProjectOverview:
    with store.read() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}", "project")
        client = session.get(Client, project.client_id)
        deadlines = session.exec(
            select(Deadline)
            .where(Deadline.project_id == project_id)
            .order_by(col(Deadline.due_on), col(Deadline.id))
        ).all()
        contacts = session.exec(
            select(Contact)
            .where(Contact.project_id == project_id)
            .order_by(col(Contact.at).desc(), col(Contact.id).desc())
            .limit(RECENT_CONTACTS)
        ).all()
        commitments = session.exec(
            select(Commitment)
            .where(Commitment.project_id == project_id)
            .order_by(col(Commitment.position), col(Commitment.id))
        ).all()
        risks = session.exec(
            select(Risk)
            .where(Risk.project_id == project_id)
            .order_by((col(Risk.probability) * col(Risk.impact)).desc(), col(Risk.id))
        ).all()
    waiting = awaiting_ids(contacts)
    return ProjectOverview(
        id=project_id,
        name=project.name,
        client=client.name if client else "?",
        kind=str(project.kind),
        phase=str(project.phase),
        status=str(project.status),
        start_on=project.start_on,
        delivery_on=project.delivery_on,
        contract_signed_on=project.contract_signed_on,
        deadlines=[
            DeadlineLine(
                id=d.id,  # type: ignore[arg-type]
                title=d.title,
                kind=str(d.kind),
                owner=str(d.owner),
                due_on=d.due_on,
                margin_days=d.margin_days,
                done_on=d.done_on,
                status=str(deadline_status(d.due_on, d.margin_days, d.done_on, today)),
            )
            for d in deadlines
        ],
        contacts=[
            ContactLine(
                id=c.id,  # type: ignore[arg-type]
                at=c.at,
                channel=str(c.channel),
                direction=str(c.direction),
                summary=c.summary,
                awaiting=c.id in waiting,
            )
            for c in contacts
        ],
        commitments=list(commitments),
        risks=list(risks),
    )


def set_phase(store: Store, project_id: int, phase: str) -> Project:
    if phase not in {p.value for p in Phase}:
        raise InvalidInput(f"{phase!r} is not one of before, during, after", "phase")
    with store.write() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}", "project")
        project.phase = Phase(phase)
        session.add(project)
        return project


@dataclass(frozen=True)
class ProjectHeader:
    id: int
    name: str
    client: str
    phase: str
    status: str
    problems: tuple[str, ...] = ()  # stored values out of range, shown in the header


def project_header(store: Store, project_id: int) -> ProjectHeader:
    with store.read() as session:
        row = session.exec(
            select(Project.name, Client.name, Project.phase, Project.status)
            .join(Client, col(Client.id) == col(Project.client_id))
            .where(Project.id == project_id)
        ).first()
    if row is None:
        raise NotFound(f"no project with id {project_id}", "project")
    name, client, phase, status = row
    # An unknown phase (a hand-edited store) opens on the first one, and says so.
    problems = stored.collect(
        stored.unknown_word("phase", phase, Phase),
        stored.unknown_word("status", status, ProjectStatus),
    )
    shown = str(phase) if str(phase) in choices(Phase) else Phase.before.value
    return ProjectHeader(project_id, name, client, shown, str(status), problems)
