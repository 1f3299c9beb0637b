"""Tab 5 of the during phase: incidents, kept to facts and dates, and the factual timeline
of the project built from them and from the log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from relay_tui.display import day_month, file_slug
from relay_tui.i18n import N_, tr, trp
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.during_forms import incident_form
from relay_tui.screens.during_tab import NEW, DuringTab, edit_binding, translated
from relay_tui.stored_words import incident_status as status_name
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.services.incidents import IncidentView


#: The columns, in order.
COLUMNS = (
    Column("when", N_("When"), 1),
    Column("title", N_("Incident"), 1, width=40, least=16),
    Column("status", N_("Status"), 1),
    Column("next", N_("Next step"), 2, width=40, least=12),
)


class IncidentsTab(DuringTab):
    MAIN_TABLE = "incidents"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "resolve",
            trp("an incident", "Resolved"),
            id="during-resolve",
            tooltip=tr("Mark the selected incident resolved (or open again)"),
        ),
        Binding(
            "l",
            "timeline",
            tr("Timeline"),
            id="during-timeline",
            tooltip=tr("A factual timeline of the project, to keep a dispute on facts"),
        ),
        NEW,
        edit_binding(tr("Edit the selected incident")),
        DELETE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.incidents: list[IncidentView] = []

    def compose(self) -> ComposeResult:
        yield Static(
            Text(
                tr(
                    "Facts and dates only: what happened, what the contract says, the next "
                    "step. n adds · e edits · del deletes · s resolves · l builds the timeline."
                ),
                style="dim",
            )
        )
        yield FittedTable(translated(COLUMNS), id="incidents")
        yield Static("", id="incident-detail")

    def fetch(self, store: Any, today: date) -> list[IncidentView]:
        from relay_tui.services.incidents import incidents

        return incidents(store, self.project_id)

    def show(self, data: list[IncidentView], today: date) -> None:
        self.incidents = data
        rows: list[Row] = []
        for incident in data:
            status = Text(
                status_name(incident.status),
                style=self.tone("late") if incident.status == "open" else "dim",
            )
            cells = {
                "when": day_month(incident.occurred_on, year=True),
                "title": literal(incident.title, 40),
                "status": status,
                "next": literal(incident.next_step, 40),
            }
            rows.append((str(incident.id), cells))
        if not rows:
            nothing = Text(tr("No incident: good."), style=self.tone("good"))
            rows.append((None, {"title": nothing}))
        self.query_one("#incidents", FittedTable).fill(rows)
        self._show_detail()

    @on(DataTable.RowHighlighted, "#incidents")
    def _show_detail(self) -> None:
        row = self._incident()
        text = Text()
        if row is not None:
            for label, value in (
                (tr("Facts:"), row.facts),
                (tr("The contract says:"), row.contract_says),
                (tr("Next step:"), row.next_step),
            ):
                text.append(label, style="bold")
                text.append(" ")
                text.append_text(literal(value or "—", 300))
                text.append("\n")
        self.query_one("#incident-detail", Static).update(text)

    # --- actions --------------------------------------------------------------------
    def _incident(self) -> IncidentView | None:
        return self._selected_row(self.incidents)

    def action_new(self) -> None:
        self._open(incident_form(self.relay, self.project_id, None), tr("Incident recorded."))

    def action_edit(self) -> None:
        incident = self._incident()
        if incident is not None:
            self._open(incident_form(self.relay, self.project_id, incident))

    def action_delete(self) -> None:
        if (incident := self._incident()) is not None:
            self.ask_delete("incident", incident.id, incident.version)

    def action_resolve(self) -> None:
        incident = self._incident()
        if incident is None:
            return
        from relay_tui.services.incidents import save_incident

        data: dict[str, Any] = {
            k: getattr(incident, k)
            for k in ("title", "occurred_on", "facts", "contract_says", "next_step")
        }
        data["status"] = "open" if incident.status == "resolved" else "resolved"
        data["version"] = incident.version  # refused if someone else changed it meanwhile
        pid, iid, now = self.project_id, incident.id, self.relay.now()
        said = tr("Incident open.") if data["status"] == "open" else tr("Incident resolved.")
        self._write(lambda store: save_incident(store, pid, data, iid, now=now), said)

    def action_timeline(self) -> None:
        incident = self._incident()
        self._build_timeline(incident.id if incident else None, self.pane.project_name)

    @work(thread=True, exit_on_error=False, group="report")
    def _build_timeline(self, incident_id: int | None, project: str) -> None:
        from relay_tui.screens.report import ReportModal
        from relay_tui.services.incidents import timeline_text

        text = timeline_text(self.relay.store, self.project_id, self.relay.today(), incident_id)
        name = f"timeline-{file_slug(project)}.md"
        self.app.call_from_thread(
            self.app.push_screen, ReportModal(tr("Factual timeline"), text, name)
        )
