"""What the project screen shows: a read model of one project, loaded in one session."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.models import Client, Project
from relay_tui.vocab import Phase, ProjectStatus, choices


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
