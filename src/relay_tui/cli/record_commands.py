"""The parser entries of the record commands: client, project, capture and contact,
deadline, validation, risk and time — adding, listing, correcting (`edit`), deleting.

A correction takes the options of the command that adds the record (same names, same
help, same parsing), all optional: only those given change, the others keep their
values. What the add command takes as an argument (a name, a title, a text) is an option
of the correction (`--name`, `--title`, `--text`). Handlers are imported when they run.
"""

from __future__ import annotations

import argparse
import re

from relay_tui.cli.parser import command, group, project_option

RECORDS = "relay_tui.cli.records"
DURING = "relay_tui.cli.during"
FIXES = "relay_tui.cli.corrections"

#: What every correction says of itself in its --help.
_EDIT = (
    "Only the options given change; the others keep their values. It prints what "
    "changed; relay undo takes it back."
)
_DELETE = "It is deleted at once, and relay undo brings it back."
_WITH_IT = (
    "On a terminal it first says what goes with it and asks; elsewhere it needs --yes. "
    "relay undo brings it all back."
)


def _help(text: str, edit: bool) -> str:
    """An option's help; a correction's leaves out the default (what is not given is
    kept as it is)."""
    return re.sub(r" \(default[^)]*\)", "", text) if edit else text


def _record_id(parser: argparse.ArgumentParser, listed_by: str) -> None:
    parser.add_argument("id", metavar="ID", help=f"its id (`{listed_by}` shows it)")


def _delete(
    grp: object,
    kind: str,
    what: str,
    example: str,
    *,
    listed_by: str = "",
    name: str = "delete",
    help_text: str = "",
    description: str = "",
    alias: str = "",
) -> argparse.ArgumentParser:
    """`relay KIND delete ID`: one record, deleted at once (undoable)."""
    p = command(
        grp,
        name,
        help_text or f"delete a {what}",
        FIXES,
        "delete",
        description=description or f"Delete a {what}. {_DELETE}",
        example=example,
        aliases=[alias] if alias else [],
    )
    if listed_by:
        _record_id(p, listed_by)
    p.set_defaults(kind=kind)
    return p


def _named_delete(grp: object, kind: str, what: str, goes: str, example: str) -> None:
    """`relay client|project delete ID|NAME [--yes]`: a record that takes others along."""
    p = _delete(grp, kind, what, example, description=f"Delete a {what} with {goes}. {_WITH_IT}")
    p.add_argument("id", metavar="ID|NAME", help=f"the {what}'s id or name")
    p.add_argument(
        "--yes", action="store_true", help="delete without asking (needed without a terminal)"
    )


def add_record_commands(sub: object) -> None:
    _clients(sub)
    _projects(sub)
    _capture(sub)
    _deadlines(sub)
    _contacts(sub)
    _validations(sub)
    _risks(sub)
    _time(sub)


# --- clients and projects ---------------------------------------------------------------


def _client_options(p: argparse.ArgumentParser, edit: bool) -> None:
    blank = None if edit else ""
    p.add_argument("--org", default=blank, help="organisation")
    p.add_argument("--email", default=blank)
    p.add_argument("--phone", default=blank)
    p.add_argument("--channel", help="preferred channel: email, phone, meeting, chat, other")


def _clients(sub: object) -> None:
    client = group(sub, "client", "manage clients")
    p = command(client, "add", "add a client", RECORDS, "client_add")
    p.add_argument("name")
    _client_options(p, edit=False)
    p = command(client, "list", "list clients", RECORDS, "client_list")
    p.add_argument("--json", action="store_true")
    p = command(
        client,
        "edit",
        "correct a client",
        FIXES,
        "client_edit",
        description=f"Correct a client: its name, organisation, contact details. {_EDIT}",
        example="relay client edit 'Marie Lambert' --phone '+33 6 98 76 54 32'",
    )
    p.add_argument("id", metavar="ID|NAME", help="the client's id or name")
    p.add_argument("--name", help="the client's name (unique)")
    _client_options(p, edit=True)
    p.add_argument("--notes", help="notes about the client")
    _named_delete(
        client,
        "client",
        "client",
        "their projects and everything recorded on them",
        "relay client delete 'Léa Martin' --yes",
    )


def _project_options(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--client", required=not edit, help="client id or name")
    kind = None if edit else "other"
    p.add_argument("--kind", default=kind, help="corporate, artistic, friends or other")
    p.add_argument("--start", help="start date (2026-12-01, today, +3d...)")
    p.add_argument("--delivery", help="delivery date")
    p.add_argument("--budget", help="time budget (e.g. 40h)")
    chase = "working days before chasing (default from settings)"
    p.add_argument("--chase-delay", help=_help(chase, edit))


def _projects(sub: object) -> None:
    project = group(sub, "project", "manage projects")
    p = command(project, "add", "add a project", RECORDS, "project_add")
    p.add_argument("name")
    _project_options(p, edit=False)
    for flag, what in (
        ("accountable", "is the client accountable to someone?"),
        ("event", "is the delivery date tied to an event?"),
        ("partial", "is a partial delivery acceptable?"),
    ):
        p.add_argument(f"--{flag}", choices=("yes", "no"), help=what)
    p = command(project, "list", "list projects", RECORDS, "project_list")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--active", action="store_true", help="active projects only")
    p = command(
        project,
        "edit",
        "correct a project",
        FIXES,
        "project_edit",
        description="Correct a project: its name, client, kind, dates, budget, chase delay. "
        + _EDIT,
        example="relay project edit bakery --delivery 2027-01-08 --budget 50h",
    )
    p.add_argument("id", metavar="ID|NAME", help="the project's id or name")
    p.add_argument("--name", help="the project's name (unique)")
    _project_options(p, edit=True)
    _named_delete(
        project,
        "project",
        "project",
        "everything recorded on it (contacts, alarm bells, time, risks…)",
        "relay project delete 'Wedding site' --yes",
    )


# --- contacts -----------------------------------------------------------------------------


def _contact_options(p: argparse.ArgumentParser, edit: bool) -> None:
    """The options of `capture` after the project, which `contact edit` takes too."""
    channels = "email (default), phone, meeting, chat, other"
    p.add_argument("-c", "--channel", help=_help(channels, edit))
    direction = p.add_mutually_exclusive_group()
    direction.add_argument(
        "--in", dest="direction", action="store_const", const="in", help="the client reached out"
    )
    out = _help("I reached out (default)", edit)
    direction.add_argument("--out", dest="direction", action="store_const", const="out", help=out)
    if edit:
        awaiting = p.add_mutually_exclusive_group()
        awaiting.add_argument(
            "--awaiting", action="store_const", const=True, help="I am waiting for a reply"
        )
        awaiting.add_argument(
            "--not-awaiting",
            dest="awaiting",
            action="store_const",
            const=False,
            help="I am no longer waiting for a reply",
        )
    else:
        p.add_argument("--awaiting", action="store_true", help="I am waiting for a reply")
    p.add_argument(
        "--at", help=_help("when (default now): 14:30, yesterday, 2026-12-01T09:15", edit)
    )


def _move_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-p", "--project", help="move it to this project (id or unambiguous name prefix)"
    )


def _capture(sub: object) -> None:
    p = command(sub, "capture", "log a contact with the client", RECORDS, "capture")
    p.add_argument("text", help="what was said")
    project_option(p)
    _contact_options(p, edit=False)


def _contacts(sub: object) -> None:
    contact = group(sub, "contact", "the contact log")
    p = command(contact, "list", "contacts, newest first", DURING, "contact_list")
    p.add_argument("-p", "--project", help="one project (default: all)")
    p.add_argument("--awaiting", action="store_true", help="only those awaiting a reply")
    p.add_argument("-c", "--channel", help="only this channel")
    p.add_argument("--search", help="words to find in the summaries (all projects)")
    p.add_argument("--limit", default="50", help="how many (default 50)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = command(
        contact,
        "edit",
        "correct a contact (the options of capture)",
        FIXES,
        "contact_edit",
        description=f"Correct a contact logged with relay capture. {_EDIT}",
        example="relay contact edit 7 --channel phone --at 'yesterday 16:30'",
    )
    _record_id(p, "relay contact list")
    p.add_argument("--text", help="what was said")
    _move_option(p)
    _contact_options(p, edit=True)
    _delete(contact, "contact", "contact", "relay contact delete 7", listed_by="relay contact list")
    p = command(sub, "chase", "the chase list, or log a chase with -p", DURING, "chase")
    p.add_argument("-p", "--project", help="log a chase on this project")
    p.add_argument("-c", "--channel", help="channel of the chase (default: the original one)")
    p.add_argument("--note", help="what you wrote (default: Chased: <the request>)")
    p.add_argument("--today", help="compute the list as of this date")
    p.add_argument("--json", action="store_true", help="machine-readable list")


# --- alarm bells and validations ----------------------------------------------------------


def _deadline_options(p: argparse.ArgumentParser, edit: bool) -> None:
    due = "due date (2026-12-01, +2w, 2026-12-01T14:30)"
    p.add_argument("--due", required=not edit, help=due)
    kinds = "documents, validation, delivery, checkpoint or other"
    p.add_argument("--kind", default=None if edit else "other", help=kinds)
    p.add_argument("--owner", help=_help("client or provider (default from the kind)", edit))
    p.add_argument("--margin", help=_help("safety margin in days (default from settings)", edit))
    after = "id of the deadline this one depends on"
    if not edit:
        p.add_argument("--after", help=after)
        return
    link = p.add_mutually_exclusive_group()
    link.add_argument("--after", help=after)
    link.add_argument("--no-after", action="store_true", help="it depends on no other deadline")


def _deadlines(sub: object) -> None:
    deadline = group(sub, "deadline", "alarm bells")
    p = command(deadline, "add", "add a deadline", RECORDS, "deadline_add")
    p.add_argument("title")
    project_option(p)
    _deadline_options(p, edit=False)
    p = command(deadline, "done", "mark a deadline done", RECORDS, "deadline_done")
    p.add_argument("id")
    p.add_argument("--on", help="date it was done (default today)")
    p = command(deadline, "list", "the alarm bells of a project", DURING, "deadline_list")
    project_option(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--today", help="compute statuses as of this date")
    listed = "relay deadline list"
    p = command(
        deadline,
        "edit",
        "correct a deadline",
        FIXES,
        "deadline_edit",
        description="Correct an alarm bell: its title, due date, kind, owner, margin, link. "
        + _EDIT,
        example="relay deadline edit 3 --due 2026-12-14 --margin 3",
    )
    _record_id(p, listed)
    p.add_argument("--title", help="what is due")
    _deadline_options(p, edit=True)
    _delete(deadline, "deadline", "deadline", "relay deadline delete 3", listed_by=listed)


def _validations(sub: object) -> None:
    validation = group(sub, "validation", "validations by the client")
    p = command(
        validation, "request", "submit a deliverable for validation", DURING, "validation_request"
    )
    p.add_argument("deliverable")
    project_option(p)
    p.add_argument("--on", help="date of the request (default today)")
    p = command(
        validation, "done", "record the client's validation (locks it)", DURING, "validation_done"
    )
    p.add_argument("id")
    p.add_argument("--by", required=True, help="who validated")
    p.add_argument("--on", help="date of the validation (default today)")
    p = command(
        validation,
        "reopen",
        "reopen a validated deliverable (a change request)",
        DURING,
        "validation_reopen",
    )
    p.add_argument("id")
    p.add_argument("--reason", required=True, help="why it is reopened")
    p = command(validation, "list", "validations of a project", DURING, "validation_list")
    project_option(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    listed = "relay validation list"
    locked = "A validated deliverable is locked: reopen it with a reason first."
    p = command(
        validation,
        "edit",
        "correct a validation request",
        FIXES,
        "validation_edit",
        description=f"Correct a validation request: the deliverable, the day it was asked. "
        f"{_EDIT} {locked}",
        example="relay validation edit 2 --deliverable 'Home page mock-up v2'",
    )
    _record_id(p, listed)
    p.add_argument("--deliverable", help="what the client validates")
    p.add_argument("--on", help=_help("date of the request (default today)", edit=True))
    _delete(
        validation,
        "validation",
        "validation request",
        "relay validation withdraw 4",
        listed_by=listed,
        name="withdraw",
        alias="delete",
        help_text="withdraw a request made by mistake",
        description=f"Withdraw a validation request made by mistake: it is deleted, and "
        f"relay undo brings it back. {locked}",
    )


# --- risks and time -----------------------------------------------------------------------


def _risk_options(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--probability", required=not edit, help="1 (rare) to 5 (almost certain)")
    p.add_argument("--impact", required=not edit, help="1 (minor) to 5 (severe)")
    p.add_argument(
        "--category",
        default=None if edit else "other",
        help="financial, reputation, schedule, scope, accountability, "
        "event_deadline, technical, legal, other",
    )
    blank = None if edit else ""
    p.add_argument("--mitigation", default=blank)
    p.add_argument("--owner", default=blank)
    p.add_argument("--review", help="next review date")


def _risks(sub: object) -> None:
    risk = group(sub, "risk", "risk register")
    p = command(risk, "add", "add a risk", RECORDS, "risk_add")
    p.add_argument("title")
    project_option(p)
    _risk_options(p, edit=False)
    p = command(risk, "list", "the risk register of a project", RECORDS, "risk_list")
    project_option(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    listed = "relay risk list"
    p = command(
        risk,
        "edit",
        "correct a risk, or change its status",
        FIXES,
        "risk_edit",
        description=f"Correct a risk of the register, or change its status. {_EDIT}",
        example="relay risk edit 5 --probability 4 --mitigation 'Weekly call with Marie'",
    )
    _record_id(p, listed)
    p.add_argument("--title", help="what could go wrong")
    _risk_options(p, edit=True)
    p.add_argument("--status", help="open, mitigated, occurred or closed")
    _delete(risk, "risk", "risk", "relay risk delete 5", listed_by=listed)


def _time_options(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--note", default=None if edit else "")
    p.add_argument("--on", help=_help("day (default today)", edit))
    categories = "work, rework, meetings or admin"
    p.add_argument("--category", default=None if edit else "work", help=categories)


def _time(sub: object) -> None:
    timep = group(sub, "time", "time log")
    p = command(timep, "log", "log time spent", RECORDS, "time_log")
    p.add_argument("duration", help="90, 1h30, 45m")
    project_option(p)
    _time_options(p, edit=False)
    p = command(
        timep,
        "list",
        "time entries, newest first, with their ids",
        RECORDS,
        "time_list",
        description="Time entries, newest first, with the id to correct or delete one by.",
        example="relay time list -p bakery --limit 5",
    )
    p.add_argument("-p", "--project", help="one project (default: all)")
    p.add_argument("--limit", default="50", help="how many (default 50)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    listed = "relay time list"
    p = command(
        timep,
        "edit",
        "correct a time entry",
        FIXES,
        "time_edit",
        description=f"Correct a time entry logged with relay time log. {_EDIT}",
        example="relay time edit 19 --duration 1h --category rework",
    )
    _record_id(p, listed)
    p.add_argument("--duration", help="90, 1h30, 45m")
    _move_option(p)
    _time_options(p, edit=True)
    _delete(timep, "time", "time entry", "relay time delete 19", listed_by=listed)
