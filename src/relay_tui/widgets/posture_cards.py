"""The posture cards that hold, drawn in a small area: the project screen's (one line: the
first card, how many more, and its reason) and the dashboard's (the most pressing card across
projects, and how many more). The full text of every card is in the tooltip.

Presents only: the cards come from `services.posture` as `CardView`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from relay_tui.i18n import trn
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tones import Toned

if TYPE_CHECKING:
    from relay_tui.services.posture import CardView

#: The mark before a card.
QUOTE = "❝ "


def _full(cards: Sequence[CardView], with_project: bool) -> Text:
    """Every card in full: the tooltip."""
    text = Text()
    for n, card in enumerate(cards):
        if n:
            text.append("\n\n")
        text.append(card.title, style="bold")
        if with_project and card.project:
            text.append(" · ")
            text.append_text(literal(card.project, 40))
        if card.reason:
            text.append("\n")
            text.append_text(literal(card.reason))
        text.append("\n")
        text.append(card.text, style="italic")
    return text


class PostureCards(Toned, Static):
    """The cards shown (hidden when there is none); `cards` are in the order shown."""

    DEFAULT_CLASSES = "posture-cards"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.cards: list[CardView] = []

    def _quote(self) -> Text:
        return Text(QUOTE, style=self.tone("screen-posture"))

    def show_project(self, cards: Sequence[CardView]) -> None:
        """A project's cards on one line: the first, how many more, and why the first
        holds (every card in full in the tooltip)."""
        self.cards = list(cards)
        self.display = bool(cards)
        if not cards:
            self.update("")
            self.tooltip = None
            return
        first = cards[0]
        text = self._quote()
        text.append(first.title, style="bold")
        more = len(cards) - 1
        if more:
            text.append(" ")
            text.append(trn("(+{n} more)", "(+{n} more)", more), style="dim")
        text.append(" — ")
        text.append_text(literal(first.reason))
        self.update(text)
        self.tooltip = _full(cards, with_project=False)

    def show_dashboard(self, cards: Sequence[CardView], of_the_day: CardView | None) -> None:
        """Across projects: the most pressing card with its project, reason and text, and
        how many more; with none, the card of the day (hidden without either)."""
        self.cards = list(cards)
        shown = cards[0] if cards else of_the_day
        self.display = shown is not None
        if shown is None:
            self.update("")
            self.tooltip = None
            return
        text = self._quote()
        text.append(shown.title, style="bold")
        if shown.project:
            text.append(" · ")
            text.append_text(literal(shown.project, 40, style="bold"))
        if shown.reason:
            text.append(" — ")
            text.append_text(literal(shown.reason))
        more = len(cards) - 1
        if more > 0:
            text.append("  ")
            text.append(trn("(+{n} more card)", "(+{n} more cards)", more), style="dim")
        text.append("\n" if shown.reason else "  ")
        text.append(shown.text, style="italic")
        self.update(text)
        self.tooltip = _full(cards or [shown], with_project=True)
