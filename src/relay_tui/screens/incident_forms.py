"""The form that records telling the client about an incident (the incidents tab's `w`):
when, how, and what was said, pre-filled. Saving marks the incident told and logs the
contact, in one step (`services.incidents.tell_incident`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from relay_tui.display import day_month
from relay_tui.i18n import tr, trp
from relay_tui.screens.before_forms import channel_options
from relay_tui.screens.form import FormField, FormModal, version_of

if TYPE_CHECKING:
    from relay_tui.screens.context import Relay
    from relay_tui.services.incidents import IncidentView


def tell_form(relay: Relay, row: IncidentView, channel: str | None) -> FormModal:
    """`row` told to the client; `channel`: the one the client prefers, if known."""
    from relay_tui.domain.telling import told_summary
    from relay_tui.schemas import TellInput, field_errors
    from relay_tui.services.incidents import tell_incident

    options = channel_options()
    fields = [
        FormField("told_on", trp("the day the client was told", "On"), value=tr("today")),
        FormField(
            "told_how",
            tr("How"),
            "select",
            options,
            value=row.told_how or channel or options[0][1],
        ),
        FormField(
            "summary",
            tr("What you told them (goes to the contact log)"),
            "area",
            value=told_summary(row.title, row.proposal),
        ),
    ]
    context = {"now": relay.now(), "occurred_on": row.occurred_on}
    if row.told_on is not None:
        intro = tr(
            "Already told on {day}: telling again changes the date and the channel, and "
            "logs another contact.",
            day=day_month(row.told_on, year=True),
        )
    else:
        intro = tr(
            "A problem the client knows about is shared, not carried alone. Saving marks "
            "it told and logs the contact."
        )
    return FormModal(
        tr("Told the client: {incident}", incident=row.title),
        fields,
        check=lambda data: field_errors(TellInput, data, context),
        submit=lambda data: tell_incident(
            relay.store,
            row.project_id,
            row.id,
            data["told_on"],
            data["told_how"],
            data["summary"],
            now=relay.now(),
            **version_of(row),
        ),
        intro=intro,
    )
