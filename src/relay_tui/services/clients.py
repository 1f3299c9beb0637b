"""Clients: the people and organisations projects are done for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from relay_tui.db import Store
from relay_tui.i18n import N_, tr
from relay_tui.models import Client, Project
from relay_tui.schemas import ClientInput, validate
from relay_tui.services.common import check_name_free, edited, row_to_change, take_version


def add_client(store: Store, data: dict[str, Any]) -> Client:
    clean = validate(ClientInput, data)
    with store.write() as session:
        return create_client(session, clean)


def create_client(session: Session, clean: ClientInput) -> Client:
    """Insert a validated client in the caller's transaction (names are unique)."""
    check_name_free(session, Client, clean.name, N_("client"))
    client = Client(
        name=clean.name,
        organisation=clean.organisation or None,
        email=clean.email or None,
        phone=clean.phone or None,
        channel=clean.channel,
        notes=clean.notes,
        language=clean.language,
    )
    session.add(client)
    session.flush()
    return client


def edit_client(store: Store, client_id: int, data: dict[str, Any]) -> Client:
    """Correct a client: the fields given change (a new name must stay unique); refused if
    someone changed it since `data["version"]` was read."""
    fields, version = take_version(data)
    with store.write() as session:
        missing = tr("no client with id {id}", id=client_id)
        row = row_to_change(session, Client, client_id, version, N_("client"), missing=missing)
        blanks = {"organisation": "", "email": "", "phone": ""}
        stored = {key: getattr(row, key) or blank for key, blank in blanks.items()}
        clean = edited(row, ClientInput, {**stored, **fields}, {})
        check_name_free(session, Client, clean.name, N_("client"), but=client_id)
        row.name = clean.name
        row.organisation = clean.organisation or None
        row.email = clean.email or None
        row.phone = clean.phone or None
        row.channel = clean.channel
        row.notes = clean.notes
        row.language = clean.language
        session.add(row)
        return row


def list_clients(store: Store) -> list[Client]:
    with store.read() as session:
        return list(session.exec(select(Client).order_by(func.lower(col(Client.name)))).all())


@dataclass(frozen=True)
class ClientView:
    """A client as the clients screen lists it, with the projects done for them."""

    id: int
    version: int
    name: str
    organisation: str
    email: str
    phone: str
    channel: str  # "" when not said
    notes: str
    language: str  # "" for the user's own
    projects: tuple[str, ...]  # their names, closed ones included


def clients_view(store: Store) -> list[ClientView]:
    """Every client, by name, with the names of their projects."""
    with store.read() as session:
        names: dict[int, list[str]] = {}
        for client_id, name in session.exec(
            select(Project.client_id, Project.name).order_by(func.lower(col(Project.name)))
        ).all():
            names.setdefault(client_id, []).append(name)
        return [
            ClientView(
                id=row.id,  # type: ignore[arg-type]
                version=row.version,
                name=row.name,
                organisation=row.organisation or "",
                email=row.email or "",
                phone=row.phone or "",
                channel=str(row.channel) if row.channel else "",
                notes=row.notes,
                language=row.language or "",
                projects=tuple(names.get(row.id, ())),  # type: ignore[arg-type]
            )
            for row in session.exec(select(Client).order_by(func.lower(col(Client.name)))).all()
        ]
