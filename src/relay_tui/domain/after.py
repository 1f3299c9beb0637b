"""The rules of the after phase: retrospective facts and steps, the handover checklist,
and the factual timeline used when something goes wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from relay_tui.display import long_date
from relay_tui.i18n import N_, tr, trn, trp

#: The steps of a retrospective: (key, title; translated where shown, `step_titles`).
STEPS: tuple[tuple[str, str], ...] = (
    ("facts", N_("The facts")),
    ("worked", N_("What worked")),
    ("not_worked", N_("What did not")),
    ("improve", N_("What to improve")),
    ("lessons", N_("Lessons to carry forward")),
    ("satisfaction", N_("Satisfaction")),
    ("enjoy", N_("Enjoy")),
)
#: With the start/stop/continue format, the three reflection steps are asked this way
#: (in English; `start_stop_continue` gives them in the current language).
START_STOP_CONTINUE = {"worked": "Continue", "not_worked": "Stop", "improve": "Start"}


def start_stop_continue() -> dict[str, str]:
    """The titles of the three reflection steps of the start/stop/continue format, in the
    current language (one-word titles: a context tells the translator their sense)."""
    return {
        "worked": trp("retrospective step", "Continue"),
        "not_worked": trp("retrospective step", "Stop"),
        "improve": trp("retrospective step", "Start"),
    }


def step_titles(fmt: str) -> list[str]:
    """The titles of the steps, in the current language."""
    if fmt == "start_stop_continue":
        asked = start_stop_continue()
        return [asked.get(key) or tr(title) for key, title in STEPS]
    return [tr(title) for _, title in STEPS]


@dataclass(frozen=True)
class RetroFacts:
    deadlines_total: int
    deadlines_on_time: int
    client_response_hours: float | None
    chases: int
    validation_delay_days: float | None
    logged_minutes: int
    budget_minutes: int | None
    risks_occurred: list[str]
    incidents: int
    commitments_kept: int
    commitments_broken: int
    assessment: str
    problems: tuple[str, ...] = ()  # stored values out of range, listed with the facts


def deadlines_on_time(deadlines: Sequence[tuple[date, date | None]]) -> tuple[int, int]:
    """(done on or before their due date, all done)."""
    done = [(due, on) for due, on in deadlines if on is not None]
    return sum(1 for due, on in done if on <= due), len(done)


def client_response_hours(contacts: Sequence[tuple[datetime, str, bool]]) -> float | None:
    """Average time from each request awaiting a reply to the next inbound contact.
    `contacts`: (at, direction, awaiting_reply), any order."""
    ordered = sorted(contacts, key=lambda c: c[0])
    waits: list[float] = []
    pending: list[datetime] = []
    for at, direction, awaiting in ordered:
        if direction == "out" and awaiting:
            pending.append(at)
        elif direction == "in" and pending:
            waits.append((at - pending[0]).total_seconds() / 3600)
            pending = []
    return sum(waits) / len(waits) if waits else None


def validation_delay_days(validations: Sequence[tuple[date, date | None]]) -> float | None:
    delays = [(done - asked).days for asked, done in validations if done is not None]
    return sum(delays) / len(delays) if delays else None


def parse_lessons(text: str) -> list[tuple[str, str]]:
    """One lesson per line; `#words` in it become its tags. Empty lines are skipped."""
    lessons = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("-*•").strip()
        if not line:
            continue
        tags = [
            w[1:].strip(".,;:").lower() for w in line.split() if w.startswith("#") and len(w) > 1
        ]
        words = [w for w in line.split() if not (w.startswith("#") and len(w) > 1)]
        text_only = " ".join(words).strip()
        if text_only:
            lessons.append((text_only, ",".join(dict.fromkeys(t for t in tags if t))))
    return lessons


def planned_section(planned: Sequence[tuple[str, bool]]) -> list[str]:
    """The lessons planned at framing, each said kept or not kept (ticked as applied in
    the retrospective): (text, kept) in the order planned. No section when none was."""
    if not planned:
        return []
    lines = ["## " + tr("Lessons planned at framing"), ""]
    for text, kept in planned:
        lesson = " ".join(text.split()).rstrip(" .;:")
        if kept:
            lines.append(tr("- {lesson}: kept", lesson=lesson))
        else:
            lines.append(tr("- {lesson}: not kept", lesson=lesson))
    return [*lines, ""]


# --- handover -------------------------------------------------------------------------


@dataclass(frozen=True)
class Handover:
    validations_total: int
    validations_open: int
    access_handed_over: bool
    invoice_sent: bool
    client_thanked: bool

    @property
    def deliverables_approved(self) -> bool:
        """Every deliverable submitted was validated (and at least one was submitted)."""
        return self.validations_total > 0 and self.validations_open == 0

    def invoice_refusal(self) -> str | None:
        """Why the invoice may not be sent yet, or None."""
        if self.validations_total == 0:
            return tr("no deliverable has been validated by the client yet")
        if self.validations_open:
            return trn(
                "{n} deliverable still awaits the client's validation: "
                "the invoice follows the approval",
                "{n} deliverables still await the client's validation: "
                "the invoice follows the approval",
                self.validations_open,
            )
        return None

    def missing(self) -> list[str]:
        items = []
        if not self.deliverables_approved:
            items.append(tr("deliverables approved"))
        if not self.access_handed_over:
            items.append(tr("access handed over"))
        if not self.invoice_sent:
            items.append(tr("invoice sent"))
        if not self.client_thanked:
            items.append(tr("client thanked"))
        return items


# --- factual timeline -----------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    day: date
    kind: str
    text: str
    who: str = ""


@dataclass(frozen=True)
class Timeline:
    project: str
    client: str
    events: list[TimelineEvent] = field(default_factory=list)


def timeline_markdown(timeline: Timeline, incident: str | None = None) -> str:
    """Facts only, in date order: what happened, when, and who held the ball."""
    lines = [
        tr("# Timeline of {project}", project=" ".join(timeline.project.split())),
        "",
        tr("Client: {client}.", client=" ".join(timeline.client.split())),
    ]
    if incident:
        lines += ["", tr("Prepared about: {incident}.", incident=" ".join(incident.split()))]
    lines.append("")
    current: date | None = None
    for event in sorted(timeline.events, key=lambda e: (e.day, e.kind, e.text)):
        if event.day != current:
            current = event.day
            lines += ["", f"## {long_date(event.day)}", ""]
        text = " ".join(event.text.split())
        if event.who:
            lines.append(tr("- {kind}: {text} ({who})", kind=event.kind, text=text, who=event.who))
        else:
            lines.append(tr("- {kind}: {text}", kind=event.kind, text=text))
    if not timeline.events:
        lines.append(tr("Nothing recorded yet."))
    return "\n".join(lines).rstrip() + "\n"


def lessons_from_improvements(improve: str) -> str:
    """What to improve, as the first draft of the lessons to carry forward: one lesson a
    line, the list marks dropped (`- `, `* `, `• `), empty lines left out. Each becomes a
    lesson the next projects of this client or kind can plan at framing, and whose
    retrospective asks whether it was kept."""
    lessons = []
    for line in improve.splitlines():
        text = line.strip().lstrip("-*•").strip()
        if text:
            lessons.append(text)
    return "\n".join(lessons)
