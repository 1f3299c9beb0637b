"""Tab 4 of the during phase: the time logged against the budget, the latest entries (each
corrected with e, deleted with del) and the weeks."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from relay_tui.display import day_month, short_date
from relay_tui.i18n import N_, tr, trn, trp
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.during_tab import CHASE, DuringTab, edit_binding, translated
from relay_tui.screens.time_log import time_log_form
from relay_tui.stored_words import time_category as category_name
from relay_tui.widgets.labels import flagged, literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.services.timelog import TimeEntryView, TimeView

#: The entries the tab lists, newest first (all of them: the JSON export).
ENTRIES_SHOWN = 50
#: The entries' columns. Who logged each shows only on a shared store.
ENTRY_COLUMNS = (
    Column("day", N_("Day"), 1),
    Column("time", N_("Time"), 1),
    Column("kind", N_("Kind"), 2),
    Column("note", N_("Note"), 3, width=40, least=10),
    Column("by", N_("By"), 4, width=16, least=6),
)


def percent(ratio: float) -> str:
    """`45%` / `45 %`."""
    return tr("{percent}%", percent=round(ratio * 100))


class TimeData(NamedTuple):
    time: TimeView
    entries: list[TimeEntryView]
    #: Every project (name, id), where an entry may be moved.
    projects: list[tuple[str, int]]
    #: Several people write to the store: say who logged each entry.
    shared: bool


class TimeTab(DuringTab):
    MAIN_TABLE = "time-entries"
    BINDINGS: ClassVar[list[BindingType]] = [
        edit_binding(tr("Correct the selected time entry, or move it to another project")),
        DELETE,
        CHASE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.entries: list[TimeEntryView] = []
        self.projects: list[tuple[str, int]] = []
        self._entry_row = 0  # where the cursor of the entries was last

    def compose(self) -> ComposeResult:
        yield Static("", id="time-summary")
        # Each table in a box of its own: a focused table hidden with its tab hands the
        # focus to a sibling that can take it, which would show this tab again.
        with Vertical(classes="table-box"):
            yield Static("", id="time-entries-title", classes="table-title")
            yield FittedTable(translated(ENTRY_COLUMNS), id="time-entries")
        with Vertical(classes="table-box"):
            yield Static(tr("Week by week"), classes="table-title")
            yield DataTable(id="weeks", cursor_type="none")

    def on_mount(self) -> None:
        self.query_one("#weeks", DataTable).add_columns(
            tr("Week of"),
            trp("time category", "Work"),
            trp("time category", "Rework"),
            trp("time category", "Meetings"),
            trp("time category", "Admin"),
            tr("Total"),
            "",
        )

    def fetch(self, store: Any, today: date) -> TimeData:
        from relay_tui.services import timelog
        from relay_tui.services.projects import list_projects
        from relay_tui.services.team import is_shared

        return TimeData(
            timelog.time_view(store, self.project_id, today),
            timelog.time_entries(store, self.project_id, ENTRIES_SHOWN),
            [(p.name, p.id) for p in list_projects(store)],
            is_shared(store),
        )

    def show(self, data: TimeData, today: date) -> None:
        self.entries, self.projects = data.entries, data.projects
        totals = self._show_summary(data.time)
        self._show_entries(data.entries, data.shared)
        self._show_weeks(data.time, totals)

    def _show_summary(self, data: TimeView) -> list[int]:
        """The totals against the budget; returns the total of each week."""
        from relay_tui.domain.parsing import format_duration
        from relay_tui.domain.timekeeping import gauge, sparkline

        use = data.use
        text = Text()
        if use.logged_minutes:
            logged = format_duration(use.logged_minutes)
            if use.budget_minutes:
                budget = format_duration(use.budget_minutes)
                line = tr("Logged {logged} of {budget}", logged=logged, budget=budget)
            else:
                line = tr("Logged {logged} (no budget set)", logged=logged)
        elif use.budget_minutes:
            budget = format_duration(use.budget_minutes)
            line = tr("No time logged yet (budget {budget})", budget=budget)
        else:
            line = tr("No time logged yet (no budget set)")
        text.append(line, style="bold")
        if use.ratio is not None:
            text.append("  ")
            text.append(gauge(use.ratio, 20), style=self.tone("late" if use.over else "good"))
            text.append(f" {percent(use.ratio)}")
        if use.over:
            text.append("\n")
            text.append(
                tr(
                    "Over budget: every hour now is over-investment. Check the scope "
                    "and stop polishing."
                ),
                style=self.tone("late"),
            )
        if use.projected_minutes:
            text.append("\n")
            text.append(
                tr(
                    "At this pace: {duration} by the delivery date",
                    duration=format_duration(use.projected_minutes),
                ),
                style=self.tone("awaiting") if (use.projected_ratio or 0) > 1 else "",
            )
        if use.rework_share:
            text.append("\n")
            rework = tr(
                "Rework: {duration} ({share} of the time)",
                duration=format_duration(use.rework_minutes),
                share=percent(use.rework_share),
            )
            if use.too_much_rework:  # the board's rule, and the "enough is enough" card's
                rework = tr("{rework} — enough is enough: check the scope.", rework=rework)
            text.append(rework, style=self.tone("alarm") if use.too_much_rework else "")
        totals = [sum(minutes.values()) for _, minutes in data.weeks]
        text.append("\n")
        text.append(trn("Last {n} week:", "Last {n} weeks:", len(totals)))
        text.append(" ")
        text.append(sparkline(totals), style=self.tone("inbound"))
        text.append("   ")
        text.append(tr("(T logs time)"), style="dim")
        flagged(text, data.problems)
        self.query_one("#time-summary", Static).update(text)
        return totals

    def _show_entries(self, entries: list[TimeEntryView], shared: bool) -> None:
        from relay_tui.domain.parsing import format_duration

        if len(entries) >= ENTRIES_SHOWN:
            title = tr(
                "Entries, the latest {count} (e corrects · del deletes · tab: week by week)",
                count=ENTRIES_SHOWN,
            )
        else:
            title = tr("Entries, newest first (e corrects · del deletes · tab: week by week)")
        self.query_one("#time-entries-title", Static).update(Text(title))
        rows: list[Row] = [
            (
                str(entry.id),
                {
                    "day": short_date(entry.spent_on, year=False),
                    "time": format_duration(entry.minutes),
                    "kind": category_name(entry.category),
                    "note": literal(entry.note, 40),
                    "by": literal(entry.by, 16),
                },
            )
            for entry in entries
        ]
        if not entries:
            rows.append(
                (None, {"day": Text(tr("No time logged yet: press T to log some."), style="dim")})
            )
        self.query_one("#time-entries", FittedTable).fill(rows, () if shared else ("by",))

    def _show_weeks(self, data: TimeView, totals: list[int]) -> None:
        from relay_tui.domain.parsing import format_duration

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
                day_month(start),
                *cells,
                format_duration(total) if total else "·",
                Text(bar, style=self.tone("inbound")),
                key=start.isoformat(),
            )

    @on(FittedTable.RowHighlighted, "#time-entries")
    def _follow_cursor(self, event: FittedTable.RowHighlighted) -> None:
        """The user moved in the entries: all of them come into view (the table scrolls
        inside; on a short terminal the phase scrolls to show it, totals just above)."""
        if event.cursor_row != self._entry_row and event.data_table.has_focus:
            event.data_table.scroll_visible(animate=False)
        self._entry_row = event.cursor_row

    # --- corrections ----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """e and del act on the entries: not offered while the weeks have the focus."""
        if action in ("edit", "delete"):
            return not self.query_one("#weeks", DataTable).has_focus
        return True

    def action_edit(self) -> None:
        if (entry := self._selected_row(self.entries)) is not None:
            form = time_log_form(self.relay, self.project_id, self.projects, entry)
            self._open(form, tr("Time entry corrected."))

    def action_delete(self) -> None:
        if (entry := self._selected_row(self.entries)) is not None:
            self.ask_delete("time", entry.id, entry.version)
