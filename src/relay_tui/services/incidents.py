"""Incidents of a project, and the factual timeline that keeps a dispute on facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.display import day_month
from relay_tui.domain.after import Timeline, TimelineEvent, timeline_markdown
from relay_tui.errors import NotFound
from relay_tui.i18n import N_, tr, trn, trp
from relay_tui.models import (
    ChangeRequest,
    Client,
    Commitment,
    Contact,
    Incident,
    Project,
    Validation,
)
from relay_tui.schemas import IncidentInput, validate
from relay_tui.services.common import context, take_version, upsert_in_project


@dataclass(frozen=True)
class IncidentView:
    """An incident as the screens and commands show it."""

    id: int
    version: int
    title: str
    occurred_on: date
    facts: str
    contract_says: str
    next_step: str
    status: str
    updated_by: str | None


def incidents(store: Store, project_id: int) -> list[IncidentView]:
    """The project's incidents, newest first."""
    with store.read() as session:
        rows = session.exec(
            select(Incident)
            .where(Incident.project_id == project_id)
            .order_by(col(Incident.occurred_on).desc(), col(Incident.id).desc())
        ).all()
        return [
            IncidentView(
                id=row.id,  # type: ignore[arg-type]
                version=row.version,
                title=row.title,
                occurred_on=row.occurred_on,
                facts=row.facts,
                contract_says=row.contract_says,
                next_step=row.next_step,
                status=str(row.status),
                updated_by=row.updated_by,
            )
            for row in rows
        ]


def save_incident(
    store: Store,
    project_id: int,
    data: dict[str, Any],
    incident_id: int | None = None,
    *,
    now: datetime | None = None,
) -> Incident:
    fields, version = take_version(data)
    clean = validate(IncidentInput, {**fields, "project_id": project_id}, context(now))
    with store.write() as session:
        values = clean.model_dump()
        return upsert_in_project(
            session, Incident, project_id, incident_id, values, N_("incident"), version
        )


def timeline(store: Store, project_id: int, today: date) -> Timeline:
    """Contacts, deadlines (kept or missed, and by whom), validations and change requests,
    commitments broken and incidents, as dated facts."""
    from relay_tui.services.deadlines import deadlines

    with store.read() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFound(tr("no project with id {id}", id=project_id), "project")
        client = session.get(Client, project.client_id)
        contacts = session.exec(select(Contact).where(Contact.project_id == project_id)).all()
        validations = session.exec(
            select(Validation).where(Validation.project_id == project_id)
        ).all()
        changes = session.exec(
            select(ChangeRequest, Validation.deliverable)
            .join(Validation, col(Validation.id) == col(ChangeRequest.validation_id))
            .where(Validation.project_id == project_id)
        ).all()
        broken = session.exec(
            select(Commitment).where(
                Commitment.project_id == project_id, Commitment.status == "broken"
            )
        ).all()
        incident_rows = session.exec(
            select(Incident).where(Incident.project_id == project_id)
        ).all()
    events: list[TimelineEvent] = []
    client_name = client.name if client else tr("the client")
    for c in contacts:
        kind = (
            tr("Chase")
            if c.is_chase
            else _contact_kind(str(c.channel), c.direction == "in", client_name)
        )
        events.append(TimelineEvent(c.at.astimezone().date(), kind, c.summary))
    for d in deadlines(store, project_id, today):
        holder = _holder(d.owner == "client")
        if d.done_on is not None and d.done_on > d.due_on:
            late = trn(
                "{title} (due {due}, {n} day late)",
                "{title} (due {due}, {n} days late)",
                (d.done_on - d.due_on).days,
                title=d.title,
                due=day_month(d.due_on),
            )
            events.append(TimelineEvent(d.done_on, tr("Deadline kept late"), late, holder))
        elif d.done_on is not None:
            events.append(TimelineEvent(d.done_on, tr("Deadline kept"), d.title, holder))
        elif d.due_on < today:
            still_open = tr("{title} (still open)", title=d.title)
            events.append(TimelineEvent(d.due_on, tr("Deadline missed"), still_open, holder))
    for v in validations:
        events.append(TimelineEvent(v.requested_on, tr("Validation requested"), v.deliverable))
        if v.validated_on:
            events.append(
                TimelineEvent(v.validated_on, tr("Validated"), v.deliverable, v.validated_by)
            )
    for change, deliverable in changes:
        if change.previous_validated_on is not None:
            # The client's earlier approval stays a fact even after the reopening.
            events.append(
                TimelineEvent(
                    change.previous_validated_on,
                    tr("Validated"),
                    deliverable,
                    change.previous_validated_by or None,
                )
            )
        events.append(
            TimelineEvent(
                change.created_at.astimezone().date(),
                tr("Reopened"),
                tr("{deliverable}: {reason}", deliverable=deliverable, reason=change.reason),
            )
        )
    for commitment in broken:
        holder = _holder(commitment.party == "client")
        text = commitment.text
        if commitment.note:
            text = tr("{commitment} ({note})", commitment=commitment.text, note=commitment.note)
        day = commitment.due_on or commitment.created_at.astimezone().date()
        events.append(TimelineEvent(day, tr("Commitment broken"), text, holder))
    for incident in incident_rows:
        events.append(TimelineEvent(incident.occurred_on, tr("Incident"), incident.title))
    return Timeline(project.name, client_name, events)


def _holder(client: bool) -> str:
    """Who held the ball, as the timeline says it."""
    return trp("who held the ball", "client") if client else trp("who held the ball", "provider")


def _contact_kind(channel: str, inbound: bool, client: str) -> str:
    """`Email from Ann`, `Phone to Ann`: a contact on the timeline."""
    if inbound:
        said = {
            "email": lambda: tr("Email from {client}", client=client),
            "phone": lambda: tr("Phone from {client}", client=client),
            "meeting": lambda: tr("Meeting from {client}", client=client),
            "chat": lambda: tr("Chat from {client}", client=client),
            "other": lambda: tr("Other from {client}", client=client),
        }
        fallback = N_("{channel} from {client}")
    else:
        said = {
            "email": lambda: tr("Email to {client}", client=client),
            "phone": lambda: tr("Phone to {client}", client=client),
            "meeting": lambda: tr("Meeting to {client}", client=client),
            "chat": lambda: tr("Chat to {client}", client=client),
            "other": lambda: tr("Other to {client}", client=client),
        }
        fallback = N_("{channel} to {client}")
    found = said.get(channel)
    if found is not None:
        return found()
    return tr(fallback, channel=channel.capitalize(), client=client)


def timeline_text(
    store: Store, project_id: int, today: date, incident_id: int | None = None
) -> str:
    title = None
    if incident_id is not None:
        with store.read() as session:
            incident = session.get(Incident, incident_id)
            title = incident.title if incident else None
    return timeline_markdown(timeline(store, project_id, today), title)
