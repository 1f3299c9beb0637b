"""Posture cards: short reminders of how to hold oneself, shown where their situation
holds (`domain.situations`), several at once, until it ends or the user puts one away."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

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


#: The cards in the order they show when several hold, most pressing first (the order
#: of `domain.situations.RULES`).
PRIORITY: tuple[str, ...] = ("warn", "blame", "over_investment", "promise", "together", "frame")


def card_of_the_day(day_number: int) -> PostureCard:
    """When no situation calls for a card: one per day, in turn (`date.toordinal()`)."""
    return CARDS[day_number % len(CARDS)]


class Holding(Protocol):
    """A situation as `visible` reads it (`domain.situations.Situation`)."""

    @property
    def card(self) -> str: ...

    @property
    def since(self) -> date: ...


H = TypeVar("H", bound=Holding)


def visible(holding: Iterable[H], dismissed: Mapping[str, date]) -> list[H]:
    """The situations whose card shows: those not dismissed, or dismissed before the
    situation (re)started (`since` after the day it was dismissed): a dismissal puts a
    card away while its situation lasts, never a new problem. In `PRIORITY` order."""
    shown = [s for s in holding if s.card not in dismissed or s.since > dismissed[s.card]]
    return sorted(shown, key=lambda s: PRIORITY.index(s.card) if s.card in PRIORITY else 99)
