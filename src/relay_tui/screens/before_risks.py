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

from relay_tui.display import day_month
from relay_tui.i18n import tr, trn, trp
from relay_tui.screens.before_forms import risk_form
from relay_tui.screens.before_tab import EDIT, BeforeTab
from relay_tui.screens.deleting import DELETE
from relay_tui.stored_words import band as band_label
from relay_tui.stored_words import risk_status
from relay_tui.vocab import RISK_CATEGORY_LABELS
from relay_tui.widgets.heatmap import RiskHeatMap
from relay_tui.widgets.labels import flagged, literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData


#: The columns, in order. Who changed a risk last shows only on a shared store. Translated
#: on import, like BINDINGS: the app's language is set before screens are imported.
COLUMNS = (
    Column("title", tr("Risk"), 1, width=48, least=16),
    Column("category", tr("Category"), 5),
    # TRANSLATORS: probability × impact, the column of a risk's score.
    Column("score", tr("P×I"), 3),
    Column("band", trp("column of a risk's severity", "Band"), 1),
    Column("status", tr("Status"), 2),
    Column("review", trp("column of a risk's next review date", "Review"), 4),
    Column("mitigation", tr("Mitigation"), 6, width=40, least=12),
    Column("by", tr("Changed by"), 7, width=16),
)


class RisksTab(BeforeTab):
    MAIN_TABLE = "risks"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "add_risk", tr("Add risk"), id="add-risk", tooltip=tr("Add a risk")),
        EDIT,
        Binding(
            "x",
            "close_risk",
            tr("Close risk"),
            id="close-risk",
            tooltip=tr("Close the selected risk: it stays in the register, closed"),
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
        help_text = Text(tr("Open risks by probability and impact.") + "\n", style="bold")
        help_text.append(
            tr(
                "Focus the map (tab), move with the arrows, enter filters the list "
                "to a cell; enter again shows all."
            )
            + "\n",
            style="dim",
        )
        if self.risk_filter:
            help_text.append(
                tr(
                    "Showing probability {probability}, impact {impact} only.",
                    probability=self.risk_filter[0],
                    impact=self.risk_filter[1],
                )
                + "\n",
                style=self.tone("awaiting"),
            )
        overdue = sum(1 for r in data.risks if r.overdue)
        if overdue:
            help_text.append(
                trn("{n} risk review overdue.", "{n} risk reviews overdue.", overdue),
                style=self.tone("late"),
            )
        self.query_one("#risk-help", Static).update(help_text)
        rows: list[Row] = []
        for line in data.risks:
            risk = line.risk
            if self.risk_filter and (risk.probability, risk.impact) != self.risk_filter:
                continue
            review = day_month(risk.review_on) if risk.review_on else ""
            if line.overdue:
                review = tr("{date} overdue", date=review)
            category = str(risk.category)
            cells = {
                "title": flagged(literal(risk.title, 48), line.problems),
                "category": tr(RISK_CATEGORY_LABELS[category])
                if category in RISK_CATEGORY_LABELS
                else category,
                "score": f"{risk.probability}×{risk.impact}={line.score}",
                "band": Text(band_label(line.band), style=self.tone(f"band-{line.band}")),
                "status": risk_status(str(risk.status)),
                "review": Text(review, style=self.tone("late") if line.overdue else ""),
                "mitigation": (
                    literal(risk.mitigation, 40)
                    if risk.mitigation
                    else Text(trp("no mitigation", "none"), "dim")
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
            lambda store: set_risk_status(store, rid, "closed", version=seen), tr("Risk closed.")
        )

    def action_delete(self) -> None:
        if self.data and (row := self._selected_row(r.risk for r in self.data.risks)):
            self.ask_delete("risk", row.id, row.version)
