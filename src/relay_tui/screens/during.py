"""The "during" phase: alarm bells with the feedback freeze, the contact log with search
and chasing, validations, and the status report.

Tabs: 1 alarm bells, 2 contact log, 3 validations. `h` logs a chase and `g` opens the
status report from any tab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from relay_tui.display import file_slug, local_stamp
from relay_tui.screens.during_forms import (
    deadline_form,
    incident_form,
    reopen_form,
    validation_done_form,
    validation_request_form,
)
from relay_tui.screens.phase_pane import PhasePane
from relay_tui.vocab import Channel
from relay_tui.widgets.labels import due_text, flagged, literal, printable, status_text
from relay_tui.widgets.tables import cursor_kept
from relay_tui.widgets.text_view import SHOW_CONTROLS

if TYPE_CHECKING:
    from relay_tui.db import Store
    from relay_tui.domain.chase import ChaseItem
    from relay_tui.models import Incident
    from relay_tui.services.contacts import ContactView
    from relay_tui.services.deadlines import DeadlineView
    from relay_tui.services.timelog import TimeView
    from relay_tui.services.validations import ValidationView

CHANNEL_FILTERS: tuple[str | None, ...] = (None, *(c.value for c in Channel))


@dataclass
class DuringData:
    project_id: int
    project: str
    deadlines: list[DeadlineView]
    contacts: list[ContactView]
    chase: ChaseItem | None
    chases: int
    validations: list[ValidationView]
    time: TimeView | None = None
    incidents: list[Incident] = field(default_factory=list)
    more_contacts: bool = True
    notes: list[str] = field(default_factory=list)


class DuringPane(PhasePane):
    TAB_ACTIONS: ClassVar[dict[str, set[str]]] = {
        "bells": {"new", "edit", "toggle_done", "chase", "report"},
        "contacts-tab": {"search", "channel_filter", "awaiting_filter", "more", "chase", "report"},
        "validations-tab": {"new", "validate", "reopen", "chase", "report"},
        "time-tab": {"chase", "report"},
        "incidents-tab": {"new", "edit", "resolve", "timeline", "report"},
    }
    TAB_TABLES: ClassVar[dict[str, str]] = {
        "bells": "deadlines",
        "contacts-tab": "contacts",
        "validations-tab": "validations",
        "time-tab": "weeks",
        "incidents-tab": "incidents",
    }
    TAB_KEYS: ClassVar[dict[str, str]] = {
        "contacts": "contacts-tab",
        "validations": "validations-tab",
        "time": "time-tab",
        "incidents": "incidents-tab",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('bells')", "Alarm bells", show=False),
        Binding("2", "tab('contacts')", "Contacts", show=False),
        Binding("3", "tab('validations')", "Validations", show=False),
        Binding("4", "tab('time')", "Time", show=False),
        Binding("5", "tab('incidents')", "Incidents", show=False),
        Binding(
            "s",
            "resolve",
            "Resolved",
            id="during-resolve",
            tooltip="Mark the selected incident resolved (or open again)",
        ),
        Binding(
            "l",
            "timeline",
            "Timeline",
            id="during-timeline",
            tooltip="A factual timeline of the project, to keep a dispute on facts",
        ),
        Binding(
            "n",
            "new",
            "New",
            id="during-new",
            tooltip="A new alarm bell, or a new validation request",
        ),
        Binding("e", "edit", "Edit", id="during-edit", tooltip="Edit the selected alarm bell"),
        Binding(
            "x",
            "toggle_done",
            "Done",
            id="during-done",
            tooltip="Mark the selected alarm bell done (or not done)",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            id="during-search",
            tooltip="Search every contact of every project",
        ),
        Binding(
            "f",
            "channel_filter",
            "Channel",
            id="during-channel",
            tooltip="Show one channel at a time",
        ),
        Binding(
            "w",
            "awaiting_filter",
            "Awaiting",
            id="during-awaiting",
            tooltip="Only the contacts awaiting a reply",
        ),
        Binding("l", "more", "Load more", id="during-more", tooltip="Older contacts"),
        Binding(
            "v",
            "validate",
            "Validated",
            id="during-validate",
            tooltip="Record the client's validation (locks it)",
        ),
        Binding(
            "o",
            "reopen",
            "Reopen",
            id="during-reopen",
            tooltip="Reopen a validated item (with a reason)",
        ),
        Binding(
            "h",
            "chase",
            "Chase",
            id="during-chase",
            tooltip="Log a chase: a new message awaiting a reply",
        ),
        Binding(
            "g", "report", "Report", id="during-report", tooltip="The status report for the client"
        ),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data: DuringData | None = None
        self.channel: str | None = None
        self.awaiting_only = False
        self.search_text = ""
        self.today: date | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="during-banner")
        with TabbedContent(id="during-tabs"):
            with TabPane("1 Alarm bells", id="bells"):
                yield DataTable(id="deadlines", cursor_type="row")
                yield Static("", id="freeze")
            with TabPane("2 Contact log", id="contacts-tab"):
                yield Input(
                    placeholder="Search all contacts of all projects, then enter (escape clears)",
                    id="contact-search",
                    highlighter=SHOW_CONTROLS,
                )
                yield Static("", id="contact-filters")
                yield DataTable(id="contacts", cursor_type="row")
            with TabPane("3 Validations", id="validations-tab"):
                yield DataTable(id="validations", cursor_type="row")
                yield Static("", id="validation-history")
            with TabPane("4 Time", id="time-tab"):
                yield Static("", id="time-summary")
                yield DataTable(id="weeks", cursor_type="row")
            with TabPane("5 Incidents", id="incidents-tab"):
                yield Static(
                    "[dim]Facts and dates only: what happened, what the contract "
                    "says, the next step. n adds · e edits · s resolves · l builds "
                    "the timeline.[/]"
                )
                yield DataTable(id="incidents", cursor_type="row")
                yield Static("", id="incident-detail")

    def on_mount(self) -> None:
        self.query_one("#deadlines", DataTable).add_columns(
            "Alarm bell", "Ball", "Due", "Projected", "Margin", "Status", "Depends on"
        )
        self.query_one("#contacts", DataTable).add_columns(
            "When", "", "Channel", "Project", "Summary", "By"
        )
        self.query_one("#validations", DataTable).add_columns(
            "Deliverable", "Requested", "Validated", "By", "Changes"
        )
        self.query_one("#weeks", DataTable).add_columns(
            "Week of", "Work", "Rework", "Meetings", "Admin", "Total", ""
        )
        self.query_one("#incidents", DataTable).add_columns(
            "When", "Incident", "Status", "Next step"
        )
        self.query_one("#contact-search", Input).display = False

    # --- loading --------------------------------------------------------------------
    @staticmethod
    def load(store: Store, project_id: int, today: date) -> DuringData:
        from relay_tui.services import chasing, contacts, deadlines, incidents, timelog, validations

        views = deadlines.deadlines(store, project_id, today)
        page = contacts.contacts_page(store, project_id)
        items = chasing.chase_list(store, today, project_id)
        project = ""  # the project screen fills it from its header
        return DuringData(
            project_id=project_id,
            project=project,
            deadlines=views,
            contacts=page,
            chase=items[0] if items else None,
            chases=chasing.chase_count(store, project_id),
            validations=validations.validations(store, project_id),
            time=timelog.time_view(store, project_id, today),
            incidents=incidents.incidents(store, project_id),
            more_contacts=len(page) >= contacts.PAGE_SIZE,
        )

    def show(self, data: DuringData, today: date) -> None:
        self.data = data
        self.today = today
        self._show_banner(data)
        self._show_deadlines(data, today)
        if not self.search_text and self.channel is None and not self.awaiting_only:
            self._show_contacts(data.contacts, data.more_contacts)
        else:
            self._refresh_contacts()
        self._show_validations(data)
        self._show_time(data)
        self._show_incidents(data)

    def _show_time(self, data: DuringData) -> None:
        from relay_tui.domain.parsing import format_duration
        from relay_tui.domain.timekeeping import gauge, sparkline

        view = data.time
        if view is None:
            return
        use = view.use
        text = Text()
        budget = format_duration(use.budget_minutes) if use.budget_minutes else "no budget set"
        text.append(f"Logged {format_duration(use.logged_minutes)} of {budget}", style="bold")
        if use.ratio is not None:
            text.append("  ")
            text.append(gauge(use.ratio, 20), style="bold red" if use.over else "green")
            text.append(f" {use.ratio:.0%}")
        if use.over:
            text.append(
                "\nOver budget: every hour now is over-investment. Check the scope "
                "and stop polishing.",
                style="bold red",
            )
        if use.projected_minutes:
            text.append(
                f"\nAt this pace: {format_duration(use.projected_minutes)} by the delivery date",
                style="yellow" if (use.projected_ratio or 0) > 1 else "",
            )
        if use.rework_share:
            text.append(f"\nRework: {use.rework_share:.0%} of the time")
        totals = [sum(minutes.values()) for _, minutes in view.weeks]
        text.append(f"\nLast {len(totals)} weeks: ")
        text.append(sparkline(totals), style="cyan")
        text.append("   (T logs time)", style="dim")
        flagged(text, view.problems)
        self.query_one("#time-summary", Static).update(text)
        table = self.query_one("#weeks", DataTable)
        table.clear()
        top = max(totals, default=0)
        for start, minutes in reversed(view.weeks):
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
                Text(bar, style="cyan"),
                key=start.isoformat(),
            )

    def _show_incidents(self, data: DuringData) -> None:
        table = self.query_one("#incidents", DataTable)
        with cursor_kept(table):
            for incident in data.incidents:
                status = Text(
                    str(incident.status), style="bold red" if incident.status == "open" else "dim"
                )
                table.add_row(
                    f"{incident.occurred_on:%d %b %Y}",
                    literal(incident.title, 40),
                    status,
                    literal(incident.next_step, 40),
                    key=str(incident.id),
                )
        if not table.row_count:
            table.add_row("", Text("No incident: good.", style="green"), "", "")
        self._show_incident_detail()

    @on(DataTable.RowHighlighted, "#incidents")
    def _show_incident_detail(self) -> None:
        if self.data is None:
            return
        selected = self._selected("incidents")
        row = next((i for i in self.data.incidents if i.id == selected), None)
        text = Text()
        if row is not None:
            for label, value in (
                ("Facts", row.facts),
                ("The contract says", row.contract_says),
                ("Next step", row.next_step),
            ):
                text.append(f"{label}: ", style="bold")
                text.append_text(literal(value or "—", 300))
                text.append("\n")
        self.query_one("#incident-detail", Static).update(text)

    def _show_banner(self, data: DuringData) -> None:
        text = Text()
        late_client = [d for d in data.deadlines if d.owner == "client" and d.status == "late"]
        if data.chase is not None:
            item = data.chase
            text.append("⏰ Chase today: ", style="bold yellow")
            text.append("“")
            text.append_text(literal(item.summary, 60))
            text.append(
                f"” (sent {local_stamp(item.first_asked, self.today)}) has had no answer;"
                f" last message {item.working_days} working days ago. "
            )
            text.append("Press h to log a chase", style="bold")
            text.append(f" (chased {data.chases} time{'s' if data.chases != 1 else ''} so far).\n")
        for d in late_client:
            late = (self.today - d.due_on).days if self.today else 0
            text.append("● ", style="bold red")
            text.append(f"The client is {late} day{'s' if late != 1 else ''} late on ")
            text.append_text(literal(d.title, 50))
            text.append(": the work that depends on it is frozen.\n")
        if not text.plain:
            text.append("Nothing waits on the client right now.", style="green")
        self.query_one("#during-banner", Static).update(text)

    def _show_deadlines(self, data: DuringData, today: date) -> None:
        table = self.query_one("#deadlines", DataTable)
        with cursor_kept(table):
            for d in data.deadlines:
                ball = Text("client", style="bold yellow") if d.owner == "client" else Text("me")
                projected = Text("")
                if d.slip:
                    projected = Text(
                        f"{d.slip.projected_on:%d %b} (+{d.slip.days} d)", style="bold magenta"
                    )
                title = literal(d.title, 44)
                if d.due_time:
                    title.append(f" {d.due_time:%H:%M}", style="dim")
                flagged(title, d.problems)
                table.add_row(
                    title,
                    ball,
                    due_text(d.due_on, today),
                    projected,
                    f"{d.margin_days} d",
                    status_text(d.status, self.tone),
                    literal(d.after_title or "", 30),
                    key=str(d.id),
                )
        if not table.row_count:
            table.add_row(
                Text("No alarm bell yet: press n to add one.", style="dim"), "", "", "", "", "", ""
            )
        freeze = Text()
        for d in data.deadlines:
            if d.slip:
                freeze.append("❄ ", style="bold cyan")
                freeze.append_text(literal(d.title, 50))
                freeze.append(": ")
                freeze.append_text(literal(d.slip.explain(), 120))
                freeze.append(f", now projected on {d.slip.projected_on:%a %d %b}.\n")
        if freeze.plain:
            freeze = Text("Feedback freeze\n", style="bold") + freeze
            freeze.append(
                "Without the client's feedback the work waits and planned dates move.", style="dim"
            )
        self.query_one("#freeze", Static).update(freeze)

    def _show_contacts(self, rows: list[ContactView], more: bool) -> None:
        with cursor_kept(self.query_one("#contacts", DataTable)):
            self._append_contacts(rows)
        self._more = more
        self._describe_filters(len(rows))

    def _append_contacts(self, rows: list[ContactView]) -> None:
        table = self.query_one("#contacts", DataTable)
        for c in rows:
            arrow = Text("←", style="cyan") if c.direction == "in" else Text("→")
            summary = literal(c.summary, 70)
            if c.awaiting:
                summary = Text("⏳ ", style="yellow") + summary
            if c.is_chase:
                summary.stylize("italic")
            flagged(summary, c.problems)
            table.add_row(
                local_stamp(c.at, self.today),
                arrow,
                c.channel,
                literal(c.project, 20),
                summary,
                literal(c.by, 16),
                key=f"c{c.id}",
            )
        self._last_contact = rows[-1] if rows else getattr(self, "_last_contact", None)

    def _describe_filters(self, count: int) -> None:
        parts = []
        if self.search_text:
            parts.append(f"search “{printable(self.search_text, 40)}” in all projects")
        if self.channel:
            parts.append(f"channel {self.channel}")
        if self.awaiting_only:
            parts.append("awaiting a reply")
        shown = "; ".join(parts) if parts else "all contacts of this project"
        more = " · l loads older ones" if getattr(self, "_more", False) else ""
        self.query_one("#contact-filters", Static).update(
            Text(f"{count} shown: {shown}{more}  (/ search · f channel · w awaiting)", style="dim")
        )

    def _show_validations(self, data: DuringData) -> None:
        table = self.query_one("#validations", DataTable)
        with cursor_kept(table):
            for v in data.validations:
                validated = (
                    Text(f"{v.validated_on:%d %b %Y} 🔒", style="green")
                    if v.validated_on
                    else Text("awaiting", style="yellow")
                )
                table.add_row(
                    literal(v.deliverable, 40),
                    f"{v.requested_on:%d %b %Y}",
                    validated,
                    literal(v.validated_by, 24),
                    str(len(v.history)) if v.history else "",
                    key=str(v.id),
                )
        if not data.validations:
            table.add_row(
                Text("Nothing submitted yet: press n to ask for a validation.", style="dim"),
                "",
                "",
                "",
                "",
            )
        self._show_history()

    @on(DataTable.RowHighlighted, "#validations")
    def _show_history(self) -> None:
        if self.data is None:
            return
        selected = self._selected("validations")
        row = next((v for v in self.data.validations if v.id == selected), None)
        text = Text()
        if row is not None and (row.requested_by or row.recorded_by):
            # Who did what: on a shared store, several people ask and record.
            text.append("Asked by ", style="dim")
            text.append_text(literal(row.requested_by or "?", 40))
            if row.recorded_by and (row.locked or row.history):
                text.append(" · last recorded by ", style="dim")
                text.append_text(literal(row.recorded_by, 40))
            text.append("\n")
        if row is not None and row.history:
            text.append("Change requests\n", style="bold")
            for change in row.history:
                text.append(f"{local_stamp(change.created_at, self.today)}", style="dim")
                if change.created_by:
                    text.append(" by ", style="dim")
                    text.append_text(literal(change.created_by, 40, "dim"))
                text.append(": ", style="dim")
                text.append_text(literal(change.reason, 100))
                if change.previous_validated_on:
                    text.append(
                        f" (had been validated on {change.previous_validated_on:%d %b} by ",
                        style="dim",
                    )
                    text.append_text(literal(change.previous_validated_by or "?", 40, "dim"))
                    text.append(")", style="dim")
                text.append("\n")
        self.query_one("#validation-history", Static).update(text)

    # --- contact filters and search --------------------------------------------------
    def action_search(self) -> None:
        self.action_tab("contacts")
        field = self.query_one("#contact-search", Input)
        field.display = True
        field.focus()

    @on(Input.Submitted, "#contact-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search_text = event.value.strip()
        if not self.search_text:
            event.input.display = False
        self._refresh_contacts()
        self.query_one("#contacts", DataTable).focus()

    def on_key(self, event: Any) -> None:
        field = self.query_one("#contact-search", Input)
        if event.key == "escape" and field.has_focus:
            event.stop()
            field.value = ""
            field.display = False
            self.search_text = ""
            self._refresh_contacts()
            self.query_one("#contacts", DataTable).focus()

    def action_channel_filter(self) -> None:
        index = CHANNEL_FILTERS.index(self.channel)
        self.channel = CHANNEL_FILTERS[(index + 1) % len(CHANNEL_FILTERS)]
        self._refresh_contacts()

    def action_awaiting_filter(self) -> None:
        self.awaiting_only = not self.awaiting_only
        self._refresh_contacts()

    def action_more(self) -> None:
        if getattr(self, "_more", False) and not self.search_text:
            self._load_contacts(append=True)

    def _refresh_contacts(self) -> None:
        self._load_contacts(append=False)

    @work(thread=True, exclusive=True, group="contacts", exit_on_error=False)
    def _load_contacts(self, append: bool) -> None:
        from relay_tui.services import contacts

        if self.data is None:
            return
        store = self.relay.store
        if self.search_text:
            rows = contacts.search_contacts(store, self.search_text, limit=200)
            rows = [
                r
                for r in rows
                if (not self.channel or r.channel == self.channel)
                and (not self.awaiting_only or r.awaiting)
            ]
            more = False
        else:
            before = None
            last = getattr(self, "_last_contact", None)
            if append and last is not None:
                before = (last.at, last.id)
            rows = contacts.contacts_page(
                store,
                self.data.project_id,
                channel=self.channel,
                awaiting_only=self.awaiting_only,
                before=before,
            )
            more = len(rows) >= contacts.PAGE_SIZE
        self._show_if_current(self._contacts_loaded, rows, more, append)

    def _contacts_loaded(self, rows: list[ContactView], more: bool, append: bool) -> None:
        if append:
            self._append_contacts(rows)
            self._more = more
            self._describe_filters(self.query_one("#contacts", DataTable).row_count)
        else:
            self._last_contact = None
            self._show_contacts(rows, more)

    # --- actions --------------------------------------------------------------------
    def action_new(self) -> None:
        if self.data is None:
            return
        if self._active_tab() == "incidents-tab":
            self._open(incident_form(self.relay, self.data.project_id, None), "Incident recorded.")
        elif self._active_tab() == "validations-tab":
            self._open(
                validation_request_form(self.relay, self.data.project_id), "Validation requested."
            )
        else:
            others = [(d.title, d.id) for d in self.data.deadlines]
            self._open(
                deadline_form(self.relay, self.data.project_id, None, others), "Alarm bell added."
            )

    def action_edit(self) -> None:
        if self.data is None:
            return
        if self._active_tab() == "incidents-tab":
            incident = self._incident()
            if incident is not None:
                self._open(incident_form(self.relay, self.data.project_id, incident))
            return
        if (selected := self._selected("deadlines")) is None:
            return
        row = next(d for d in self.data.deadlines if d.id == selected)
        others = [(d.title, d.id) for d in self.data.deadlines]
        self._open(deadline_form(self.relay, self.data.project_id, row, others))

    def action_toggle_done(self) -> None:
        if self.data is None or (selected := self._selected("deadlines")) is None:
            return
        row = next(d for d in self.data.deadlines if d.id == selected)
        from relay_tui.services.deadlines import mark_done, reopen_deadline

        now, seen = self.relay.now(), row.version  # refused if changed by someone meanwhile
        if row.done_on is None:
            self._write(
                lambda store: mark_done(store, selected, now=now, version=seen),
                f"{row.title}: done.",
            )
        else:
            self._write(
                lambda store: reopen_deadline(store, selected, version=seen),
                f"{row.title}: not done any more.",
            )

    def action_validate(self) -> None:
        row = self._validation()
        if row is None:
            return
        if row.locked:
            self.notify(
                "Already validated: it is locked. Press o to reopen it with a reason.",
                severity="warning",
            )
            return
        self._open(validation_done_form(self.relay, row), "Validated and locked.")

    def action_reopen(self) -> None:
        row = self._validation()
        if row is None:
            return
        if not row.locked:
            self.notify("It is not validated yet: nothing to reopen.", severity="warning")
            return
        self._open(reopen_form(self.relay, row), "Reopened; the change request is recorded.")

    def _validation(self) -> ValidationView | None:
        if self.data is None or (selected := self._selected("validations")) is None:
            return None
        return next((v for v in self.data.validations if v.id == selected), None)

    def _incident(self) -> Incident | None:
        if self.data is None or (selected := self._selected("incidents")) is None:
            return None
        return next((i for i in self.data.incidents if i.id == selected), None)

    def action_resolve(self) -> None:
        incident = self._incident()
        if incident is None or self.data is None:
            return
        from relay_tui.services.incidents import save_incident

        data = {
            k: getattr(incident, k)
            for k in ("title", "occurred_on", "facts", "contract_says", "next_step")
        }
        data["status"] = "open" if incident.status == "resolved" else "resolved"
        data["version"] = incident.version  # refused if someone else changed it meanwhile
        pid, iid, now = self.data.project_id, incident.id, self.relay.now()
        self._write(
            lambda store: save_incident(store, pid, data, iid, now=now),
            f"Incident {data['status']}.",
        )

    def action_timeline(self) -> None:
        if self.data is not None:
            incident = self._incident()
            self._build_timeline(self.data.project_id, incident.id if incident else None)

    @work(thread=True, exit_on_error=False, group="report")
    def _build_timeline(self, project_id: int, incident_id: int | None) -> None:
        from relay_tui.screens.report import ReportModal
        from relay_tui.services.incidents import timeline_text

        text = timeline_text(self.relay.store, project_id, self.relay.today(), incident_id)
        name = f"timeline-{file_slug(self.data.project)}.md"  # type: ignore[union-attr]
        self.app.call_from_thread(self.app.push_screen, ReportModal("Factual timeline", text, name))

    def action_chase(self) -> None:
        if self.data is None:
            return
        from relay_tui.services.chasing import log_chase

        pid, now = self.data.project_id, self.relay.now()
        self._write(
            lambda store: log_chase(store, pid, now=now), "Chase logged: the clock restarts."
        )

    def action_report(self) -> None:
        if self.data is not None:
            self._build_report(self.data.project_id)

    @work(thread=True, exit_on_error=False, group="report")
    def _build_report(self, project_id: int) -> None:
        from relay_tui.screens.report import ReportModal
        from relay_tui.services.status_report import report

        project, text = report(self.relay.store, project_id, self.relay.today())
        name = f"report-{file_slug(project.name)}-{self.relay.today()}.md"
        self.app.call_from_thread(
            self.app.push_screen, ReportModal(f"Status report: {project.name}", text, name)
        )
