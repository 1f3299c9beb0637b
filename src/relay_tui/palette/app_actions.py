"""The app's own actions in the palette: creating, capturing, the board, undo, and the
exports (the craft card, the status report, the retrospective, the calendar, everything).
Every action of the app is here or on a key of the app (tests/screens/test_palette_actions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from relay_tui.i18n import N_, app_language, iter_languages, tr
from relay_tui.palette.entry import Entry
from relay_tui.widgets.labels import printable

#: The help of an entry about a project when no project is in view.
NO_PROJECT = N_("Open a project first, or highlight one on the dashboard")


@dataclass(frozen=True)
class AppAction:
    """`title` and `help` in English (marked with `N_`): translated when listed."""

    title: str
    #: Its second line; its words find it too (see `Entry.score`).
    help: str
    #: The app's action (`RelayApp.action_<action>`).
    action: str
    #: It is about the project in view (`RelayApp.project_in_view`), named in its help.
    about_project: bool = False
    #: Not listed where a key with one of these binding ids works: the entry of that key
    #: (see `screen_keys`) says the same, for the same project.
    shown_by: frozenset[str] = frozenset()
    #: Only listed on a project or the board (see `RelayApp.action_dashboard`).
    from_views: bool = False


ACTIONS: tuple[AppAction, ...] = (
    AppAction(
        N_("New project"), N_("Create a project and its client (n on the dashboard)"), "new_project"
    ),
    AppAction(N_("Capture a contact"), N_("Log a call, an email or a meeting (c)"), "capture"),
    AppAction(N_("Log time"), N_("Time spent on a project (T)"), "log_time"),
    AppAction(
        N_("Undo the last change"), N_("Take back your last add, edit or delete (u)"), "undo"
    ),
    AppAction(
        N_("Go to: Dashboard"),
        N_("Every active project, what needs attention first"),
        "dashboard",
        from_views=True,
    ),
    AppAction(
        N_("Go to: Timekeeping board"), N_("What needs doing across all projects (t)"), "board"
    ),
    AppAction(
        N_("Go to: Status report"),
        N_("The report for the client, to read, copy or save (g on the during phase)"),
        "status_report",
        about_project=True,
        shown_by=frozenset({"during-report"}),
    ),
    AppAction(
        N_("Go to: Retrospective wizard"),
        N_("What worked, what did not, the lessons (w on the after phase)"),
        "retro",
        about_project=True,
        shown_by=frozenset({"after-retro", "retro-leave"}),  # the wizard itself
    ),
    AppAction(
        N_("Kick-off summary (Markdown)"),
        N_(
            "For the client: how we work, the key dates, both sides' commitments, the "
            "lessons planned (K on the before phase)"
        ),
        "kickoff",
        about_project=True,
        shown_by=frozenset({"before-kickoff"}),
    ),
    AppAction(
        N_("Commitments for the contract (Markdown)"),
        N_("Both sides' commitments, to append to the contract: read, copy or save"),
        "commitments_appendix",
        about_project=True,
    ),
    AppAction(
        N_("Export the status report (Markdown)"),
        N_("Write the report for the client to a file in your Documents folder"),
        "export_report",
        about_project=True,
    ),
    AppAction(
        N_("Export the retrospective (Markdown)"),
        N_("Write the retrospective and its lessons to a file in your Documents folder"),
        "export_retro",
        about_project=True,
    ),
    AppAction(
        N_("Export my craft card (Markdown)"),
        N_("Write your craft card (your trade explained, as saved) to a Markdown file"),
        "export_craft",
    ),
    AppAction(
        N_("Export alarm bells to a calendar (.ics)"),
        N_("One event per open deadline (alarm bell) of the active projects, with alarms"),
        "export_ics",
    ),
    AppAction(
        N_("Export all data (JSON)"), N_("Write the whole store to a JSON file"), "export_json"
    ),
)


def app_entries(app: Any, project: str | None, shown_ids: set[str], on_view: bool) -> list[Entry]:
    """The entries of `ACTIONS` that apply here: `project` is the name of the project in
    view (None: none is), `shown_ids` the ids of the keys the screen's own entries offer,
    `on_view` whether the screen is a project or the board."""
    entries = []
    for action in ACTIONS:
        if action.shown_by & shown_ids or (action.from_views and not on_view):
            continue
        help_text = tr(action.help)
        if action.about_project:
            help_text = (
                tr("{project}: {help}", project=printable(project, 60), help=help_text)
                if project
                else tr(NO_PROJECT)
            )
        entries.append(Entry(tr(action.title), help_text, partial(app.run_action, action.action)))
    return entries + language_entries(app)


def language_entries(app: Any) -> list[Entry]:
    """ "Language: …", one entry per other language relay speaks, named in its own words
    (`app_language`: saved in the settings, relay starts again in it)."""
    return [
        Entry(
            tr("Language: {language}", language=name),
            tr("relay in {language}, from now on: it starts again in it", language=name),
            partial(app.run_action, f"language('{code}')"),
        )
        for code, name in iter_languages()
        if code != app_language()
    ]
