"""The status report of a project, for the client (read model of `relay report` and `g`),
and the draft of the user's words on its period."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain.report import (
    ReportData,
    ReportDeadline,
    ReportIncident,
    ReportRisk,
    ReportValidation,
    status_report,
)
from relay_tui.domain.report_period import next_report_on, period_draft
from relay_tui.domain.risks import read_back
from relay_tui.i18n import speaking
from relay_tui.models import Client, Contact, Incident, Project, Risk, TimeEntry
from relay_tui.services.common import get_project
from relay_tui.services.contacts import contacts_page
from relay_tui.services.deadlines import DeadlineView as DeadlineView
from relay_tui.services.deadlines import active_deadlines as active_deadlines
from relay_tui.services.deadlines import deadlines as deadlines
from relay_tui.services.reports_sent import ReportPeriod, report_period_of, started_on
from relay_tui.services.timelog import valid_minutes
from relay_tui.services.validations import ValidationView, validations
from relay_tui.vocab import Direction, IncidentStatus, RiskStatus


@dataclass(frozen=True)
class ReportDraft:
    """What the "this period I…" form starts from."""

    project_id: int
    project: str
    period: ReportPeriod
    draft: str  # in the user's language, one line per fact, for the user to edit


def report(
    store: Store, project: int | str | None, today: date, period_text: str | None = None
) -> tuple[Project, str]:
    """The report of `project`, written in its client's language (`Client.language`;
    none: the user's), with the user's words on the period (`period_text`; None: the
    draft made from the period's facts)."""
    with store.read() as session:
        found = get_project(session, project)
        client = session.get(Client, found.client_id)
        risks = session.exec(
            select(Risk).where(Risk.project_id == found.id, Risk.status == RiskStatus.open)
        ).all()
        period = report_period_of(session, found)
        facts = _facts(session, found)
    facts = _with_steps(store, found, facts, today)
    if period_text is None:
        period_text = _draft(period, facts, today)
    with speaking(client.language if client else None):
        return found, _written(store, found, client, list(risks), period, facts, period_text, today)


def report_draft(store: Store, project: int | str | None, today: date) -> ReportDraft:
    """The draft of the user's words on the period since the last report."""
    with store.read() as session:
        found = get_project(session, project)
        period = report_period_of(session, found)
        facts = _facts(session, found)
    facts = _with_steps(store, found, facts, today)
    return ReportDraft(found.id, found.name, period, _draft(period, facts, today))  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Facts:
    """What the store says of the project beyond its deadlines and validations."""

    contacts: list[tuple[date, str, str, bool]]  # day, direction, summary, is a chase
    time: list[tuple[date, str, int]]  # day, category, minutes
    incidents: list[ReportIncident]  # open and told
    bells: list[DeadlineView] = field(default_factory=list)  # read once (`_with_steps`)
    validations: list[ValidationView] = field(default_factory=list)


def _with_steps(store: Store, project: Project, facts: _Facts, today: date) -> _Facts:
    """`facts` with the project's alarm bells and validations, read once for both the
    draft and the report."""
    return replace(
        facts,
        bells=deadlines(store, project.id, today),  # type: ignore[arg-type]
        validations=validations(store, project.id),  # type: ignore[arg-type]
    )


def _facts(session: Session, project: Project) -> _Facts:
    contacts = session.exec(
        select(Contact.at, Contact.direction, Contact.summary, Contact.is_chase)
        .where(Contact.project_id == project.id)
        .order_by(col(Contact.at), col(Contact.id))
    ).all()
    time = session.exec(
        select(TimeEntry.spent_on, TimeEntry.category, TimeEntry.minutes).where(
            TimeEntry.project_id == project.id, valid_minutes()
        )
    ).all()
    incidents = session.exec(
        select(Incident)
        .where(
            Incident.project_id == project.id,
            Incident.status == IncidentStatus.open,
            col(Incident.told_on).is_not(None),
        )
        .order_by(col(Incident.occurred_on), col(Incident.id))
    ).all()
    return _Facts(
        [(at.astimezone().date(), str(d), s, bool(c)) for at, d, s, c in contacts],
        [(day, str(category), int(minutes)) for day, category, minutes in time],
        [ReportIncident(i.title, i.for_client, i.proposal) for i in incidents],
    )


def _in(day: date | None, period: ReportPeriod, today: date) -> bool:
    return day is not None and period.start <= day <= today


def _draft(period: ReportPeriod, facts: _Facts, today: date) -> str:
    done = [d for d in facts.bells if _in(d.done_on, period, today)]
    return period_draft(
        [(d.title, d.done_on) for d in done if d.owner == "provider"],  # type: ignore[misc]
        [
            (v.deliverable, v.requested_on)
            for v in facts.validations
            if _in(v.requested_on, period, today)
        ],
        [
            (s, day)
            for day, direction, s, chase in facts.contacts
            if direction == "out" and not chase and _in(day, period, today)
        ],
    )


def _written(
    store: Store,
    found: Project,
    client: Client | None,
    risks: list[Risk],
    period: ReportPeriod,
    facts: _Facts,
    period_text: str,
    today: date,
) -> str:
    awaiting = contacts_page(store, found.id, awaiting_only=True, limit=20)
    in_period: dict[str, int] = {}
    for day, category, minutes in facts.time:
        if _in(day, period, today):
            in_period[category] = in_period.get(category, 0) + minutes
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
                d.id,
                d.slip.cause_id if d.slip else None,
            )
            for d in facts.bells
        ],
        validations=[
            ReportValidation(v.deliverable, v.requested_on, v.validated_on)
            for v in facts.validations
        ],
        risks=[
            ReportRisk(r.title, c.score, c.band, r.mitigation, "; ".join(c.problems))
            for r, c in ((r, read_back(r.probability, r.impact, r.category)) for r in risks)
        ],
        awaiting=[
            c.summary for c in sorted(awaiting, key=lambda c: (c.at, c.id)) if not c.is_chase
        ],
        period_start=period.start,
        last_sent_on=period.last_sent_on,
        period_text=period_text,
        received=[
            (day, summary)
            for day, direction, summary, _ in facts.contacts
            if direction == Direction.inbound
        ],
        time_in_period=in_period,
        time_total=sum(minutes for _, _, minutes in facts.time),
        budget_minutes=stored.budget(found.budget_minutes)[0],  # out of range: none
        incidents=facts.incidents,
        # This report is the one sent now: the next one is due a cadence from today.
        next_report_on=next_report_on(found.report_every_days, started_on(found), today),
    )
    return status_report(data)
