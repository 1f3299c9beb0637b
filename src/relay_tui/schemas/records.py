"""Input models of the records every phase writes: clients, projects, contacts,
deadlines (alarm bells), risks and time entries."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, Self

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from relay_tui.domain import rules
from relay_tui.domain.parsing import (
    ParseError,
    check_year,
    format_duration,
    parse_due,
    parse_duration,
    parse_when,
)
from relay_tui.domain.record_rules import Whole, email_problem, field_rule
from relay_tui.errors import RelayError
from relay_tui.i18n import LANGUAGES, tr
from relay_tui.schemas.base import (
    Input,
    M,
    _choice,
    _date,
    _now,
    _reraise,
    _rule,
    _today,
)
from relay_tui.vocab import (
    Channel,
    DeadlineKind,
    Direction,
    Party,
    ProjectKind,
    RiskCategory,
    RiskStatus,
    TimeCategory,
    choices,
)

_BUDGET, _ENTRY = field_rule("project", "budget_minutes"), field_rule("time_entry", "minutes")
assert isinstance(_BUDGET, Whole) and isinstance(_ENTRY, Whole)
_email_check = _rule("client", "email")


def _minutes_of(value: Any) -> int:
    """Minutes given as a number, or as a duration typed as text (`1h30`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return parse_duration(str(value))
    except ParseError as exc:
        raise ValueError(str(exc)) from None


def _budget_minutes(value: Any) -> int | None:
    """A project's time budget: minutes, or a duration typed as text (`40h`)."""
    if value is None or value == "":
        return None
    minutes = _minutes_of(value)
    if _BUDGET.problem(minutes):
        raise ValueError(
            tr("must be more than zero and at most {hours} hours", hours=_BUDGET.high // 60)
        )
    return minutes


def _delivery_after_start(model: M) -> M:
    """A project (or its frame) is delivered on or after its start."""
    start_on, delivery_on = model.start_on, model.delivery_on  # type: ignore[attr-defined]
    if start_on and delivery_on and delivery_on < start_on:
        # "field: message": `schemas.base._collect` takes the field from before the colon
        message = tr("the delivery date comes before the start date")
        raise ValueError(f"delivery_on: {message}")
    return model


class ClientInput(Input):
    name: str
    organisation: str = ""
    email: str = ""
    phone: str = ""
    channel: Channel | None = None
    notes: str = ""
    #: The language of what relay writes for the client; None: the user's own.
    language: str | None = None

    _name = field_validator("name", mode="before")(_rule("client", "name"))
    _org = field_validator("organisation", mode="before")(_rule("client", "organisation", "org"))
    _phone = field_validator("phone", mode="before")(_rule("client", "phone"))
    _notes = field_validator("notes", mode="before")(_rule("client", "notes"))
    _channel = field_validator("channel", mode="before")(_choice("channel", choices(Channel)))

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None  # the user's own language
        return _choice("language", list(LANGUAGES))(str(value).strip().lower())

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
    _budget = field_validator("budget_minutes", mode="before")(_budget_minutes)
    _chase = field_validator("chase_delay_days", mode="before")(
        _rule("project", "chase_delay_days", "chase_delay")
    )
    _order = model_validator(mode="after")(_delivery_after_start)


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
                raise ValueError(tr("an instant needs a time zone"))
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
            raise ValueError(tr("the next review date is in the past"))
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
        minutes = _minutes_of(value)
        if _ENTRY.problem(minutes):
            most = format_duration(_ENTRY.high)
            raise ValueError(
                tr("must be more than zero and at most {most} in one entry", most=most)
            )
        return minutes

    @field_validator("spent_on", mode="before")
    @classmethod
    def _on(cls, value: Any, info: ValidationInfo) -> date:
        day = _date(value if value is not None else "today", info, past=True)
        if day is None:
            day = _today(info)
        if day > _today(info):
            raise ValueError(tr("is in the future"))
        return day
