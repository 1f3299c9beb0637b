"""Posture cards: short reminders of how to hold oneself, chosen by the situation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PostureCard:
    key: str
    title: str
    text: str


CARDS: tuple[PostureCard, ...] = (
    PostureCard(
        "promise",
        "Promise less, deliver more",
        "Announce what you are sure to hold, then do a little better. A surprise "
        "that pleases beats a promise that slips.",
    ),
    PostureCard(
        "over_investment",
        "Enough is enough",
        "Polishing past what was asked costs you hours nobody pays for. Check the "
        "scope, stop at good, and keep the extra ideas for the next phase.",
    ),
    PostureCard(
        "together",
        "You need each other",
        "The client needs your work; you need their answers, documents and "
        "validations. Say it plainly: the project moves at the pace of both.",
    ),
    PostureCard(
        "frame",
        "Stay flexible, recall the frame",
        "Adapt when it helps the project, but bring every change back to what was "
        "agreed: the contract, the validations, the dates.",
    ),
    PostureCard(
        "blame",
        "Let it pass",
        "When you are blamed alone for a shared problem, do not fight it on the "
        "spot. Answer later, with facts and dates, and move the project on.",
    ),
)
BY_KEY = {card.key: card for card in CARDS}


def choose_card(
    *, over_budget: bool, open_incident: bool, waiting_on_client: bool, day_number: int
) -> PostureCard:
    """The card the situation calls for; otherwise one per day, in turn."""
    if over_budget:
        return BY_KEY["over_investment"]
    if open_incident:
        return BY_KEY["frame"]
    if waiting_on_client:
        return BY_KEY["together"]
    return CARDS[day_number % len(CARDS)]
