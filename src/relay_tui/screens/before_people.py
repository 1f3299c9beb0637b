"""Tab 2 of the before phase: the client's profile against mine (how we fit, what to
watch), and the key actors on the influence/interest grid."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from relay_tui.screens.before_forms import stakeholder_form
from relay_tui.screens.before_tab import CLIENT_PROFILE, EDIT, MY_PROFILE, BeforeTab
from relay_tui.screens.deleting import DELETE
from relay_tui.vocab import ROLE_LABELS
from relay_tui.widgets.grids import influence_grid, profile_bars
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import cursor_kept

if TYPE_CHECKING:
    from relay_tui.domain.compatibility import Compatibility
    from relay_tui.services.before_view import BeforeData


class PeopleTab(BeforeTab):
    MAIN_TABLE = "actors"
    BINDINGS: ClassVar[list[BindingType]] = [
        CLIENT_PROFILE,
        MY_PROFILE,
        Binding("k", "add_actor", "Add actor", id="add-actor", tooltip="Add a key actor"),
        EDIT,
        DELETE,
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="people-top"):
            yield Static("", id="bars")
            yield Static("", id="match")
        yield Static("Key actors  [dim](k add · e edit · del delete)[/]", classes="section-title")
        yield DataTable(id="actors", cursor_type="row")
        yield Static("", id="grid")

    def on_mount(self) -> None:
        self.query_one("#actors", DataTable).add_columns(
            "Name", "Role", "Influence", "Interest", "Quadrant", "Reach"
        )

    def show_data(self, data: BeforeData, today: date) -> None:
        from relay_tui.domain.before import quadrant

        origin = "this project" if data.provider_is_override else "my default"
        bars = Group(
            Text("Profiles  ", style="bold").append("(p client · o mine)", style="dim"),
            profile_bars(data.client_profile, data.provider_profile, self.tone),
            Text(f"My profile: {origin}.", style="dim"),
        )
        self.query_one("#bars", Static).update(bars)
        self.query_one("#match", Static).update(self._match(data.match))
        with cursor_kept(self.query_one("#actors", DataTable)) as actors:
            for person in data.stakeholders:
                actors.add_row(
                    literal(person.name, 30),
                    ROLE_LABELS.get(str(person.role), str(person.role)),
                    str(person.influence),
                    str(person.interest),
                    quadrant(person.influence, person.interest),
                    literal(person.reach, 30),
                    key=str(person.id),
                )
        self.query_one("#grid", Static).update(
            influence_grid([(p.name, p.influence, p.interest) for p in data.stakeholders])
        )

    def _match(self, match: Compatibility) -> Text:
        text = Text("Compatibility  ", style="bold")
        if match.score is None:
            text.append("\nFill both profiles (p and o) to see how you fit.", style="dim")
        else:
            # good, fair, poor: a tone, and its bold form for the score
            plain, strong = (
                ("good", "good-strong")
                if match.score >= 70
                else ("awaiting", "warning")
                if match.score >= 45
                else ("alarm", "late")
            )
            filled = round(match.score / 5)
            text.append(f"{match.score}/100 ", style=self.tone(strong))
            text.append("█" * filled + "░" * (20 - filled) + "\n", style=self.tone(plain))
            if match.partial:
                text.append(
                    f"Partial: based on {match.items_compared} of {match.items_possible} items.\n",
                    style="dim",
                )
        for point in match.watch_points:
            text.append("\n⚑ ", style=self.tone("warning"))
            text.append(point.cause, style="bold")
            text.append("\n  " + point.advice + "\n")
        if match.score is not None and not match.watch_points:
            text.append("\nNo watch point: your ways of working fit.", style=self.tone("good"))
        return text

    # --- actions --------------------------------------------------------------------
    def action_add_actor(self) -> None:
        if self.data:
            self._open(stakeholder_form(self.relay, self.project_id, None))

    def action_edit(self) -> None:
        if self.data and (sid := self._selected()) is not None:
            row = next(p for p in self.data.stakeholders if p.id == sid)
            self._open(stakeholder_form(self.relay, self.project_id, row))

    def action_delete(self) -> None:
        if self.data and (row := self._selected_row(self.data.stakeholders)):
            self.ask_delete("actor", row.id, row.version)
