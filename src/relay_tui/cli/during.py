"""Handlers of the "during" commands: deadlines, contacts, chasing, validations, report,
calendar export."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from relay_tui.cli.context import closed_days, open_store, print_records, typed_path
from relay_tui.cli.records import _int
from relay_tui.display import local_stamp, short_date
from relay_tui.domain.parsing import ParseError, parse_date
from relay_tui.domain.rules import check_range, check_utf8
from relay_tui.errors import InvalidInput
from relay_tui.i18n import tr
from relay_tui.vocab import DEADLINE_STATUS_WORDS, WHO_ACTS


def _today(value: str | None) -> date:
    from relay_tui.services.common import local_today

    today = local_today()
    if not value:
        return today
    try:
        return parse_date(value, today)
    except ParseError as exc:
        raise InvalidInput(str(exc), "today") from None


def deadline_list(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag
    from relay_tui.services.deadlines import deadlines
    from relay_tui.services.projects import find_project

    store = open_store(args)
    today = _today(args.today)
    project = find_project(store, args.project)
    views = deadlines(store, project.id, today)  # type: ignore[arg-type]

    def line(v: Any) -> str:
        status = tr(DEADLINE_STATUS_WORDS.get(v.status, v.status))
        who = tr(WHO_ACTS.get(v.owner, v.owner))
        text = f"#{v.id:<4} {status:<9} {short_date(v.due_on)}  [{who}]  {v.title}"
        if v.slip:
            text += f"  → projected {short_date(v.slip.projected_on)} ({v.slip.explain()})"
        return text + flag(v.problems)

    return print_records(args, views, line, f"No deadline on {project.name} yet.")


def contact_list(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag
    from relay_tui.services.contacts import contacts_page, search_contacts
    from relay_tui.services.projects import find_project

    store = open_store(args)
    limit = check_range(args.limit, "limit", 1, 10_000)
    project_id = find_project(store, args.project).id if args.project else None
    if args.search is not None:
        check_utf8(args.search, "search")
        rows = search_contacts(store, args.search, project_id=project_id, limit=limit)
    else:
        rows = contacts_page(
            store, project_id, channel=args.channel, awaiting_only=args.awaiting, limit=limit
        )
    if args.search is not None and (args.channel or args.awaiting):
        rows = [
            r
            for r in rows
            if (not args.channel or r.channel == args.channel) and (not args.awaiting or r.awaiting)
        ]

    def line(r: Any) -> str:
        arrow = "←" if r.direction == "in" else "→"
        awaiting = "  (awaiting a reply)" if r.awaiting else ""
        return (
            f"#{r.id:<5} {local_stamp(r.at)}  {arrow} {r.channel:<7} {r.project}: {r.summary}"
            f"{awaiting}{flag(r.problems)}"
        )

    return print_records(args, rows, line, "No contact found.")


def chase(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag, with_problems
    from relay_tui.services.chasing import chase_list, log_chase

    store = open_store(args)
    if args.project:
        contact, project = log_chase(store, args.project, channel=args.channel, note=args.note)
        print(
            f"Chase #{contact.id} logged on {project.name} ({contact.channel}): "
            f"{contact.summary}. The clock restarts."
        )
        return 0

    def line(i: Any) -> str:
        return (
            f"{i.project}: waiting {i.working_days} working days since "
            f"{local_stamp(i.waiting_since)} — {i.summary} "
            f"(chased {i.chases} time{'s' if i.chases != 1 else ''}; "
            f"relay chase -p {i.project_id}){flag(i.problems)}"
        )

    def as_json(i: Any) -> dict[str, object]:
        return with_problems(
            {
                "project_id": i.project_id,
                "project": i.project,
                "waiting_since": i.waiting_since.isoformat(),
                "working_days": i.working_days,
                "chase_due": i.due_on.isoformat(),
                "request": i.summary,
                "open_requests": i.open_requests,
                "chases": i.chases,
            },
            i.problems,
        )

    today = _today(args.today)
    items = chase_list(store, today, closed=closed_days(today))
    return print_records(args, items, line, "Nobody to chase today.", as_json)


def validation_request(args: argparse.Namespace) -> int:
    from relay_tui.services.validations import request_validation

    row = request_validation(
        open_store(args), args.project, {"deliverable": args.deliverable, "requested_on": args.on}
    )
    print(f"Validation #{row.id} requested: {row.deliverable} ({short_date(row.requested_on)})")
    return 0


def validation_done(args: argparse.Namespace) -> int:
    from relay_tui.services.validations import validate_deliverable

    row = validate_deliverable(
        open_store(args),
        _int(args.id, "id") or 0,
        {"validated_by": args.by, "validated_on": args.on},
    )
    print(
        f"Validation #{row.id} {row.deliverable}: validated by {row.validated_by} on "
        f"{short_date(row.validated_on)}; it is now locked."
    )
    return 0


def validation_reopen(args: argparse.Namespace) -> int:
    from relay_tui.services.validations import reopen_validation

    change = reopen_validation(open_store(args), _int(args.id, "id") or 0, {"reason": args.reason})
    print(
        f"Validation #{change.validation_id} reopened; change request #{change.id} "
        f"recorded: {change.reason}"
    )
    return 0


def validation_list(args: argparse.Namespace) -> int:
    from relay_tui.services.projects import find_project
    from relay_tui.services.validations import validations

    store = open_store(args)
    project = find_project(store, args.project)
    rows = validations(store, project.id)  # type: ignore[arg-type]

    def lines(v: Any) -> str:
        state = (
            f"validated {short_date(v.validated_on)} by {v.validated_by} (locked)"
            if v.validated_on
            else f"awaiting since {short_date(v.requested_on)}"
        )
        text = f"#{v.id:<4} {v.deliverable}: {state}"
        for change in v.history:  # one more line for each time it was reopened
            who = f" by {change.created_by}" if change.created_by else ""
            text += f"\n       reopened {local_stamp(change.created_at)}{who}: {change.reason}"
        return text

    return print_records(args, rows, lines, f"No validation requested on {project.name} yet.")


def report(args: argparse.Namespace) -> int:
    from relay_tui.services.status_report import report as build
    from relay_tui.services.transfer import write_private

    target = None if args.output is None else typed_path(args.output)
    project, text = build(open_store(args), args.project, _today(args.today))
    if target is not None:
        write_private(target, text)
        print(f"Wrote the status report of {project.name} to {args.output}")
    else:
        print(text, end="")
    return 0


def export_ics(args: argparse.Namespace) -> int:
    from relay_tui.services.calendar import export_ics as export

    target = typed_path(args.output)
    flagged: list[str] = []
    count = export(open_store(args), target, project=args.project, flagged=flagged)
    print(f"Wrote {count} alarm bell{'s' if count != 1 else ''} to {args.output}")
    for line in flagged:
        print(f"  ⚠ {line}")
    return 0
