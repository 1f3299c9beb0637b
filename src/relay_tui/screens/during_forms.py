"""The forms of the during phase, as data for `FormModal`: each takes the app as
`screens.context.Relay` and the record it edits as a service's view object."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from relay_tui.display import day_month
from relay_tui.i18n import N_, tr, trp
from relay_tui.screens.form import FormField, FormModal, version_of
from relay_tui.vocab import DEADLINE_KIND_LABELS

if TYPE_CHECKING:
    from relay_tui.screens.context import Relay
    from relay_tui.services.deadlines import DeadlineView
    from relay_tui.services.incidents import IncidentView
    from relay_tui.services.validations import ValidationView

NO_PREDECESSOR = (N_("— none —"), "")


def deadline_form(
    relay: Relay,
    project_id: int,
    row: DeadlineView | None,
    others: list[tuple[str, int]],
    *,
    delivery_on: date | None = None,
) -> FormModal:
    """A new alarm bell, or `row` corrected. A bell of mine with no margin due soon, or
    right at the project's `delivery_on`, shows "promise less" under its date."""
    from relay_tui.domain.situations import bell_warning
    from relay_tui.schemas import DeadlineInput, field_errors
    from relay_tui.services.deadlines import add_deadline, update_deadline

    due = ""
    if row is not None:
        due = row.due_on.isoformat() + (f"T{row.due_time:%H:%M}" if row.due_time else "")
    predecessors = [
        (tr(NO_PREDECESSOR[0]), NO_PREDECESSOR[1]),
        *((title, str(did)) for title, did in others if row is None or did != row.id),
    ]
    fields = [
        FormField(
            "title",
            tr("Deadline"),
            value=row.title if row else "",
            placeholder=tr("e.g. Mock-ups validated by the client"),
        ),
        FormField(
            "kind",
            tr("Kind"),
            "select",
            [(tr(v), k) for k, v in DEADLINE_KIND_LABELS.items()],
            value=row.kind if row else "other",
        ),
        FormField(
            "owner",
            tr("Who must act"),
            "select",
            [
                (tr("Decided by the kind"), ""),
                (tr("The client"), "client"),
                (tr("Me (the provider)"), "provider"),
            ],
            value=row.owner if row else "",
        ),
        FormField(
            "due_on",
            tr("Due"),
            value=due,
            placeholder=tr("2026-12-01, +2w, 2026-12-01T14:30"),
        ),
        FormField(
            "margin_days",
            tr("Safety margin in days"),
            value=str(row.margin_days) if row else str(relay.settings.margin_days),
        ),
        FormField(
            "after_id",
            tr("Depends on"),
            "select",
            predecessors,
            value=str(row.after_id) if row and row.after_id else "",
        ),
    ]

    def clean(data: dict[str, Any]) -> dict[str, Any]:
        return {
            **data,
            "owner": data["owner"] or None,
            "after_id": int(data["after_id"]) if data["after_id"] else None,
        }

    def check(data: dict[str, Any]) -> dict[str, str]:
        return field_errors(
            DeadlineInput, {**clean(data), "project_id": project_id}, {"now": relay.now()}
        )

    def submit(data: dict[str, Any]) -> object:
        if row is None:
            return add_deadline(
                relay.store, {**clean(data), "project": project_id}, now=relay.now()
            )
        return update_deadline(
            relay.store, row.id, {**clean(data), **version_of(row)}, now=relay.now()
        )

    def warn(data: dict[str, Any]) -> dict[str, str]:
        said = bell_warning(
            data["due_on"],
            data["margin_days"],
            data["owner"],
            data["kind"],
            delivery_on,
            relay.today(),
        )
        return {"due_on": said} if said else {}

    title = tr("Alarm bell") if row else tr("New alarm bell")
    return FormModal(title, fields, check=check, submit=submit, warn=warn)


def validation_request_form(
    relay: Relay, project_id: int, row: ValidationView | None = None
) -> FormModal:
    """A new request, or `row` corrected (only while it awaits the client)."""
    from relay_tui.schemas import ValidationRequestInput, field_errors
    from relay_tui.services.validations import edit_validation, request_validation

    fields = [
        FormField(
            "deliverable",
            tr("Deliverable submitted to the client"),
            value=row.deliverable if row else "",
            placeholder=tr("e.g. Home page mock-up"),
        ),
        FormField(
            "requested_on",
            tr("Requested on"),
            value=row.requested_on.isoformat() if row else tr("today"),
        ),
    ]

    def submit(data: dict[str, Any]) -> object:
        if row is None:
            return request_validation(relay.store, project_id, data, now=relay.now())
        return edit_validation(relay.store, row.id, {**data, **version_of(row)}, now=relay.now())

    return FormModal(
        tr("Validation request") if row else tr("Ask for a validation"),
        fields,
        check=lambda data: field_errors(
            ValidationRequestInput, {**data, "project_id": 0}, {"now": relay.now()}
        ),
        submit=submit,
    )


def validation_done_form(relay: Relay, row: ValidationView) -> FormModal:
    from relay_tui.schemas import ValidationDoneInput, field_errors
    from relay_tui.services.validations import validate_deliverable

    fields = [
        FormField("validated_by", tr("Validated by"), placeholder=tr("name of the person")),
        FormField("validated_on", trp("a date", "On"), value=tr("today")),
    ]
    return FormModal(
        tr("Validate: {deliverable}", deliverable=row.deliverable),
        fields,
        check=lambda data: field_errors(ValidationDoneInput, data, {"now": relay.now()}),
        submit=lambda data: validate_deliverable(
            relay.store, row.id, {**data, **version_of(row)}, now=relay.now()
        ),
        intro=tr(
            "Once validated, the deliverable is locked: changing it later is a change "
            "request with a reason."
        ),
    )


def reopen_form(relay: Relay, row: ValidationView) -> FormModal:
    from relay_tui.schemas import ReopenInput, field_errors
    from relay_tui.services.validations import reopen_validation

    return FormModal(
        tr("Reopen: {deliverable}", deliverable=row.deliverable),
        [FormField("reason", tr("Why is it reopened?"), "area")],
        check=lambda data: field_errors(ReopenInput, data),
        submit=lambda data: reopen_validation(
            relay.store, row.id, {**data, **version_of(row)}, now=relay.now()
        ),
        intro=tr(
            "Validated on {date} by {person}. Reopening records a change request in the history.",
            date=day_month(row.validated_on, year=True),
            person=row.validated_by,
        ),
        save_label=tr("Reopen"),
    )


def incident_form(relay: Relay, project_id: int, row: IncidentView | None) -> FormModal:
    from relay_tui.schemas import IncidentInput, field_errors
    from relay_tui.services.incidents import save_incident

    fields = [
        FormField("title", tr("What went wrong, in a few words"), value=row.title if row else ""),
        FormField(
            "occurred_on", tr("When"), value=row.occurred_on.isoformat() if row else tr("today")
        ),
        FormField(
            "facts",
            tr("The facts, with dates (who did what, when)"),
            "area",
            value=row.facts if row else "",
        ),
        FormField(
            "contract_says",
            tr("What the contract or the commitments say"),
            "area",
            value=row.contract_says if row else "",
        ),
        FormField("next_step", tr("Next step"), value=row.next_step if row else ""),
        FormField(
            "for_client",
            tr("What it means for you (the client)"),
            "area",
            value=row.for_client if row else "",
        ),
        FormField(
            "for_me",
            tr("What it means for me and the project"),
            "area",
            value=row.for_me if row else "",
        ),
        FormField("proposal", tr("What I propose"), "area", value=row.proposal if row else ""),
        FormField(
            "blamed",
            tr("The client holds me alone responsible"),
            "check",
            value="1" if row and row.blamed else "",
        ),
        FormField(
            "status",
            tr("Status"),
            "select",
            [(trp("an incident", "Open"), "open"), (trp("an incident", "Resolved"), "resolved")],
            value=str(row.status) if row else "open",
        ),
    ]
    return FormModal(
        tr("Incident") if row else tr("New incident"),
        fields,
        check=lambda data: field_errors(
            IncidentInput, {**data, "project_id": project_id}, {"now": relay.now()}
        ),
        submit=lambda data: save_incident(
            relay.store,
            project_id,
            {**data, **version_of(row)},
            row.id if row else None,
            now=relay.now(),
        ),
        intro=tr(
            "Stick to facts and dates; leave feelings out. Say what it means for the client "
            "and for you, and what you propose: then tell the client (t)."
        ),
    )
