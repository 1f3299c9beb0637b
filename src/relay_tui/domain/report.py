"""The status report: plain-language Markdown for the client."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ReportDeadline:
    title: str
    owner: str
    due_on: date
    done_on: date | None
    status: str
    projected_on: date | None = None
    slip_reason: str = ""
    problem: str = ""  # a stored value out of range, flagged on its line (`domain.stored`)


@dataclass(frozen=True)
class ReportValidation:
    deliverable: str
    requested_on: date
    validated_on: date | None


@dataclass(frozen=True)
class ReportRisk:
    title: str
    score: int
    band: str
    mitigation: str
    problem: str = ""


@dataclass(frozen=True)
class ReportData:
    project: str
    client: str
    today: date
    deadlines: Sequence[ReportDeadline] = field(default_factory=list)
    validations: Sequence[ReportValidation] = field(default_factory=list)
    risks: Sequence[ReportRisk] = field(default_factory=list)
    awaiting: Sequence[str] = field(default_factory=list)
    horizon_days: int = 21


#: Provider deadlines due within this many days are reported as in progress.
SOON_DAYS = 7


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def status_report(data: ReportData, top_risks: int = 3) -> str:
    """Sections: done, in progress, coming next, what we need from you (and by when),
    validations awaiting, points of attention (top risks). Empty sections say so."""
    done = [d for d in data.deadlines if d.done_on is not None]
    open_items = sorted(
        (d for d in data.deadlines if d.done_on is None), key=lambda d: d.projected_on or d.due_on
    )
    mine = [d for d in open_items if d.owner == "provider"]
    soon = data.today.toordinal() + SOON_DAYS
    in_progress = [
        d
        for d in mine
        if d.status in ("in_margin", "late") or (d.projected_on or d.due_on).toordinal() <= soon
    ]
    horizon = data.today.toordinal() + data.horizon_days
    coming = [
        d
        for d in mine
        if d not in in_progress and (d.projected_on or d.due_on).toordinal() <= horizon
    ]
    needed = [d for d in open_items if d.owner == "client"]
    waiting_validations = [v for v in data.validations if v.validated_on is None]

    lines = [
        f"# {_one_line(data.project)}: where we stand",
        "",
        f"Status on {_day(data.today)} {data.today.year}, for {_one_line(data.client)}.",
        "",
    ]

    lines += ["## Done", ""]
    if done:
        for d in sorted(done, key=lambda d: d.done_on or d.due_on):
            lines.append(f"- {_one_line(d.title)} (done {_day(d.done_on)})" + _flag(d.problem))  # type: ignore[arg-type]
    else:
        lines.append("- Nothing delivered yet.")
    lines.append("")

    lines += ["## In progress", ""]
    if in_progress:
        for d in in_progress:
            lines.append(
                f"- {_one_line(d.title)}: due {_day(d.projected_on or d.due_on)}"
                + _slip(d)
                + _flag(d.problem)
            )
    else:
        lines.append(f"- Nothing due in the next {SOON_DAYS} days.")
    lines.append("")

    lines += ["## Coming next", ""]
    if coming:
        for d in coming:
            lines.append(
                f"- {_one_line(d.title)}: planned for {_day(d.projected_on or d.due_on)}"
                + _slip(d)
                + _flag(d.problem)
            )
    else:
        lines.append(f"- Nothing else planned in the next {data.horizon_days} days.")
    lines.append("")

    lines += ["## What we need from you", ""]
    if needed or data.awaiting:
        for d in needed:
            when = (
                f"overdue since {_day(d.due_on)}" if d.status == "late" else f"by {_day(d.due_on)}"
            )
            lines.append(f"- {_one_line(d.title)}: {when}" + _flag(d.problem))
        for question in data.awaiting[:1]:
            lines.append(f"- A reply to our message “{_one_line(question)}”")
        if any(d.status == "late" for d in needed):
            lines += [
                "",
                "Without this feedback the work is on hold, and the dates that "
                "depend on it move by as many days.",
            ]
    else:
        lines.append("- Nothing at the moment: thank you.")
    lines.append("")

    lines += ["## Waiting for your validation", ""]
    if waiting_validations:
        for v in waiting_validations:
            lines.append(f"- {_one_line(v.deliverable)} (sent {_day(v.requested_on)})")
    else:
        lines.append("- Nothing waiting.")
    lines.append("")

    risks = sorted(data.risks, key=lambda r: -r.score)[:top_risks]
    lines += ["## Points of attention", ""]
    if risks:
        for r in risks:
            plan = f" What we do about it: {_one_line(r.mitigation)}" if r.mitigation else ""
            lines.append(f"- {_one_line(r.title)} ({r.band}).{plan}" + _flag(r.problem))
    else:
        lines.append("- None worth mentioning.")
    return "\n".join(lines).rstrip() + "\n"


def _flag(problem: str) -> str:
    return f" ⚠ {_one_line(problem)}" if problem else ""


def _slip(deadline: ReportDeadline) -> str:
    if deadline.projected_on and deadline.projected_on != deadline.due_on:
        return f" (first planned for {_day(deadline.due_on)}; {_one_line(deadline.slip_reason)})"
    return ""
