"""What every input model shares: the base class, the field checks built from
`domain.record_rules`, dates and durations given as text, and pydantic's errors turned
into one line per field (`validate`, `field_errors`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    ValidationInfo,
)

from relay_tui.domain import rules
from relay_tui.domain.parsing import (
    ParseError,
    check_year,
    parse_date,
)
from relay_tui.domain.record_rules import Text, Whole, field_rule
from relay_tui.errors import InvalidInput, RelayError
from relay_tui.i18n import tr

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


def _date(value: Any, info: ValidationInfo, *, past: bool = False) -> date | None:
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
        return parse_date(text, _today(info), past=past)
    except ParseError as exc:
        raise _reraise(exc) from None


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


def _not_after_today(value: Any, info: ValidationInfo) -> date:
    """A day that has happened: default today, refused in the future."""
    day = _date(value if value not in (None, "") else "today", info, past=True)
    assert day is not None
    if day > _today(info):
        raise ValueError(tr("is in the future"))
    return day


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
    "told_on": "on",
    "told_how": "how",
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
    message = str(error.get("msg") or tr("is not valid"))
    if message.startswith("Value error, "):
        return message.removeprefix("Value error, ")
    if kind == "missing":
        return tr("is required")
    if kind == "extra_forbidden":
        return tr("is not a known field")
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return tr("must be one of {choices}", choices=expected)
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return tr("must be a whole number")
    if kind in {"bool_parsing", "bool_type"}:
        return tr("must be yes or no")
    if kind in {"date_parsing", "date_from_datetime_parsing", "date_type"}:
        return tr("is not a date (use 2026-12-01, today, +3d)")
    # pydantic's own words, in English: the other kinds are not reached by relay's forms
    return message[0].lower() + message[1:] if message else tr("is not valid")


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
    raise ValueError(tr("{value} is not yes or no", value=repr(value)))


def _allowed(column: str) -> list[str]:
    return list(field_rule("self_assessment", column).allowed)  # type: ignore[union-attr]
