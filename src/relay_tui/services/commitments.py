"""Mutual commitments: adding and editing them, their status, and a lesson turned into one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.errors import Conflict
from relay_tui.i18n import N_, tr
from relay_tui.models import Commitment
from relay_tui.schemas import CommitmentInput
from relay_tui.services.common import add_new, get_project, lesson_for, row_to_change, validate_edit
from relay_tui.vocab import CommitmentStatus, Party

STATUS_CYCLE = ("pending", "kept", "broken", "waived")


def cycle_commitment(store: Store, commitment_id: int, *, version: int | None = None) -> Commitment:
    """One key: pending → kept → broken → waived → pending (from the status shown: refused
    if the commitment changed since `version` was read)."""
    with store.write() as session:
        row = row_to_change(session, Commitment, commitment_id, version, N_("commitment"))
        index = STATUS_CYCLE.index(str(row.status)) if str(row.status) in STATUS_CYCLE else -1
        row.status = CommitmentStatus(STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)])
        session.add(row)
        return row


def save_commitment(
    store: Store,
    project_id: int,
    data: dict[str, Any],
    commitment_id: int | None = None,
    *,
    now: datetime | None = None,
) -> Commitment:
    clean, version = validate_edit(CommitmentInput, data, now)
    with store.write() as session:
        get_project(session, project_id)
        if commitment_id is None:
            row = Commitment(
                project_id=project_id,
                party=clean.party,
                text=clean.text,
                position=_next_position(session, project_id),
            )
        else:
            row = row_to_change(
                session,
                Commitment,
                commitment_id,
                version,
                N_("commitment"),
                project_id=project_id,
            )
        for key, value in clean.model_dump().items():
            setattr(row, key, value)
        session.add(row)
        session.flush()
        return row


def lesson_to_commitment(store: Store, lesson_id: int, project_id: int) -> Commitment:
    with store.write() as session:
        lesson = lesson_for(session, lesson_id, project_id)
        exists = session.exec(
            select(Commitment.id).where(
                Commitment.project_id == project_id, Commitment.text == lesson.text
            )
        ).first()
        if exists is not None:
            raise Conflict(tr("this lesson is already a commitment of the project"), "lesson")
        row = Commitment(
            project_id=project_id,
            party=Party.provider,
            text=lesson.text,
            note=tr("From an earlier retrospective"),
            position=_next_position(session, project_id),
        )
        return add_new(session, row)


def _next_position(session: Session, project_id: int) -> int:
    """Where a new commitment goes: after the project's last one."""
    last = session.exec(
        select(Commitment.position)
        .where(Commitment.project_id == project_id)
        .order_by(col(Commitment.position).desc())
    ).first()
    return (last or 0) + 1


@dataclass(frozen=True)
class CommitmentView:
    """What the client or I committed to, and where it stands."""

    id: int
    version: int
    party: str
    text: str
    status: str
    due_on: date | None
    note: str
    position: int
