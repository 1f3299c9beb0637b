"""The rules of the before phase: what a new project starts with (the mutual commitments
and the framing risks, in our own words), self-assessment warnings, actor quadrants,
lesson ranking and readiness."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from relay_tui.domain.risks import severity
from relay_tui.i18n import N_, tr, trn
from relay_tui.terms import PLANNING_HORIZON_DAYS


def assessment_warnings(
    reward: str | None,
    paid: bool | None,
    stance: str | None,
    balance: str | None,
    ready_for_failure: bool | None,
) -> list[str]:
    """What in the self-assessment points at trouble, said plainly."""
    warnings: list[str] = []
    if paid is False and stance == "partner" and balance == "sacrifice":
        warnings.append(
            tr(
                "Free work, a partner's stance and personal sacrifices: this is an investment "
                "with no return guaranteed. Set a limit on the time you give, in writing."
            )
        )
    elif paid is False and balance == "sacrifice":
        warnings.append(
            tr(
                "Unpaid and ready to sacrifice your balance: decide now how many hours you "
                "give and stop there."
            )
        )
    if paid is False and reward == "financial":
        warnings.append(tr("You expect a financial reward from unpaid work: clarify what it is."))
    if paid is True and stance == "partner":
        warnings.append(
            tr(
                "Paid but acting as a partner: the client may expect unpaid extras. Say where "
                "the partnership ends."
            )
        )
    if ready_for_failure is False:
        warnings.append(
            tr(
                "You are not ready to face a failure: reduce the risk (smaller first step, "
                "partial delivery, clear exit clause) before you commit."
            )
        )
    return warnings


#: The quadrants of the influence/interest grid (message ids: shown with `tr`).
QUADRANTS = {
    (True, True): N_("manage closely"),
    (True, False): N_("keep satisfied"),
    (False, True): N_("keep informed"),
    (False, False): N_("monitor"),
}


def quadrant(influence: int, interest: int) -> str:
    """Influence/interest grid: 3 and above is high. The quadrant's key, in English: the
    screens show `tr(quadrant(...))`."""
    return QUADRANTS[(influence >= 3, interest >= 3)]


@dataclass(frozen=True)
class DatedStep:
    id: int
    title: str
    due_on: date


@dataclass(frozen=True)
class HorizonWarning:
    step: DatedStep
    previous: DatedStep | None
    gap_days: int

    def message(self) -> str:
        if self.previous:
            return trn(
                "{step} comes {n} day after {previous}: beyond {horizon} days no planning "
                "holds. Add a checkpoint in between.",
                "{step} comes {n} days after {previous}: beyond {horizon} days no planning "
                "holds. Add a checkpoint in between.",
                self.gap_days,
                step=repr(self.step.title),
                previous=repr(self.previous.title),
                horizon=PLANNING_HORIZON_DAYS,
            )
        return trn(
            "{step} comes {n} day after the start: beyond {horizon} days no planning "
            "holds. Add a checkpoint in between.",
            "{step} comes {n} days after the start: beyond {horizon} days no planning "
            "holds. Add a checkpoint in between.",
            self.gap_days,
            step=repr(self.step.title),
            horizon=PLANNING_HORIZON_DAYS,
        )


def horizon_warnings(
    steps: Sequence[DatedStep], start_on: date | None = None
) -> list[HorizonWarning]:
    """Every deadline more than 21 days after the previous checkpoint or deadline."""
    ordered = sorted(steps, key=lambda s: (s.due_on, s.id))
    warnings: list[HorizonWarning] = []
    previous: DatedStep | None = None
    anchor = start_on
    for step in ordered:
        reference = previous.due_on if previous else anchor
        if reference is not None:
            gap = (step.due_on - reference).days
            if gap > PLANNING_HORIZON_DAYS:
                warnings.append(HorizonWarning(step, previous, gap))
        previous = step
    return warnings


@dataclass(frozen=True)
class LessonCandidate:
    id: int
    text: str
    tags: str
    project: str
    same_client: bool
    same_kind: bool
    version: int = 1  # of the stored lesson, sent back when it is reworded


def rank_lessons(lessons: Sequence[LessonCandidate]) -> list[LessonCandidate]:
    """Same client first, then same kind of project, then the rest; newest first within."""
    relevant = [lesson for lesson in lessons if lesson.same_client or lesson.same_kind]
    return sorted(relevant, key=lambda c: (not c.same_client, not c.same_kind, -c.id))


def review_overdue(review_on: date | None, status: str, today: date) -> bool:
    return review_on is not None and status == "open" and review_on < today


# --- the frame: its cycle and its rigour ---------------------------------------------


def cycle_warning(days: int | None) -> str | None:
    """What a working cycle of `days` calls for: a warning beyond the planning horizon
    (21 days: no planning holds past three weeks), else None. Such a cycle is accepted,
    and flagged wherever it shows (the frame form, the overview, the command line)."""
    if days is None or days <= PLANNING_HORIZON_DAYS:
        return None
    return trn(
        "Cycles of {n} day: beyond three weeks no planning holds. Split the work into "
        "cycles of {horizon} days at most.",
        "Cycles of {n} days: beyond three weeks no planning holds. Split the work into "
        "cycles of {horizon} days at most.",
        days,
        horizon=PLANNING_HORIZON_DAYS,
    )


@dataclass(frozen=True)
class RigourItem:
    """One item of the frame's rigour checklist: its key (the project's column is
    `rigour_<key>`; the command line says it with hyphens), what it is, and what is
    missing while it is not ticked (message ids: shown with `tr`)."""

    key: str
    label: str
    missing: str

    @property
    def column(self) -> str:
        return f"rigour_{self.key}"

    @property
    def option(self) -> str:
        return self.key.replace("_", "-")


#: The rigour a frame asks the user to agree with the client, in the order shown.
RIGOUR: tuple[RigourItem, ...] = (
    RigourItem(
        "written_validations",
        N_("validations in writing"),
        N_("rigour: validations are not agreed in writing"),
    ),
    RigourItem(
        "progress_point",
        N_("a regular progress point with the client"),
        N_("rigour: no regular progress point agreed"),
    ),
    RigourItem(
        "single_contact",
        N_("a single contact person on the client's side"),
        N_("rigour: no single contact person on the client's side"),
    ),
    RigourItem(
        "changes_in_writing",
        N_("changes agreed in writing"),
        N_("rigour: changes are not agreed in writing"),
    ),
)
RIGOUR_KEYS: tuple[str, ...] = tuple(item.key for item in RIGOUR)


def rigour_missing(ticked: Mapping[str, bool]) -> list[str]:
    """Each item of the rigour checklist not ticked (`ticked`: by key; a key left out is
    not ticked), in words, in the checklist's order."""
    return [tr(item.missing) for item in RIGOUR if not ticked.get(item.key, False)]


def readiness(
    *,
    contract_signed: bool,
    client_profile_known: int,
    delivery_on: date | None,
    risks: Sequence[tuple[int, int, str, str]],
    rigour: Mapping[str, bool],
) -> list[str]:
    """What is still missing before starting. `risks`: (probability, impact, status,
    mitigation); `rigour`: the rigour checklist's items ticked, by key (`RIGOUR`). An
    empty list means ready."""
    missing: list[str] = []
    if not contract_signed:
        missing.append(tr("no signed contract"))
    if client_profile_known == 0:
        missing.append(tr("the client's profile is empty"))
    if delivery_on is None:
        missing.append(tr("no delivery date"))
    critical = [
        r
        for r in risks
        if severity(r[0] * r[1]) == "critical" and r[2] == "open" and not r[3].strip()
    ]
    if critical:
        missing.append(
            trn(
                "{n} critical risk without mitigation",
                "{n} critical risks without mitigation",
                len(critical),
            )
        )
    missing += rigour_missing(rigour)
    return missing


def heat_map(risks: Sequence[tuple[int, int, str]]) -> dict[tuple[int, int], int]:
    """Open risks counted per (probability, impact) cell."""
    cells: dict[tuple[int, int], int] = {}
    for probability, impact, status in risks:
        if status == "open":
            cells[(probability, impact)] = cells.get((probability, impact), 0) + 1
    return cells


def next_cycle_end(start_on: date, cycle_days: int, today: date) -> date:
    """The end of the current short cycle (cycles start on `start_on`)."""
    if cycle_days <= 0:
        raise ValueError("a cycle lasts at least one day")
    if today < start_on:
        return start_on + timedelta(days=cycle_days)
    elapsed = (today - start_on).days
    return start_on + timedelta(days=(elapsed // cycle_days + 1) * cycle_days)


# --- what a new project starts with ------------------------------------------------

#: The mutual commitments a new project starts with (message ids: the project is
#: written in the current language, `tr(text)`, when it is created).
CLIENT_COMMITMENTS: tuple[str, ...] = (
    N_("Say clearly what is expected: the format of each deliverable and the delivery date"),
    N_("Be reachable to answer the provider's questions within the agreed delay"),
    N_("Hand over the documents and content the work depends on, on time"),
    N_("Review and validate each step of the project when it is presented"),
    N_("Stand by a validation once it is given"),
)

PROVIDER_COMMITMENTS: tuple[str, ...] = (
    N_("Give a frank opinion on feasibility, and voice doubts about the expectations early"),
    N_("Keep the client informed of how the work is progressing"),
    N_("Warn the client of any problem as soon as it appears"),
    N_("Have each step validated before building on it"),
    N_("Deliver on the dates agreed"),
)


@dataclass(frozen=True)
class RiskSeed:
    title: str
    category: str
    probability: int
    impact: int
    mitigation: str


def framing_risks(
    client_accountable: bool | None,
    event_bound: bool | None,
    partial_delivery_ok: bool | None,
) -> list[RiskSeed]:
    """The risks implied by the three framing answers (an unanswered question adds none),
    in the current language (they are stored with the new project)."""
    risks: list[RiskSeed] = []
    if client_accountable:
        risks.append(
            RiskSeed(
                tr("The client answers to someone who may overrule decisions"),
                "accountability",
                3,
                3,
                tr(
                    "Meet or at least identify the person the client reports to; have key "
                    "validations confirmed by them, in writing."
                ),
            )
        )
    if event_bound:
        risks.append(
            RiskSeed(
                tr("Delivery is tied to an event: the date cannot slip"),
                "event_deadline",
                3,
                5,
                tr(
                    "Plan backwards from the event with a safety margin, fix the scope early "
                    "and agree what can be dropped if time runs short."
                ),
            )
        )
    if partial_delivery_ok is False:
        risks.append(
            RiskSeed(
                tr("All or nothing: no partial delivery is acceptable"),
                "scope",
                3,
                4,
                tr(
                    "Cut the work into steps that are each validated, and keep a written list "
                    "of what is in and out of scope."
                ),
            )
        )
    return risks
