"""Handlers of the commands that add or list records."""

from __future__ import annotations

from relay_tui.cli import words
from relay_tui.cli.context import announce_backup, open_store, print_records, settings, yes_no
from relay_tui.display import local_stamp, short_date
from relay_tui.domain.parsing import format_duration
from relay_tui.i18n import tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from relay_tui.db import StoreLocation
    from relay_tui.fastcapture import Captured


def client_add(args: argparse.Namespace) -> int:
    from relay_tui.services.clients import add_client

    client = add_client(
        open_store(args),
        {
            "name": args.name,
            "organisation": args.org,
            "email": args.email,
            "phone": args.phone,
            "channel": args.channel,
            "language": args.language,
        },
    )
    print(tr("Added client #{id} {name}", id=client.id, name=client.name))
    return 0


def client_list(args: argparse.Namespace) -> int:
    from relay_tui.services.clients import list_clients

    def line(c: Any) -> str:
        extra = " · ".join(x for x in (c.organisation, c.email, c.phone) if x)
        return f"#{c.id:<4} {c.name}" + (f"  ({extra})" if extra else "")

    def as_json(c: Any) -> dict[str, object]:
        return {
            "id": c.id,
            "name": c.name,
            "organisation": c.organisation,
            "email": c.email,
            "phone": c.phone,
            "channel": c.channel,
            "language": c.language,
        }

    clients = list_clients(open_store(args))
    empty = tr("No clients yet. Add one with: relay client add NAME")
    return print_records(args, clients, line, empty, as_json, key="clients")


def project_add(args: argparse.Namespace) -> int:
    from relay_tui.services.projects import add_project

    project = add_project(
        open_store(args),
        {
            "name": args.name,
            "client": args.client,
            "kind": args.kind,
            "start_on": args.start,
            "delivery_on": args.delivery,
            "budget_minutes": args.budget,
            "chase_delay_days": args.chase_delay,
            "client_accountable": yes_no(args.accountable),
            "event_bound": yes_no(args.event),
            "partial_delivery_ok": yes_no(args.partial),
        },
        default_chase_delay=settings().chase_delay_days,
    )
    print(tr("Added project #{id} {name} (phase: before)", id=project.id, name=project.name))
    return 0


def project_list(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag
    from relay_tui.services.projects import list_projects

    rows = list_projects(open_store(args), include_closed=not args.active)
    width = max((len(r.name) for r in rows), default=0)

    def line(r: Any) -> str:
        state = words.phase(r.phase if r.status == "active" else "closed")
        delivery = tr("delivery {date}", date=short_date(r.delivery_on))
        return f"#{r.id:<4} {r.name:<{width}}  {r.client}  [{state}]  {delivery}{flag(r.problems)}"

    empty = tr("No projects yet. Add one with: relay project add NAME --client CLIENT")
    return print_records(args, rows, line, empty, key="projects")


def capture(args: argparse.Namespace) -> int:
    if getattr(args, "mail", False) or args.text is None:  # argparse only: not the fast path
        from relay_tui.cli.mail import capture_mail

        return capture_mail(args)
    from relay_tui.cli.context import location

    where = location(args)
    fields = {
        "text": args.text,
        "project": args.project,
        "channel": args.channel,
        "direction": args.direction or "out",
        "awaiting": args.awaiting,
        "at": args.at,
    }
    if where.is_sqlite and where.path is not None:
        from relay_tui.cli.context import settings
        from relay_tui.fastcapture import capture as fast_capture

        done = fast_capture(
            where.path, **fields, on_backup=announce_backup, user=settings().user or None
        )
    else:
        done = _server_capture(where, fields)
    if done is not None:
        cid, name, at = done.id, done.project_name, done.at
        channel, direction, awaiting = done.channel, done.direction, done.awaiting_reply
    else:
        from relay_tui.services.contacts import capture as service_capture

        contact, project = service_capture(
            open_store(args),
            {
                "project": fields["project"],
                "summary": fields["text"],
                "channel": fields["channel"] or "email",
                "direction": fields["direction"],
                "awaiting_reply": fields["awaiting"],
                "at": fields["at"],
            },
        )
        cid, name, at = contact.id, project.name, contact.at
        channel, direction = str(contact.channel), str(contact.direction)
        awaiting = contact.awaiting_reply
    said = {"id": cid, "project": name, "channel": words.channel(channel), "at": local_stamp(at)}
    if direction == "in" and awaiting:
        line = tr(
            "Captured #{id} on {project}: {channel} from the client, {at}, awaiting a reply",
            **said,
        )
    elif direction == "in":
        line = tr("Captured #{id} on {project}: {channel} from the client, {at}", **said)
    elif awaiting:
        line = tr(
            "Captured #{id} on {project}: {channel} to the client, {at}, awaiting a reply", **said
        )
    else:
        line = tr("Captured #{id} on {project}: {channel} to the client, {at}", **said)
    print(line)
    return 0


def _server_capture(where: StoreLocation, fields: dict[str, Any]) -> Captured | None:
    """The fast capture on a server store (psycopg alone); None: the full path."""
    from relay_tui import fastcapture_server

    if not fastcapture_server.can_capture(where):
        return None
    from relay_tui.cli.context import settings

    return fastcapture_server.capture(where, **fields, user=settings().user or None)


def deadline_add(args: argparse.Namespace) -> int:
    from relay_tui.services.deadlines import add_deadline

    margin = args.margin if args.margin is not None else settings().margin_days
    deadline = add_deadline(
        open_store(args),
        {
            "project": args.project,
            "title": args.title,
            "due_on": args.due,
            "kind": args.kind,
            "owner": args.owner,
            "margin_days": margin,
            "after_id": _int(args.after, "after"),
        },
    )
    print(
        tr(
            "Added deadline #{id} {title}: due {due}, who acts: {who}, margin {days} d",
            id=deadline.id,
            title=deadline.title,
            due=short_date(deadline.due_on),
            who=words.who_acts(str(deadline.owner)),
            days=deadline.margin_days,
        )
    )
    return 0


def deadline_done(args: argparse.Namespace) -> int:
    from relay_tui.services.deadlines import mark_done

    deadline = mark_done(open_store(args), _int(args.id, "id") or 0, args.on)
    print(
        tr(
            "Deadline #{id} {title} done on {day}",
            id=deadline.id,
            title=deadline.title,
            day=short_date(deadline.done_on),
        )
    )
    return 0


def risk_add(args: argparse.Namespace) -> int:
    from relay_tui.domain.risks import severity
    from relay_tui.services.risks import add_risk

    risk = add_risk(
        open_store(args),
        {
            "project": args.project,
            "title": args.title,
            "probability": args.probability,
            "impact": args.impact,
            "category": args.category,
            "mitigation": args.mitigation,
            "owner": args.owner,
            "review_on": args.review,
        },
    )
    score = risk.probability * risk.impact
    print(
        tr(
            "Added risk #{id} {title}: score {score} ({band})",
            id=risk.id,
            title=risk.title,
            score=score,
            band=words.band(severity(score)),
        )
    )
    return 0


def time_log(args: argparse.Namespace) -> int:
    from relay_tui.services.timelog import log_time

    entry = log_time(
        open_store(args),
        {
            "project": args.project,
            "minutes": args.duration,
            "spent_on": args.on,
            "category": args.category,
            "note": args.note,
        },
    )
    print(
        tr(
            "Logged {duration} of {category} on {day} (entry #{id})",
            duration=format_duration(entry.minutes),
            category=words.time_category(str(entry.category)),
            day=short_date(entry.spent_on),
            id=entry.id,
        )
    )
    return 0


def time_list(args: argparse.Namespace) -> int:
    from relay_tui.domain.rules import check_range
    from relay_tui.domain.stored import flag
    from relay_tui.services.projects import find_project
    from relay_tui.services.timelog import ENTRIES_LIMIT, time_entries

    store = open_store(args)
    limit = check_range(args.limit, "limit", 1, ENTRIES_LIMIT)
    project = find_project(store, args.project) if args.project else None
    entries = time_entries(store, project.id if project else None, limit=limit)

    def line(e: Any) -> str:
        note = f": {e.note}" if e.note else ""
        category = words.time_category(str(e.category))
        return (
            f"#{e.id:<5} {short_date(e.spent_on)}  {format_duration(e.minutes):>5}  "
            f"{category:<8}  {e.project}{note}{flag(e.problems)}"
        )

    if project is not None:
        empty = tr("No time logged on {project}.", project=project.name)
    else:
        empty = tr("No time logged yet. Log some with: relay time log DURATION -p PROJECT")
    return print_records(args, entries, line, empty, key="time_entries")


def _int(value: str | None, field: str) -> int | None:
    """An id (or a count) as typed: ASCII digits, within 64 bits (`rules.parse_id`)."""
    if value is None:
        return None
    from relay_tui.domain.rules import parse_id

    return parse_id(value, field)


def risk_list(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag, with_problems
    from relay_tui.services.common import local_today
    from relay_tui.services.projects import find_project
    from relay_tui.services.risks import list_risks

    def line(r: Any) -> str:
        overdue = "  " + tr("(review overdue)") if r.overdue else ""
        band, status = words.band(r.band), words.risk_status(str(r.risk.status))
        return (
            f"#{r.risk.id:<4} {r.score:>2} {band:<8} {status:<9} "
            f"{r.risk.title}{overdue}{flag(r.problems)}"
        )

    def as_json(r: Any) -> dict[str, object]:
        return with_problems(
            {
                "id": r.risk.id,
                "title": r.risk.title,
                "category": str(r.risk.category),
                "probability": r.risk.probability,
                "impact": r.risk.impact,
                "score": r.score,
                "band": r.band,
                "status": str(r.risk.status),
                "owner": r.risk.owner,
                "mitigation": r.risk.mitigation,
                "review_on": r.risk.review_on.isoformat() if r.risk.review_on else None,
                "review_overdue": r.overdue,
            },
            r.problems,
        )

    store = open_store(args)
    project = find_project(store, args.project)
    lines = list_risks(store, project.id, local_today())  # type: ignore[arg-type]
    empty = tr("No risk recorded for {project}.", project=project.name)
    return print_records(args, lines, line, empty, as_json, key="risks")
