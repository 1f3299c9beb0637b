"""Input models of what each phase adds: before (self-assessment, profiles, key actors,
commitments, the frame, the craft card, a risk's review), during (validations) and
after (incidents, closing, the retrospective)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import (
    ValidationInfo,
    field_validator,
    model_validator,
)

from relay_tui.domain import rules, telling
from relay_tui.domain.compatibility import SCALE_FIELDS
from relay_tui.errors import RelayError
from relay_tui.i18n import tr
from relay_tui.schemas.base import (
    Input,
    _allowed,
    _choice,
    _date,
    _not_after_today,
    _rule,
    _today,
    _yes_no,
)
from relay_tui.schemas.records import RiskInput, _budget_minutes, _delivery_after_start
from relay_tui.vocab import (
    Channel,
    CommitmentStatus,
    IncidentStatus,
    Party,
    RetroFormat,
    StakeholderRole,
    choices,
)


class AssessmentInput(Input):
    reward: str | None = None
    paid: bool | None = None
    stance: str | None = None
    balance: str | None = None
    ready_for_failure: bool | None = None
    notes: str = ""

    _reward = field_validator("reward", mode="before")(_choice("reward", _allowed("reward")))
    _stance = field_validator("stance", mode="before")(_choice("stance", _allowed("stance")))
    _balance = field_validator("balance", mode="before")(_choice("balance", _allowed("balance")))
    _bools = field_validator("paid", "ready_for_failure", mode="before")(_yes_no)
    _notes = field_validator("notes", mode="before")(_rule("self_assessment", "notes"))

    @field_validator("reward", "stance", "balance", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return None if value in ("", "unknown") else value


class ProfileInput(Input):
    structure: int | None = None
    precision: int | None = None
    energy: int | None = None
    scope: int | None = None
    channel: Channel | None = None
    experience: int | None = None
    feedback: int | None = None
    temper: int | None = None

    _scales = field_validator(*SCALE_FIELDS, mode="before")(_rule("profile", "structure", "value"))

    @field_validator("channel", mode="before")
    @classmethod
    def _channel(cls, value: Any) -> Any:
        if value in (None, "", "unknown"):
            return None
        return _choice("channel", choices(Channel))(value)


class StakeholderInput(Input):
    name: str
    role: str = "other"
    influence: int = 3
    interest: int = 3
    reach: str = ""
    notes: str = ""

    _name = field_validator("name", mode="before")(_rule("stakeholder", "name"))
    _role = field_validator("role", mode="before")(_choice("role", choices(StakeholderRole)))
    _influence = field_validator("influence", mode="before")(_rule("stakeholder", "influence"))
    _interest = field_validator("interest", mode="before")(_rule("stakeholder", "interest"))
    _reach = field_validator("reach", mode="before")(_rule("stakeholder", "reach"))
    _notes = field_validator("notes", mode="before")(_rule("stakeholder", "notes"))


class CommitmentInput(Input):
    party: Party
    text: str
    status: str = "pending"
    due_on: date | None = None
    note: str = ""

    _party = field_validator("party", mode="before")(_choice("party", choices(Party)))
    _text_v = field_validator("text", mode="before")(_rule("commitment", "text"))
    _status = field_validator("status", mode="before")(_choice("status", choices(CommitmentStatus)))
    _due = field_validator("due_on", mode="before")(_date)
    _note = field_validator("note", mode="before")(_rule("commitment", "note"))


def _ticked(value: Any) -> bool:
    """A tick box: ticked or not (yes/no as typed; nothing said is not ticked)."""
    return bool(_yes_no(value))


class FrameInput(Input):
    working_method: str = ""
    cycle_days: int | None = None
    contract_signed_on: date | None = None
    start_on: date | None = None
    delivery_on: date | None = None
    budget_minutes: int | None = None
    chase_delay_days: int | None = None
    report_every_days: int | None = None
    rigour_written_validations: bool = False
    rigour_progress_point: bool = False
    rigour_single_contact: bool = False
    rigour_changes_in_writing: bool = False

    _method = field_validator("working_method", mode="before")(_rule("project", "working_method"))
    _cycle = field_validator("cycle_days", mode="before")(_rule("project", "cycle_days"))
    _report = field_validator("report_every_days", mode="before")(
        _rule("project", "report_every_days")
    )
    _rigour = field_validator(
        "rigour_written_validations",
        "rigour_progress_point",
        "rigour_single_contact",
        "rigour_changes_in_writing",
        mode="before",
    )(_ticked)
    _chase = field_validator("chase_delay_days", mode="before")(
        _rule("project", "chase_delay_days", "chase_delay")
    )
    _dates = field_validator("contract_signed_on", "start_on", "delivery_on", mode="before")(_date)
    _budget = field_validator("budget_minutes", mode="before")(_budget_minutes)

    @field_validator("contract_signed_on", mode="after")
    @classmethod
    def _signed(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and value > _today(info):
            raise ValueError(tr("a contract cannot be signed in the future"))
        return value

    _order = model_validator(mode="after")(_delivery_after_start)


class CraftCardInput(Input):
    name: str = ""
    training: str = ""
    practices: str = ""
    strengths: str = ""
    weaknesses: str = ""
    portfolio: str = ""

    _texts = field_validator(
        "training", "practices", "strengths", "weaknesses", "portfolio", mode="before"
    )(_rule("craft_card", "training", "text"))
    _name = field_validator("name", mode="before")(_rule("craft_card", "name"))


class RiskUpdateInput(RiskInput):
    """Editing a risk: a review date already in the past may be kept as it is."""

    @field_validator("review_on", mode="before")
    @classmethod
    def _review(cls, value: Any, info: ValidationInfo) -> date | None:
        day = _date(value, info)
        previous = (info.context or {}).get("previous_review_on")
        if day is not None and day < _today(info) and day != previous:
            raise ValueError(tr("the next review date is in the past"))
        return day


class ValidationRequestInput(Input):
    project_id: int
    deliverable: str
    requested_on: date

    _deliverable = field_validator("deliverable", mode="before")(_rule("validation", "deliverable"))

    _requested_on_past = field_validator("requested_on", mode="before")(_not_after_today)


class ValidationDoneInput(Input):
    validated_by: str
    validated_on: date

    _by = field_validator("validated_by", mode="before")(
        _rule("validation", "validated_by", "by", required=True)
    )

    _validated_on_past = field_validator("validated_on", mode="before")(_not_after_today)


class ReopenInput(Input):
    reason: str

    _reason = field_validator("reason", mode="before")(_rule("change_request", "reason"))


class IncidentInput(Input):
    project_id: int
    title: str
    occurred_on: date
    facts: str = ""
    contract_says: str = ""
    next_step: str = ""
    status: str = "open"
    for_client: str = ""
    for_me: str = ""
    proposal: str = ""
    blamed: bool = False

    _title = field_validator("title", mode="before")(_rule("incident", "title"))
    _texts = field_validator(
        "facts", "contract_says", "next_step", "for_client", "for_me", "proposal", mode="before"
    )(_rule("incident", "facts", "text"))
    _status = field_validator("status", mode="before")(_choice("status", choices(IncidentStatus)))

    _occurred_on_past = field_validator("occurred_on", mode="before")(_not_after_today)


class TellInput(Input):
    """The client told about an incident: the day (default today; not in the future, not
    before the incident: `domain.telling`, given the incident's day as `occurred_on` in
    the context), the channel, and what was said (empty: `telling.told_summary`)."""

    told_on: date
    told_how: Channel
    summary: str = ""

    _how = field_validator("told_how", mode="before")(_choice("how", choices(Channel)))
    _summary = field_validator("summary", mode="before")(_rule("contact", "summary", "text", False))

    @field_validator("told_on", mode="before")
    @classmethod
    def _told_on(cls, value: Any, info: ValidationInfo) -> date:
        day = _date(value if value not in (None, "") else "today", info, past=True)
        assert day is not None
        occurred = (info.context or {}).get("occurred_on") or day
        try:
            return telling.check_told_on(day, occurred, _today(info))
        except RelayError as exc:
            raise ValueError(exc.message) from None


class CloseInput(Input):
    override_reason: str = ""

    _reason = field_validator("override_reason", mode="before")(
        _rule("project", "close_reason", "reason")
    )


class RetroStepInput(Input):
    """One step of the retrospective draft; every field optional (a draft)."""

    step: int
    format: str | None = None
    worked: str | None = None
    not_worked: str | None = None
    improve: str | None = None
    lessons_draft: str | None = None
    applied_lessons: str | None = None
    satisfaction: int | None = None

    _step = field_validator("step", mode="before")(_rule("retrospective", "step"))
    _format = field_validator("format", mode="before")(_choice("format", choices(RetroFormat)))
    _texts = field_validator("worked", "not_worked", "improve", "lessons_draft", mode="before")(
        _rule("retrospective", "worked", "text")
    )
    _satisfaction = field_validator("satisfaction", mode="before")(
        _rule("retrospective", "satisfaction")
    )

    @field_validator("applied_lessons", mode="before")
    @classmethod
    def _applied(cls, value: Any) -> str | None:
        if value is None:
            return None
        ids = [part.strip() for part in str(value).split(",") if part.strip()]
        if not all(rules.is_digits(part) for part in ids):
            raise ValueError(tr("must be lesson ids separated by commas"))
        return ",".join(ids)


class LessonInput(Input):
    """A lesson carried forward, as corrected after the retrospective."""

    text: str
    tags: str = ""

    _text = field_validator("text", mode="before")(_rule("lesson", "text"))
    _tags = field_validator("tags", mode="before")(_rule("lesson", "tags"))
