"""Incidents of a project (explained: what they mean for the client, for me, what I propose;
told to the client, or flagged until they are), and the factual timeline that keeps a
dispute on facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.display import day_month
from relay_tui.domain import telling
from relay_tui.domain.after import Timeline, TimelineEvent, timeline_markdown
from relay_tui.errors import NotFound
from relay_tui.i18n import N_, tr, trn, trp
from relay_tui.interrupts import record_name
from relay_tui.models import (
    ChangeRequest,
    Client,
    Commitment,
    Contact,
    Incident,
    Profile,
    Project,
    Validation,
)
from relay_tui.schemas import IncidentInput, TellInput, validate
from relay_tui.services.common import (
    add_new,
    apply,
    context,
    edited,
    new_in_project,
    now_utc,
    row_to_change,
    take_version,
    upsert_in_project,
    view_of,
)
from relay_tui.stored_words import channel as channel_name
from relay_tui.vocab import Channel, Direction


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
    for_client: str = ""
    for_me: str = ""
    proposal: str = ""
    blamed: bool = False
    told_on: date | None = None
    told_how: str | None = None
    project_id: int = 0

    @property
    def untold(self) -> bool:
        """Open, and the client not told yet: flagged until the user marks it told."""
        return telling.is_untold(self.status, self.told_on)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "occurred_on": self.occurred_on.isoformat(),
            "status": self.status,
            "facts": self.facts,
            "contract_says": self.contract_says,
            "next_step": self.next_step,
            "for_client": self.for_client,
            "for_me": self.for_me,
            "proposal": self.proposal,
            "blamed": self.blamed,
            "told_on": self.told_on.isoformat() if self.told_on else None,
            "told_how": self.told_how,
        }


#: What an incident form sends and the "resolve" action sends back unchanged.
INCIDENT_FIELDS = (
    "title",
    "occurred_on",
    "facts",
    "contract_says",
    "next_step",
    "for_client",
    "for_me",
    "proposal",
    "blamed",
)


def _view(row: Incident) -> IncidentView:
    view = view_of(IncidentView, row)
    how = str(row.told_how) if row.told_how else None
    return IncidentView(**{**view.__dict__, "status": str(row.status), "told_how": how})


def incidents(store: Store, project_id: int) -> list[IncidentView]:
    """The project's incidents, newest first."""
    with store.read() as session:
        rows = session.exec(
            select(Incident)
            .where(Incident.project_id == project_id)
            .order_by(col(Incident.occurred_on).desc(), col(Incident.id).desc())
        ).all()
        return [_view(row) for row in rows]


def incident(store: Store, incident_id: int) -> IncidentView:
    """One incident, whatever its project; `NotFound` (field `id`) when there is none."""
    with store.read() as session:
        row = session.get(Incident, incident_id)
        if row is None:
            raise NotFound(tr("no incident #{id}", id=incident_id), "id")
        return _view(row)


def untold_count(store: Store, project_id: int) -> int:
    """How many open incidents of the project the client has not been told about."""
    with store.read() as session:
        rows = session.exec(
            select(Incident.status, Incident.told_on).where(Incident.project_id == project_id)
        ).all()
    return sum(1 for status, told_on in rows if telling.is_untold(str(status), told_on))


def client_channel(store: Store, project_id: int) -> str | None:
    """The channel the client prefers, if known: the client's profile on this project,
    else the client's own record."""
    with store.read() as session:
        return _preferred(session, project_id)


def _preferred(session: Any, project_id: int) -> str | None:
    profile = session.exec(
        select(Profile.channel).where(Profile.project_id == project_id, Profile.party == "client")
    ).first()
    if profile:
        return str(profile)
    project = session.get(Project, project_id)
    client = session.get(Client, project.client_id) if project else None
    return str(client.channel) if client and client.channel else None


def tell_incident(
    store: Store,
    project_id: int | None,
    incident_id: int,
    on: date | str | None = None,
    how: str | None = None,
    summary: str | None = None,
    *,
    now: datetime | None = None,
    version: int | None = None,
) -> tuple[IncidentView, int]:
    """The client was told about incident `incident_id` (of project `project_id`, or of
    any when None): on day `on` (default today; `domain.telling` says which days are
    refused), by channel `how` (default the client's preferred one, else email), saying
    `summary` (default `telling.told_summary`). One write, one undo step: the incident's
    told day and channel, and an outbound contact at that day, awaiting no reply. Told
    again: the day and channel change, and another contact is logged. Returns the
    incident as told and the contact's id."""
    with store.write() as session:
        row = row_to_change(
            session, Incident, incident_id, version, N_("incident"), project_id=project_id
        )
        clean = validate(
            TellInput,
            {
                "told_on": on,
                "told_how": how or _preferred(session, row.project_id) or Channel.email.value,
                "summary": summary or "",
            },
            {**context(now), "occurred_on": row.occurred_on},
        )
        row.told_on, row.told_how = clean.told_on, clean.told_how
        session.add(row)
        moment = now_utc(now)
        contact = Contact(
            project_id=row.project_id,
            at=telling.told_at(clean.told_on, moment).astimezone(UTC),
            channel=clean.told_how,
            direction=Direction.outbound,
            summary=clean.summary or telling.told_summary(row.title, row.proposal),
            awaiting_reply=False,
            is_chase=False,
            created_at=moment,
        )
        session.add(contact)
        session.flush()
        session.info["journal_summary"] = tr(
            "{record} told to the client, with {contact}",
            record=record_name("incident", row.id),
            contact=record_name("contact", contact.id),
        )
        return _view(row), contact.id  # type: ignore[return-value]


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


def add_incident(store: Store, data: dict[str, Any], *, now: datetime | None = None) -> Incident:
    """A new incident of the project `data["project"]` names (an id, a name prefix, or
    none for the only active project); it occurred today unless `data["occurred_on"]`
    says otherwise."""
    with store.write() as session:
        _project, clean = new_in_project(session, IncidentInput, {"occurred_on": None, **data}, now)
        return add_new(session, Incident(**clean.model_dump()))


def edit_incident(
    store: Store, incident_id: int, data: dict[str, Any], *, now: datetime | None = None
) -> Incident:
    """Correct an incident: the fields given change, the others keep their values;
    refused if someone changed it since `data["version"]` was read."""
    fields, version = take_version(data)
    with store.write() as session:
        row = row_to_change(session, Incident, incident_id, version, N_("incident"))
        return apply(row, edited(row, IncidentInput, fields, context(now)))


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
    for row in incident_rows:
        events.append(TimelineEvent(row.occurred_on, tr("Incident"), row.title))
        if row.told_on is not None:
            how = channel_name(str(row.told_how)) if row.told_how else ""
            told = (
                tr("Told the client (by {channel})", channel=how) if how else tr("Told the client")
            )
            events.append(TimelineEvent(row.told_on, told, row.title))
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
            row = session.get(Incident, incident_id)
            title = row.title if row else None
    return timeline_markdown(timeline(store, project_id, today), title)
