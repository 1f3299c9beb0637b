"""Tab 4 of the before phase: the risks, on a heat map of probability and impact that
filters the list to a cell."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from relay_tui.i18n import tr
from relay_tui.screens.before_forms import risk_form
from relay_tui.screens.before_tab import EDIT, BeforeTab
from relay_tui.screens.deleting import DELETE
from relay_tui.vocab import RISK_CATEGORY_LABELS
from relay_tui.widgets.heatmap import RiskHeatMap
from relay_tui.widgets.labels import flagged, literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData


#: The columns, in order. Who changed a risk last shows only on a shared store.
COLUMNS = (
    Column("title", "Risk", 1, width=48, least=16),
    Column("category", "Category", 5),
    Column("score", "P×I", 3),
    Column("band", "Band", 1),
    Column("status", "Status", 2),
    Column("review", "Review", 4),
    Column("mitigation", "Mitigation", 6, width=40, least=12),
    Column("by", "Changed by", 7, width=16),
)


class RisksTab(BeforeTab):
    MAIN_TABLE = "risks"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "add_risk", "Add risk", id="add-risk", tooltip="Add a risk"),
        EDIT,
        Binding(
            "x",
            "close_risk",
            "Close risk",
            id="close-risk",
            tooltip="Close the selected risk: it stays in the register, closed",
        ),
        DELETE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        #: The heat map cell (probability, impact) the list is filtered to.
        self.risk_filter: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="risk-top"):
            yield RiskHeatMap(id="heatmap")
            yield Static("", id="risk-help")
        yield FittedTable(COLUMNS, id="risks")

    def show_data(self, data: BeforeData, today: date) -> None:
        from relay_tui.domain.before import heat_map

        heat = self.query_one(RiskHeatMap)
        heat.counts = heat_map(
            [(r.risk.probability, r.risk.impact, str(r.risk.status)) for r in data.risks]
        )
        help_text = Text("Open risks by probability and impact.\n", style="bold")
        help_text.append(
            "Focus the map (tab), move with the arrows, enter filters the list "
            "to a cell; enter again shows all.\n",
            style="dim",
        )
        if self.risk_filter:
            help_text.append(
                f"Showing probability {self.risk_filter[0]}, impact {self.risk_filter[1]} only.\n",
                style=self.tone("awaiting"),
            )
        overdue = sum(1 for r in data.risks if r.overdue)
        if overdue:
            help_text.append(
                f"{overdue} risk review{'s' if overdue > 1 else ''} overdue.",
                style=self.tone("late"),
            )
        self.query_one("#risk-help", Static).update(help_text)
        rows: list[Row] = []
        for line in data.risks:
            risk = line.risk
            if self.risk_filter and (risk.probability, risk.impact) != self.risk_filter:
                continue
            review = f"{risk.review_on:%d %b}" if risk.review_on else ""
            cells = {
                "title": flagged(literal(risk.title, 48), line.problems),
                "category": tr(RISK_CATEGORY_LABELS.get(str(risk.category), str(risk.category))),
                "score": f"{risk.probability}×{risk.impact}={line.score}",
                "band": Text(line.band, style=self.tone(f"band-{line.band}")),
                "status": str(risk.status),
                "review": Text(
                    review + (" overdue" if line.overdue else ""),
                    style=self.tone("late") if line.overdue else "",
                ),
                "mitigation": (
                    literal(risk.mitigation, 40) if risk.mitigation else Text("none", "dim")
                ),
                "by": literal(risk.updated_by, 16),
            }
            rows.append((str(risk.id), cells))
        hidden = () if data.shared else ("by",)  # alone, it is always you
        self.query_one("#risks", FittedTable).fill(rows, hidden)

    @on(RiskHeatMap.CellChosen)
    def _cell_chosen(self, event: RiskHeatMap.CellChosen) -> None:
        self.risk_filter = event.cell
        if self.data is not None:
            self.show_data(self.data, self.relay.today())

    # --- actions --------------------------------------------------------------------
    def action_add_risk(self) -> None:
        if self.data:
            self._open(risk_form(self.relay, self.project_id, None))

    def action_edit(self) -> None:
        if self.data and (rid := self._selected()) is not None:
            risk = next(r.risk for r in self.data.risks if r.risk.id == rid)
            self._open(risk_form(self.relay, self.project_id, risk))

    def action_close_risk(self) -> None:
        if not self.data or (rid := self._selected()) is None:
            return
        from relay_tui.services.risks import set_risk_status

        seen = next(r.risk.version for r in self.data.risks if r.risk.id == rid)
        self._write(
            lambda store: set_risk_status(store, rid, "closed", version=seen), "Risk closed."
        )

    def action_delete(self) -> None:
        if self.data and (row := self._selected_row(r.risk for r in self.data.risks)):
            self.ask_delete("risk", row.id, row.version)
