"""Status reports kept as sent: the next report says what happened since the last one,
and a project's cadence (`Project.report_every_days`) says when the next one is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from relay_tui import sqltext
from relay_tui.db import Store
from relay_tui.domain.board import ReportDue as ReportDue
from relay_tui.domain.board import reports_due as due_reports
from relay_tui.domain.board import started_on as due_start
from relay_tui.domain.record_rules import field_rule
from relay_tui.domain.report_period import next_report_on, period_start
from relay_tui.errors import InvalidInput
from relay_tui.models import Project, SentReport
from relay_tui.services.common import add_new, get_project


@dataclass(frozen=True)
class SentReportView:
    id: int
    project_id: int
    sent_on: date
    period: str
    body: str
    by: str = ""


@dataclass(frozen=True)
class ReportPeriod:
    """Where a project's next report starts and when it is due."""

    project_id: int
    project: str
    start: date  # the first day the report covers
    last_sent_on: date | None  # None: no report sent yet
    next_due: date | None  # None: no cadence


def _view(row: SentReport) -> SentReportView:
    return SentReportView(
        row.id,  # type: ignore[arg-type]
        row.project_id,
        row.sent_on,
        row.period,
        row.body,
        row.created_by,
    )


def started_on(project: Project) -> date:
    """The day the project started: its start date, else the day it was created."""
    return project.start_on or project.created_at.astimezone().date()


def mark_report_sent(
    store: Store, project_id: int | str, sent_on: date, period: str, body: str
) -> SentReportView:
    """Keep the report `body` as sent on `sent_on`, with the user's words on the period."""
    for name, value in (("period", period), ("body", body)):
        problem = field_rule("sent_report", name).problem(value)
        if problem:
            raise InvalidInput(problem, name)
    with store.write() as session:
        project = get_project(session, project_id)
        row = add_new(
            session,
            SentReport(project_id=project.id, sent_on=sent_on, period=period, body=body),  # type: ignore[arg-type]
        )
        return _view(row)


def sent_reports(store: Store, project_id: int | str) -> list[SentReportView]:
    """The reports sent on a project, newest first."""
    with store.read() as session:
        project = get_project(session, project_id)
        rows = session.exec(
            select(SentReport)
            .where(SentReport.project_id == project.id)
            .order_by(col(SentReport.sent_on).desc(), col(SentReport.id).desc())
        ).all()
        return [_view(r) for r in rows]


def last_report(store: Store, project_id: int | str) -> SentReportView | None:
    """The last report sent on a project (None: none yet)."""
    reports = sent_reports(store, project_id)
    return reports[0] if reports else None


def _last_sent_on(session: Session, project_id: int) -> date | None:
    return session.exec(
        select(func.max(SentReport.sent_on)).where(SentReport.project_id == project_id)
    ).one()


def report_period_of(session: Session, project: Project) -> ReportPeriod:
    last = _last_sent_on(session, project.id)  # type: ignore[arg-type]
    if isinstance(last, str):
        last = date.fromisoformat(last)
    started = started_on(project)
    return ReportPeriod(
        project.id,  # type: ignore[arg-type]
        project.name,
        period_start(last, started),
        last,
        next_report_on(project.report_every_days, started, last),
    )


def report_period(store: Store, project_id: int | str) -> ReportPeriod:
    with store.read() as session:
        return report_period_of(session, get_project(session, project_id))


def reports_due(store: Store, today: date) -> list[ReportDue]:
    """The active projects whose report is due today, the longest due first."""
    with store.read() as session:
        cadenced = session.execute(sa.text(sqltext.REPORT_CADENCES)).all()
        last_sent = dict(session.execute(sa.text(sqltext.LAST_REPORTS)).all())
    return due_reports(
        ((pid, name, every, due_start(start, made)) for pid, name, every, start, made in cadenced),
        last_sent,
        today,
    )
