"""Handlers of the "during" commands: deadlines, contacts, chasing, validations, report,
calendar export."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from relay_tui.cli import words
from relay_tui.cli.context import (
    closed_days,
    open_store,
    output_path,
    print_records,
    today_option,
    typed_path,
)
from relay_tui.cli.records import _int
from relay_tui.display import local_stamp, short_date
from relay_tui.domain.rules import check_range, check_utf8
from relay_tui.errors import InvalidInput
from relay_tui.i18n import tr, trn


def _today(value: str | None) -> date:
    """`--today`: the day given, else today (`cli.context.today_option`)."""
    return today_option(value)


def deadline_list(args: argparse.Namespace) -> int:
    from relay_tui.cli.light_reads import read
    from relay_tui.domain.stored import flag

    def fast(conn: Any) -> tuple[Any, list[Any]]:
        from relay_tui import fastreads

        today = _today(args.today)
        project = fastreads.find_project(conn, args.project)
        return project, fastreads.deadlines(conn, project.id, today)

    def slow(store: Any) -> tuple[Any, list[Any]]:
        from relay_tui.services.deadlines import deadlines
        from relay_tui.services.projects import find_project

        today = _today(args.today)
        project = find_project(store, args.project)
        return project, deadlines(store, project.id, today)  # type: ignore[arg-type]

    project, views = read(args, fast, slow)

    def line(v: Any) -> str:
        status = words.deadline_status(v.status)
        who = words.who_acts(v.owner)
        text = f"#{v.id:<4} {status:<9} {short_date(v.due_on)}  [{who}]  {v.title}"
        if v.slip:
            text += "  " + tr(
                "→ projected {day} ({why})",
                day=short_date(v.slip.projected_on),
                why=v.slip.explain(),
            )
        return text + flag(v.problems)

    empty = tr("No deadline on {project} yet.", project=project.name)
    return print_records(args, views, line, empty, key="deadlines")


def contact_list(args: argparse.Namespace) -> int:
    from relay_tui.cli.light_reads import read
    from relay_tui.domain.stored import flag
    from relay_tui.vocab import Channel

    def fast(conn: Any) -> list[Any] | None:
        from relay_tui import fastreads

        limit = check_range(args.limit, "limit", 1, 10_000)
        if args.search is not None or (args.channel and args.channel not in set(Channel)):
            return None  # the search, or a channel to refuse: the services' path
        project_id = fastreads.find_project(conn, args.project).id if args.project else None
        return fastreads.contacts_page(
            conn, project_id, channel=args.channel, awaiting_only=args.awaiting, limit=limit
        )

    def slow(store: Any) -> list[Any]:
        from relay_tui.services.contacts import contacts_page, search_contacts
        from relay_tui.services.projects import find_project

        limit = check_range(args.limit, "limit", 1, 10_000)
        project_id = find_project(store, args.project).id if args.project else None
        if args.search is not None:
            check_utf8(args.search, "search")
            return search_contacts(store, args.search, project_id=project_id, limit=limit)
        return contacts_page(
            store, project_id, channel=args.channel, awaiting_only=args.awaiting, limit=limit
        )

    rows = read(args, fast, slow)
    if args.search is not None and (args.channel or args.awaiting):
        rows = [
            r
            for r in rows
            if (not args.channel or r.channel == args.channel) and (not args.awaiting or r.awaiting)
        ]

    def line(r: Any) -> str:
        arrow = "←" if r.direction == "in" else "→"
        awaiting = "  " + tr("(awaiting a reply)") if r.awaiting else ""
        channel = words.channel(str(r.channel))
        return (
            f"#{r.id:<5} {local_stamp(r.at)}  {arrow} {channel:<7} "
            f"{words.labelled(r.project, r.summary)}"
            f"{awaiting}{flag(r.problems)}"
        )

    return print_records(args, rows, line, tr("No contact found."), key="contacts")


def chase(args: argparse.Namespace) -> int:
    from relay_tui.cli.light_reads import read
    from relay_tui.domain.stored import flag, with_problems

    if args.message and not args.project:
        raise InvalidInput(
            tr("--message needs the project: relay chase -p PROJECT --message"), "message"
        )
    if args.message:
        from relay_tui.services.chase_message import chase_message

        store = open_store(args)
        today = _today(args.today)
        print(chase_message(store, args.project, today, closed_days(today)).text)
        return 0
    if args.project:
        from relay_tui.services.chasing import log_chase

        store = open_store(args)
        contact, project = log_chase(store, args.project, channel=args.channel, note=args.note)
        print(
            tr(
                "Chase #{id} logged on {project} ({channel}): {summary}. The clock restarts.",
                id=contact.id,
                project=project.name,
                channel=words.channel(str(contact.channel)),
                summary=contact.summary,
            )
        )
        return 0

    def line(i: Any) -> str:
        chased = trn(
            "chased {n} time; relay chase -p {project_id}",
            "chased {n} times; relay chase -p {project_id}",
            i.chases,
            project_id=i.project_id,
        )
        waiting = trn(
            "{project}: waiting {n} working day since {since} — {request} ({chased})",
            "{project}: waiting {n} working days since {since} — {request} ({chased})",
            i.working_days,
            project=i.project,
            since=local_stamp(i.waiting_since),
            request=i.summary,
            chased=chased,
        )
        return waiting + flag(i.problems)

    def as_json(i: Any) -> dict[str, object]:
        return with_problems(
            {
                "project_id": i.project_id,
                "project": i.project,
                "waiting_since_at": i.waiting_since.isoformat(),
                "working_days": i.working_days,
                "due_on": i.due_on.isoformat(),
                "summary": i.summary,
                "open_requests": i.open_requests,
                "chases": i.chases,
            },
            i.problems,
        )

    def fast(conn: Any) -> list[Any]:
        from relay_tui import fastreads

        today = _today(args.today)
        return list(fastreads.chase_state(conn, today, closed_days(today)).items)

    def slow(store: Any) -> list[Any]:
        from relay_tui.services.chasing import chase_list

        today = _today(args.today)
        return chase_list(store, today, closed=closed_days(today))

    items = read(args, fast, slow)
    return print_records(args, items, line, tr("Nobody to chase today."), as_json, key="chase")


def validation_request(args: argparse.Namespace) -> int:
    from relay_tui.services.validations import request_validation

    row = request_validation(
        open_store(args), args.project, {"deliverable": args.deliverable, "requested_on": args.on}
    )
    print(
        tr(
            "Validation #{id} requested: {deliverable} ({day})",
            id=row.id,
            deliverable=row.deliverable,
            day=short_date(row.requested_on),
        )
    )
    return 0


def validation_done(args: argparse.Namespace) -> int:
    from relay_tui.services.validations import validate_deliverable

    row = validate_deliverable(
        open_store(args),
        _int(args.id, "id") or 0,
        {"validated_by": args.by, "validated_on": args.on},
    )
    print(
        tr(
            "Validation #{id} {deliverable}: validated by {person} on {day}; it is now locked.",
            id=row.id,
            deliverable=row.deliverable,
            person=row.validated_by,
            day=short_date(row.validated_on),
        )
    )
    return 0


def validation_reopen(args: argparse.Namespace) -> int:
    from relay_tui.services.validations import reopen_validation

    change = reopen_validation(open_store(args), _int(args.id, "id") or 0, {"reason": args.reason})
    print(
        tr(
            "Validation #{id} reopened; change request #{change} recorded: {reason}",
            id=change.validation_id,
            change=change.id,
            reason=change.reason,
        )
    )
    return 0


def validation_list(args: argparse.Namespace) -> int:
    from relay_tui.services.projects import find_project
    from relay_tui.services.validations import validations

    store = open_store(args)
    project = find_project(store, args.project)
    rows = validations(store, project.id)  # type: ignore[arg-type]

    def lines(v: Any) -> str:
        if v.validated_on:
            state = tr(
                "validated {day} by {person} (locked)",
                day=short_date(v.validated_on),
                person=v.validated_by,
            )
        else:
            state = tr("awaiting since {day}", day=short_date(v.requested_on))
        text = f"#{v.id:<4} {words.labelled(v.deliverable, state)}"
        for change in v.history:  # one more line for each time it was reopened
            when = local_stamp(change.created_at)
            if change.created_by:
                reopened = tr(
                    "reopened {when} by {person}: {reason}",
                    when=when,
                    person=change.created_by,
                    reason=change.reason,
                )
            else:
                reopened = tr("reopened {when}: {reason}", when=when, reason=change.reason)
            text += f"\n       {reopened}"
        return text

    empty = tr("No validation requested on {project} yet.", project=project.name)
    return print_records(args, rows, lines, empty, key="validations")


def report(args: argparse.Namespace) -> int:
    from relay_tui.output import write_output
    from relay_tui.services.reports_sent import mark_report_sent, report_period
    from relay_tui.services.status_report import report as build

    if args.history:
        return _report_history(args)
    target = None if args.output in (None, "-") else typed_path(args.output)
    if args.period is not None:
        from relay_tui.domain.record_rules import field_rule

        problem = field_rule("sent_report", "period").problem(args.period)
        if problem:
            raise InvalidInput(problem, "period")
    store = open_store(args)
    today = _today(args.today)
    project, text = build(store, args.project, today, args.period)
    if target is not None:
        write_output(target, (text,), force=args.force)
        print(
            tr(
                "Wrote the status report of {project} to {file}",
                project=project.name,
                file=args.output,
            )
        )
    else:
        print(text, end="")
    if args.sent:
        from relay_tui.services.status_report import report_draft

        period = args.period
        if period is None:
            period = report_draft(store, project.id, today).draft
        mark_report_sent(store, project.id, today, period, text)  # type: ignore[arg-type]
        after = report_period(store, project.id)  # type: ignore[arg-type]
        if after.next_due is not None:
            said = tr(
                "Report stored as sent on {day}; next due {next}.",
                day=short_date(today),
                next=short_date(after.next_due),
            )
        else:
            said = tr("Report stored as sent on {day}.", day=short_date(today))
        # With the report on stdout, the confirmation goes to stderr: a pipe gets the report.
        print(said, file=sys.stdout if target is not None else sys.stderr)
    return 0


def _report_history(args: argparse.Namespace) -> int:
    from relay_tui.services.projects import find_project
    from relay_tui.services.reports_sent import sent_reports

    if args.output or args.period is not None:
        raise InvalidInput(tr("--history lists the reports sent: it writes none"), "history")
    store = open_store(args)
    project = find_project(store, args.project)
    rows = sent_reports(store, project.id)  # type: ignore[arg-type]
    if not rows:
        print(tr("No report sent on {project} yet.", project=project.name))
        return 0
    for row in rows:
        first = next((line.strip() for line in row.period.splitlines() if line.strip()), "")
        words_of = first if len(first) <= 60 else first[:59] + "…"
        print(f"#{row.id:<4} {short_date(row.sent_on)}  {words_of}".rstrip())
    return 0


def export_ics(args: argparse.Namespace) -> int:
    from relay_tui.services.calendar import export_ics as export

    target = output_path(args.output)
    flagged: list[str] = []
    count = export(
        open_store(args), target, project=args.project, flagged=flagged, force=args.force
    )
    said = sys.stdout if target is not None else sys.stderr  # stdout: the calendar alone
    if target is not None:
        print(
            trn(
                "Wrote {n} alarm bell to {file}",
                "Wrote {n} alarm bells to {file}",
                count,
                file=args.output,
            )
        )
    for line in flagged:
        print(f"  ⚠ {line}", file=said)
    return 0
