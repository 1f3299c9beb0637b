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

    lines += _section(
        "Done",
        [
            f"- {_one_line(d.title)} (done {_day(d.done_on)})" + _flag(d.problem)  # type: ignore[arg-type]
            for d in sorted(done, key=lambda d: d.done_on or d.due_on)
        ],
        "- Nothing delivered yet.",
    )
    lines += _section(
        "In progress",
        [_open_line(d, "due") for d in in_progress],
        f"- Nothing due in the next {SOON_DAYS} days.",
    )
    lines += _section(
        "Coming next",
        [_open_line(d, "planned for") for d in coming],
        f"- Nothing else planned in the next {data.horizon_days} days.",
    )

    asks = [f"- {_one_line(d.title)}: {_needed_by(d)}" + _flag(d.problem) for d in needed]
    asks += [f"- A reply to our message “{_one_line(question)}”" for question in data.awaiting[:1]]
    if any(d.status == "late" for d in needed):
        asks += [
            "",
            "Without this feedback the work is on hold, and the dates that "
            "depend on it move by as many days.",
        ]
    lines += _section("What we need from you", asks, "- Nothing at the moment: thank you.")

    lines += _section(
        "Waiting for your validation",
        [
            f"- {_one_line(v.deliverable)} (sent {_day(v.requested_on)})"
            for v in waiting_validations
        ],
        "- Nothing waiting.",
    )
    lines += _section(
        "Points of attention",
        [_risk_line(r) for r in sorted(data.risks, key=lambda r: -r.score)[:top_risks]],
        "- None worth mentioning.",
    )
    return "\n".join(lines).rstrip() + "\n"


def _section(title: str, items: list[str], empty: str) -> list[str]:
    """A section: its title, its items (or `empty` when there is none) and a blank line."""
    return [f"## {title}", "", *(items or [empty]), ""]


def _open_line(deadline: ReportDeadline, when: str) -> str:
    """A deadline not done yet: `when` it is due, how it slipped, what is wrong with it."""
    day = _day(deadline.projected_on or deadline.due_on)
    return (
        f"- {_one_line(deadline.title)}: {when} {day}" + _slip(deadline) + _flag(deadline.problem)
    )


def _needed_by(deadline: ReportDeadline) -> str:
    if deadline.status == "late":
        return f"overdue since {_day(deadline.due_on)}"
    return f"by {_day(deadline.due_on)}"


def _risk_line(risk: ReportRisk) -> str:
    plan = f" What we do about it: {_one_line(risk.mitigation)}" if risk.mitigation else ""
    return f"- {_one_line(risk.title)} ({risk.band}).{plan}" + _flag(risk.problem)


def _flag(problem: str) -> str:
    return f" ⚠ {_one_line(problem)}" if problem else ""


def _slip(deadline: ReportDeadline) -> str:
    if deadline.projected_on and deadline.projected_on != deadline.due_on:
        return f" (first planned for {_day(deadline.due_on)}; {_one_line(deadline.slip_reason)})"
    return ""
