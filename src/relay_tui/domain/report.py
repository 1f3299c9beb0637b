"""The status report: plain-language Markdown for the client."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from relay_tui.display import long_date
from relay_tui.i18n import tr, trn
from relay_tui.stored_words import band as band_word


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
    return long_date(day, year=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def status_report(data: ReportData, top_risks: int = 3) -> str:
    """Sections: done, in progress, coming next, what we need from you (and by when),
    validations awaiting, points of attention (top risks). Empty sections say so.
    Written in the current language (`relay_tui.i18n.speaking` picks the client's)."""
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
        tr("# {project}: where we stand", project=_one_line(data.project)),
        "",
        tr(
            "Status on {date}, for {client}.",
            date=long_date(data.today),
            client=_one_line(data.client),
        ),
        "",
    ]

    lines += _section(
        tr("Done"),
        [
            tr("- {title} (done {day})", title=_one_line(d.title), day=_day(d.done_on))  # type: ignore[arg-type]
            + _flag(d.problem)
            for d in sorted(done, key=lambda d: d.done_on or d.due_on)
        ],
        tr("- Nothing delivered yet."),
    )
    lines += _section(
        tr("In progress"),
        [_open_line(d, coming=False) for d in in_progress],
        trn(
            "- Nothing due in the next {n} day.",
            "- Nothing due in the next {n} days.",
            SOON_DAYS,
        ),
    )
    lines += _section(
        tr("Coming next"),
        [_open_line(d, coming=True) for d in coming],
        trn(
            "- Nothing else planned in the next {n} day.",
            "- Nothing else planned in the next {n} days.",
            data.horizon_days,
        ),
    )

    asks = [_needed_line(d) + _flag(d.problem) for d in needed]
    asks += [
        tr("- A reply to our message “{message}”", message=_one_line(question))
        for question in data.awaiting[:1]
    ]
    if any(d.status == "late" for d in needed):
        asks += [
            "",
            tr(
                "Without this feedback the work is on hold, and the dates that "
                "depend on it move by as many days."
            ),
        ]
    lines += _section(tr("What we need from you"), asks, tr("- Nothing at the moment: thank you."))

    lines += _section(
        tr("Waiting for your validation"),
        [
            tr(
                "- {deliverable} (sent {day})",
                deliverable=_one_line(v.deliverable),
                day=_day(v.requested_on),
            )
            for v in waiting_validations
        ],
        tr("- Nothing waiting."),
    )
    lines += _section(
        tr("Points of attention"),
        [_risk_line(r) for r in sorted(data.risks, key=lambda r: -r.score)[:top_risks]],
        tr("- None worth mentioning."),
    )
    return "\n".join(lines).rstrip() + "\n"


def _section(title: str, items: list[str], empty: str) -> list[str]:
    """A section: its title, its items (or `empty` when there is none) and a blank line."""
    return [f"## {title}", "", *(items or [empty]), ""]


def _open_line(deadline: ReportDeadline, coming: bool) -> str:
    """A deadline not done yet: when it is due (or planned, when `coming`), how it
    slipped, what is wrong with it."""
    fields = {
        "title": _one_line(deadline.title),
        "day": _day(deadline.projected_on or deadline.due_on),
        "slip": _slip(deadline),
    }
    if coming:
        line = tr("- {title}: planned for {day}{slip}", **fields)
    else:
        line = tr("- {title}: due {day}{slip}", **fields)
    return line + _flag(deadline.problem)


def _needed_line(deadline: ReportDeadline) -> str:
    title, day = _one_line(deadline.title), _day(deadline.due_on)
    if deadline.status == "late":
        return tr("- {title}: overdue since {day}", title=title, day=day)
    return tr("- {title}: by {day}", title=title, day=day)


def _risk_line(risk: ReportRisk) -> str:
    title, band = _one_line(risk.title), band_word(risk.band)
    if risk.mitigation:
        line = tr(
            "- {title} ({band}). What we do about it: {plan}",
            title=title,
            band=band,
            plan=_one_line(risk.mitigation),
        )
    else:
        line = tr("- {title} ({band}).", title=title, band=band)
    return line + _flag(risk.problem)


def _flag(problem: str) -> str:
    return f" ⚠ {_one_line(problem)}" if problem else ""


def _slip(deadline: ReportDeadline) -> str:
    if deadline.projected_on and deadline.projected_on != deadline.due_on:
        return tr(
            " (first planned for {day}; {reason})",
            day=_day(deadline.due_on),
            reason=_one_line(deadline.slip_reason),
        )
    return ""
