"""What a new project starts with: the mutual commitments and the framing risks.

Pure data and functions; the wording is ours.
"""

from __future__ import annotations

from dataclasses import dataclass

CLIENT_COMMITMENTS: tuple[str, ...] = (
    "Say clearly what is expected: the format of each deliverable and the delivery date",
    "Be reachable to answer the provider's questions within the agreed delay",
    "Hand over the documents and content the work depends on, on time",
    "Review and validate each step of the project when it is presented",
    "Stand by a validation once it is given",
)

PROVIDER_COMMITMENTS: tuple[str, ...] = (
    "Give a frank opinion on feasibility, and voice doubts about the expectations early",
    "Keep the client informed of how the work is progressing",
    "Warn the client of any problem as soon as it appears",
    "Have each step validated before building on it",
    "Deliver on the dates agreed",
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
    """The risks implied by the three framing answers (an unanswered question adds none)."""
    risks: list[RiskSeed] = []
    if client_accountable:
        risks.append(
            RiskSeed(
                "The client answers to someone who may overrule decisions",
                "accountability",
                3,
                3,
                "Meet or at least identify the person the client reports to; have key "
                "validations confirmed by them, in writing.",
            )
        )
    if event_bound:
        risks.append(
            RiskSeed(
                "Delivery is tied to an event: the date cannot slip",
                "event_deadline",
                3,
                5,
                "Plan backwards from the event with a safety margin, fix the scope early "
                "and agree what can be dropped if time runs short.",
            )
        )
    if partial_delivery_ok is False:
        risks.append(
            RiskSeed(
                "All or nothing: no partial delivery is acceptable",
                "scope",
                3,
                4,
                "Cut the work into steps that are each validated, and keep a written list "
                "of what is in and out of scope.",
            )
        )
    return risks
