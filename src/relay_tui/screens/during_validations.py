"""Tab 3 of the during phase: what was submitted to the client, what they validated (locked)
and the change requests that reopened it. A request still awaiting the client can be
corrected (e) or withdrawn (del); a validated one only reopened (o), with a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relay_tui.display import day_month, local_stamp
from relay_tui.i18n import N_, tr
from relay_tui.screens.deleting import DELETE
from relay_tui.screens.during_forms import (
    reopen_form,
    validation_done_form,
    validation_request_form,
)
from relay_tui.screens.during_tab import CHASE, NEW, DuringTab, edit_binding, sentence, translated
from relay_tui.widgets.labels import literal
from relay_tui.widgets.tables import Column, FittedTable, Row

if TYPE_CHECKING:
    from relay_tui.services.validations import ValidationView


#: The columns, in order ("By": who validated, on the client's side).
COLUMNS = (
    Column("deliverable", N_("Deliverable"), 1, width=40, least=16),
    Column("requested", N_("Requested"), 3),
    Column("validated", N_("Validated"), 1),
    Column("by", N_("By"), 2, width=24, least=8),
    Column("changes", N_("Changes"), 4),
)


class ValidationsTab(DuringTab):
    MAIN_TABLE = "validations"
    BINDINGS: ClassVar[list[BindingType]] = [
        NEW,
        Binding(
            "v",
            "validate",
            tr("Validated"),
            id="during-validate",
            tooltip=tr("Record the client's validation (locks it)"),
        ),
        Binding(
            "o",
            "reopen",
            tr("Reopen"),
            id="during-reopen",
            tooltip=tr("Reopen a validated item (with a reason)"),
        ),
        edit_binding(tr("Correct the selected request (not once validated: reopen it first)")),
        replace(
            DELETE,
            tooltip=tr(
                "Withdraw the selected request, asked by mistake (asks first; u takes it back)"
            ),
        ),
        CHASE,
    ]

    def __init__(self, project_id: int, **kwargs: Any) -> None:
        super().__init__(project_id, **kwargs)
        self.validations: list[ValidationView] = []
        self.today: date | None = None
        #: Several people write to the store: say who asked and who recorded.
        self.shared = False

    def compose(self) -> ComposeResult:
        yield FittedTable(translated(COLUMNS), id="validations")
        yield Static("", id="validation-history")

    def fetch(self, store: Any, today: date) -> tuple[list[ValidationView], bool]:
        from relay_tui.services import validations
        from relay_tui.services.team import is_shared

        return validations.validations(store, self.project_id), is_shared(store)

    def show(self, data: tuple[list[ValidationView], bool], today: date) -> None:
        self.validations, self.shared = data
        self.today = today
        rows: list[Row] = []
        for v in self.validations:
            validated = (
                Text(f"{day_month(v.validated_on, year=True)} 🔒", style=self.tone("good"))
                if v.validated_on
                else Text(tr("awaiting"), style=self.tone("awaiting"))
            )
            cells = {
                "deliverable": literal(v.deliverable, 40),
                "requested": day_month(v.requested_on, year=True),
                "validated": validated,
                "by": literal(v.validated_by, 24),
                "changes": str(len(v.history)) if v.history else "",
            }
            rows.append((str(v.id), cells))
        if not rows:
            message = tr("Nothing submitted yet: press n to ask for a validation.")
            rows.append((None, {"deliverable": Text(message, style="dim")}))
        self.query_one("#validations", FittedTable).fill(rows)
        self._show_history()

    @on(FittedTable.RowHighlighted, "#validations")
    def _show_history(self) -> None:
        row = self._validation()
        text = Text()
        if self.shared and row is not None and (row.requested_by or row.recorded_by):
            # Who did what: on a shared store, several people ask and record (alone, it
            # is always you).
            asker = literal(row.requested_by or "?", 40)
            if row.recorded_by and (row.locked or row.history):
                who = tr(
                    "Asked by {asker} · last recorded by {recorder}",
                    asker="{asker}",
                    recorder="{recorder}",
                )
                recorder = literal(row.recorded_by, 40)
                text.append_text(sentence(who, "dim", asker=asker, recorder=recorder))
            else:
                text.append_text(
                    sentence(tr("Asked by {asker}", asker="{asker}"), "dim", asker=asker)
                )
            text.append("\n")
        if row is not None and row.history:
            text.append(tr("Change requests"), style="bold")
            text.append("\n")
            for change in row.history:
                when = local_stamp(change.created_at, self.today)
                reason = literal(change.reason, 100)
                if change.created_by and self.shared:
                    head = tr(
                        "{when} by {person}: {reason}",
                        when=when,
                        person="{person}",
                        reason="{reason}",
                    )
                    person = literal(change.created_by, 40, "dim")
                    text.append_text(sentence(head, "dim", person=person, reason=reason))
                else:
                    head = tr("{when}: {reason}", when=when, reason="{reason}")
                    text.append_text(sentence(head, "dim", reason=reason))
                if change.previous_validated_on:
                    text.append(" ")
                    before = tr(
                        "(had been validated on {date} by {person})",
                        date=day_month(change.previous_validated_on),
                        person="{person}",
                    )
                    person = literal(change.previous_validated_by or "?", 40, "dim")
                    text.append_text(sentence(before, "dim", person=person))
                text.append("\n")
        self.query_one("#validation-history", Static).update(text)

    # --- actions --------------------------------------------------------------------
    def _validation(self) -> ValidationView | None:
        return self._selected_row(self.validations)

    def action_new(self) -> None:
        self._open(
            validation_request_form(self.relay, self.project_id), tr("Validation requested.")
        )

    def _still_open(self, row: ValidationView, withdraw: bool) -> bool:
        """Whether `row` may still be changed (`withdraw`: deleted): a validated one is
        locked (said at once, as the service would refuse it)."""
        if row.locked:
            from relay_tui.services.validations import REOPEN_IN_APP, locked_reason

            what = "withdraw" if withdraw else "change"
            said = locked_reason(row.validated_on, what, REOPEN_IN_APP)  # type: ignore[arg-type]
            reason = tr("{reason}.", reason=said[:1].upper() + said[1:])
            self.notify(reason, severity="warning")
        return not row.locked

    def action_edit(self) -> None:
        row = self._validation()
        if row is not None and self._still_open(row, withdraw=False):
            self._open(
                validation_request_form(self.relay, self.project_id, row),
                tr("Request corrected."),
            )

    def action_delete(self) -> None:
        row = self._validation()
        if row is not None and self._still_open(row, withdraw=True):
            self.ask_delete("validation", row.id, row.version)

    def action_validate(self) -> None:
        row = self._validation()
        if row is None:
            return
        if row.locked:
            self.notify(
                tr("Already validated: it is locked. Press o to reopen it with a reason."),
                severity="warning",
            )
            return
        self._open(validation_done_form(self.relay, row), tr("Validated and locked."))

    def action_reopen(self) -> None:
        row = self._validation()
        if row is None:
            return
        if not row.locked:
            self.notify(tr("It is not validated yet: nothing to reopen."), severity="warning")
            return
        self._open(reopen_form(self.relay, row), tr("Reopened; the change request is recorded."))
