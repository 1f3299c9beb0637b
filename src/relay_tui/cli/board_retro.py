"""Handlers of `relay board` and `relay retro`."""

from __future__ import annotations

import argparse
from typing import Any

from relay_tui.cli.context import closed_days, emit_json, open_store, typed_path
from relay_tui.cli.during import _today
from relay_tui.display import short_date
from relay_tui.domain.parsing import format_duration
from relay_tui.domain.stored import flag
from relay_tui.i18n import tr
from relay_tui.vocab import DEADLINE_STATUS_WORDS, WHO_ACTS


def board(args: argparse.Namespace) -> int:
    from relay_tui.services.board import board as build

    today = _today(args.today)
    data = build(open_store(args), today, closed_days(today))
    if args.json:
        emit_json(data.as_json())
        return 0
    print(f"Timekeeping board, {short_date(data.today)}")
    _section(
        "Alarm bells (late or in their margin)",
        [_alarm_line(name, d) for name, d in data.alarms or []],
        "nothing late or in its margin",
    )
    _section(
        "To chase",
        [
            f"{c.project}: {c.working_days} working days without a reply — {c.summary}"
            f"{flag(c.problems)}"
            for c in data.chase
        ],
        "nobody",
    )
    _section(
        "Projects waiting on the client",
        [f"{w.project}: since {short_date(w.since)} ({w.days} days)" for w in data.waiting],
        "no project",
    )
    _section("Time against budget", [_time_line(t) for t in data.time], "no time logged")
    return 0


def _section(title: str, lines: list[str], empty: str) -> None:
    """A part of the board: its title after a blank line, then its lines, or `empty`."""
    print(f"\n{title}")
    for line in lines or [empty]:
        print(f"  {line}")


def _alarm_line(project: str, d: Any) -> str:
    status = tr(DEADLINE_STATUS_WORDS.get(d.status, d.status))
    moved = f", projected {short_date(d.slip.projected_on)}" if d.slip else ""
    return (
        f"{status:<9} {short_date(d.due_on)}{moved}  [{tr(WHO_ACTS.get(d.owner, d.owner))}]  "
        f"{project}: {d.title}{flag(d.problems)}"
    )


def _time_line(t: Any) -> str:
    use = t.use
    budget = format_duration(use.budget_minutes) if use.budget_minutes else "no budget"
    ratio = f" ({use.ratio:.0%})" if use.ratio is not None else ""
    warn = "  OVER BUDGET: stop polishing, check the scope" if use.over else ""
    projected = (
        f"; at this pace {format_duration(use.projected_minutes)}" if use.projected_minutes else ""
    )
    rework = f"; rework {use.rework_share:.0%}" if use.rework_share else ""
    if not use.logged_minutes:
        budget = f"budget {budget}" if use.budget_minutes else budget
        return f"{t.project}: no time logged yet ({budget}){flag(t.problems)}"
    return (
        f"{t.project}: {format_duration(use.logged_minutes)} of {budget}{ratio}"
        f"{projected}{rework}{warn}{flag(t.problems)}"
    )


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
