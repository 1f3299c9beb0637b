"""Tab 1 of the during phase: the alarm bells, and the feedback freeze they cause."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.display import clock, day_month, short_date
from relay_tui.i18n import N_, tr
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.during_forms import deadline_form
from relay_tui.screens.during_tab import CHASE, EDIT, NEW, DuringTab, sentence, translated
from relay_tui.vocab import WHO_ACTS
from relay_tui.widgets.labels import due_text, flagged, literal, status_text
from relay_tui.widgets.tables import Column, FittedTable

if TYPE_CHECKING:
    from relay_tui.services.deadlines import DeadlineView


#: The columns, in order; at 80 cells the status and what each depends on stay.
COLUMNS = (
    Column("title", N_("Alarm bell"), 1, width=60, least=16),
    Column("who", N_("Who acts"), 4),
    Column("due", N_("Due"), 3),
    Column("projected", N_("Projected"), 5),
    Column("margin", N_("Margin"), 6),
    Column("status", N_("Status"), 1),
    Column("after", N_("Depends on"), 2, width=30, least=12),
)


class BellsTab(DuringTab):
    MAIN_TABLE = "deadlines"
    BINDINGS: ClassVar[list[BindingType]] = [
        NEW,
        EDIT,
        Binding(
            "x",
            "toggle_done",
            tr("Done"),
            id="during-done",
            tooltip=tr("Mark the selected alarm bell done (or not done)"),
        ),
        DELETE,
        CHASE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.deadlines: list[DeadlineView] = []

    def compose(self) -> ComposeResult:
        yield FittedTable(translated(COLUMNS), id="deadlines")
        yield Static("", id="freeze")

    def fetch(self, store: Any, today: date) -> list[DeadlineView]:
        from relay_tui.services import deadlines

        return deadlines.deadlines(store, self.project_id, today)

    def show(self, data: list[DeadlineView], today: date) -> None:
        self.deadlines = data
        rows = []
        for d in data:
            who = Text(
                tr(WHO_ACTS[d.owner]) if d.owner in WHO_ACTS else d.owner,
                style=self.tone("warning") if d.owner == "client" else "",
            )
            projected = Text("")
            if d.slip:
                projected = Text(
                    tr(
                        "{date} (+{days} d)",
                        date=day_month(d.slip.projected_on),
                        days=d.slip.days,
                    ),
                    style=self.tone("projected"),
                )
            title = literal(d.title, 44)
            if d.due_time:
                title.append(f" {clock(d.due_time)}", style="dim")
            flagged(title, d.problems)
            cells = {
                "title": title,
                "who": who,
                "due": due_text(d.due_on, today),
                "projected": projected,
                "margin": tr("{days} d", days=d.margin_days),
                "status": status_text(d.status, self.tone),
                "after": literal(d.after_title or "", 30),
            }
            rows.append((str(d.id), cells))
        if not rows:
            nothing = tr("No alarm bell yet: press n to add one.")
            rows.append((None, {"title": Text(nothing, "dim")}))
        self.query_one("#deadlines", FittedTable).fill(rows)
        self._show_freeze(data)

    def _show_freeze(self, data: list[DeadlineView]) -> None:
        freeze = Text()
        for d in data:
            if d.slip:
                freeze.append("❄ ", style=self.tone("freeze"))
                moved = tr(
                    "{title}: {explanation}, now projected on {date}.",
                    title="{title}",
                    explanation="{explanation}",
                    date=short_date(d.slip.projected_on, year=False),
                )
                freeze.append_text(
                    sentence(
                        moved,
                        title=literal(d.title, 50),
                        explanation=literal(d.slip.explain(), 120),
                    )
                )
                freeze.append("\n")
        if freeze.plain:
            freeze = Text(tr("Feedback freeze"), style="bold") + Text("\n") + freeze
            freeze.append(
                tr("Without the client's feedback the work waits and planned dates move."),
                style="dim",
            )
        self.query_one("#freeze", Static).update(freeze)

    # --- actions --------------------------------------------------------------------
    def _others(self) -> list[tuple[str, int]]:
        return [(d.title, d.id) for d in self.deadlines]

    def action_new(self) -> None:
        self._open(
            deadline_form(
                self.relay,
                self.project_id,
                None,
                self._others(),
                delivery_on=getattr(self.screen, "delivery_on", None),
            ),
            tr("Alarm bell added."),
        )

    def action_edit(self) -> None:
        if (selected := self._selected()) is None:
            return
        row = next(d for d in self.deadlines if d.id == selected)
        delivery = getattr(self.screen, "delivery_on", None)  # ProjectScreen.delivery_on
        self._open(
            deadline_form(self.relay, self.project_id, row, self._others(), delivery_on=delivery)
        )

    def action_delete(self) -> None:
        if (row := self._selected_row(self.deadlines)) is not None:
            self.ask_delete("deadline", row.id, row.version)

    def action_toggle_done(self) -> None:
        if (selected := self._selected()) is None:
            return
        row = next(d for d in self.deadlines if d.id == selected)
        from relay_tui.services.deadlines import mark_done, reopen_deadline

        now, seen = self.relay.now(), row.version  # refused if changed by someone meanwhile
        if row.done_on is None:
            self._write(
                lambda store: mark_done(store, selected, now=now, version=seen),
                tr("{title}: done.", title=row.title),
            )
        else:
            self._write(
                lambda store: reopen_deadline(store, selected, version=seen),
                tr("{title}: not done any more.", title=row.title),
            )
