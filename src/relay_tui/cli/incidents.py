"""`relay incident`: a project's problems, explained (what they mean for the client, for me
and the project, what I propose) and told to the client. `list`, `add`, `edit` (only the
options given change), `tell` (marks it told and logs the contact, one undo step) and
`delete`, as the other record commands do: the parser entries first, then the handlers,
which import the services when they run."""

from __future__ import annotations

from relay_tui.cli.parser import command, group, project_option
from relay_tui.cli.record_parts import (
    correcting,
    delete_command,
    deleting,
    one_of,
    option_help,
    record_id,
)
from relay_tui.i18n import tr
from relay_tui.vocab import Channel, IncidentStatus

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse
    from typing import Any

HERE = "relay_tui.cli.incidents"


# --- the parser entries -------------------------------------------------------------------


def _incident_options(p: argparse.ArgumentParser, edit: bool) -> None:
    """The options of `incident add` after the title, which `incident edit` takes too."""
    p.add_argument(
        "--on",
        help=option_help(edit, tr("when it happened (default today)"), tr("when it happened")),
    )
    p.add_argument("--facts", metavar="TEXT", help=tr("the facts, with dates (who did what, when)"))
    p.add_argument(
        "--contract", metavar="TEXT", help=tr("what the contract or the commitments say")
    )
    p.add_argument("--next", metavar="TEXT", help=tr("the next step"))
    p.add_argument("--for-client", metavar="TEXT", help=tr("what it means for the client"))
    p.add_argument("--for-me", metavar="TEXT", help=tr("what it means for me and the project"))
    p.add_argument("--proposal", metavar="TEXT", help=tr("what I propose"))
    blamed = tr("the client holds me alone responsible")
    if not edit:
        p.add_argument("--blamed", action="store_true", help=blamed)
        return
    which = p.add_mutually_exclusive_group()
    which.add_argument("--blamed", action="store_const", const=True, help=blamed)
    which.add_argument(
        "--not-blamed",
        dest="blamed",
        action="store_const",
        const=False,
        help=tr("the client no longer holds me alone responsible"),
    )


def add_incident_commands(sub: object) -> None:
    incident = group(sub, "incident", tr("problems: explained, and told to the client"))
    p = command(incident, "list", tr("the incidents of a project"), HERE, "incident_list")
    project_option(p)
    p.add_argument("--json", action="store_true", help=tr("machine-readable output"))
    p = command(
        incident,
        "add",
        tr("record an incident"),
        HERE,
        "incident_add",
        description=tr(
            "Record an incident: the facts, and what it means for the client and for you, "
            "and what you propose. It is flagged until the client is told (relay incident "
            "tell)."
        ),
        example=tr(
            "relay incident add 'Texts late' -p bakery --on 2026-11-18 "
            "--for-client 'The launch moves by a week'"
        ),
    )
    p.add_argument("title", help=tr("what went wrong, in a few words"))
    project_option(p)
    _incident_options(p, edit=False)
    listed = "relay incident list"
    p = command(
        incident,
        "edit",
        tr("correct an incident, or resolve it"),
        HERE,
        "incident_edit",
        description=correcting(
            tr("Correct an incident: its title, day, facts, what it means, what you propose.")
        ),
        example=tr("relay incident edit 1 --proposal 'Launch on the 11th' --status resolved"),
    )
    record_id(p, listed)
    p.add_argument("--title", help=tr("what went wrong, in a few words"))
    _incident_options(p, edit=True)
    p.add_argument("--status", help=tr("open or resolved"), **one_of(IncidentStatus))
    p = command(
        incident,
        "tell",
        tr("the client was told about an incident (logs the contact)"),
        HERE,
        "incident_tell",
        description=tr(
            "Record that the client was told about an incident: the day and the channel "
            "are kept on it, and the contact is logged (outbound, awaiting no reply). "
            "Told again: the day and the channel change and another contact is logged. "
            "relay undo takes both back."
        ),
        example=tr("relay incident tell 1 --on yesterday --how phone"),
    )
    record_id(p, listed)
    p.add_argument(
        "--on", help=tr("when (default today; not before the incident, not in the future)")
    )
    p.add_argument(
        "--how",
        help=tr(
            "email, phone, meeting, chat, other (default: the client's preferred channel, "
            "else email)"
        ),
        **one_of(Channel),
    )
    p.add_argument(
        "--summary", help=tr("what you told them (default: the title and what you propose)")
    )
    delete_command(
        incident,
        "incident",
        tr("delete an incident"),
        deleting(tr("Delete an incident.")),
        "relay incident delete 1",
        listed_by=listed,
    )


# --- the handlers -------------------------------------------------------------------------


def _told(incident: Any) -> str:
    from relay_tui.cli import words
    from relay_tui.display import short_date

    if incident.told_on is None:
        if incident.untold:
            return tr("not told to the client yet")
        return ""
    return tr(
        "told the client on {day} by {channel}",
        day=short_date(incident.told_on),
        channel=words.channel(incident.told_how),
    )


def incident_list(args: argparse.Namespace) -> int:
    from relay_tui.cli.context import open_store, print_records
    from relay_tui.display import short_date
    from relay_tui.services.incidents import incidents
    from relay_tui.services.projects import find_project
    from relay_tui.stored_words import incident_status

    store = open_store(args)
    project = find_project(store, args.project)
    rows = incidents(store, project.id)  # type: ignore[arg-type]

    def line(i: Any) -> str:
        told = _told(i)
        told = f"  ({told})" if told else ""
        status = incident_status(i.status)
        return f"#{i.id:<4} {short_date(i.occurred_on)}  {status:<8}  {i.title}{told}"

    empty = tr("No incident recorded for {project}.", project=project.name)
    return print_records(args, rows, line, empty, key="incidents")


def incident_add(args: argparse.Namespace) -> int:
    from relay_tui.cli.context import open_store
    from relay_tui.display import short_date
    from relay_tui.services.incidents import add_incident

    data = {
        "project": args.project,
        "title": args.title,
        "occurred_on": args.on,
        "facts": args.facts,
        "contract_says": args.contract,
        "next_step": args.next,
        "for_client": args.for_client,
        "for_me": args.for_me,
        "proposal": args.proposal,
        "blamed": args.blamed,
    }
    row = add_incident(open_store(args), {k: v for k, v in data.items() if v is not None})
    print(
        tr(
            "Added incident #{id} {title} ({day}). Not told to the client yet: once you "
            "have, relay incident tell {id}",
            id=row.id,
            title=row.title,
            day=short_date(row.occurred_on),
        )
    )
    return 0


def incident_tell(args: argparse.Namespace) -> int:
    from relay_tui.cli import words
    from relay_tui.cli.context import open_store
    from relay_tui.cli.corrections import UNDO
    from relay_tui.cli.records import _int
    from relay_tui.display import short_date
    from relay_tui.services.incidents import tell_incident

    told, contact_id = tell_incident(
        open_store(args), None, _int(args.id, "id") or 0, args.on, args.how, args.summary
    )
    said = tr(
        "Incident #{id} {title}: told the client on {day} by {channel}; contact #{contact} logged.",
        id=told.id,
        title=told.title,
        day=short_date(told.told_on),
        channel=words.channel(told.told_how),
        contact=contact_id,
    )
    print(f"{said} {tr(UNDO)}")
    return 0


def incident_edit(args: argparse.Namespace) -> int:
    from relay_tui.cli.corrections import _edit, _given
    from relay_tui.services.incidents import edit_incident

    data = _given(
        title=args.title,
        occurred_on=args.on,
        facts=args.facts,
        contract_says=args.contract,
        next_step=args.next,
        for_client=args.for_client,
        for_me=args.for_me,
        proposal=args.proposal,
        blamed=args.blamed,
        status=args.status,
    )
    return _edit(args, "incident", data, edit_incident)
