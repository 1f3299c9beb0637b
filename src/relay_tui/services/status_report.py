"""The status report of a project, for the client (read model of `relay report` and `g`)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from relay_tui.db import Store
from relay_tui.domain.report import (
    ReportData,
    ReportDeadline,
    ReportRisk,
    ReportValidation,
    status_report,
)
from relay_tui.domain.risks import read_back
from relay_tui.i18n import speaking
from relay_tui.models import (
    Client,
    Project,
    Risk,
)
from relay_tui.services.common import (
    get_project,
)
from relay_tui.services.contacts import contacts_page
from relay_tui.services.deadlines import DeadlineView as DeadlineView
from relay_tui.services.deadlines import active_deadlines as active_deadlines
from relay_tui.services.deadlines import deadlines as deadlines
from relay_tui.services.validations import validations
from relay_tui.vocab import RiskStatus


def report(store: Store, project: int | str | None, today: date) -> tuple[Project, str]:
    """The report of `project`, written in its client's language (`Client.language`;
    none: the user's)."""
    with store.read() as session:
        found = get_project(session, project)
        client = session.get(Client, found.client_id)
        risks = session.exec(
            select(Risk).where(Risk.project_id == found.id, Risk.status == RiskStatus.open)
        ).all()
    with speaking(client.language if client else None):
        return found, _written(store, found, client, list(risks), today)


def _written(
    store: Store, found: Project, client: Client | None, risks: list[Risk], today: date
) -> str:
    views = deadlines(store, found.id, today)  # type: ignore[arg-type]
    awaiting = contacts_page(store, found.id, awaiting_only=True, limit=20)
    data = ReportData(
        project=found.name,
        client=client.name if client else "",
        today=today,
        deadlines=[
            ReportDeadline(
                d.title,
                d.owner,
                d.due_on,
                d.done_on,
                d.status,
                d.slip.projected_on if d.slip else None,
                d.slip.explain() if d.slip else "",
                "; ".join(d.problems),
            )
            for d in views
        ],
        validations=[
            ReportValidation(v.deliverable, v.requested_on, v.validated_on)
            for v in validations(store, found.id)
        ],  # type: ignore[arg-type]
        risks=[
            ReportRisk(r.title, c.score, c.band, r.mitigation, "; ".join(c.problems))
            for r, c in ((r, read_back(r.probability, r.impact, r.category)) for r in risks)
        ],
        awaiting=[
            c.summary for c in sorted(awaiting, key=lambda c: (c.at, c.id)) if not c.is_chase
        ],
    )
    return status_report(data)
