"""Posture cards: short reminders of how to hold oneself, chosen by the situation."""

from __future__ import annotations

from dataclasses import dataclass

from relay_tui.i18n import N_


@dataclass(frozen=True)
class PostureCard:
    """A card; its title and text are message ids, shown with `tr(card.title)`."""

    key: str
    title: str
    text: str


CARDS: tuple[PostureCard, ...] = (
    PostureCard(
        "promise",
        N_("Promise less, deliver more"),
        N_(
            "Announce what you are sure to hold, then do a little better. A surprise "
            "that pleases beats a promise that slips."
        ),
    ),
    PostureCard(
        "over_investment",
        N_("Enough is enough"),
        N_(
            "Polishing past what was asked costs you hours nobody pays for. Check the "
            "scope, stop at good, and keep the extra ideas for the next phase."
        ),
    ),
    PostureCard(
        "together",
        N_("You need each other"),
        N_(
            "The client needs your work; you need their answers, documents and "
            "validations. Say it plainly: the project moves at the pace of both."
        ),
    ),
    PostureCard(
        "frame",
        N_("Stay flexible, recall the frame"),
        N_(
            "Adapt when it helps the project, but bring every change back to what was "
            "agreed: the contract, the validations, the dates."
        ),
    ),
    PostureCard(
        "blame",
        N_("Let it pass"),
        N_(
            "When you are blamed alone for a shared problem, do not fight it on the "
            "spot. Answer later, with facts and dates, and move the project on."
        ),
    ),
    PostureCard(
        "warn",
        N_("Warn early"),
        N_(
            "A problem you carry alone grows. Tell the client now, with what it means "
            "for them and what you propose: they can only help with what they know."
        ),
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
