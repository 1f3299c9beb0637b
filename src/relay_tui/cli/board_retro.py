"""Handlers of `relay board` and `relay retro`."""

from __future__ import annotations

import argparse

from relay_tui.cli.context import emit_json, open_store, typed_path
from relay_tui.cli.during import _today
from relay_tui.display import short_date
from relay_tui.domain.parsing import format_duration


def board(args: argparse.Namespace) -> int:
    from relay_tui.domain.stored import flag
    from relay_tui.services.board import board as build

    data = build(open_store(args), _today(args.today))
    if args.json:
        emit_json(data.as_json())
        return 0
    print(f"Timekeeping board, {short_date(data.today)}")
    print("\nAlarm bells (late or in their margin)")
    for name, d in data.alarms or []:
        ball = "client" if d.owner == "client" else "me"
        moved = f", projected {short_date(d.slip.projected_on)}" if d.slip else ""
        print(
            f"  {d.status:<9} {short_date(d.due_on)}{moved}  [{ball}]  {name}: {d.title}"
            f"{flag(d.problems)}"
        )
    if not data.alarms:
        print("  nothing late or in its margin")
    print("\nTo chase")
    for c in data.chase:
        print(
            f"  {c.project}: {c.working_days} working days without a reply — {c.summary}"
            f"{flag(c.problems)}"
        )
    if not data.chase:
        print("  nobody")
    print("\nWaiting on the client")
    for w in data.waiting:
        print(f"  {w.project}: since {short_date(w.since)} ({w.days} days)")
    if not data.waiting:
        print("  no project")
    print("\nTime against budget")
    for t in data.time:
        use = t.use
        budget = format_duration(use.budget_minutes) if use.budget_minutes else "no budget"
        ratio = f" ({use.ratio:.0%})" if use.ratio is not None else ""
        warn = "  OVER BUDGET: stop polishing, check the scope" if use.over else ""
        projected = (
            f"; at this pace {format_duration(use.projected_minutes)}"
            if use.projected_minutes
            else ""
        )
        rework = f"; rework {use.rework_share:.0%}" if use.rework_share else ""
        print(
            f"  {t.project}: {format_duration(use.logged_minutes)} of {budget}{ratio}"
            f"{projected}{rework}{warn}{flag(t.problems)}"
        )
    if not data.time:
        print("  no time logged")
    return 0


def retro(args: argparse.Namespace) -> int:
    from relay_tui.services.projects import find_project

    target = None if args.export is None else typed_path(args.export)
    store = open_store(args)
    project = find_project(store, args.project)
    if target is not None:
        from relay_tui.services.retro import retro_markdown
        from relay_tui.services.transfer import write_private

        write_private(target, retro_markdown(store, project.id))  # type: ignore[arg-type]
        print(f"Wrote the retrospective of {project.name} to {args.export}")
        return 0
    from relay_tui.cli.app_launch import open_app

    args.open_retro = project.id
    return open_app(args)
