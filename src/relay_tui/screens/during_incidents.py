"""Tab 5 of the during phase: incidents, kept to facts and dates, explained (what they mean
for the client, for me, what I propose) and told to the client (flagged until they are),
and the factual timeline of the project built from them and from the log."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.display import day_month, file_slug
from relay_tui.i18n import N_, tr, trp
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.during_forms import incident_form
from relay_tui.screens.during_tab import NEW, DuringTab, edit_binding, translated
from relay_tui.screens.incident_forms import tell_form
from relay_tui.stored_words import channel as channel_name
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
    Column("told", N_("Told"), 1),
    Column("next", N_("Next step"), 2, width=40, least=12),
)


def told_words(incident: IncidentView) -> str:
    """`Told the client on 20 Nov 2026 by phone.`, or empty when not told."""
    if incident.told_on is None:
        return ""
    day = day_month(incident.told_on, year=True)
    if incident.told_how:
        return tr(
            "Told the client on {day} by {channel}.",
            day=day,
            channel=channel_name(incident.told_how),
        )
    return tr("Told the client on {day}.", day=day)


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
            "w",
            "tell",
            tr("Told the client"),
            id="during-tell",
            tooltip=tr(
                "Record that the client was told about the selected incident (logs a contact)"
            ),
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
        self.channel: str | None = None  # the client's preferred channel, if known

    def compose(self) -> ComposeResult:
        yield Static(
            Text(
                tr(
                    "Facts and dates only: what happened, what the contract says, the next "
                    "step; what it means and what you propose. n adds · e edits · w told the "
                    "client · s resolves · l timeline · del deletes."
                ),
                style="dim",
            )
        )
        yield FittedTable(translated(COLUMNS), id="incidents")
        yield Static("", id="incident-detail")

    def fetch(self, store: Any, today: date) -> tuple[list[IncidentView], str | None]:
        from relay_tui.services.incidents import client_channel, incidents

        return incidents(store, self.project_id), client_channel(store, self.project_id)

    def show(self, data: tuple[list[IncidentView], str | None], today: date) -> None:
        self.incidents, self.channel = data
        rows: list[Row] = []
        for incident in self.incidents:
            status = Text(
                status_name(incident.status),
                style=self.tone("late") if incident.status == "open" else "dim",
            )
            if incident.told_on is not None:
                told = Text(day_month(incident.told_on, year=True))
            elif incident.untold:
                told = Text(tr("not yet"), style=self.tone("warning"))
            else:
                told = Text("—", style="dim")
            cells = {
                "when": day_month(incident.occurred_on, year=True),
                "title": literal(incident.title, 40),
                "status": status,
                "told": told,
                "next": literal(incident.next_step, 40),
            }
            rows.append((str(incident.id), cells))
        if not rows:
            nothing = Text(tr("No incident: good."), style=self.tone("good"))
            rows.append((None, {"title": nothing}))
        self.query_one("#incidents", FittedTable).fill(rows)
        self._show_detail()

    @on(FittedTable.RowHighlighted, "#incidents")
    def _show_detail(self) -> None:
        row = self._incident()
        text = Text()
        if row is not None:
            for label, value in (
                (tr("Facts:"), row.facts),
                (tr("The contract says:"), row.contract_says),
                (tr("Next step:"), row.next_step),
                (tr("For the client:"), row.for_client),
                (tr("For me and the project:"), row.for_me),
                (tr("I propose:"), row.proposal),
            ):
                text.append(label, style="bold")
                text.append(" ")
                text.append_text(literal(value or "—", 300))
                text.append("\n")
            if row.untold:
                text.append(
                    tr("Not told to the client yet: press w once you have."),
                    style=self.tone("warning"),
                )
            elif row.told_on is not None:
                text.append(told_words(row), style="bold")
            if row.blamed:
                text.append("\n")
                text.append(tr("The client holds you alone responsible."), style="italic")
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
        from relay_tui.services.incidents import INCIDENT_FIELDS, save_incident

        data: dict[str, Any] = {k: getattr(incident, k) for k in INCIDENT_FIELDS}
        data["status"] = "open" if incident.status == "resolved" else "resolved"
        data["version"] = incident.version  # refused if someone else changed it meanwhile
        pid, iid, now = self.project_id, incident.id, self.relay.now()
        said = tr("Incident open.") if data["status"] == "open" else tr("Incident resolved.")
        self._write(lambda store: save_incident(store, pid, data, iid, now=now), said)

    def action_tell(self) -> None:
        incident = self._incident()
        if incident is not None:
            self._open(
                tell_form(self.relay, incident, self.channel),
                tr("Told the client; the contact is in the log."),
            )

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
