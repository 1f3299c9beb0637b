"""The key actors of a project (stakeholders): added, edited, removed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relay_tui.db import Store
from relay_tui.i18n import N_
from relay_tui.models import Stakeholder
from relay_tui.schemas import StakeholderInput
from relay_tui.services.common import row_to_change, upsert_in_project, validate_edit


def save_stakeholder(
    store: Store, project_id: int, data: dict[str, Any], stakeholder_id: int | None = None
) -> Stakeholder:
    clean, version = validate_edit(StakeholderInput, data)
    with store.write() as session:
        return upsert_in_project(
            session,
            Stakeholder,
            project_id,
            stakeholder_id,
            clean.model_dump(),
            N_("key actor"),
            expected_version=version,
        )


def delete_stakeholder(store: Store, stakeholder_id: int, *, version: int | None = None) -> None:
    """Remove a key actor (refused if changed since `version` was read)."""
    with store.write() as session:
        label = N_("key actor")
        session.delete(row_to_change(session, Stakeholder, stakeholder_id, version, label))


@dataclass(frozen=True)
class ActorView:
    """A key actor of a project."""

    id: int
    version: int
    name: str
    role: str
    influence: int
    interest: int
    reach: str
    notes: str
