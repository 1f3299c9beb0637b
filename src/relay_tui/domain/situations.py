"""The situations that call for a posture card, per project, read from plain facts.

Several cards can hold at once; each `Situation` says which card, since when it holds
(the latest of the dates its causes started: a new cause is a new start) and why, in
words. A card the user dismissed stays hidden while its situation lasts and shows again
when the situation starts anew (`domain.posture.visible`).

The situations and their thresholds:

* warn — an open incident the client has not been told about (since it occurred).
* promise ("promise less, deliver more") — a promise with no room left: an open alarm
  bell of mine with no margin due within `PROMISE_SOON_DAYS`; or an open bell of mine
  (other than the delivery itself) or a pending commitment of mine due less than
  `PROMISE_NEAR_DELIVERY_DAYS` before the delivery date, or after it. The forms of
  bells and commitments warn by the same rule (`promise_warning`).
* over_investment ("enough is enough") — rework is 20 % of the time or more
  (once two hours are logged: `domain.timekeeping.too_much_rework`, as the
  time tab and the board say it), or the time logged is over the budget (the
  same rule as the board's "over budget": past 100 %, not a forecast).
* together ("you need each other") — the relationship turns tense: the message still
  unanswered was chased `TENSE_CHASES` times or more, or the client is late on one of
  their alarm bells, or an incident is open.
* blame ("let it pass") — an open incident the client blames on me alone.
* frame ("recall the frame") — a request outside the contract: a validated deliverable
  reopened within the last `FRAME_RECENT_DAYS` days, or an open incident about which
  the contract says something.

An incident's or a promise's start is the later of its own date and the day it was
recorded, when that is known (`recorded_on`): an incident recorded after a dismissal,
even dated before it, is a new problem. Editing a record (a bell moved near the
delivery, an incident marked blamed later) is not a new start: the model keeps no date
for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from relay_tui.display import day_month
from relay_tui.domain.timekeeping import too_much_rework
from relay_tui.i18n import tr, trn

#: An alarm bell of mine with no margin due within this many days calls for "promise less".
PROMISE_SOON_DAYS = 7
#: A promise of mine due less than this many days before the delivery date (or after it)
#: leaves no room: "promise less".
PROMISE_NEAR_DELIVERY_DAYS = 2
#: The unanswered message chased this many times: the relationship turns tense.
TENSE_CHASES = 2
#: A validated deliverable reopened within this many days: a request outside the frame.
FRAME_RECENT_DAYS = 30

#: The kinds of alarm bells the client acts on when no one is named (as the bell form).
CLIENT_KINDS = ("documents", "validation")


@dataclass(frozen=True)
class IncidentFact:
    title: str
    occurred_on: date
    open: bool = True
    told: bool = False
    blamed: bool = False
    #: What the contract says about it is written down.
    contract_says: bool = False
    recorded_on: date | None = None


@dataclass(frozen=True)
class BellFact:
    title: str
    due_on: date
    owner: str = "provider"  # "provider" or "client"
    kind: str = "other"
    margin_days: int = 0
    done: bool = False
    recorded_on: date | None = None


@dataclass(frozen=True)
class CommitmentFact:
    """A pending commitment of mine."""

    text: str
    due_on: date | None
    recorded_on: date | None = None


@dataclass(frozen=True)
class ChangeFact:
    """A validated deliverable reopened, and when."""

    deliverable: str
    on: date


@dataclass(frozen=True)
class ProjectFacts:
    today: date
    delivery_on: date | None = None
    budget_minutes: int | None = None
    #: The time entries: (day, category, minutes); or any list that gives the same
    #: totals at each day's end from the latest run on (the dashboard passes sums).
    time: Sequence[tuple[date, str, int]] = ()
    incidents: Sequence[IncidentFact] = ()
    bells: Sequence[BellFact] = ()
    commitments: Sequence[CommitmentFact] = ()
    changes: Sequence[ChangeFact] = ()
    #: The days of the chases of the message still unanswered.
    chases: Sequence[date] = ()


@dataclass(frozen=True)
class Situation:
    card: str
    since: date
    #: Why, in words (translated).
    reason: str


#: A day as `over_since` reads it: a `date`, or its ISO text.
D = TypeVar("D")

#: A cause: when it started and what it is, in words.
Cause = tuple[date, str]


#: The longest title or text a reason quotes (one line on the screen).
QUOTED = 50


def _quoted(text: str) -> str:
    """`text` on one line, shortened to `QUOTED` characters."""
    line = " ".join(text.split())
    return line if len(line) <= QUOTED else line[: QUOTED - 1] + "…"


def _began(*days: date | None) -> date:
    return max(day for day in days if day is not None)


def _situation(card: str, causes: list[Cause]) -> Situation | None:
    """The situation of `card` if it has causes: since the latest start, said by the first."""
    if not causes:
        return None
    return Situation(card, max(start for start, _ in causes), causes[0][1])


def _open_incidents(facts: ProjectFacts) -> list[IncidentFact]:
    if not facts.incidents:  # speed: the dashboard asks for thousands of projects
        return []
    return sorted((i for i in facts.incidents if i.open), key=lambda i: i.occurred_on)


def _incident_start(incident: IncidentFact) -> date:
    return _began(incident.occurred_on, incident.recorded_on)


def warn(facts: ProjectFacts) -> Situation | None:
    causes = [
        (
            _incident_start(i),
            tr("Incident “{title}” not told to the client", title=_quoted(i.title)),
        )
        for i in _open_incidents(facts)
        if not i.told
    ]
    return _situation("warn", causes)


def blame(facts: ProjectFacts) -> Situation | None:
    causes = [
        (
            _incident_start(i),
            tr("The client holds you alone responsible for “{title}”", title=_quoted(i.title)),
        )
        for i in _open_incidents(facts)
        if i.blamed
    ]
    return _situation("blame", causes)


def _mine(bell: BellFact) -> bool:
    return bell.owner == "provider"


def no_room(due_on: date, delivery_on: date | None) -> bool:
    """Whether a promise due on `due_on` leaves no room before the delivery date: less
    than `PROMISE_NEAR_DELIVERY_DAYS` before it, or after it."""
    if delivery_on is None:
        return False
    return due_on > delivery_on - timedelta(days=PROMISE_NEAR_DELIVERY_DAYS)


def no_margin_soon(due_on: date, margin_days: int, today: date) -> bool:
    """Whether a bell with `margin_days` due on `due_on` is due soon with no margin."""
    soon = today + timedelta(days=PROMISE_SOON_DAYS)
    return margin_days <= 0 and today <= due_on <= soon


def promise(facts: ProjectFacts) -> Situation | None:
    if not facts.bells and not facts.commitments:  # speed: thousands of projects
        return None
    today, delivery = facts.today, facts.delivery_on
    causes: list[Cause] = []
    for bell in sorted(facts.bells, key=lambda b: b.due_on):
        if bell.done or not _mine(bell) or bell.due_on < today:
            continue
        if no_margin_soon(bell.due_on, bell.margin_days, today):
            start = bell.due_on - timedelta(days=PROMISE_SOON_DAYS)
            said = tr(
                "“{title}” is due on {day} with no margin",
                title=_quoted(bell.title),
                day=day_month(bell.due_on),
            )
            causes.append((_began(start, bell.recorded_on), said))
        elif bell.kind != "delivery" and no_room(bell.due_on, delivery):
            said = tr("“{title}” is due right at the delivery date", title=_quoted(bell.title))
            causes.append((bell.recorded_on or date.min, said))
    for commitment in facts.commitments:
        due = commitment.due_on
        if due is not None and due >= today and no_room(due, delivery):
            said = tr(
                "The commitment “{text}” falls due right at the delivery date",
                text=_quoted(commitment.text),
            )
            causes.append((commitment.recorded_on or date.min, said))
    return _situation("promise", causes)


def _why_over(logged: int, rework: int, budget: int | None) -> tuple[str, int] | None:
    """Whether `logged` minutes, `rework` of them, call for "enough is enough":
    ("budget", 0), ("rework", its share in percent), or None."""
    if budget is not None and budget > 0 and logged > budget:
        return "budget", 0
    if too_much_rework(rework, logged):
        return "rework", round(rework / logged * 100)
    return None


def time_calls_for_card(logged: int, rework: int, budget: int | None) -> bool:
    """Whether the time logged so far (`rework` minutes of `logged`) calls for "enough is
    enough" at the end of its last day (then `over_investment` holds)."""
    return _why_over(logged, rework, budget) is not None


def over_since(days: Iterable[tuple[D, int, int]], budget: int | None) -> D | None:
    """The first day of the latest run of days at whose end the time called for "enough
    is enough" (a share that fell back under the limit and rose again starts anew), or
    None when the last day's end does not. `days`: the time in the order of its days,
    as (day, minutes, of them rework); a day may come in several pieces, one after the
    other, and need only compare equal to itself (a date, or its ISO text)."""
    logged = rework = 0
    since: D | None = None
    current: D | None = None
    started = False
    for day, minutes, rework_minutes in days:
        if started and day != current:  # the end of the day before: judged on its totals
            if _why_over(logged, rework, budget) is None:
                since = None
            elif since is None:
                since = current
        current, started = day, True
        logged += minutes
        rework += rework_minutes
    if not started or _why_over(logged, rework, budget) is None:
        return None
    return current if since is None else since


def over_investment(facts: ProjectFacts) -> Situation | None:
    """Since the first day of the latest run of days at whose end the time called for it
    (`over_since`), said from the last day's totals."""
    if not facts.time:
        return None
    time = sorted(facts.time, key=lambda entry: entry[0])
    days = (
        (day, minutes, minutes if category == "rework" else 0) for day, category, minutes in time
    )
    since = over_since(days, facts.budget_minutes)
    if since is None:
        return None
    logged = sum(minutes for _, _, minutes in time)
    rework = sum(minutes for _, category, minutes in time if category == "rework")
    why = _why_over(logged, rework, facts.budget_minutes)
    if why is None:  # not reached: `over_since` judged the same totals
        return None
    if why[0] == "budget":
        return Situation("over_investment", since, tr("The time spent is over the budget"))
    return Situation(
        "over_investment", since, tr("Rework is {percent}% of the time", percent=why[1])
    )


def together(facts: ProjectFacts) -> Situation | None:
    today = facts.today
    if len(facts.chases) < TENSE_CHASES and not facts.bells and not facts.incidents:
        return None  # speed: thousands of projects
    causes: list[Cause] = []
    chases = sorted(facts.chases)
    if len(chases) >= TENSE_CHASES:
        said = trn(
            "Chased {n} time with no answer",
            "Chased {n} times with no answer",
            len(chases),
        )
        causes.append((chases[TENSE_CHASES - 1], said))
    for bell in sorted(facts.bells, key=lambda b: b.due_on):
        if bell.owner == "client" and not bell.done and bell.due_on < today:
            said = tr("The client is late on “{title}”", title=_quoted(bell.title))
            causes.append((bell.due_on + timedelta(days=1), said))
    for incident in _open_incidents(facts):
        said = tr("Incident “{title}” is open", title=_quoted(incident.title))
        causes.append((_incident_start(incident), said))
    return _situation("together", causes)


def frame(facts: ProjectFacts) -> Situation | None:
    if not facts.changes and not facts.incidents:  # speed: thousands of projects
        return None
    recent = facts.today - timedelta(days=FRAME_RECENT_DAYS)
    causes: list[Cause] = [
        (
            change.on,
            tr(
                "“{deliverable}” was reopened after its validation",
                deliverable=_quoted(change.deliverable),
            ),
        )
        for change in sorted(facts.changes, key=lambda c: c.on, reverse=True)
        if change.on > recent
    ]
    causes += [
        (_incident_start(i), tr("Incident “{title}” touches the contract", title=_quoted(i.title)))
        for i in _open_incidents(facts)
        if i.contract_says
    ]
    return _situation("frame", causes)


#: Each situation's rule, in the order the cards show (most pressing first).
RULES: tuple[Callable[[ProjectFacts], Situation | None], ...] = (
    warn,
    blame,
    over_investment,
    promise,
    together,
    frame,
)


def situations(facts: ProjectFacts) -> list[Situation]:
    """The situations that hold for a project, most pressing first (`RULES`)."""
    return [found for rule in RULES if (found := rule(facts)) is not None]


def promise_warning(
    due_on: date, margin_days: int | None, delivery_on: date | None, today: date
) -> str | None:
    """What a form says under the date of a promise of mine (an alarm bell, with its
    margin; a commitment, with None), by the same rules as the "promise" situation."""
    if due_on < today:
        return None
    if margin_days is not None and no_margin_soon(due_on, margin_days, today):
        return tr("No margin, and due within a week: promise less, deliver more.")
    if delivery_on is not None and no_room(due_on, delivery_on):
        return tr(
            "Right at the delivery date ({day}): leave yourself room. Promise less, deliver more.",
            day=day_month(delivery_on),
        )
    return None


def bell_warning(
    due: str, margin: str, owner: str, kind: str, delivery_on: date | None, today: date
) -> str | None:
    """What the alarm bell form says under the date typed (`promise_warning`, for a bell
    of mine: named so, or by its kind); nothing while the date or margin do not read."""
    from relay_tui.domain.parsing import parse_due

    mine = (owner or ("client" if kind in CLIENT_KINDS else "provider")) == "provider"
    if not mine or not margin.strip().isdigit():
        return None
    try:
        day, _ = parse_due(due, today)
    except ValueError:
        return None
    return promise_warning(day, int(margin), delivery_on, today)


def commitment_warning(
    due: str, party: str, adding: bool, delivery_on: date | None, today: date
) -> str | None:
    """What the commitment form says under the date typed: for a commitment of mine due
    right at the delivery date, `promise_warning`; for any new one of mine, a reminder."""
    from relay_tui.domain.parsing import parse_date

    if party != "provider":
        return None
    said = None
    if due.strip():
        try:
            said = promise_warning(parse_date(due, today), None, delivery_on, today)
        except ValueError:
            said = None
    if said is None and adding:
        said = tr("Promise less, deliver more: commit only to what you are sure to hold.")
    return said
