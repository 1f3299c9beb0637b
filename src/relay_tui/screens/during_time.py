"""Tab 4 of the during phase: the time logged against the budget, week by week."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Static

from relay_tui.screens.during_tab import CHASE, DuringTab
from relay_tui.widgets.labels import flagged

if TYPE_CHECKING:
    from relay_tui.services.timelog import TimeView


class TimeTab(DuringTab):
    MAIN_TABLE = "weeks"
    BINDINGS: ClassVar[list[BindingType]] = [CHASE]

    def compose(self) -> ComposeResult:
        yield Static("", id="time-summary")
        yield DataTable(id="weeks", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#weeks", DataTable).add_columns(
            "Week of", "Work", "Rework", "Meetings", "Admin", "Total", ""
        )

    def fetch(self, store: Any, today: date) -> TimeView:
        from relay_tui.services import timelog

        return timelog.time_view(store, self.project_id, today)

    def show(self, data: TimeView, today: date) -> None:
        from relay_tui.domain.parsing import format_duration
        from relay_tui.domain.timekeeping import gauge, sparkline

        use = data.use
        text = Text()
        budget = format_duration(use.budget_minutes) if use.budget_minutes else "no budget set"
        if use.logged_minutes:
            text.append(f"Logged {format_duration(use.logged_minutes)} of {budget}", style="bold")
        else:
            budget = f"budget {budget}" if use.budget_minutes else budget
            text.append(f"No time logged yet ({budget})", style="bold")
        if use.ratio is not None:
            text.append("  ")
            text.append(gauge(use.ratio, 20), style=self.tone("late" if use.over else "good"))
            text.append(f" {use.ratio:.0%}")
        if use.over:
            text.append(
                "\nOver budget: every hour now is over-investment. Check the scope "
                "and stop polishing.",
                style=self.tone("late"),
            )
        if use.projected_minutes:
            text.append(
                f"\nAt this pace: {format_duration(use.projected_minutes)} by the delivery date",
                style=self.tone("awaiting") if (use.projected_ratio or 0) > 1 else "",
            )
        if use.rework_share:
            text.append(f"\nRework: {use.rework_share:.0%} of the time")
        totals = [sum(minutes.values()) for _, minutes in data.weeks]
        text.append(f"\nLast {len(totals)} weeks: ")
        text.append(sparkline(totals), style=self.tone("inbound"))
        text.append("   (T logs time)", style="dim")
        flagged(text, data.problems)
        self.query_one("#time-summary", Static).update(text)
        table = self.query_one("#weeks", DataTable)
        table.clear()
        top = max(totals, default=0)
        for start, minutes in reversed(data.weeks):
            total = sum(minutes.values())
            cells = [
                format_duration(minutes[k]) if minutes.get(k) else "·"
                for k in ("work", "rework", "meetings", "admin")
            ]
            bar = "█" * round(total / top * 20) if top else ""
            table.add_row(
                f"{start:%d %b}",
                *cells,
                format_duration(total) if total else "·",
                Text(bar, style=self.tone("inbound")),
                key=start.isoformat(),
            )
