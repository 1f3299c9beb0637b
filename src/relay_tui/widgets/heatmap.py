"""The 5×5 probability/impact heat map of open risks; selecting a cell filters the list."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from relay_tui.domain.risks import severity
from relay_tui.i18n import tr
from relay_tui.widgets.tones import Toned

#: How the selected cell and the cursor are marked, over the cell's tone (heat-<severity>).
SELECTED = Style(reverse=True)
CURSOR = Style(underline=True)


class RiskHeatMap(Toned, Widget, can_focus=True):
    """Probability across (1..5), impact up (5 at the top)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1, 0)", tr("Less likely"), show=False),
        Binding("right", "move(1, 0)", tr("More likely"), show=False),
        Binding("up", "move(0, 1)", tr("More impact"), show=False),
        Binding("down", "move(0, -1)", tr("Less impact"), show=False),
        Binding(
            "enter",
            "choose",
            tr("Filter"),
            tooltip=tr("Show only the risks of this cell"),
            id="heatmap-filter",
        ),
    ]
    DEFAULT_CSS = """
    RiskHeatMap { width: 44; height: 8; }
    """

    counts: reactive[dict[tuple[int, int], int]] = reactive(dict, always_update=True)
    cursor: reactive[tuple[int, int]] = reactive((3, 3))
    selected: reactive[tuple[int, int] | None] = reactive(None)

    class CellChosen(Message):
        def __init__(self, cell: tuple[int, int] | None) -> None:
            super().__init__()
            self.cell = cell

    def render(self) -> RenderableType:
        text = Text()
        text.append(tr("impact") + "\n", style="dim")
        for impact in range(5, 0, -1):
            text.append(f" {impact} ", style="dim")
            for probability in range(1, 6):
                count = self.counts.get((probability, impact), 0)
                style = self.tone(f"heat-{severity(probability * impact)}")
                label = f" {count} " if count else " · "
                cell = (probability, impact)
                if cell == self.selected:
                    style += SELECTED
                if self.has_focus and cell == self.cursor:
                    label = f"[{count}]" if count else "[·]"
                    style += CURSOR
                text.append(f" {label} ", style=style)
            text.append("\n")
        text.append("     1    2    3    4    5   ", style="dim")
        text.append(tr("probability"), style="dim")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, dp: int, di: int) -> None:
        p, i = self.cursor
        self.cursor = (min(5, max(1, p + dp)), min(5, max(1, i + di)))

    def action_choose(self) -> None:
        self.selected = None if self.selected == self.cursor else self.cursor
        self.post_message(self.CellChosen(self.selected))
