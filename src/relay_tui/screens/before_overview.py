"""Tab 1 of the before phase: whether the project is ready to start, its frame (contract,
method, dates, budget) and why I am taking it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.display import day_month
from relay_tui.domain.before import RIGOUR, cycle_warning
from relay_tui.domain.parsing import format_duration
from relay_tui.i18n import tr, trn, trp
from relay_tui.screens.before_forms import assessment_form, craft_form
from relay_tui.screens.before_frame import frame_form
from relay_tui.screens.before_tab import CLIENT_PROFILE, MY_PROFILE, BeforeTab
from relay_tui.widgets.labels import literal, printable

if TYPE_CHECKING:
    from relay_tui.services.before_view import BeforeData


def _answer(value: object) -> str:
    """An answer of the self-assessment as it reads in the summary line."""
    if value is None:
        return "?"
    if isinstance(value, bool):
        return (
            trp("self-assessment answer", "yes") if value else trp("self-assessment answer", "no")
        )
    return {
        "financial": trp("self-assessment answer", "financial"),
        "intellectual": trp("self-assessment answer", "intellectual"),
        "both": trp("self-assessment answer", "both"),
        "supplier": trp("self-assessment answer", "supplier"),
        "partner": trp("self-assessment answer", "partner"),
        "sacrifice": trp("self-assessment answer", "sacrifice"),
        "balance": trp("self-assessment answer", "balance"),
    }.get(str(value), str(value))


class OverviewTab(BeforeTab):
    can_focus = True  # no table: the tab itself holds the focus, so its keys work
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "assessment",
            tr("Self-assessment"),
            id="assessment",
            tooltip=tr("Why am I taking this project?"),
        ),
        Binding(
            "f",
            "frame",
            tr("Frame"),
            id="frame",
            tooltip=tr("Method, cycles, contract, dates, budget"),
        ),
        CLIENT_PROFILE,
        MY_PROFILE,
        Binding("w", "craft", tr("Craft card"), id="craft", tooltip=tr("Explain my trade")),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="readiness")
        yield Static("", id="frame")
        yield Static("", id="assessment")

    def show_data(self, data: BeforeData, today: date) -> None:
        verdict = Text()
        if data.missing:
            verdict.append(tr("Not ready to start:"), style=self.tone("warning"))
            verdict.append(" " + trp("list separator", "; ").join(data.missing) + ".")
        else:
            verdict.append(tr("Ready to start:"), style=self.tone("good-strong"))
            verdict.append(
                " "
                + tr(
                    "contract signed, client known, delivery dated, critical risks mitigated, "
                    "rigour agreed."
                )
            )
        self.query_one("#readiness", Static).update(verdict)
        self._show_frame(data)
        self._show_assessment(data)

    def _show_frame(self, data: BeforeData) -> None:
        project = data.project
        frame = Text("\n" + tr("The frame") + "  ", style="bold")
        frame.append(tr("(f to edit)") + "\n", style="dim")
        if project.contract_signed_on is None:
            frame.append(
                tr(
                    "No signed contract yet: sign one that states both sides' "
                    "commitments before any work."
                )
                + "\n",
                style=self.tone("late"),
            )
        else:
            frame.append(
                tr("Contract signed on {date}.", date=day_month(project.contract_signed_on, True))
                + "\n",
                style=self.tone("good"),
            )
        method = printable(project.working_method) if project.working_method else ""
        cycle = project.cycle_days
        if method and cycle:
            line = trn(
                "Method: {method}, cycles of {n} day.",
                "Method: {method}, cycles of {n} days.",
                cycle,
                method=method,
            )
        elif method:
            line = tr("Method: {method}.", method=method)
        elif cycle:
            line = trn(
                "Method: no working method written yet, cycles of {n} day.",
                "Method: no working method written yet, cycles of {n} days.",
                cycle,
            )
        else:
            line = tr("Method: no working method written yet.")
        frame.append(line + "\n")
        self._cycle_and_cadence(frame, data)
        start = day_month(project.start_on, True) if project.start_on else "?"
        delivery = day_month(project.delivery_on, True) if project.delivery_on else "?"
        chase = project.chase_delay_days
        if project.budget_minutes:
            line = trn(
                "From {start} to {delivery}, budget {budget}; chase after {n} working day.",
                "From {start} to {delivery}, budget {budget}; chase after {n} working days.",
                chase,
                start=start,
                delivery=delivery,
                budget=format_duration(project.budget_minutes),
            )
        else:
            line = trn(
                "From {start} to {delivery}; chase after {n} working day.",
                "From {start} to {delivery}; chase after {n} working days.",
                chase,
                start=start,
                delivery=delivery,
            )
        frame.append(line + "\n")
        for warning in data.horizon:
            frame.append("⚠ ", style=self.tone("awaiting"))
            frame.append_text(literal(warning.message()))
            frame.append("\n")
        self._rigour(frame, data)
        self.query_one("#frame", Static).update(frame)

    def _cycle_and_cadence(self, frame: Text, data: BeforeData) -> None:
        """Under the method: a cycle too long to plan, then the status report's cadence."""
        project = data.project
        warning = cycle_warning(project.cycle_days)
        if warning:
            frame.append("⚠ " + warning + "\n", style=self.tone("warning"))
        every = project.report_every_days
        if every:
            line = trn("Status report every {n} day.", "Status report every {n} days.", every)
        else:
            line = tr("Status report: no regular one set yet.")
        frame.append(line + "\n")

    def _rigour(self, frame: Text, data: BeforeData) -> None:
        """The rigour checklist, each item ticked (☑) or not (☐): readable without colour."""
        ticked = data.project.rigour()
        frame.append(tr("Rigour agreed with the client:") + "\n")
        for item in RIGOUR:
            done = ticked[item.key]
            frame.append(
                f"  {'☑' if done else '☐'} {tr(item.label)}\n",
                style=self.tone("good") if done else self.tone("awaiting"),
            )

    def _show_assessment(self, data: BeforeData) -> None:
        text = Text("\n" + tr("Why am I taking it?") + "  ", style="bold")
        text.append(tr("(s to answer)") + "\n", style="dim")
        a = data.assessment
        if a is None:
            text.append(tr("Not answered yet.") + "\n", style="dim")
        else:
            text.append(
                tr(
                    "Reward: {reward} · paid: {paid} · stance: {stance} · {balance}"
                    " · ready to fail: {ready}",
                    reward=_answer(a.reward),
                    paid=_answer(a.paid),
                    stance=_answer(a.stance),
                    balance=_answer(a.balance),
                    ready=_answer(a.ready_for_failure),
                )
                + "\n"
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
