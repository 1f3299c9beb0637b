"""Tab 2 of the before phase: the client's profile against mine (how we fit, what to
watch), and the key actors on the influence/interest grid."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from relay_tui.i18n import tr, trn
from relay_tui.screens.before_forms import stakeholder_form
from relay_tui.screens.before_tab import CLIENT_PROFILE, EDIT, MY_PROFILE, BeforeTab
from relay_tui.screens.deleting import DELETE
from relay_tui.vocab import ROLE_LABELS
from relay_tui.widgets.grids import influence_grid, profile_bars
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.domain.compatibility import Compatibility
    from relay_tui.services.before_view import BeforeData


#: The key actors' columns, in order (translated on import, like BINDINGS: the app's
#: language is set before screens are imported).
ACTORS = (
    Column("name", tr("Name"), 1, width=30, least=12),
    Column("role", tr("Role"), 3, width=20, least=8),
    Column("influence", tr("Influence"), 2),
    Column("interest", tr("Interest"), 2),
    Column("quadrant", tr("Quadrant"), 1),
    # TRANSLATORS: the column of how to reach a key actor (email, phone, through whom).
    Column("reach", tr("Reach"), 4, width=30, least=8),
)
#: From this width and height: on the left the profiles, the key actors and their grid,
#: on the right the compatibility and its points to watch. Smaller (80×24): the key
#: actors and their grid first, under one line with the compatibility, then the
#: profiles and the points to watch, one under the other.
WIDE_FROM = (100, 36)


class PeopleTab(BeforeTab):
    MAIN_TABLE = "actors"
    BINDINGS: ClassVar[list[BindingType]] = [
        CLIENT_PROFILE,
        MY_PROFILE,
        Binding("k", "add_actor", tr("Add actor"), id="add-actor", tooltip=tr("Add a key actor")),
        EDIT,
        DELETE,
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="people-where")
        with Horizontal(id="people-top"):
            with Vertical(id="people-left"):
                yield Static("", id="bars")
                yield Static(
                    tr("Key actors") + "  [dim]" + tr("(k add · e edit · del delete)") + "[/]",
                    classes="section-title",
                )
                yield FittedTable(ACTORS, id="actors")
                yield Static("", id="grid")
            yield Static("", id="match")

    def on_mount(self) -> None:
        self.query_one("#people-where").display = False

    def _narrow(self) -> bool:
        width, height = self.app.size
        return width < WIDE_FROM[0] or height < WIDE_FROM[1]

    def _arrange(self) -> None:
        """Wide: the profiles, the key actors and their grid on the left, how we fit on
        the right. Narrow: the key actors and their grid first, the rest under them."""
        narrow = self._narrow()
        if narrow == self.has_class("narrow"):
            return
        self.set_class(narrow, "narrow")
        left, bars = self.query_one("#people-left"), self.query_one("#bars")
        if narrow:
            left.move_child(bars, after=self.query_one("#grid"))
        else:
            left.move_child(bars, before=0)
        self.query_one("#people-where").display = narrow

    def on_resize(self) -> None:
        if self.data is not None:
            self._arrange()

    def show_data(self, data: BeforeData, today: date) -> None:
        from relay_tui.domain.before import quadrant

        origin = (
            tr("My profile: this project.")
            if data.provider_is_override
            else tr("My profile: my default.")
        )
        bars = Group(
            Text(tr("Profiles") + "  ", style="bold").append(
                tr("(p client · o mine)"), style="dim"
            ),
            profile_bars(data.client_profile, data.provider_profile, self.tone),
            Text(origin, style="dim"),
        )
        self.query_one("#bars", Static).update(bars)
        self.query_one("#match", Static).update(self._match(data.match))
        self.query_one("#people-where", Static).update(self._where(data.match))
        rows: list[Row] = []
        for person in data.stakeholders:
            cells = {
                "name": literal(person.name, 30),
                "role": tr(ROLE_LABELS[str(person.role)])
                if str(person.role) in ROLE_LABELS
                else str(person.role),
                "influence": str(person.influence),
                "interest": str(person.interest),
                "quadrant": tr(quadrant(person.influence, person.interest)),
                "reach": literal(person.reach, 30),
            }
            rows.append((str(person.id), cells))
        if not rows:
            rows.append((None, {"name": Text(tr("No key actor yet: k adds one."), style="dim")}))
        self.query_one("#actors", FittedTable).fill(rows)
        self._arrange()
        self.query_one("#grid", Static).update(
            influence_grid([(p.name, p.influence, p.interest) for p in data.stakeholders])
        )

    def _where(self, match: Compatibility) -> Text:
        """The narrow layout's first line: how we fit, and where the rest is."""
        text = Text(tr("Compatibility") + " ", style="bold")
        text.append(
            tr("{score}/100", score=match.score) if match.score is not None else tr("not known yet")
        )
        points = len(match.watch_points)
        if points:
            text.append(" · " + trn("{n} point to watch", "{n} points to watch", points))
        text.append(
            "  " + tr("(in full under the grid, with both profiles: ctrl+↓ scrolls)"), style="dim"
        )
        return text

    def _match(self, match: Compatibility) -> Text:
        text = Text(tr("Compatibility") + "  ", style="bold")
        if match.score is None:
            text.append("\n" + tr("Fill both profiles (p and o) to see how you fit."), style="dim")
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
            text.append(tr("{score}/100", score=match.score) + " ", style=self.tone(strong))
            text.append("█" * filled + "░" * (20 - filled) + "\n", style=self.tone(plain))
            if match.partial:
                text.append(
                    trn(
                        "Partial: based on {compared} of {n} item.",
                        "Partial: based on {compared} of {n} items.",
                        match.items_possible,
                        compared=match.items_compared,
                    )
                    + "\n",
                    style="dim",
                )
        for point in match.watch_points:
            text.append("\n⚑ ", style=self.tone("warning"))
            text.append(point.cause, style="bold")
            text.append("\n  " + point.advice + "\n")
        if match.score is not None and not match.watch_points:
            text.append(
                "\n" + tr("No watch point: your ways of working fit."), style=self.tone("good")
            )
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
