"""The "before" phase: deciding whether and how to take the project.

Tabs: 1 overview (readiness, frame, self-assessment), 2 people (profiles, compatibility,
key actors), 3 commitments, 4 risks (heat map), 5 lessons from past projects.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from relay_tui.domain.parsing import format_duration
from relay_tui.screens.before_forms import (
    assessment_form,
    commitment_form,
    craft_form,
    frame_form,
    profile_form,
    risk_form,
    stakeholder_form,
)
from relay_tui.screens.phase_pane import PhasePane
from relay_tui.vocab import RISK_CATEGORY_LABELS, ROLE_LABELS
from relay_tui.widgets.grids import influence_grid, profile_bars
from relay_tui.widgets.heatmap import RiskHeatMap
from relay_tui.widgets.labels import flagged, literal
from relay_tui.widgets.tables import cursor_kept

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData

BAND_STYLES = {
    "low": "green",
    "medium": "yellow",
    "high": "bold dark_orange",
    "critical": "bold white on red",
}
COMMITMENT_STYLES = {"pending": "", "kept": "green", "broken": "bold red", "waived": "dim"}
TABS = ("overview", "people", "commitments", "risks", "lessons")
#: Which actions each tab offers (the footer shows those of the tab in view).
BEFORE_ACTIONS: dict[str, set[str]] = {
    "overview": {"assessment", "frame", "client_profile", "my_profile", "craft"},
    "people": {"client_profile", "my_profile", "add_actor", "edit", "remove"},
    "commitments-tab": {"add_commitment", "cycle_status", "edit"},
    "risks-tab": {"add_risk", "edit", "remove"},
    "lessons-tab": {"lesson_risk", "lesson_commitment"},
}
BEFORE_TABLES = {
    "people": "actors",
    "commitments-tab": "commitments",
    "risks-tab": "risks",
    "lessons-tab": "lessons",
}


class BeforePane(PhasePane):
    TAB_ACTIONS = BEFORE_ACTIONS
    TAB_TABLES = BEFORE_TABLES
    TAB_KEYS: ClassVar[dict[str, str]] = {
        "commitments": "commitments-tab",
        "risks": "risks-tab",
        "lessons": "lessons-tab",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"tab('{name}')", name.capitalize(), show=False)
            for n, name in enumerate(TABS, start=1)
        ),
        Binding(
            "s",
            "assessment",
            "Self-assessment",
            id="assessment",
            tooltip="Why am I taking this project?",
        ),
        Binding(
            "f", "frame", "Frame", id="frame", tooltip="Method, cycles, contract, dates, budget"
        ),
        Binding("p", "client_profile", "Client profile", id="client-profile"),
        Binding("o", "my_profile", "My profile", id="my-profile"),
        Binding("k", "add_actor", "Add actor", id="add-actor", tooltip="Add a key actor"),
        Binding("n", "add_commitment", "Add commitment", id="add-commitment"),
        Binding("r", "add_risk", "Add risk", id="add-risk"),
        Binding(
            "space",
            "cycle_status",
            "Status",
            id="cycle-status",
            tooltip="pending → kept → broken → waived",
        ),
        Binding("e", "edit", "Edit", id="edit", tooltip="Edit the selected line"),
        Binding(
            "x",
            "remove",
            "Close/remove",
            id="remove",
            tooltip="Close the selected risk or remove the selected actor",
        ),
        Binding(
            "r",
            "lesson_risk",
            "As risk",
            id="lesson-risk",
            tooltip="Turn the lesson into a risk of this project",
        ),
        Binding(
            "g",
            "lesson_commitment",
            "As commitment",
            id="lesson-commitment",
            tooltip="Turn the lesson into one of my commitments",
        ),
        Binding("w", "craft", "Craft card", id="craft", tooltip="Explain my trade"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data: BeforeData | None = None
        self.risk_filter: tuple[int, int] | None = None

    @property
    def project_id(self) -> int | None:
        return self.data.project.id if self.data else None

    def compose(self) -> ComposeResult:
        with TabbedContent(id="before-tabs"):
            with TabPane("1 Overview", id="overview"):
                yield Static("", id="readiness")
                yield Static("", id="frame")
                yield Static("", id="assessment")
            with TabPane("2 People", id="people"):
                with Horizontal(id="people-top"):
                    yield Static("", id="bars")
                    yield Static("", id="match")
                yield Static(
                    "Key actors  [dim](k add · e edit · x remove)[/]", classes="section-title"
                )
                yield DataTable(id="actors", cursor_type="row")
                yield Static("", id="grid")
            with TabPane("3 Commitments", id="commitments-tab"):
                yield Static("[dim]space changes the status · e edits · n adds[/]")
                yield DataTable(id="commitments", cursor_type="row")
            with TabPane("4 Risks", id="risks-tab"):
                with Horizontal(id="risk-top"):
                    yield RiskHeatMap(id="heatmap")
                    yield Static("", id="risk-help")
                yield DataTable(id="risks", cursor_type="row")
            with TabPane("5 Lessons", id="lessons-tab"):
                yield Static("", id="lessons-intro")
                yield DataTable(id="lessons", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#actors", DataTable).add_columns(
            "Name", "Role", "Influence", "Interest", "Quadrant", "Reach"
        )
        self.query_one("#commitments", DataTable).add_columns(
            "Status", "Who", "Commitment", "Due", "Note"
        )
        self.query_one("#risks", DataTable).add_columns(
            "Risk", "Category", "P×I", "Band", "Status", "Review", "Mitigation", "Changed by"
        )
        self.query_one("#lessons", DataTable).add_columns("Lesson", "Tags", "From", "Why")

    # --- loading --------------------------------------------------------------------
    @staticmethod
    def load(store: Any, project_id: int, today: date) -> BeforeData:
        from relay_tui.services.before_view import load_before

        return load_before(store, project_id, today)

    def show(self, data: BeforeData, today: date) -> None:
        self.data = data
        self._show_overview(data, today)
        self._show_people(data)
        self._show_commitments(data)
        self._show_risks(data)
        self._show_lessons(data)

    def _show_overview(self, data: BeforeData, today: date) -> None:
        verdict = Text()
        if data.missing:
            verdict.append("Not ready to start: ", style="bold yellow")
            verdict.append("; ".join(data.missing) + ".")
        else:
            verdict.append("Ready to start: ", style="bold green")
            verdict.append(
                "contract signed, client known, delivery dated, critical risks mitigated."
            )
        self.query_one("#readiness", Static).update(verdict)
        project = data.project
        frame = Text("\nThe frame  ", style="bold")
        frame.append("(f to edit)\n", style="dim")
        if project.contract_signed_on is None:
            frame.append(
                "No signed contract yet: sign one that states both sides' "
                "commitments before any work.\n",
                style="bold red",
            )
        else:
            frame.append(
                f"Contract signed on {project.contract_signed_on:%d %b %Y}.\n", style="green"
            )
        frame.append("Method: ")
        if project.working_method:
            frame.append_text(literal(project.working_method))
        else:
            frame.append("no working method written yet")
        if project.cycle_days:
            frame.append(f", cycles of {project.cycle_days} days")
        frame.append(".\n")
        start = f"{project.start_on:%d %b %Y}" if project.start_on else "?"
        delivery = f"{project.delivery_on:%d %b %Y}" if project.delivery_on else "?"
        frame.append(f"From {start} to {delivery}")
        if project.budget_minutes:
            frame.append(f", budget {format_duration(project.budget_minutes)}")
        frame.append(f"; chase after {project.chase_delay_days} working days.\n")
        for warning in data.horizon:
            frame.append("⚠ ", style="yellow")
            frame.append_text(literal(warning.message()))
            frame.append("\n")
        self.query_one("#frame", Static).update(frame)
        text = Text("\nWhy am I taking it?  ", style="bold")
        text.append("(s to answer)\n", style="dim")
        a = data.assessment
        if a is None:
            text.append("Not answered yet.\n", style="dim")
        else:

            def show(value: object, yes: str = "yes", no: str = "no") -> str:
                if value is None:
                    return "?"
                if isinstance(value, bool):
                    return yes if value else no
                return str(value)

            text.append(
                f"Reward: {show(a.reward)} · paid: {show(a.paid)} · stance: {show(a.stance)}"
                f" · {show(a.balance)} · ready to fail: {show(a.ready_for_failure)}\n"
            )
            if a.notes:
                text.append_text(literal(a.notes))
                text.append("\n")
        for warning in data.warnings:
            text.append("⚠ ", style="bold yellow")
            text.append(warning + "\n")
        self.query_one("#assessment", Static).update(text)

    def _show_people(self, data: BeforeData) -> None:
        origin = "this project" if data.provider_is_override else "my default"
        bars = Group(
            Text("Profiles  ", style="bold").append("(p client · o mine)", style="dim"),
            profile_bars(data.client_profile, data.provider_profile),
            Text(f"My profile: {origin}.", style="dim"),
        )
        self.query_one("#bars", Static).update(bars)
        match = data.match
        text = Text("Compatibility  ", style="bold")
        if match.score is None:
            text.append("\nFill both profiles (p and o) to see how you fit.", style="dim")
        else:
            style = "green" if match.score >= 70 else "yellow" if match.score >= 45 else "red"
            filled = round(match.score / 5)
            text.append(f"{match.score}/100 ", style=f"bold {style}")
            text.append("█" * filled + "░" * (20 - filled) + "\n", style=style)
            if match.partial:
                text.append(
                    f"Partial: based on {match.items_compared} of {match.items_possible} items.\n",
                    style="dim",
                )
        for point in match.watch_points:
            text.append("\n⚑ ", style="bold yellow")
            text.append(point.cause, style="bold")
            text.append("\n  " + point.advice + "\n")
        if match.score is not None and not match.watch_points:
            text.append("\nNo watch point: your ways of working fit.", style="green")
        self.query_one("#match", Static).update(text)
        from relay_tui.domain.before import quadrant

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

    def _show_commitments(self, data: BeforeData) -> None:
        table = self.query_one("#commitments", DataTable)
        with cursor_kept(table):
            for item in data.commitments:
                status = str(item.status)
                table.add_row(
                    Text(status, style=COMMITMENT_STYLES.get(status, "")),
                    "Client" if item.party == "client" else "Me",
                    literal(item.text, 70),
                    f"{item.due_on:%d %b}" if item.due_on else "",
                    literal(item.note, 30),
                    key=str(item.id),
                )

    def _show_risks(self, data: BeforeData) -> None:
        from relay_tui.domain.before import heat_map

        heat = self.query_one(RiskHeatMap)
        heat.counts = heat_map(
            [(r.risk.probability, r.risk.impact, str(r.risk.status)) for r in data.risks]
        )
        help_text = Text("Open risks by probability and impact.\n", style="bold")
        help_text.append(
            "Focus the map (tab), move with the arrows, enter filters the list "
            "to a cell; enter again shows all.\n",
            style="dim",
        )
        if self.risk_filter:
            help_text.append(
                f"Showing probability {self.risk_filter[0]}, impact {self.risk_filter[1]} only.\n",
                style="yellow",
            )
        overdue = sum(1 for r in data.risks if r.overdue)
        if overdue:
            help_text.append(
                f"{overdue} risk review{'s' if overdue > 1 else ''} overdue.", style="bold red"
            )
        self.query_one("#risk-help", Static).update(help_text)
        table = self.query_one("#risks", DataTable)
        with cursor_kept(table):
            for line in data.risks:
                risk = line.risk
                if self.risk_filter and (risk.probability, risk.impact) != self.risk_filter:
                    continue
                review = f"{risk.review_on:%d %b}" if risk.review_on else ""
                table.add_row(
                    flagged(literal(risk.title, 48), line.problems),
                    RISK_CATEGORY_LABELS.get(str(risk.category), str(risk.category)),
                    f"{risk.probability}×{risk.impact}={line.score}",
                    Text(line.band, style=BAND_STYLES[line.band]),
                    str(risk.status),
                    Text(
                        review + (" overdue" if line.overdue else ""),
                        style="bold red" if line.overdue else "",
                    ),
                    literal(risk.mitigation, 40) if risk.mitigation else Text("none", "dim"),
                    literal(risk.updated_by, 16),
                    key=str(risk.id),
                )

    def _show_lessons(self, data: BeforeData) -> None:
        intro = self.query_one("#lessons-intro", Static)
        if data.lessons:
            intro.update(
                "[dim]Lessons from earlier retrospectives, same client first. "
                "r turns one into a risk, g into one of my commitments.[/]"
            )
        else:
            intro.update(
                "[dim]No lesson from an earlier project of this client or of this "
                "kind yet. Lessons come from the retrospectives.[/]"
            )
        table = self.query_one("#lessons", DataTable)
        with cursor_kept(table):
            for lesson in data.lessons:
                why = "same client" if lesson.same_client else "same kind"
                table.add_row(
                    literal(lesson.text, 60),
                    literal(lesson.tags, 20),
                    literal(lesson.project, 24),
                    why,
                    key=str(lesson.id),
                )

    @on(RiskHeatMap.CellChosen)
    def _cell_chosen(self, event: RiskHeatMap.CellChosen) -> None:
        self.risk_filter = event.cell
        if self.data is not None:
            self._show_risks(self.data)

    # --- actions --------------------------------------------------------------------
    def action_assessment(self) -> None:
        if self.data:
            self._open(
                assessment_form(
                    self.relay,
                    self.data.project.id,  # type: ignore[arg-type]
                    self.data.assessment,
                )
            )

    def action_frame(self) -> None:
        if self.data:
            self._open(frame_form(self.relay, self.data.project))

    def action_client_profile(self) -> None:
        if self.data:
            self._open(
                profile_form(self.relay, self.project_id, "client", self.data.client_profile)
            )

    def action_my_profile(self) -> None:
        if self.data:
            self._open(
                profile_form(self.relay, self.project_id, "provider", self.data.provider_profile)
            )

    def action_craft(self) -> None:
        from relay_tui.models import CraftCard

        if self.data:
            self._open(craft_form(self.relay, self.data.craft or CraftCard(id=1)))

    def action_add_actor(self) -> None:
        if self.data:
            self.action_tab("people")
            self._open(stakeholder_form(self.relay, self.data.project.id, None))  # type: ignore[arg-type]

    def action_add_commitment(self) -> None:
        if self.data:
            self.action_tab("commitments")
            self._open(commitment_form(self.relay, self.data.project.id, None))  # type: ignore[arg-type]

    def action_add_risk(self) -> None:
        if self.data:
            self.action_tab("risks")
            self._open(risk_form(self.relay, self.data.project.id, None))  # type: ignore[arg-type]

    def action_edit(self) -> None:
        if not self.data:
            return
        context = self._focused_table()
        pid: int = self.data.project.id  # type: ignore[assignment]
        if context == "actors" and (sid := self._selected("actors")) is not None:
            row = next(p for p in self.data.stakeholders if p.id == sid)
            self._open(stakeholder_form(self.relay, pid, row))
        elif context == "commitments" and (cid := self._selected("commitments")) is not None:
            item = next(c for c in self.data.commitments if c.id == cid)
            self._open(commitment_form(self.relay, pid, item))
        elif context == "risks" and (rid := self._selected("risks")) is not None:
            risk = next(r.risk for r in self.data.risks if r.risk.id == rid)
            self._open(risk_form(self.relay, pid, risk))

    def action_cycle_status(self) -> None:
        selected = self._selected("commitments")
        if selected is not None and self.data is not None:
            from relay_tui.services.commitments import cycle_commitment

            # From the status shown: refused if someone changed it meanwhile.
            seen = next(c.version for c in self.data.commitments if c.id == selected)
            self._write(lambda store: cycle_commitment(store, selected, version=seen), None)

    def action_remove(self) -> None:
        context = self._focused_table()
        if context == "risks" and (rid := self._selected("risks")) is not None:
            from relay_tui.services.risks import set_risk_status

            seen = next(r.risk.version for r in self.data.risks if r.risk.id == rid)  # type: ignore[union-attr]
            self._write(
                lambda store: set_risk_status(store, rid, "closed", version=seen), "Risk closed."
            )
        elif context == "actors" and (sid := self._selected("actors")) is not None:
            from relay_tui.screens.confirm import ConfirmModal
            from relay_tui.services.actors import delete_stakeholder

            actor = next(p for p in self.data.stakeholders if p.id == sid)  # type: ignore[union-attr]
            name, seen = actor.name, actor.version

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(
                        lambda store: delete_stakeholder(store, sid, version=seen),
                        "Key actor removed.",
                    )

            self.app.push_screen(
                ConfirmModal(f"Remove {name} from the key actors?"), callback=confirmed
            )

    def action_lesson_risk(self) -> None:
        lesson = self._selected("lessons")
        if lesson is not None and self.project_id is not None:
            from relay_tui.services.risks import lesson_to_risk

            pid = self.project_id
            self._write(
                lambda store: lesson_to_risk(store, lesson, pid),
                "The lesson is now a risk of this project (tab 4).",
            )

    def action_lesson_commitment(self) -> None:
        lesson = self._selected("lessons")
        if lesson is not None and self.project_id is not None:
            from relay_tui.services.commitments import lesson_to_commitment

            pid = self.project_id
            self._write(
                lambda store: lesson_to_commitment(store, lesson, pid),
                "The lesson is now one of your commitments (tab 3).",
            )
