"""The "during" phase: alarm bells and the contact log."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from relay_tui.display import local_stamp
from relay_tui.services.overview import ProjectOverview
from relay_tui.widgets.labels import due_text, literal, status_text


class DuringPane(VerticalScroll):
    DEFAULT_CLASSES = "pane"

    def compose(self) -> ComposeResult:
        yield Static("Alarm bells", classes="section-title")
        yield DataTable(id="deadlines", cursor_type="row", show_cursor=False)
        yield Static("Contact log (newest first)", classes="section-title")
        yield DataTable(id="contacts", cursor_type="row", show_cursor=False)

    def on_mount(self) -> None:
        self.query_one("#deadlines", DataTable).add_columns(
            "Deadline", "Ball", "Due", "Margin", "Status"
        )
        self.query_one("#contacts", DataTable).add_columns("When", "", "Channel", "Summary")

    def show(self, data: ProjectOverview, today: date) -> None:
        deadlines = self.query_one("#deadlines", DataTable)
        deadlines.clear()
        for line in data.deadlines:
            ball = Text("client", style="yellow") if line.owner == "client" else Text("me")
            deadlines.add_row(
                literal(line.title, 50),
                ball,
                due_text(line.due_on, today),
                f"{line.margin_days} d",
                status_text(line.status),
            )
        if not data.deadlines:
            deadlines.add_row(Text("No deadline yet.", style="dim"), "", "", "", "")
        contacts = self.query_one("#contacts", DataTable)
        contacts.clear()
        for contact in data.contacts:
            arrow = Text("←", style="cyan") if contact.direction == "in" else Text("→")
            summary = literal(contact.summary, 80)
            if contact.awaiting:
                summary = Text("⏳ ", style="yellow") + summary
            assert isinstance(contact.at, datetime)
            contacts.add_row(local_stamp(contact.at, today), arrow, contact.channel, summary)
        if not data.contacts:
            contacts.add_row("", "", "", Text("No contact logged yet: press c.", style="dim"))
