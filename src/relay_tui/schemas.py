"""Pydantic input models: every write is validated here before it reaches a table.

Dates and durations may be given as text (`+3d`, `1h30`): they are parsed with
`relay_tui.domain.parsing` against the `today` / `now` passed in the validation context.
Errors become `InvalidInput` naming the field (`validate`) or a field → message map for
forms that validate as you type (`field_errors`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from relay_tui.domain import rules
from relay_tui.domain.parsing import (
    ParseError,
    check_year,
    format_duration,
    parse_date,
    parse_due,
    parse_duration,
    parse_when,
)
from relay_tui.domain.record_rules import Text, Whole, email_problem, field_rule
from relay_tui.errors import InvalidInput, RelayError
from relay_tui.vocab import (
    Channel,
    CommitmentStatus,
    DeadlineKind,
    Direction,
    IncidentStatus,
    Party,
    ProjectKind,
    RetroFormat,
    RiskCategory,
    RiskStatus,
    StakeholderRole,
    TimeCategory,
    choices,
)

M = TypeVar("M", bound=BaseModel)


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _today(info: ValidationInfo) -> date:
    context = info.context or {}
    today = context.get("today")
    if today is None:
        now = context.get("now") or datetime.now(UTC)
        today = now.astimezone().date()
    return today


def _now(info: ValidationInfo) -> datetime:
    context = info.context or {}
    return context.get("now") or datetime.now(UTC)


def _reraise(exc: RelayError | ParseError) -> ValueError:
    return ValueError(exc.message if isinstance(exc, RelayError) else str(exc))


def _date(value: Any, info: ValidationInfo) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):  # a date (or a datetime) given as an object
        try:
            day = check_year(value)
        except ParseError as exc:
            raise _reraise(exc) from None
        return day.date() if isinstance(day, datetime) else day
    text = str(value)
    if not text.strip():
        return None
    try:
        return parse_date(text, _today(info))
    except ParseError as exc:
        raise _reraise(exc) from None


# The limits of every field are those of the stored records (`domain.record_rules`): what
# a form takes, `import json` takes too. Rules relative to today or now are input only.


def _rule(table: str, column: str, field: str = "", required: bool | None = None):  # type: ignore[no-untyped-def]
    """The check of a field by the rule of the stored column it fills."""
    rule = field_rule(table, column)
    if isinstance(rule, Whole):
        return _scale(field or column, rule.low, rule.high)
    assert isinstance(rule, Text)
    return _text(field or column, rule.max_len, rule.required if required is None else required)


def _text(field: str, max_len: int, required: bool):  # type: ignore[no-untyped-def]
    def check(value: Any) -> str:
        try:
            return rules.clean_text(value, field, max_len, required=required)
        except RelayError as exc:
            raise _reraise(exc) from None

    return check


def _choice(field: str, allowed: list[str]):  # type: ignore[no-untyped-def]
    def check(value: Any) -> Any:
        if value is None:
            return None
        try:
            return rules.check_choice(value, field, allowed)
        except RelayError as exc:
            raise _reraise(exc) from None

    return check


def _scale(field: str, low: int, high: int):  # type: ignore[no-untyped-def]
    def check(value: Any) -> Any:
        if value is None or value == "":
            return None
        try:
            return rules.check_range(value, field, low, high)
        except RelayError as exc:
            raise _reraise(exc) from None

    return check


_email_check = _rule("client", "email")
_BUDGET, _ENTRY = field_rule("project", "budget_minutes"), field_rule("time_entry", "minutes")
assert isinstance(_BUDGET, Whole) and isinstance(_ENTRY, Whole)


def _not_after_today(value: Any, info: ValidationInfo) -> date:
    """A day that has happened: default today, refused in the future."""
    day = _date(value if value not in (None, "") else "today", info)
    assert day is not None
    if day > _today(info):
        raise ValueError("is in the future")
    return day


class ClientInput(Input):
    name: str
    organisation: str = ""
    email: str = ""
    phone: str = ""
    channel: Channel | None = None
    notes: str = ""

    _name = field_validator("name", mode="before")(_rule("client", "name"))
    _org = field_validator("organisation", mode="before")(_rule("client", "organisation", "org"))
    _phone = field_validator("phone", mode="before")(_rule("client", "phone"))
    _notes = field_validator("notes", mode="before")(_rule("client", "notes"))
    _channel = field_validator("channel", mode="before")(_choice("channel", choices(Channel)))

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any) -> str:
        text = _email_check(value)
        problem = email_problem(text) if text else None
        if problem:
            raise ValueError(problem)
        return text


class ProjectInput(Input):
    name: str
    client: str
    kind: ProjectKind = ProjectKind.other
    start_on: date | None = None
    delivery_on: date | None = None
    budget_minutes: int | None = None
    chase_delay_days: int | None = None
    client_accountable: bool | None = None
    event_bound: bool | None = None
    partial_delivery_ok: bool | None = None

    _name = field_validator("name", mode="before")(_rule("project", "name"))
    _client = field_validator("client", mode="before")(_rule("client", "name", "client"))
    _kind = field_validator("kind", mode="before")(_choice("kind", choices(ProjectKind)))
    _dates = field_validator("start_on", "delivery_on", mode="before")(_date)

    @field_validator("budget_minutes", mode="before")
    @classmethod
    def _budget(cls, value: Any) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            minutes = value
        else:
            try:
                minutes = parse_duration(str(value))
            except ParseError as exc:
                raise ValueError(str(exc)) from None
        if _BUDGET.problem(minutes):
            raise ValueError(f"must be more than zero and at most {_BUDGET.high // 60} hours")
        return minutes

    @field_validator("chase_delay_days", mode="before")
    @classmethod
    def _chase(cls, value: Any) -> int | None:
        return _rule("project", "chase_delay_days", "chase_delay")(value)

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.start_on and self.delivery_on and self.delivery_on < self.start_on:
            raise ValueError("delivery_on: the delivery date comes before the start date")
        return self


class ContactInput(Input):
    project_id: int
    summary: str
    channel: Channel = Channel.email
    direction: Direction = Direction.outbound
    awaiting_reply: bool = False
    at: datetime | None = Field(default=None, validate_default=True)  # None: now
    is_chase: bool = False

    _summary = field_validator("summary", mode="before")(_rule("contact", "summary", "text"))
    _channel = field_validator("channel", mode="before")(_choice("channel", choices(Channel)))
    _direction = field_validator("direction", mode="before")(
        _choice("direction", choices(Direction))
    )

    @field_validator("at", mode="before")
    @classmethod
    def _at(cls, value: Any, info: ValidationInfo) -> datetime:
        now = _now(info)
        if value is None or (isinstance(value, str) and not value.strip()):
            return now.astimezone(UTC)
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("an instant needs a time zone")
            try:
                moment = check_year(value).astimezone(UTC)
            except ParseError as exc:
                raise _reraise(exc) from None
        else:
            try:
                moment = parse_when(str(value), now)
            except ParseError as exc:
                raise ValueError(str(exc)) from None
        try:
            return rules.check_not_future(moment, now, "at")
        except RelayError as exc:
            raise _reraise(exc) from None

    @model_validator(mode="after")
    def _awaiting(self) -> Self:
        try:
            rules.check_awaiting(self.direction.value, self.awaiting_reply)
        except RelayError as exc:
            raise ValueError(f"awaiting: {exc.message}") from None
        return self


class DeadlineInput(Input):
    project_id: int
    title: str
    due_on: date
    due_time: time | None = None
    kind: DeadlineKind = DeadlineKind.other
    owner: Party | None = None
    margin_days: int = 0
    after_id: int | None = None

    _title = field_validator("title", mode="before")(_rule("deadline", "title"))
    _kind = field_validator("kind", mode="before")(_choice("kind", choices(DeadlineKind)))
    _owner = field_validator("owner", mode="before")(_choice("owner", choices(Party)))

    @field_validator("margin_days", mode="before")
    @classmethod
    def _margin(cls, value: Any) -> int:
        if value is None or value == "":
            return 0
        return _rule("deadline", "margin_days", "margin")(value)

    @model_validator(mode="before")
    @classmethod
    def _due(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict) and isinstance(data.get("due_on"), str):
            data = dict(data)
            try:
                data["due_on"], clock = parse_due(data["due_on"], _today(info))
            except ParseError as exc:
                raise ValueError(f"due: {exc}") from None
            if clock is not None and data.get("due_time") is None:
                data["due_time"] = clock
        return data

    @model_validator(mode="after")
    def _default_owner(self) -> Self:
        if self.owner is None:
            client_kinds = (DeadlineKind.documents, DeadlineKind.validation)
            owner = Party.client if self.kind in client_kinds else Party.provider
            object.__setattr__(self, "owner", owner)
        return self


class RiskInput(Input):
    project_id: int
    title: str
    probability: int
    impact: int
    category: RiskCategory = RiskCategory.other
    mitigation: str = ""
    owner: str = ""
    status: RiskStatus = RiskStatus.open
    review_on: date | None = None

    _title = field_validator("title", mode="before")(_rule("risk", "title"))
    _prob = field_validator("probability", mode="before")(_rule("risk", "probability"))
    _impact = field_validator("impact", mode="before")(_rule("risk", "impact"))
    _cat = field_validator("category", mode="before")(_choice("category", choices(RiskCategory)))
    _status = field_validator("status", mode="before")(_choice("status", choices(RiskStatus)))
    _mitigation = field_validator("mitigation", mode="before")(_rule("risk", "mitigation"))
    _owner = field_validator("owner", mode="before")(_rule("risk", "owner"))

    @field_validator("review_on", mode="before")
    @classmethod
    def _review(cls, value: Any, info: ValidationInfo) -> date | None:
        day = _date(value, info)
        if day is not None and day < _today(info):
            raise ValueError("the next review date is in the past")
        return day


class TimeInput(Input):
    project_id: int
    minutes: int
    spent_on: date
    category: TimeCategory = TimeCategory.work
    note: str = ""

    _cat = field_validator("category", mode="before")(_choice("category", choices(TimeCategory)))
    _note = field_validator("note", mode="before")(_rule("time_entry", "note"))

    @field_validator("minutes", mode="before")
    @classmethod
    def _minutes(cls, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            minutes = value
        else:
            try:
                minutes = parse_duration(str(value))
            except ParseError as exc:
                raise ValueError(str(exc)) from None
        if _ENTRY.problem(minutes):
            most = format_duration(_ENTRY.high)
            raise ValueError(f"must be more than zero and at most {most} in one entry")
        return minutes

    @field_validator("spent_on", mode="before")
    @classmethod
    def _on(cls, value: Any, info: ValidationInfo) -> date:
        day = _date(value if value is not None else "today", info)
        if day is None:
            day = _today(info)
        if day > _today(info):
            raise ValueError("is in the future")
        return day


# --- turning pydantic errors into one line per field ----------------------------------

_FIELD_NAMES = {
    "summary": "text",
    "start_on": "start",
    "delivery_on": "delivery",
    "due_on": "due",
    "margin_days": "margin",
    "after_id": "after",
    "review_on": "review",
    "spent_on": "on",
    "minutes": "duration",
    "budget_minutes": "budget",
    "organisation": "org",
    "awaiting_reply": "awaiting",
    "chase_delay_days": "chase_delay",
    "validated_by": "by",
    "validated_on": "on",
    "requested_on": "on",
}


def field_errors(
    model: type[BaseModel], data: dict[str, Any], context: dict[str, Any] | None = None
) -> dict[str, str]:
    """Every error of `data` against `model`, keyed by the model's field name."""
    try:
        model.model_validate(data, context=context or {})
    except ValidationError as exc:
        return _collect(exc)
    return {}


def validate(model: type[M], data: dict[str, Any], context: dict[str, Any] | None = None) -> M:
    """The validated model, or `InvalidInput` naming the first field at fault."""
    try:
        return model.model_validate(data, context=context or {})
    except ValidationError as exc:
        errors = _collect(exc)
        field, message = next(iter(errors.items()))
        raise InvalidInput(message, _FIELD_NAMES.get(field, field)) from None


def _collect(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        loc = [str(part) for part in error.get("loc", ()) if not str(part).isdigit()]
        message = _message(error)
        field = loc[0] if loc else ""
        if not field and ": " in message:
            field, _, message = message.partition(": ")
        errors.setdefault(field or "input", message)
    return errors


def _message(error: Any) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    message = str(error.get("msg", "is not valid"))
    if message.startswith("Value error, "):
        return message.removeprefix("Value error, ")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind == "enum":
        return f"must be one of {ctx.get('expected', '')}".replace("'", "")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "must be a whole number"
    if kind in {"bool_parsing", "bool_type"}:
        return "must be yes or no"
    if kind in {"date_parsing", "date_from_datetime_parsing", "date_type"}:
        return "is not a date (use 2026-12-01, today, +3d)"
    return message[0].lower() + message[1:] if message else "is not valid"


# --- the "before" phase ---------------------------------------------------------------


def _yes_no(value: Any) -> bool | None:
    if value is None or value == "" or value == "unknown":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"yes", "y", "true", "1"}:
        return True
    if text in {"no", "n", "false", "0"}:
        return False
    raise ValueError(f"{value!r} is not yes or no")


def _allowed(column: str) -> list[str]:
    return list(field_rule("self_assessment", column).allowed)  # type: ignore[union-attr]


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

    _scales = field_validator(
        "structure",
        "precision",
        "energy",
        "scope",
        "experience",
        "feedback",
        "temper",
        mode="before",
    )(_rule("profile", "structure", "value"))

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


class FrameInput(Input):
    working_method: str = ""
    cycle_days: int | None = None
    contract_signed_on: date | None = None
    start_on: date | None = None
    delivery_on: date | None = None
    budget_minutes: int | None = None
    chase_delay_days: int | None = None

    _method = field_validator("working_method", mode="before")(_rule("project", "working_method"))
    _cycle = field_validator("cycle_days", mode="before")(_rule("project", "cycle_days"))
    _chase = field_validator("chase_delay_days", mode="before")(
        _rule("project", "chase_delay_days", "chase_delay")
    )
    _dates = field_validator("contract_signed_on", "start_on", "delivery_on", mode="before")(_date)
    _budget = field_validator("budget_minutes", mode="before")(ProjectInput._budget.__func__)  # type: ignore[attr-defined]

    @field_validator("contract_signed_on", mode="after")
    @classmethod
    def _signed(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is not None and value > _today(info):
            raise ValueError("a contract cannot be signed in the future")
        return value

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.start_on and self.delivery_on and self.delivery_on < self.start_on:
            raise ValueError("delivery_on: the delivery date comes before the start date")
        return self


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
            raise ValueError("the next review date is in the past")
        return day


# --- the "during" phase ---------------------------------------------------------------


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


# --- any time and after ---------------------------------------------------------------


class IncidentInput(Input):
    project_id: int
    title: str
    occurred_on: date
    facts: str = ""
    contract_says: str = ""
    next_step: str = ""
    status: str = "open"

    _title = field_validator("title", mode="before")(_rule("incident", "title"))
    _texts = field_validator("facts", "contract_says", "next_step", mode="before")(
        _rule("incident", "facts", "text")
    )
    _status = field_validator("status", mode="before")(_choice("status", choices(IncidentStatus)))

    _occurred_on_past = field_validator("occurred_on", mode="before")(_not_after_today)


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
            raise ValueError("must be lesson ids separated by commas")
        return ",".join(ids)
