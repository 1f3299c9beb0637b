"""The client form, as data for `FormModal`: a new client, or one to correct."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relay_tui.i18n import N_, NAMES, app_language, language_name, tr
from relay_tui.screens.before_forms import channel_options
from relay_tui.screens.context import Relay
from relay_tui.screens.form import FormField, FormModal, version_of

if TYPE_CHECKING:
    from relay_tui.services.clients import ClientView

NOT_SAID = (N_("Not said"), "")


def _languages() -> list[tuple[str, str]]:
    """Each language relay speaks, by its own name (a London client finds "English")."""
    return [(name, code) for code, name in NAMES.items()]


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
        FormField("name", tr("Name"), value=shown("name"), placeholder=tr("e.g. Marie Lambert")),
        FormField("organisation", tr("Organisation"), value=shown("organisation")),
        FormField("email", tr("Email"), value=shown("email"), placeholder=tr("name@example.com")),
        FormField("phone", tr("Phone"), value=shown("phone")),
        FormField(
            "channel",
            tr("Preferred channel"),
            "select",
            [(tr(NOT_SAID[0]), NOT_SAID[1]), *channel_options()],
            value=shown("channel"),
        ),
        FormField(
            "language",
            tr("Language of the reports"),
            "select",
            [(tr("Yours ({language})", language=language_name(app_language())), ""), *_languages()],
            value=shown("language"),
            help=tr("This client's status report and calendar file are written in it."),
        ),
        FormField("notes", tr("Notes"), "area", value=shown("notes")),
    ]

    def submit(data: dict[str, Any]) -> object:
        if row is None:
            return add_client(relay.store, _clean(data))
        return edit_client(relay.store, row.id, {**_clean(data), **version_of(row)})

    return FormModal(
        tr("Edit client") if row is not None else tr("New client"),
        fields,
        check=lambda data: field_errors(ClientInput, _clean(data)),
        submit=submit,
    )
