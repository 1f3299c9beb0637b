"""The frame form of the before phase (the overview's `f`): how the project runs (method,
cycle, report cadence), its contract, dates, budget and chase delay, and the rigour
agreed with the client, ticked. A cycle beyond the planning horizon is flagged under its
field as it is typed, and saved all the same."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relay_tui.domain.before import RIGOUR, cycle_warning
from relay_tui.domain.parsing import format_duration
from relay_tui.i18n import N_, tr, trp
from relay_tui.screens.before_forms import _checker, _str
from relay_tui.screens.context import Relay
from relay_tui.screens.form import FormField, FormModal, version_of

if TYPE_CHECKING:
    from relay_tui.services.projects import FrameView


def frame_form(relay: Relay, project: FrameView) -> FormModal:
    from relay_tui.schemas import FrameInput
    from relay_tui.services.projects import save_frame

    fields = [
        FormField(
            "working_method",
            tr("Working method"),
            value=project.working_method,
            placeholder=tr("Short cycles, a demo at the end of each"),
        ),
        FormField(
            "cycle_days",
            tr("Cycle length in days"),
            value=_str(project.cycle_days),
            placeholder="14",
        ),
        FormField(
            "contract_signed_on",
            tr("Contract signed on"),
            value=_str(project.contract_signed_on),
            # TRANSLATORS: examples of dates the field accepts ("today" is understood as typed).
            placeholder=tr("2026-11-20, today"),
        ),
        FormField("start_on", trp("project date", "Start"), value=_str(project.start_on)),
        FormField("delivery_on", trp("project date", "Delivery"), value=_str(project.delivery_on)),
        FormField(
            "budget_minutes",
            tr("Time budget"),
            value=format_duration(project.budget_minutes) if project.budget_minutes else "",
            placeholder="40h",
        ),
        FormField(
            "chase_delay_days",
            tr("Chase after (working days without a reply)"),
            value=str(project.chase_delay_days),
        ),
        FormField(
            "report_every_days",
            tr("Status report every (days)"),
            value=_str(project.report_every_days),
            placeholder=tr("7, or empty for none"),
        ),
    ]
    ticked = project.rigour()
    fields += [
        FormField(
            item.column,
            tr(RIGOUR_LABELS[item.key]),
            "check",
            value="1" if ticked[item.key] else "",
            placeholder=tr(item.label).capitalize(),
        )
        for item in RIGOUR
    ]
    return FormModal(
        tr("The frame"),
        fields,
        check=_checker(FrameInput, relay),
        submit=lambda data: save_frame(
            relay.store,
            project.id,  # type: ignore[arg-type]
            {**data, **version_of(project)},
            now=relay.now(),
        ),
        intro=tr(
            "Beyond three weeks no planning holds: relay flags longer cycles and gaps. Tick "
            "the rigour agreed with the client."
        ),
        warn=frame_warnings,
    )


#: What each rigour tick box of the frame form asks (the box says the item itself).
RIGOUR_LABELS = {
    "written_validations": N_("Rigour: does the client validate each step in writing?"),
    "progress_point": N_("Rigour: is a regular progress point agreed with the client?"),
    "single_contact": N_("Rigour: does one person speak for the client?"),
    "changes_in_writing": N_("Rigour: is every change agreed in writing?"),
}


def frame_warnings(data: dict[str, Any]) -> dict[str, str]:
    """What the frame form says under its fields as they are typed, without stopping the
    save: a cycle beyond the planning horizon."""
    from relay_tui.domain.record_rules import CYCLE_MAX_DAYS
    from relay_tui.domain.rules import whole_number

    days = whole_number(str(data.get("cycle_days", "")).strip())
    if days is None or days > CYCLE_MAX_DAYS:  # not a cycle: its error says so
        return {}
    warning = cycle_warning(days)
    return {"cycle_days": warning} if warning else {}
