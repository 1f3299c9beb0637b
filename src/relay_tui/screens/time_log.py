"""Logging time from the app, and correcting an entry: a form like quick capture."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relay_tui.i18n import tr
from relay_tui.screens.context import Relay
from relay_tui.screens.form import FormField, FormModal, version_of

if TYPE_CHECKING:
    from relay_tui.services.timelog import TimeEntryView


def time_log_form(
    relay: Relay,
    project_id: int | None,
    projects: list[tuple[str, int]],
    entry: TimeEntryView | None = None,
) -> FormModal:
    """A new entry on `project_id` (or the first of `projects`), or `entry` corrected
    (it may move to any of `projects`)."""
    from relay_tui.domain.parsing import format_duration
    from relay_tui.schemas import TimeInput, field_errors
    from relay_tui.services.timelog import edit_time_entry, log_time

    options = [(name, str(pid)) for name, pid in projects]
    if entry is not None:
        project_id = entry.project_id
    chosen = str(project_id) if project_id is not None else (options[0][1] if options else "")
    fields = [
        FormField(
            "minutes",
            tr("Time spent"),
            value=format_duration(entry.minutes) if entry else "",
            placeholder=tr("90, 1h30, 45m"),
        ),
        FormField(
            "project",
            tr("Project"),
            "select",
            options or [(tr("No active project"), "")],
            value=chosen,
        ),
        FormField(
            "category",
            tr("Kind of work"),
            "select",
            [
                (tr("Work"), "work"),
                (tr("Rework / corrections"), "rework"),
                (tr("Meetings"), "meetings"),
                (tr("Admin"), "admin"),
            ],
            value=entry.category if entry else "work",
        ),
        FormField(
            "spent_on",
            tr("Day"),
            # A word the date parser reads in both languages (`domain.parsing.DAY_WORDS`).
            value=entry.spent_on.isoformat() if entry else tr("today"),
            placeholder=tr("today, yesterday, 2026-11-20"),
        ),
        FormField(
            "note", tr("Note"), value=entry.note if entry else "", placeholder=tr("optional")
        ),
    ]

    def check(data: dict[str, Any]) -> dict[str, str]:
        payload = {key: value for key, value in data.items() if key != "project"}
        errors = field_errors(TimeInput, {**payload, "project_id": 0}, {"now": relay.now()})
        if not data.get("project"):
            errors["project"] = tr("create a project first")
        return errors

    def submit(data: dict[str, Any]) -> object:
        data = {**data, "project": int(data["project"])}
        if entry is None:
            return log_time(relay.store, data, now=relay.now())
        data = {**data, **version_of(entry)}
        return edit_time_entry(relay.store, entry.id, data, now=relay.now())

    if entry is None:
        return FormModal(tr("Log time"), fields, check=check, submit=submit, save_label=tr("Log"))
    return FormModal(tr("Time entry"), fields, check=check, submit=submit)
