"""Tab 1 of the before phase: whether the project is ready to start, its frame (contract,
method, dates, budget) and why I am taking it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.domain.parsing import format_duration
from relay_tui.screens.before_forms import assessment_form, craft_form, frame_form
from relay_tui.screens.before_tab import CLIENT_PROFILE, MY_PROFILE, BeforeTab
from relay_tui.widgets.labels import literal

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData


def _answer(value: object, yes: str = "yes", no: str = "no") -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return yes if value else no
    return str(value)


class OverviewTab(BeforeTab):
    can_focus = True  # no table: the tab itself holds the focus, so its keys work
    BINDINGS: ClassVar[list[BindingType]] = [
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
        CLIENT_PROFILE,
        MY_PROFILE,
        Binding("w", "craft", "Craft card", id="craft", tooltip="Explain my trade"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="readiness")
        yield Static("", id="frame")
        yield Static("", id="assessment")

    def show_data(self, data: BeforeData, today: date) -> None:
        verdict = Text()
        if data.missing:
            verdict.append("Not ready to start: ", style=self.tone("warning"))
            verdict.append("; ".join(data.missing) + ".")
        else:
            verdict.append("Ready to start: ", style=self.tone("good-strong"))
            verdict.append(
                "contract signed, client known, delivery dated, critical risks mitigated."
            )
        self.query_one("#readiness", Static).update(verdict)
        self._show_frame(data)
        self._show_assessment(data)

    def _show_frame(self, data: BeforeData) -> None:
        project = data.project
        frame = Text("\nThe frame  ", style="bold")
        frame.append("(f to edit)\n", style="dim")
        if project.contract_signed_on is None:
            frame.append(
                "No signed contract yet: sign one that states both sides' "
                "commitments before any work.\n",
                style=self.tone("late"),
            )
        else:
            frame.append(
                f"Contract signed on {project.contract_signed_on:%d %b %Y}.\n",
                style=self.tone("good"),
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
            frame.append("⚠ ", style=self.tone("awaiting"))
            frame.append_text(literal(warning.message()))
            frame.append("\n")
        self.query_one("#frame", Static).update(frame)

    def _show_assessment(self, data: BeforeData) -> None:
        text = Text("\nWhy am I taking it?  ", style="bold")
        text.append("(s to answer)\n", style="dim")
        a = data.assessment
        if a is None:
            text.append("Not answered yet.\n", style="dim")
        else:
            text.append(
                f"Reward: {_answer(a.reward)} · paid: {_answer(a.paid)}"
                f" · stance: {_answer(a.stance)} · {_answer(a.balance)}"
                f" · ready to fail: {_answer(a.ready_for_failure)}\n"
            )
            if a.notes:
                text.append_text(literal(a.notes))
                text.append("\n")
        for warning in data.warnings:
            text.append("⚠ ", style=self.tone("warning"))
            text.append(warning + "\n")
        self.query_one("#assessment", Static).update(text)

    # --- actions --------------------------------------------------------------------
    def action_assessment(self) -> None:
        if self.data:
            self._open(assessment_form(self.relay, self.project_id, self.data.assessment))

    def action_frame(self) -> None:
        if self.data:
            self._open(frame_form(self.relay, self.data.project))

    def action_craft(self) -> None:
        if self.data:
            self._open(craft_form(self.relay, self.data.craft))
