"""The handover checklist of a project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, func, select

from relay_tui.db import Store
from relay_tui.domain import after as rules
from relay_tui.errors import Conflict, InvalidInput
from relay_tui.i18n import tr
from relay_tui.models import (
    Handover,
    Validation,
)
from relay_tui.services.common import get_project, now_utc


@dataclass(frozen=True)
class HandoverView:
    checklist: rules.Handover
    invoice_sent_on: date | None
    status: str
    close_reason: str


def handover(store: Store, project_id: int) -> HandoverView:
    with store.read() as session:
        project = get_project(session, project_id)
        row = session.get(Handover, project_id) or Handover(project_id=project_id)
        total, open_ = session.exec(
            select(
                func.count(),
                func.coalesce(
                    func.sum(func.cast(col(Validation.validated_on).is_(None), Validation.id.type)),
                    0,
                ),
            ).where(Validation.project_id == project_id)  # type: ignore[attr-defined]
        ).one()
    checklist = rules.Handover(
        int(total),
        int(open_ or 0),
        row.access_handed_over,
        row.invoice_sent_on is not None,
        row.client_thanked,
    )
    return HandoverView(checklist, row.invoice_sent_on, str(project.status), project.close_reason)


def set_handover(
    store: Store, project_id: int, item: str, value: bool, *, now: datetime | None = None
) -> HandoverView:
    """Tick or untick one item. The invoice is refused until the deliverables are approved."""
    if item not in ("access", "invoice", "thanked"):
        raise InvalidInput(tr("{item} is not access, invoice or thanked", item=repr(item)), "item")
    current = handover(store, project_id)
    if item == "invoice" and value:
        refusal = current.checklist.invoice_refusal()
        if refusal:
            raise Conflict(tr("not yet: {reason}", reason=refusal), "invoice")
    with store.write() as session:
        row = session.get(Handover, project_id) or Handover(project_id=project_id)
        if item == "access":
            row.access_handed_over = value
        elif item == "invoice":
            row.invoice_sent_on = now_utc(now).astimezone().date() if value else None
        else:
            row.client_thanked = value
        row.updated_at = now_utc(now)
        session.add(row)
    return handover(store, project_id)
