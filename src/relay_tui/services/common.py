"""Helpers shared by the services: the clock and name resolution."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select

from relay_tui.domain.rules import ProjectRef, resolve_project
from relay_tui.errors import InvalidInput, NotFound
from relay_tui.models import Client, Project
from relay_tui.vocab import ProjectStatus


def now_utc(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def local_today(now: datetime | None = None) -> date:
    return now_utc(now).astimezone().date()


def context(now: datetime | None = None, today: date | None = None) -> dict[str, Any]:
    moment = now_utc(now)
    return {"now": moment, "today": today or moment.astimezone().date()}


def project_refs(session: Session) -> list[ProjectRef]:
    rows = session.exec(select(Project.id, Project.name, Project.status)).all()
    return [
        ProjectRef(id=pid, name=name, active=status == ProjectStatus.active)
        for pid, name, status in rows
        if pid is not None
    ]


def get_project(session: Session, ref: str | int | None) -> Project:
    """A project by id or unambiguous name prefix (or the only active one)."""
    if isinstance(ref, int):
        project = session.get(Project, ref)
        if project is None:
            raise NotFound(f"no project with id {ref}", "project")
        return project
    chosen = resolve_project(ref, project_refs(session))
    project = session.get(Project, chosen.id)
    assert project is not None
    return project


def get_client(session: Session, ref: str | int) -> Client:
    """A client by id, exact name or unambiguous case-insensitive name prefix."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdigit()):
        client = session.get(Client, int(ref))
        if client is None:
            raise NotFound(f"no client with id {ref}", "client")
        return client
    wanted = ref.strip().casefold()
    if not wanted:
        raise InvalidInput("must not be empty", "client")
    clients = session.exec(select(Client).order_by(col(Client.name))).all()
    exact = [c for c in clients if c.name.casefold() == wanted]
    if exact:
        return exact[0]
    matches = [c for c in clients if c.name.casefold().startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(c.name for c in matches[:6])
        raise InvalidInput(f"{ref.strip()!r} matches several clients: {names}", "client")
    raise NotFound(
        f"no client named {ref.strip()!r} (add it with: relay client add NAME)", "client"
    )


def upsert_in_project(
    session: Session,
    model: type[Any],
    project_id: int,
    row_id: int | None,
    values: dict[str, Any],
    label: str,
) -> Any:
    """Create a row of `model` in the project, or update row `row_id`, which must belong to
    it. One rule for every "new or edit" form of a project's records."""
    if session.get(Project, project_id) is None:
        raise NotFound(f"no project with id {project_id}", "project")
    if row_id is None:
        row = model(**{**values, "project_id": project_id})
    else:
        row = session.get(model, row_id)
        if row is None or row.project_id != project_id:
            raise NotFound(f"no {label} #{row_id} in this project", "id")
        for key, value in values.items():
            setattr(row, key, value)
    session.add(row)
    session.flush()
    return row
