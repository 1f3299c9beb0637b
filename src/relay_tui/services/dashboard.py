"""The dashboard: every active project with what needs attention, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.domain.schedule import STATUS_RANK, deadline_status
from relay_tui.models import Client, Contact, Deadline, Project, Risk
from relay_tui.vocab import Direction, ProjectStatus, RiskStatus

HIGH_RISK_SCORE = 10
#: Margins are at most a year: deadlines further away cannot be in their margin.
MARGIN_LOOKAHEAD_DAYS = 366


@dataclass(frozen=True)
class DashboardRow:
    id: int
    name: str
    client: str
    phase: str
    next_deadline: str | None
    next_due: date | None
    next_status: str | None
    awaiting: int
    high_risks: int

    def attention_key(self) -> tuple[int, int, int, date, str]:
        rank = STATUS_RANK.get(self.next_status or "", 3)
        return (rank, -self.awaiting, -self.high_risks, self.next_due or date.max, self.name)


def awaiting_counts(store: Store, project_ids: list[int] | None = None) -> dict[int, int]:
    """Per project, how many outbound contacts still await the client's reply."""
    later_inbound = (
        sa.select(sa.literal(1))
        .select_from(Contact.__table__.alias("reply"))  # type: ignore[attr-defined]
        .where(
            sa.text("reply.project_id = contact.project_id"),
            sa.text("reply.direction = 'in'"),
            sa.text("reply.at > contact.at"),
        )
    )
    query = (
        select(Contact.project_id, sa.func.count())
        .where(Contact.direction == Direction.outbound, col(Contact.awaiting_reply).is_(True))
        .where(~sa.exists(later_inbound))
        .group_by(col(Contact.project_id))
    )
    if project_ids is not None:
        query = query.where(col(Contact.project_id).in_(project_ids))
    with store.read() as session:
        return {pid: count for pid, count in session.exec(query).all()}


def dashboard(store: Store, today: date) -> list[DashboardRow]:
    with store.read() as session:
        projects = session.exec(
            select(Project.id, Project.name, Project.phase, Client.name)
            .join(Client, col(Client.id) == col(Project.client_id))
            .where(Project.status == ProjectStatus.active)
        ).all()
        open_deadlines = session.exec(
            select(
                Deadline.project_id,
                Deadline.title,
                Deadline.due_on,
                Deadline.margin_days,
            )
            .join(Project, col(Project.id) == col(Deadline.project_id))
            .where(Project.status == ProjectStatus.active, col(Deadline.done_on).is_(None))
            .order_by(col(Deadline.due_on), col(Deadline.id))
        ).all()
        high = session.exec(
            select(Risk.project_id, sa.func.count())
            .where(
                Risk.status == RiskStatus.open,
                Risk.probability * Risk.impact >= HIGH_RISK_SCORE,
            )
            .group_by(col(Risk.project_id))
        ).all()
    first_deadline: dict[int, tuple[str, date, int]] = {}
    for pid, title, due_on, margin in open_deadlines:
        first_deadline.setdefault(pid, (title, due_on, margin))
    high_risks = dict(high)
    awaiting = awaiting_counts(store)
    rows = []
    for pid, name, phase, client in projects:
        nxt = first_deadline.get(pid)
        rows.append(
            DashboardRow(
                id=pid,
                name=name,
                client=client,
                phase=str(phase),
                next_deadline=nxt[0] if nxt else None,
                next_due=nxt[1] if nxt else None,
                next_status=str(deadline_status(nxt[1], nxt[2], None, today)) if nxt else None,
                awaiting=awaiting.get(pid, 0),
                high_risks=high_risks.get(pid, 0),
            )
        )
    return sorted(rows, key=DashboardRow.attention_key)


@dataclass(frozen=True)
class AlarmLine:
    project_id: int
    project: str
    title: str
    owner: str
    due_on: date
    status: str


def alarms(store: Store, today: date) -> list[AlarmLine]:
    """Open deadlines of active projects that are late or in their margin, worst first."""
    horizon = today + timedelta(days=MARGIN_LOOKAHEAD_DAYS)
    with store.read() as session:
        rows = session.exec(
            select(Deadline, Project.name)
            .join(Project, col(Project.id) == col(Deadline.project_id))
            .where(
                Project.status == ProjectStatus.active,
                col(Deadline.done_on).is_(None),
                col(Deadline.due_on) <= horizon,
            )
        ).all()
    lines = []
    for deadline, project in rows:
        status = str(deadline_status(deadline.due_on, deadline.margin_days, None, today))
        if status in ("late", "in_margin"):
            lines.append(
                AlarmLine(
                    project_id=deadline.project_id,
                    project=project,
                    title=deadline.title,
                    owner=str(deadline.owner),
                    due_on=deadline.due_on,
                    status=status,
                )
            )
    return sorted(lines, key=lambda line: (STATUS_RANK[line.status], line.due_on, line.project))
