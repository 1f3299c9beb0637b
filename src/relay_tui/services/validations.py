"""Validations: asking the client to validate a deliverable, recording the validation
(which locks it) and reopening it with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.display import day_month
from relay_tui.errors import Conflict, InvalidInput
from relay_tui.i18n import N_, tr
from relay_tui.models import ChangeRequest, Validation
from relay_tui.schemas import ReopenInput, ValidationDoneInput, ValidationRequestInput
from relay_tui.services.common import (
    add_new,
    apply,
    context,
    edited,
    new_in_project,
    now_utc,
    row_to_change,
    take_version,
    validate_edit,
)
from relay_tui.services.deadlines import DeadlineView as DeadlineView
from relay_tui.services.deadlines import active_deadlines as active_deadlines
from relay_tui.services.deadlines import deadlines as deadlines


@dataclass(frozen=True)
class ValidationView:
    id: int
    deliverable: str
    requested_on: date
    validated_on: date | None
    validated_by: str
    history: list[ChangeRequest]
    version: int = 1  # sent back by the validate and reopen forms
    requested_by: str = ""  # who asked for it (a shared store has several people)
    recorded_by: str = ""  # who recorded the latest change (validated, reopened)

    @property
    def locked(self) -> bool:
        return self.validated_on is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "deliverable": self.deliverable,
            "requested_on": self.requested_on.isoformat(),
            "validated_on": self.validated_on.isoformat() if self.validated_on else None,
            "validated_by": self.validated_by or None,
            "created_by": self.requested_by or None,
            "updated_by": self.recorded_by or None,
            "change_requests": [
                {
                    "id": c.id,
                    "reason": c.reason,
                    "created_at": c.created_at.astimezone(UTC).isoformat(),
                    "created_by": c.created_by or None,
                    "previous_validated_on": c.previous_validated_on.isoformat()
                    if c.previous_validated_on
                    else None,
                    "previous_validated_by": c.previous_validated_by or None,
                }
                for c in self.history
            ],
        }


def validations(store: Store, project_id: int) -> list[ValidationView]:
    with store.read() as session:
        rows = session.exec(
            select(Validation)
            .where(Validation.project_id == project_id)
            .order_by(col(Validation.requested_on), col(Validation.id))
        ).all()
        changes = session.exec(
            select(ChangeRequest)
            .join(Validation, col(Validation.id) == col(ChangeRequest.validation_id))
            .where(Validation.project_id == project_id)
            .order_by(col(ChangeRequest.id))
        ).all()
    history: dict[int, list[ChangeRequest]] = {}
    for change in changes:
        history.setdefault(change.validation_id, []).append(change)
    return [
        ValidationView(
            v.id,
            v.deliverable,
            v.requested_on,
            v.validated_on,  # type: ignore[arg-type]
            v.validated_by,
            history.get(v.id, []),
            v.version,
            v.created_by,
            v.updated_by,
        )
        for v in rows
    ]  # type: ignore[arg-type]


def request_validation(
    store: Store, project: int | str | None, data: dict[str, Any], *, now: datetime | None = None
) -> Validation:
    with store.write() as session:
        _, clean = new_in_project(
            session, ValidationRequestInput, {**data, "project": project}, now
        )
        return add_new(session, Validation(**clean.model_dump()))


def edit_validation(
    store: Store, validation_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Validation:
    """Correct a validation request (its deliverable, the day it was asked); a validated
    one is locked (`unlocked`)."""
    fields, version = take_version(data)
    with store.write() as session:
        row = unlocked(_validation_to_change(session, validation_id, version), "edit")
        return apply(row, edited(row, ValidationRequestInput, fields, context(now)))


#: How to reopen a validated deliverable, said after "to edit it, …" (`locked_reason`):
#: on the command line, and in the app (the validations tab).
REOPEN = N_("reopen it")
REOPEN_IN_APP = N_("press o to reopen it")


def locked_reason(validated_on: date, what: str, reopen: str = REOPEN) -> str:
    """Why a validated deliverable cannot be changed (`what`: edit, change, withdraw), and
    how to go on (`reopen`: how the caller reopens it, `REOPEN` or `REOPEN_IN_APP`,
    translated here)."""
    fields = {"date": day_month(validated_on, year=True), "reopen": tr(reopen)}
    if what == "withdraw":
        return tr(
            "validated on {date}: it is locked; to withdraw it, {reopen} with a reason first",
            **fields,
        )
    if what == "change":
        return tr(
            "validated on {date}: it is locked; to change it, {reopen} with a reason first",
            **fields,
        )
    return tr(
        "validated on {date}: it is locked; to edit it, {reopen} with a reason first", **fields
    )


def unlocked(row: Validation, what: str) -> Validation:
    """A validated deliverable is locked: to `what` it, reopen it with a reason first."""
    if row.validated_on is not None:
        raise Conflict(locked_reason(row.validated_on, what), "id")
    return row


def validate_deliverable(
    store: Store, validation_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Validation:
    clean, version = validate_edit(ValidationDoneInput, data, now)
    with store.write() as session:
        row = _validation_to_change(session, validation_id, version)
        if row.validated_on is not None:
            raise Conflict(
                tr(
                    "already validated on {date} by {who}: it is locked (reopen it with a "
                    "reason to change it)",
                    date=day_month(row.validated_on, year=True),
                    who=row.validated_by,
                ),
                "id",
            )
        if clean.validated_on < row.requested_on:
            raise InvalidInput(tr("comes before the request"), "on")
        row.validated_on = clean.validated_on
        row.validated_by = clean.validated_by
        session.add(row)
        return row


def reopen_validation(
    store: Store, validation_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> ChangeRequest:
    clean, version = validate_edit(ReopenInput, data)
    with store.write() as session:
        row = _validation_to_change(session, validation_id, version)
        if row.validated_on is None:
            raise Conflict(tr("it is not validated yet: nothing to reopen"), "id")
        change = ChangeRequest(
            validation_id=validation_id,
            reason=clean.reason,
            previous_validated_on=row.validated_on,
            previous_validated_by=row.validated_by,
            created_at=now_utc(now),
        )
        row.validated_on = None
        row.validated_by = ""
        session.add(row)
        session.add(change)
        session.flush()
        return change


def _validation_to_change(session: Session, validation_id: int, version: int | None) -> Validation:
    """The validation to change (`row_to_change`), named as `relay validation` names it."""
    missing = tr("no validation with id {id}", id=validation_id)
    label = N_("validation")
    return row_to_change(session, Validation, validation_id, version, label, missing=missing)
