"""Handlers of the commands that add or list records."""

from __future__ import annotations

from relay_tui.cli.context import announce_backup, emit_json, open_store, settings, yes_no
from relay_tui.display import local_stamp, short_date
from relay_tui.domain.parsing import format_duration

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse


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
        },
    )
    print(f"Added client #{client.id} {client.name}")
    return 0


def client_list(args: argparse.Namespace) -> int:
    from relay_tui.services.clients import list_clients

    clients = list_clients(open_store(args))
    if args.json:
        emit_json(
            [
                {
                    "id": c.id,
                    "name": c.name,
                    "organisation": c.organisation,
                    "email": c.email,
                    "phone": c.phone,
                    "channel": c.channel,
                }
                for c in clients
            ]
        )
        return 0
    if not clients:
        print("No clients yet. Add one with: relay client add NAME")
    for c in clients:
        extra = " · ".join(x for x in (c.organisation, c.email, c.phone) if x)
        print(f"#{c.id:<4} {c.name}" + (f"  ({extra})" if extra else ""))
    return 0


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
    print(f"Added project #{project.id} {project.name} (phase: before)")
    return 0


def project_list(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag
    from relay_tui.services.projects import list_projects

    rows = list_projects(open_store(args), include_closed=not args.active)
    if args.json:
        emit_json([row.as_json() for row in rows])
        return 0
    if not rows:
        print("No projects yet. Add one with: relay project add NAME --client CLIENT")
        return 0
    width = max(len(r.name) for r in rows)
    for r in rows:
        state = r.phase if r.status == "active" else "closed"
        print(
            f"#{r.id:<4} {r.name:<{width}}  {r.client}  [{state}]  "
            f"delivery {short_date(r.delivery_on)}{flag(r.problems)}"
        )
    return 0


def capture(args: argparse.Namespace) -> int:
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
    arrow = "from the client" if direction == "in" else "to the client"
    waiting = ", awaiting a reply" if awaiting else ""
    print(f"Captured #{cid} on {name}: {channel} {arrow}, {local_stamp(at)}{waiting}")
    return 0


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
        f"Added deadline #{deadline.id} {deadline.title}: due {short_date(deadline.due_on)}, "
        f"{deadline.owner} holds the ball, margin {deadline.margin_days} d"
    )
    return 0


def deadline_done(args: argparse.Namespace) -> int:
    from relay_tui.services.deadlines import mark_done

    deadline = mark_done(open_store(args), _int(args.id, "id") or 0, args.on)
    print(f"Deadline #{deadline.id} {deadline.title} done on {short_date(deadline.done_on)}")
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
    print(f"Added risk #{risk.id} {risk.title}: score {score} ({severity(score)})")
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
        f"Logged {format_duration(entry.minutes)} of {entry.category} on "
        f"{short_date(entry.spent_on)} (entry #{entry.id})"
    )
    return 0


def _int(value: str | None, field: str) -> int | None:
    """An id (or a count) as typed: ASCII digits, within 64 bits (`rules.parse_id`)."""
    if value is None:
        return None
    from relay_tui.domain.rules import parse_id

    return parse_id(value, field)


def risk_list(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag
    from relay_tui.services.common import local_today
    from relay_tui.services.projects import find_project
    from relay_tui.services.risks import list_risks

    store = open_store(args)
    project = find_project(store, args.project)
    lines = list_risks(store, project.id, local_today())  # type: ignore[arg-type]
    if args.json:
        emit_json(
            [
                {
                    "id": line.risk.id,
                    "title": line.risk.title,
                    "category": str(line.risk.category),
                    "probability": line.risk.probability,
                    "impact": line.risk.impact,
                    "score": line.score,
                    "band": line.band,
                    "status": str(line.risk.status),
                    "owner": line.risk.owner,
                    "mitigation": line.risk.mitigation,
                    "review_on": line.risk.review_on.isoformat() if line.risk.review_on else None,
                    "review_overdue": line.overdue,
                    **({"problems": list(line.problems)} if line.problems else {}),
                }
                for line in lines
            ]
        )
        return 0
    if not lines:
        print(f"No risk recorded for {project.name}.")
        return 0
    for line in lines:
        overdue = "  (review overdue)" if line.overdue else ""
        print(
            f"#{line.risk.id:<4} {line.score:>2} {line.band:<8} {line.risk.status!s:<9} "
            f"{line.risk.title}{overdue}{flag(line.problems)}"
        )
    return 0
