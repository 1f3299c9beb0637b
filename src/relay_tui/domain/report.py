"""The status report: a letter in plain words for the client, that one can send as is.

Since the last report (what was delivered, validated, provided, the time spent against
the budget, the user's own words), what the open problems mean for the client, the next
steps with their dates, what is needed from the client, what awaits validation, and the
points of attention. Never an internal status or word: every value is said in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from relay_tui.display import hours, long_date
from relay_tui.domain.prose import one_line, quoted
from relay_tui.i18n import tr, trn
from relay_tui.stored_words import band as band_word
from relay_tui.stored_words import time_category


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
    id: int | None = None
    #: The late client deadline that moved this one (`domain.freeze.Slip.cause_id`).
    slip_cause: int | None = None


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
class ReportIncident:
    """An open problem the client has been told about (one not told yet never shows)."""

    title: str
    for_client: str = ""
    proposal: str = ""


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
    #: The first day of the period (None: everything up to today), and the day the last
    #: report was sent (None: this is the first one).
    period_start: date | None = None
    last_sent_on: date | None = None
    #: The user's own words on the period ("this period I…").
    period_text: str = ""
    #: The client's messages received in the period: (day, summary), oldest first.
    received: Sequence[tuple[date, str]] = field(default_factory=list)
    #: Minutes logged in the period, by category; minutes logged to date; the budget.
    time_in_period: Mapping[str, int] = field(default_factory=dict)
    time_total: int = 0
    budget_minutes: int | None = None
    incidents: Sequence[ReportIncident] = field(default_factory=list)
    #: When the next report is due (a cadence is set).
    next_report_on: date | None = None


#: Provider deadlines due within this many days are said to be due (not just planned).
SOON_DAYS = 7
#: From this share of the budget on, the report says the time is close to it.
NEAR_BUDGET = 0.8
#: The client's messages of the period quoted one by one, the others counted.
QUOTED_MESSAGES = 3


def _day(day: date) -> str:
    return long_date(day, year=False)


def in_period(day: date | None, data: ReportData) -> bool:
    """Whether `day` falls in the report's period (up to today)."""
    if day is None or day > data.today:
        return False
    return data.period_start is None or day >= data.period_start


def status_report(data: ReportData, top_risks: int = 3) -> str:
    """The report, in the current language (`relay_tui.i18n.speaking` picks the
    client's). Empty sections say so."""
    lines = [
        tr("# {project}: where we stand", project=one_line(data.project)),
        "",
        tr(
            "Status on {date}, for {client}.",
            date=long_date(data.today),
            client=one_line(data.client),
        ),
        "",
    ]
    lines += _since(data)
    lines += _section(tr("What this means"), _problems(data), tr("- No problem to report."))
    lines += _section(
        tr("Next steps"),
        _next_steps(data),
        trn(
            "- Nothing planned in the next {n} day.",
            "- Nothing planned in the next {n} days.",
            data.horizon_days,
        ),
    )
    lines += _section(
        tr("What we need from you"), _asks(data), tr("- Nothing at the moment: thank you.")
    )
    lines += _section(
        tr("Waiting for your validation"),
        [
            tr(
                "- {deliverable} (sent {day})",
                deliverable=one_line(v.deliverable),
                day=_day(v.requested_on),
            )
            for v in data.validations
            if v.validated_on is None
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


# --- since the last report --------------------------------------------------------------


def _since(data: ReportData) -> list[str]:
    if data.last_sent_on is not None:
        title = tr("Since the last report ({day})", day=_day(data.last_sent_on))
    else:
        title = tr("Since the start")
    words = _own_words(data.period_text)
    items = [*_delivered(data), *_received(data), *_time_lines(data)]
    if not items and not words:
        return _section(title, [], tr("- Nothing new in this period."))
    return [f"## {title}", "", *words, *([""] if words and items else []), *items, ""]


def _own_words(text: str) -> list[str]:
    """The user's text as it was written, line by line; a line that Markdown would read
    as a heading is kept as text."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return [("\\" + line if line.lstrip().startswith("#") else line) for line in lines]


def _delivered(data: ReportData) -> list[str]:
    done = sorted(
        (d for d in data.deadlines if d.owner == "provider" and in_period(d.done_on, data)),
        key=lambda d: (d.done_on, d.title),
    )
    validated = sorted(
        (v for v in data.validations if in_period(v.validated_on, data)),
        key=lambda v: (v.validated_on, v.deliverable),
    )
    return [
        *(
            tr("- Delivered: {title} ({day})", title=one_line(d.title), day=_day(d.done_on))  # type: ignore[arg-type]
            + _flag(d.problem)
            for d in done
        ),
        *(
            tr(
                "- Validated by you: {deliverable} ({day})",
                deliverable=one_line(v.deliverable),
                day=_day(v.validated_on),  # type: ignore[arg-type]
            )
            for v in validated
        ),
    ]


def _received(data: ReportData) -> list[str]:
    provided = sorted(
        (d for d in data.deadlines if d.owner == "client" and in_period(d.done_on, data)),
        key=lambda d: (d.done_on, d.title),
    )
    lines = [
        tr("- Received from you: {title} ({day})", title=one_line(d.title), day=_day(d.done_on))  # type: ignore[arg-type]
        + _flag(d.problem)
        for d in provided
    ]
    messages = [(day, text) for day, text in data.received if in_period(day, data)]
    lines += [
        tr("- Your message of {day}: “{summary}”", day=_day(day), summary=one_line(text))
        for day, text in messages[-QUOTED_MESSAGES:]
    ]
    older = len(messages) - QUOTED_MESSAGES
    if older > 0:
        lines.append(trn("- and {n} earlier message", "- and {n} earlier messages", older))
    return lines


def _time_lines(data: ReportData) -> list[str]:
    spent = {k: v for k, v in data.time_in_period.items() if v > 0}
    lines = []
    if spent:
        detail = ", ".join(
            tr("{category} {hours}", category=time_category(k), hours=hours(v))
            for k, v in sorted(spent.items(), key=lambda kv: -kv[1])
        )
        lines.append(
            tr(
                "- Time spent in this period: {hours} ({detail})",
                hours=hours(sum(spent.values())),
                detail=detail,
            )
        )
    if data.budget_minutes and data.budget_minutes > 0:
        lines.append(
            tr(
                "- Time spent to date: {spent} of the {budget} budget",
                spent=hours(data.time_total),
                budget=hours(data.budget_minutes),
            )
        )
    elif spent:
        lines.append(tr("- Time spent to date: {spent}", spent=hours(data.time_total)))
    return lines


# --- what this means ---------------------------------------------------------------------


def _problems(data: ReportData) -> list[str]:
    lines = [_incident_line(i) for i in data.incidents]
    by_id = {d.id: d for d in data.deadlines if d.id is not None}
    moved: dict[int, list[ReportDeadline]] = {}
    for d in data.deadlines:
        if d.slip_cause is not None and d.projected_on and d.projected_on != d.due_on:
            moved.setdefault(d.slip_cause, []).append(d)
    late_inputs = [
        d
        for d in data.deadlines
        if d.owner == "client" and (d.status == "late" or (d.id in moved and d.id in by_id))
    ]
    for d in sorted(late_inputs, key=lambda d: (d.due_on, d.title)):
        lines.append(_late_input_line(d, data.today))
        lines += [_moved_line(m) for m in sorted(moved.get(d.id, []), key=lambda m: m.due_on)]  # type: ignore[arg-type]
    budget = _budget_line(data)
    return [*lines, *([budget] if budget else [])]


def _sentence(text: str) -> str:
    """The user's words as a sentence: ended by a full stop when they end with none."""
    text = one_line(text)
    return text if not text or text[-1] in ".!?…" else text + "."


def _incident_line(incident: ReportIncident) -> str:
    line = tr("- {title}.", title=one_line(incident.title).rstrip("."))
    if incident.for_client.strip():
        line += " " + tr("For you: {text}", text=_sentence(incident.for_client))
    if incident.proposal.strip():
        line += " " + tr("What I propose: {text}", text=_sentence(incident.proposal))
    return line


def _late_input_line(deadline: ReportDeadline, today: date) -> str:
    title, day = quoted(deadline.title), _day(deadline.due_on)
    if deadline.done_on is None:
        late = max((today - deadline.due_on).days, 0)
        return trn(
            "- {title}, expected from you on {day}, has not arrived yet ({n} day late).",
            "- {title}, expected from you on {day}, has not arrived yet ({n} days late).",
            late,
            title=title,
            day=day,
        )
    late = max((deadline.done_on - deadline.due_on).days, 0)
    return trn(
        "- {title} arrived {n} day after the agreed date ({day}).",
        "- {title} arrived {n} days after the agreed date ({day}).",
        late,
        title=title,
        day=day,
    )


def _moved_line(deadline: ReportDeadline) -> str:
    return tr(
        "  It holds up {title}, which moves from {before} to {after}.",
        title=quoted(deadline.title),
        before=_day(deadline.due_on),
        after=_day(deadline.projected_on),  # type: ignore[arg-type]
    )


def _budget_line(data: ReportData) -> str:
    budget = data.budget_minutes
    if not budget or budget <= 0:
        return ""
    share = data.time_total / budget
    fields = {"spent": hours(data.time_total), "budget": hours(budget)}
    if share > 1:
        return tr("- The time spent has passed the budget: {spent} for {budget} planned.", **fields)
    if share >= NEAR_BUDGET:
        return tr("- The time spent is close to the budget: {spent} of {budget}.", **fields)
    return ""


# --- next steps, what we need ------------------------------------------------------------


def _next_steps(data: ReportData) -> list[str]:
    open_items = sorted(
        (d for d in data.deadlines if d.done_on is None), key=lambda d: d.projected_on or d.due_on
    )
    horizon = data.today.toordinal() + data.horizon_days
    soon = data.today.toordinal() + SOON_DAYS
    lines = []
    for d in open_items:
        when = (d.projected_on or d.due_on).toordinal()
        if when > horizon:
            continue
        if d.owner == "provider":
            lines.append(
                _open_line(d, coming=when > soon and d.status not in ("late", "in_margin"))
            )
        elif d.status != "late":  # a late one is in "What we need from you"
            lines.append(
                tr("- {title}: from you, by {day}", title=one_line(d.title), day=_day(d.due_on))
                + _flag(d.problem)
            )
    if data.next_report_on is not None:
        lines.append(tr("- Next status report: {day}", day=_day(data.next_report_on)))
    return lines


def _asks(data: ReportData) -> list[str]:
    needed = sorted(
        (d for d in data.deadlines if d.done_on is None and d.owner == "client"),
        key=lambda d: d.due_on,
    )
    asks = [_needed_line(d) + _flag(d.problem) for d in needed]
    asks += [
        tr("- A reply to our message “{message}”", message=one_line(question))
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
    return asks


def _open_line(deadline: ReportDeadline, coming: bool) -> str:
    """A deadline not done yet: when it is due (or planned, when `coming`), how it
    slipped, what is wrong with it."""
    fields = {
        "title": one_line(deadline.title),
        "day": _day(deadline.projected_on or deadline.due_on),
        "slip": _slip(deadline),
    }
    if coming:
        line = tr("- {title}: planned for {day}{slip}", **fields)
    else:
        line = tr("- {title}: due {day}{slip}", **fields)
    return line + _flag(deadline.problem)


def _needed_line(deadline: ReportDeadline) -> str:
    title, day = one_line(deadline.title), _day(deadline.due_on)
    if deadline.status == "late":
        return tr("- {title}: overdue since {day}", title=title, day=day)
    return tr("- {title}: by {day}", title=title, day=day)


def _risk_line(risk: ReportRisk) -> str:
    title, band = one_line(risk.title), band_word(risk.band)
    if risk.mitigation:
        line = tr(
            "- {title} ({band}). What we do about it: {plan}",
            title=title,
            band=band,
            plan=one_line(risk.mitigation),
        )
    else:
        line = tr("- {title} ({band}).", title=title, band=band)
    return line + _flag(risk.problem)


def _flag(problem: str) -> str:
    return f" ⚠ {one_line(problem)}" if problem else ""


def _slip(deadline: ReportDeadline) -> str:
    if deadline.projected_on and deadline.projected_on != deadline.due_on:
        return tr(
            " (first planned for {day}; {reason})",
            day=_day(deadline.due_on),
            reason=one_line(deadline.slip_reason),
        )
    return ""
