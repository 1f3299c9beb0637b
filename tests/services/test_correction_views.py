"""The read models of the edit forms and the clients screen: plain view objects with the
version a form sends back."""

from __future__ import annotations

import pytest

from relay_tui.db import Store
from relay_tui.errors import NotFound
from relay_tui.services.clients import ClientView, add_client, clients_view, edit_client
from relay_tui.services.projects import add_project, edit_project, project_view
from tests.conftest import FIXED_NOW


def test_clients_view_lists_every_client_by_name_with_their_projects(store: Store) -> None:
    assert clients_view(store) == []
    add_client(store, {"name": "zoé", "email": "zoe@example.org", "channel": "chat"})
    marie = add_client(store, {"name": "Marie"})
    add_project(store, {"name": "Website", "client": "Marie"}, now=FIXED_NOW)
    add_project(store, {"name": "Bakery", "client": "Marie"}, now=FIXED_NOW)
    edit_client(store, marie.id, {"phone": "+33 1 23"})  # type: ignore[arg-type]

    assert clients_view(store) == [
        ClientView(marie.id, 2, "Marie", "", "", "+33 1 23", "", "", "", ("Bakery", "Website")),  # type: ignore[arg-type]
        ClientView(1, 1, "zoé", "", "zoe@example.org", "", "chat", "", "", ()),
    ]


def test_project_view_is_what_the_edit_form_shows_and_sends_back(store: Store) -> None:
    add_client(store, {"name": "Marie"})
    project = add_project(
        store,
        {"name": "Bakery", "client": "Marie", "start_on": "2026-12-01", "budget_minutes": "40h"},
        now=FIXED_NOW,
    )
    assert project.id is not None
    shown = project_view(store, project.id)
    assert (shown.name, shown.client, shown.kind, shown.budget_minutes) == (
        "Bakery",
        "Marie",
        "other",
        2400,
    )
    assert str(shown.start_on) == "2026-12-01" and shown.delivery_on is None
    edit_project(store, project.id, {"chase_delay_days": 4, "version": shown.version})
    again = project_view(store, project.id)
    assert (again.version, again.chase_delay_days) == (shown.version + 1, 4)
    with pytest.raises(NotFound):
        project_view(store, 999)
