"""A project's header (name, client, phase, status): the first read of a project's screen.

Through the plain DB-API connection with literal SQL, as the dashboard's reads
(`services.dashboard`): opening a project right after the dashboard shows must not wait
for SQLAlchemy, SQLModel and pydantic, which the dashboard imports in the background
(`screens.dashboard.warm_up`). Speed is the reason this is not an ORM query.
"""

from __future__ import annotations

from dataclasses import dataclass

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.errors import NotFound
from relay_tui.i18n import N_, tr
from relay_tui.services.dashboard import _rows
from relay_tui.vocab import Phase, ProjectStatus, choices


@dataclass(frozen=True)
class ProjectHeader:
    id: int
    name: str
    client: str
    phase: str
    status: str
    problems: tuple[str, ...] = ()  # stored values out of range, shown in the header


def project_header(store: Store, project_id: int) -> ProjectHeader:
    rows = _rows(
        store,
        "SELECT project.name, client.name, project.phase, project.status FROM project "
        f"JOIN client ON client.id = project.client_id WHERE project.id = {int(project_id)}",
    )
    if not rows:
        raise NotFound(tr("no project with id {id}", id=project_id), "project")
    name, client, phase, status = rows[0]
    # An unknown phase (a hand-edited store) opens on the first one, and says so.
    problems = stored.collect(
        stored.unknown_word(N_("phase"), phase, Phase),
        stored.unknown_word(N_("status"), status, ProjectStatus),
    )
    shown = str(phase) if str(phase) in choices(Phase) else Phase.before.value
    return ProjectHeader(project_id, name, client, shown, str(status), problems)
