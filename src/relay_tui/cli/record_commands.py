"""The parser entries of the record commands: client, project, capture and contact,
deadline, validation, risk and time — adding, listing, correcting (`edit`), deleting.

A correction takes the options of the command that adds the record (same names, same
help, same parsing), all optional: only those given change, the others keep their
values. What the add command takes as an argument (a name, a title, a text) is an option
of the correction (`--name`, `--title`, `--text`). Handlers are imported when they run.
"""

from __future__ import annotations

import argparse

from relay_tui import vocab
from relay_tui.cli.frame import add_frame_command
from relay_tui.cli.parser import command, group, project_option
from relay_tui.cli.record_parts import (
    FIXES,
    correcting,
    delete_command,
    deleting,
    named_delete,
    one_of,
    option_help,
    record_id,
)
from relay_tui.i18n import N_, tr

RECORDS = "relay_tui.cli.records"
DURING = "relay_tui.cli.during"

#: What a validated deliverable is (the validation commands' --help).
_LOCKED = N_("A validated deliverable is locked: reopen it with a reason first.")


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
    p.add_argument("--org", default=blank, help=tr("organisation"))
    p.add_argument("--email", default=blank, help=tr("e-mail address"))
    p.add_argument("--phone", default=blank, help=tr("phone number"))
    p.add_argument(
        "--channel",
        help=tr("preferred channel: email, phone, meeting, chat, other"),
        **one_of(vocab.Channel),
    )
    p.add_argument(
        "--language",
        metavar="LANG",
        help=tr("the language of the report and calendar for this client: en, fr ('' for yours)"),
    )


def _clients(sub: object) -> None:
    client = group(sub, "client", tr("manage clients"))
    p = command(client, "add", tr("add a client"), RECORDS, "client_add")
    p.add_argument("name", help=tr("the client's name (unique)"))
    _client_options(p, edit=False)
    p = command(client, "list", tr("list clients"), RECORDS, "client_list")
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    p = command(
        client,
        "edit",
        tr("correct a client"),
        FIXES,
        "client_edit",
        description=correcting(tr("Correct a client: its name, organisation, contact details.")),
        example=tr("relay client edit 'Marie Lambert' --phone '+33 6 98 76 54 32'"),
    )
    p.add_argument("id", metavar="ID|NAME", help=tr("the client's id or name"))
    p.add_argument("--name", help=tr("the client's name (unique)"))
    _client_options(p, edit=True)
    p.add_argument("--notes", help=tr("notes about the client"))
    named_delete(
        client,
        "client",
        tr("delete a client"),
        tr("Delete a client with their projects and everything recorded on them."),
        tr("the client's id or name"),
        "relay client delete 'Léa Martin' --yes",
    )


def _project_options(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--client", required=not edit, help=tr("client id or name"))
    kind = None if edit else "other"
    kinds = tr("corporate, artistic, friends or other")
    p.add_argument("--kind", default=kind, help=kinds, **one_of(vocab.ProjectKind))
    p.add_argument("--start", help=tr("start date (2026-12-01, today, +3d...)"))
    p.add_argument("--delivery", help=tr("delivery date"))
    p.add_argument("--budget", help=tr("time budget (e.g. 40h)"))
    chase = option_help(
        edit,
        tr("working days before chasing (default from settings)"),
        tr("working days before chasing"),
    )
    p.add_argument("--chase-delay", help=chase)


def _projects(sub: object) -> None:
    project = group(sub, "project", tr("manage projects"))
    p = command(project, "add", tr("add a project"), RECORDS, "project_add")
    p.add_argument("name", help=tr("the project's name (unique)"))
    _project_options(p, edit=False)
    for flag, what in (
        ("accountable", tr("is the client accountable to someone?")),
        ("event", tr("is the delivery date tied to an event?")),
        ("partial", tr("is a partial delivery acceptable?")),
    ):
        p.add_argument(f"--{flag}", choices=("yes", "no"), help=what)
    p = command(project, "list", tr("list projects"), RECORDS, "project_list")
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    p.add_argument("--active", action="store_true", help=tr("active projects only"))
    p = command(
        project,
        "edit",
        tr("correct a project"),
        FIXES,
        "project_edit",
        description=correcting(
            tr("Correct a project: its name, client, kind, dates, budget, chase delay.")
        ),
        example=tr("relay project edit bakery --delivery 2027-01-08 --budget 50h"),
    )
    p.add_argument("id", metavar="ID|NAME", help=tr("the project's id or name"))
    p.add_argument("--name", help=tr("the project's name (unique)"))
    _project_options(p, edit=True)
    add_frame_command(project)
    named_delete(
        project,
        "project",
        tr("delete a project"),
        tr(
            "Delete a project with everything recorded on it (contacts, alarm bells, time, risks…)."
        ),
        tr("the project's id or name"),
        "relay project delete 'Wedding site' --yes",
    )


# --- contacts -----------------------------------------------------------------------------


def _contact_options(p: argparse.ArgumentParser, edit: bool) -> None:
    """The options of `capture` after the project, which `contact edit` takes too."""
    channels = option_help(
        edit,
        tr("email (default), phone, meeting, chat, other"),
        tr("email, phone, meeting, chat, other"),
    )
    p.add_argument("-c", "--channel", help=channels, **one_of(vocab.Channel))
    direction = p.add_mutually_exclusive_group()
    direction.add_argument(
        "--in",
        dest="direction",
        action="store_const",
        const="in",
        help=tr("the client reached out"),
    )
    out = option_help(edit, tr("I reached out (default)"), tr("I reached out"))
    direction.add_argument("--out", dest="direction", action="store_const", const="out", help=out)
    if edit:
        awaiting = p.add_mutually_exclusive_group()
        awaiting.add_argument(
            "--awaiting", action="store_const", const=True, help=tr("I am waiting for a reply")
        )
        awaiting.add_argument(
            "--not-awaiting",
            dest="awaiting",
            action="store_const",
            const=False,
            help=tr("I am no longer waiting for a reply"),
        )
    else:
        p.add_argument("--awaiting", action="store_true", help=tr("I am waiting for a reply"))
    at = option_help(
        edit,
        tr("when (default now): 14:30, yesterday, 2026-12-01T09:15"),
        tr("when: 14:30, yesterday, 2026-12-01T09:15"),
    )
    p.add_argument("--at", help=at)


def _move_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-p", "--project", help=tr("move it to this project (id or unambiguous name prefix)")
    )


def _capture(sub: object) -> None:
    p = command(sub, "capture", tr("log a contact with the client"), RECORDS, "capture")
    p.add_argument("text", nargs="?", help=tr("what was said (not with --mail)"))
    project_option(p)
    _contact_options(p, edit=False)
    p.add_argument(
        "--mail",
        action="store_true",
        help=tr("read one mail on standard input (what mutt or aerc pipe) and log it"),
    )


def _contacts(sub: object) -> None:
    contact = group(sub, "contact", tr("the contact log"))
    p = command(contact, "list", tr("contacts, newest first"), DURING, "contact_list")
    p.add_argument("-p", "--project", help=tr("one project (default: all)"))
    p.add_argument("--awaiting", action="store_true", help=tr("only those awaiting a reply"))
    p.add_argument("-c", "--channel", help=tr("only this channel"), **one_of(vocab.Channel))
    p.add_argument("--search", help=tr("words to find in the summaries (all projects)"))
    p.add_argument("--limit", default="50", help=tr("how many (default 50)"))
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    p = command(
        contact,
        "edit",
        tr("correct a contact (the options of capture)"),
        FIXES,
        "contact_edit",
        description=correcting(tr("Correct a contact logged with relay capture.")),
        example=tr("relay contact edit 7 --channel phone --at 'yesterday 16:30'"),
    )
    record_id(p, "relay contact list")
    p.add_argument("--text", help=tr("what was said"))
    _move_option(p)
    _contact_options(p, edit=True)
    delete_command(
        contact,
        "contact",
        tr("delete a contact"),
        deleting(tr("Delete a contact.")),
        "relay contact delete 7",
        listed_by="relay contact list",
    )
    p = command(sub, "chase", tr("the chase list, or log a chase with -p"), DURING, "chase")
    p.add_argument("-p", "--project", help=tr("log a chase on this project"))
    chase_channel = tr("channel of the chase (default: the original one)")
    p.add_argument("-c", "--channel", help=chase_channel, **one_of(vocab.Channel))
    p.add_argument("--note", help=tr("what you wrote (default: Chased: <the request>)"))
    p.add_argument(
        "--message",
        action="store_true",
        help=tr("with -p: print the chase message (subject, then body) without logging"),
    )
    p.add_argument("--today", help=tr("compute the list, or the message, as of this date"))
    p.add_argument("--json", action="store_true", help=tr("machine-readable list"))


# --- alarm bells and validations ----------------------------------------------------------


def _deadline_options(p: argparse.ArgumentParser, edit: bool) -> None:
    due = tr("due date (2026-12-01, +2w, 2026-12-01T14:30)")
    p.add_argument("--due", required=not edit, help=due)
    kinds = tr("documents, validation, delivery, checkpoint or other")
    p.add_argument(
        "--kind", default=None if edit else "other", help=kinds, **one_of(vocab.DeadlineKind)
    )
    owner = option_help(
        edit, tr("client or provider (default from the kind)"), tr("client or provider")
    )
    p.add_argument("--owner", help=owner, **one_of(vocab.Party))
    margin = option_help(
        edit, tr("safety margin in days (default from settings)"), tr("safety margin in days")
    )
    p.add_argument("--margin", help=margin)
    after = tr("id of the deadline this one depends on")
    if not edit:
        p.add_argument("--after", help=after)
        return
    link = p.add_mutually_exclusive_group()
    link.add_argument("--after", help=after)
    link.add_argument("--no-after", action="store_true", help=tr("it depends on no other deadline"))


def _deadlines(sub: object) -> None:
    deadline = group(sub, "deadline", tr("alarm bells"))
    p = command(deadline, "add", tr("add a deadline"), RECORDS, "deadline_add")
    p.add_argument("title", help=tr("what is due"))
    project_option(p)
    _deadline_options(p, edit=False)
    p = command(deadline, "done", tr("mark a deadline done"), RECORDS, "deadline_done")
    record_id(p, "relay deadline list")
    p.add_argument("--on", help=tr("date it was done (default today)"))
    p = command(deadline, "list", tr("the alarm bells of a project"), DURING, "deadline_list")
    project_option(p)
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    p.add_argument("--today", help=tr("compute statuses as of this date"))
    listed = "relay deadline list"
    p = command(
        deadline,
        "edit",
        tr("correct a deadline"),
        FIXES,
        "deadline_edit",
        description=correcting(
            tr("Correct an alarm bell: its title, due date, kind, owner, margin, link.")
        ),
        example=tr("relay deadline edit 3 --due 2026-12-14 --margin 3"),
    )
    record_id(p, listed)
    p.add_argument("--title", help=tr("what is due"))
    _deadline_options(p, edit=True)
    delete_command(
        deadline,
        "deadline",
        tr("delete a deadline"),
        deleting(tr("Delete a deadline.")),
        "relay deadline delete 3",
        listed_by=listed,
    )


def _validations(sub: object) -> None:
    validation = group(sub, "validation", tr("validations by the client"))
    p = command(
        validation,
        "request",
        tr("submit a deliverable for validation"),
        DURING,
        "validation_request",
    )
    p.add_argument("deliverable", help=tr("what the client validates"))
    project_option(p)
    p.add_argument("--on", help=tr("date of the request (default today)"))
    p = command(
        validation,
        "done",
        tr("record the client's validation (locks it)"),
        DURING,
        "validation_done",
    )
    record_id(p, "relay validation list")
    p.add_argument("--by", required=True, help=tr("who validated"))
    p.add_argument("--on", help=tr("date of the validation (default today)"))
    p = command(
        validation,
        "reopen",
        tr("reopen a validated deliverable (a change request)"),
        DURING,
        "validation_reopen",
    )
    record_id(p, "relay validation list")
    p.add_argument("--reason", required=True, help=tr("why it is reopened"))
    p = command(validation, "list", tr("validations of a project"), DURING, "validation_list")
    project_option(p)
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    listed = "relay validation list"
    p = command(
        validation,
        "edit",
        tr("correct a validation request"),
        FIXES,
        "validation_edit",
        description=correcting(
            tr("Correct a validation request: the deliverable, the day it was asked.")
        )
        + f" {tr(_LOCKED)}",
        example=tr("relay validation edit 2 --deliverable 'Home page mock-up v2'"),
    )
    record_id(p, listed)
    p.add_argument("--deliverable", help=tr("what the client validates"))
    p.add_argument("--on", help=tr("date of the request"))
    delete_command(
        validation,
        "validation",
        tr("withdraw a request made by mistake"),
        tr(
            "Withdraw a validation request made by mistake: it is deleted, and relay undo "
            "brings it back."
        )
        + " "
        + tr(_LOCKED),
        "relay validation withdraw 4",
        listed_by=listed,
        name="withdraw",
        alias="delete",
    )


# --- risks and time -----------------------------------------------------------------------


def _risk_options(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--probability", required=not edit, help=tr("1 (rare) to 5 (almost certain)"))
    p.add_argument("--impact", required=not edit, help=tr("1 (minor) to 5 (severe)"))
    p.add_argument(
        "--category",
        default=None if edit else "other",
        help=tr(
            "financial, reputation, schedule, scope, accountability, "
            "event_deadline, technical, legal, other"
        ),
        **one_of(vocab.RiskCategory),
    )
    blank = None if edit else ""
    p.add_argument("--mitigation", default=blank, help=tr("what is done to prevent it"))
    p.add_argument("--owner", default=blank, help=tr("who watches it"))
    p.add_argument("--review", help=tr("next review date"))


def _risks(sub: object) -> None:
    risk = group(sub, "risk", tr("risk register"))
    p = command(risk, "add", tr("add a risk"), RECORDS, "risk_add")
    p.add_argument("title", help=tr("what could go wrong"))
    project_option(p)
    _risk_options(p, edit=False)
    p = command(risk, "list", tr("the risk register of a project"), RECORDS, "risk_list")
    project_option(p)
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    listed = "relay risk list"
    p = command(
        risk,
        "edit",
        tr("correct a risk, or change its status"),
        FIXES,
        "risk_edit",
        description=correcting(tr("Correct a risk of the register, or change its status.")),
        example=tr("relay risk edit 5 --probability 4 --mitigation 'Weekly call with Marie'"),
    )
    record_id(p, listed)
    p.add_argument("--title", help=tr("what could go wrong"))
    _risk_options(p, edit=True)
    risk_status = tr("open, mitigated, occurred or closed")
    p.add_argument("--status", help=risk_status, **one_of(vocab.RiskStatus))
    delete_command(
        risk,
        "risk",
        tr("delete a risk"),
        deleting(tr("Delete a risk.")),
        "relay risk delete 5",
        listed_by=listed,
    )


def _time_options(p: argparse.ArgumentParser, edit: bool) -> None:
    p.add_argument("--note", default=None if edit else "", help=tr("what the time went on"))
    p.add_argument("--on", help=option_help(edit, tr("day (default today)"), tr("day")))
    categories = tr("work, rework, meetings or admin")
    p.add_argument(
        "--category",
        default=None if edit else "work",
        help=categories,
        **one_of(vocab.TimeCategory),
    )


def _time(sub: object) -> None:
    timep = group(sub, "time", tr("time log"))
    p = command(timep, "log", tr("log time spent"), RECORDS, "time_log")
    p.add_argument("duration", help=tr("90, 1h30, 45m"))
    project_option(p)
    _time_options(p, edit=False)
    p = command(
        timep,
        "list",
        tr("time entries, newest first, with their ids"),
        RECORDS,
        "time_list",
        description=tr("Time entries, newest first, with the id to correct or delete one by."),
        example=tr("relay time list -p bakery --limit 5"),
    )
    p.add_argument("-p", "--project", help=tr("one project (default: all)"))
    p.add_argument("--limit", default="50", help=tr("how many (default 50)"))
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    listed = "relay time list"
    p = command(
        timep,
        "edit",
        tr("correct a time entry"),
        FIXES,
        "time_edit",
        description=correcting(tr("Correct a time entry logged with relay time log.")),
        example=tr("relay time edit 19 --duration 1h --category rework"),
    )
    record_id(p, listed)
    p.add_argument("--duration", help=tr("90, 1h30, 45m"))
    _move_option(p)
    _time_options(p, edit=True)
    delete_command(
        timep,
        "time",
        tr("delete a time entry"),
        deleting(tr("Delete a time entry.")),
        "relay time delete 19",
        listed_by=listed,
    )
