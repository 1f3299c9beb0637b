"""Before the status report: the user's own words on the period ("this period I…"),
pre-filled with a draft made from the period's facts, kept while the report is not sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from relay_tui.display import long_date
from relay_tui.domain.record_rules import field_rule
from relay_tui.i18n import tr
from relay_tui.screens.form import FormField, FormModal

if TYPE_CHECKING:
    from relay_tui.screens.context import Relay
    from relay_tui.services.status_report import ReportDraft


@dataclass(frozen=True)
class ReportReady:
    """The report written with the user's words, ready to show (what the form returns)."""

    project_id: int
    title: str
    markdown: str
    file_name: str
    period: str


def kept_drafts(relay: Relay) -> dict[int, str]:
    """The words typed for each project's next report and not sent yet (kept by the app
    while it runs: going back, or closing the form, loses nothing)."""
    drafts = getattr(relay, "report_drafts", None)
    if drafts is None:
        drafts = {}
        setattr(relay, "report_drafts", drafts)  # noqa: B010 (the Relay protocol has none)
    return drafts


def _check(data: dict[str, Any]) -> dict[str, str]:
    problem = field_rule("sent_report", "period").problem(str(data.get("period", "")))
    return {"period": problem} if problem else {}


def _write(relay: Relay, project_id: int, period: str) -> ReportReady:
    """Run in the form's worker: the report with the user's words."""
    from relay_tui.display import file_slug
    from relay_tui.services.status_report import report

    today = relay.today()
    project, text = report(relay.store, project_id, today, period)
    return ReportReady(
        project_id,
        tr("Status report: {project}", project=project.name),
        text,
        f"report-{file_slug(project.name)}-{today}.md",
        period,
    )


class PeriodForm(FormModal):
    """The form of the period's words: closing it keeps what was typed for next time."""

    def __init__(self, relay: Relay, draft: ReportDraft, text: str) -> None:
        period = draft.period
        if period.last_sent_on is not None:
            intro = tr(
                "Since the last report ({day}): say in your own words what you did. "
                "The draft comes from the alarm bells done, the validations and the "
                "exchanges of the period; edit it freely.",
                day=long_date(period.last_sent_on, year=False),
            )
        else:
            intro = tr(
                "Since the start ({day}): say in your own words what you did. The draft "
                "comes from the alarm bells done, the validations and the exchanges of the "
                "period; edit it freely.",
                day=long_date(period.start, year=False),
            )
        super().__init__(
            tr("Status report: {project}", project=draft.project),
            [
                FormField(
                    "period",
                    tr("This period I…"),
                    "area",
                    value=text,
                    help=tr("It opens the report, as you write it here."),
                )
            ],
            check=_check,
            submit=lambda data: _write(relay, draft.project_id, str(data["period"])),
            intro=intro,
            save_label=tr("Show the report"),
        )
        self.relay_app = relay
        self.project_id = draft.project_id

    def action_cancel(self) -> None:
        kept_drafts(self.relay_app)[self.project_id] = str(self.data()["period"])
        super().action_cancel()
