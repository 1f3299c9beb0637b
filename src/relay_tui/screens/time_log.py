"""Logging time from the app: a form like quick capture, on the current project."""

from __future__ import annotations

from typing import Any

from relay_tui.screens.context import Relay
from relay_tui.screens.form import FormField, FormModal


def time_log_form(
    relay: Relay, project_id: int | None, projects: list[tuple[str, int]]
) -> FormModal:
    from relay_tui.schemas import TimeInput, field_errors
    from relay_tui.services.timelog import log_time

    options = [(name, str(pid)) for name, pid in projects]
    chosen = str(project_id) if project_id is not None else (options[0][1] if options else "")
    fields = [
        FormField("minutes", "Time spent", placeholder="90, 1h30, 45m"),
        FormField(
            "project", "Project", "select", options or [("No active project", "")], value=chosen
        ),
        FormField(
            "category",
            "Kind of work",
            "select",
            [
                ("Work", "work"),
                ("Rework / corrections", "rework"),
                ("Meetings", "meetings"),
                ("Admin", "admin"),
            ],
            value="work",
        ),
        FormField("spent_on", "Day", value="today", placeholder="today, yesterday, 2026-11-20"),
        FormField("note", "Note", placeholder="optional"),
    ]

    def check(data: dict[str, Any]) -> dict[str, str]:
        payload = {key: value for key, value in data.items() if key != "project"}
        errors = field_errors(TimeInput, {**payload, "project_id": 0}, {"now": relay.now()})
        if not data.get("project"):
            errors["project"] = "create a project first"
        return errors

    def submit(data: dict[str, Any]) -> object:
        return log_time(relay.store, {**data, "project": int(data["project"])}, now=relay.now())

    return FormModal("Log time", fields, check=check, submit=submit, save_label="Log")
