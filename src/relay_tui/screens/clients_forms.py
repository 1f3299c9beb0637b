"""The client form, as data for `FormModal`: a new client, or one to correct."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relay_tui.screens.context import Relay
from relay_tui.screens.form import FormField, FormModal, version_of
from relay_tui.vocab import Channel

if TYPE_CHECKING:
    from relay_tui.services.clients import ClientView

NOT_SAID = ("Not said", "")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """What the form holds, as the services take it: no channel is None."""
    return {**data, "channel": data.get("channel") or None}


def client_form(relay: Relay, row: ClientView | None) -> FormModal:
    """`row`: the client to correct (its fields filled in), or None for a new one."""
    from relay_tui.schemas import ClientInput, field_errors
    from relay_tui.services.clients import add_client, edit_client

    def shown(name: str) -> str:
        return str(getattr(row, name)) if row is not None else ""

    fields = [
        FormField("name", "Name", value=shown("name"), placeholder="e.g. Marie Lambert"),
        FormField("organisation", "Organisation", value=shown("organisation")),
        FormField("email", "Email", value=shown("email"), placeholder="name@example.com"),
        FormField("phone", "Phone", value=shown("phone")),
        FormField(
            "channel",
            "Preferred channel",
            "select",
            [NOT_SAID, *((c.value, c.value) for c in Channel)],
            value=shown("channel"),
        ),
        FormField("notes", "Notes", "area", value=shown("notes")),
    ]

    def submit(data: dict[str, Any]) -> object:
        if row is None:
            return add_client(relay.store, _clean(data))
        return edit_client(relay.store, row.id, {**_clean(data), **version_of(row)})

    return FormModal(
        "Edit client" if row is not None else "New client",
        fields,
        check=lambda data: field_errors(ClientInput, _clean(data)),
        submit=submit,
    )
