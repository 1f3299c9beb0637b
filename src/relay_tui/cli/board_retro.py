"""Handlers of `relay board` and `relay retro`."""

from __future__ import annotations

import argparse
from typing import Any

from relay_tui.cli import words
from relay_tui.cli.context import closed_days, emit_json, open_store, output_path
from relay_tui.cli.during import _today
from relay_tui.display import short_date
from relay_tui.domain.parsing import format_duration
from relay_tui.domain.stored import flag
from relay_tui.i18n import tr, trn, trp


def board(args: argparse.Namespace) -> int:
    from relay_tui.cli.light_reads import read

    def fast(conn: Any) -> Any:
        from relay_tui import fastreads

        today = _today(args.today)
        return fastreads.board(conn, today, closed_days(today))

    def slow(store: Any) -> Any:
        from relay_tui.services.board import board as build

        today = _today(args.today)
        return build(store, today, closed_days(today))

    data = read(args, fast, slow)
    if args.json:
        emit_json(data.as_json())
        return 0
    print(tr("Timekeeping board, {day}", day=short_date(data.today)))
    _section(
        tr("Alarm bells (late or in their margin)"),
        [_alarm_line(name, d) for name, d in data.alarms or []],
        tr("nothing late or in its margin"),
    )
    _section(
        tr("To chase"),
        [
            trn(
                "{project}: {n} working day without a reply — {request}",
                "{project}: {n} working days without a reply — {request}",
                c.working_days,
                project=c.project,
                request=c.summary,
            )
            + flag(c.problems)
            for c in data.chase
        ],
        tr("nobody"),
    )
    _section(
        tr("Projects waiting on the client"),
        [
            trn(
                "{project}: since {day} ({n} day)",
                "{project}: since {day} ({n} days)",
                w.days,
                project=w.project,
                day=short_date(w.since),
            )
            for w in data.waiting
        ],
        tr("no project"),
    )
    _section(tr("Time against budget"), [_time_line(t) for t in data.time], tr("no time logged"))
    _section(
        tr("Status reports due"),
        [
            trn(
                "{project}: due since {day} ({n} day)",
                "{project}: due since {day} ({n} days)",
                r.days,
                project=r.project,
                day=short_date(r.since),
            )
            for r in data.reports_due
        ],
        tr("none"),
    )
    return 0


def _section(title: str, lines: list[str], empty: str) -> None:
    """A part of the board: its title after a blank line, then its lines, or `empty`."""
    print(f"\n{title}")
    for line in lines or [empty]:
        print(f"  {line}")


def _alarm_line(project: str, d: Any) -> str:
    status = words.deadline_status(d.status)
    due = short_date(d.due_on)
    if d.slip:
        due = tr("{due}, projected {day}", due=due, day=short_date(d.slip.projected_on))
    who = words.who_acts(d.owner)
    return f"{status:<9} {due}  [{who}]  {words.labelled(project, d.title)}{flag(d.problems)}"


def _time_line(t: Any) -> str:
    use = t.use
    then = trp("between the parts of a line", "; ")
    if not use.logged_minutes:
        if use.budget_minutes:
            said = tr(
                "{project}: no time logged yet (budget {budget})",
                project=t.project,
                budget=format_duration(use.budget_minutes),
            )
        else:
            said = tr("{project}: no time logged yet (no budget)", project=t.project)
        return said + flag(t.problems)
    logged = format_duration(use.logged_minutes)
    if use.budget_minutes:
        said = tr(
            "{project}: {logged} of {budget}",
            project=t.project,
            logged=logged,
            budget=format_duration(use.budget_minutes),
        )
    else:
        said = tr("{project}: {logged} of no budget", project=t.project, logged=logged)
    if use.ratio is not None:
        said += f" ({_percent(use.ratio)})"
    if use.projected_minutes:
        said += then + tr(
            "at this pace {duration}", duration=format_duration(use.projected_minutes)
        )
    if use.rework_share:
        said += then + tr("rework {share}", share=_percent(use.rework_share))
    if use.over:
        said += "  " + tr("OVER BUDGET: stop polishing, check the scope")
    return said + flag(t.problems)


def _percent(share: float) -> str:
    """`0.85` as "85%" ("85 %" in French)."""
    percent = round(share * 100)
    return tr("{percent}%", percent=percent)


def retro(args: argparse.Namespace) -> int:
    from relay_tui.services.projects import find_project

    target = None if args.export is None else output_path(args.export)
    store = open_store(args)
    project = find_project(store, args.project)
    if args.export is not None:
        from relay_tui.output import write_output
        from relay_tui.services.retro import retro_markdown

        text = retro_markdown(store, project.id)  # type: ignore[arg-type]
        write_output(target, (text,), force=args.force)
        if target is not None:
            print(
                tr(
                    "Wrote the retrospective of {project} to {file}",
                    project=project.name,
                    file=args.export,
                )
            )
        return 0
    from relay_tui.cli.app_launch import open_app

    args.open_retro = project.id
    return open_app(args)
