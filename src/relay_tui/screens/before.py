"""The "before" phase: framing the project (commitments and risks for now)."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from relay_tui.domain.risks import severity
from relay_tui.services.overview import ProjectOverview
from relay_tui.widgets.labels import literal

BAND_STYLES = {
    "low": "green",
    "medium": "yellow",
    "high": "bold red",
    "critical": "bold white on red",
}
COMMITMENT_STYLES = {"pending": "", "kept": "green", "broken": "bold red", "waived": "dim"}


class BeforePane(VerticalScroll):
    DEFAULT_CLASSES = "pane"

    def compose(self) -> ComposeResult:
        yield Static("", id="before-frame")
        yield Static("Mutual commitments", classes="section-title")
        yield DataTable(id="commitments", cursor_type="row", show_cursor=False)
        yield Static("Risk register", classes="section-title")
        yield DataTable(id="risks", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        commitments = self.query_one("#commitments", DataTable)
        commitments.add_columns("Status", "Who", "Commitment")
        risks = self.query_one("#risks", DataTable)
        risks.add_columns("Risk", "P×I", "Band", "Status")

    def show(self, data: ProjectOverview, today: date) -> None:
        frame = Text()
        if data.contract_signed_on is None:
            frame.append("No signed contract yet.", style="bold red")
        else:
            frame.append(f"Contract signed on {data.contract_signed_on:%d %b %Y}.", style="green")
        if data.delivery_on is not None:
            frame.append(f"  Delivery planned on {data.delivery_on:%d %b %Y}.")
        self.query_one("#before-frame", Static).update(frame)
        commitments = self.query_one("#commitments", DataTable)
        commitments.clear()
        for item in data.commitments:
            who = "Client" if item.party == "client" else "Me"
            status = str(item.status)
            commitments.add_row(
                Text(status, style=COMMITMENT_STYLES.get(status, "")), who, literal(item.text, 90)
            )
        risks = self.query_one("#risks", DataTable)
        risks.clear()
        for risk in data.risks:
            score = risk.probability * risk.impact
            band = severity(score)
            risks.add_row(
                literal(risk.title, 70),
                f"{risk.probability}×{risk.impact}={score}",
                Text(band, style=BAND_STYLES[band]),
                str(risk.status),
            )
        if not data.risks:
            risks.add_row(Text("No risk recorded yet.", style="dim"), "", "", "")
