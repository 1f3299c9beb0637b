"""Values read back from a store, checked again: reading is defensive.

A value out of range can sit in a store although no relay command writes one: an older
version of relay, a hand edit with `sqlite3`, a colleague's script on a shared server.
Such a value never blanks a screen nor fails a command: its record is still shown, with
the problem named on its line (`flag`), and the computations use the nearest valid value
or leave the value out.

The ranges are read from their one home, the rules every stored record obeys
(`domain.record_rules`), the years of a date from `domain.parsing` and the words from the
enumerations of `relay_tui.vocab`: this module only applies them to what was read.
No heavy imports: the dashboard's light reads use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from relay_tui.domain.parsing import FIRST_YEAR, LAST_YEAR
from relay_tui.errors import quoted
from relay_tui.i18n import tr, trn, trp
from relay_tui.vocab import choices

#: What marks a problem on a line, on the screens and in the command line's text.
FLAG = "⚠"


@cache
def limits(table: str, field: str) -> tuple[int, int]:
    """The range of a stored whole number, as `domain.record_rules` declares it."""
    # Imported here: record_rules imports domain.freeze, which imports this module.
    from relay_tui.domain.record_rules import field_rule

    rule = field_rule(table, field)
    return rule.low, rule.high  # type: ignore[union-attr]


@cache
def text_limit(table: str, field: str) -> int:
    """The longest text a stored field holds, as `domain.record_rules` declares it."""
    from relay_tui.domain.record_rules import field_rule

    return field_rule(table, field).max_len  # type: ignore[union-attr]


def _shown(value: object) -> str:
    return quoted(value, 24)


def _label(label: str) -> str:
    """What a problem calls a stored value, in the current language (the callers name it
    in English, often by its column); a label not listed here is shown as it is."""
    words = {
        "probability": trp("stored value", "probability"),
        "impact": trp("stored value", "impact"),
        "margin": trp("stored value", "margin"),
        "chase delay": trp("stored value", "chase delay"),
        "kind": trp("stored value", "kind"),
        "owner": trp("stored value", "owner"),
        "phase": trp("stored value", "phase"),
        "status": trp("stored value", "status"),
        "category": trp("stored value", "category"),
        "channel": trp("stored value", "channel"),
        "direction": trp("stored value", "direction"),
        "minutes": trp("stored value", "minutes"),
        "day": trp("stored value", "day"),
        "due date": trp("stored value", "due date"),
        "done date": trp("stored value", "done date"),
        "next due date": trp("stored value", "next due date"),
        "start date": trp("stored value", "start date"),
        "delivery date": trp("stored value", "delivery date"),
        "summary": trp("stored value", "summary"),
        "request summary": trp("stored value", "request summary"),
        "structure": trp("stored value", "structure"),
        "precision": trp("stored value", "precision"),
        "energy": trp("stored value", "energy"),
        "scope": trp("stored value", "scope"),
        "experience": trp("stored value", "experience"),
        "feedback": trp("stored value", "feedback"),
        "temper": trp("stored value", "temper"),
    }
    return words.get(label, label)


def is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def out_of_range(label: str, value: object, low: int, high: int) -> str | None:
    """The problem with a stored number, or None when it is within `low`..`high`."""
    if not is_number(value):
        return tr(
            "{label} {value} is not a whole number", label=_label(label), value=repr(_shown(value))
        )
    if low <= value <= high:  # type: ignore[operator]
        return None
    return tr(
        "{label} {value} is out of range ({low}–{high})",
        label=_label(label),
        value=value,
        low=low,
        high=high,
    )


def nearest(value: object, low: int, high: int, default: int) -> int:
    """The valid value nearest to a stored one (`default` when it is not a number)."""
    if not is_number(value):
        return default
    return min(max(value, low), high)  # type: ignore[call-overload]


@cache
def _words(enum: type[StrEnum]) -> frozenset[str]:
    return frozenset(choices(enum))


def unknown_word(label: str, value: object, allowed: type[StrEnum]) -> str | None:
    """The problem of a stored word that is not one of an enumeration's, if any."""
    if value is not None and str(value) in _words(allowed):
        return None
    words = choices(allowed)
    return tr(
        "{label} {value} is not one of {words}",
        label=_label(label),
        value=repr(_shown(value)),
        words=", ".join(words),
    )


def flag(problems: Iterable[str]) -> str:
    """What a line shows after its text: `  ⚠ problem; problem`, or nothing."""
    found = [p for p in problems if p]
    return f"  {FLAG} " + "; ".join(found) if found else ""


def with_problems(shown: dict[str, object], problems: Sequence[str]) -> dict[str, object]:
    """A record as JSON shows it: `shown`, with its `problems` last when it has any."""
    if problems:
        shown["problems"] = list(problems)
    return shown


def collect(*problems: str | None) -> tuple[str, ...]:
    return tuple(p for p in problems if p)


# --- numbers of one record --------------------------------------------------------------


def _checked(label: str, value: object, table: str, field: str) -> tuple[int, str | None]:
    low, high = limits(table, field)
    if type(value) is int and low <= value <= high:  # the usual case, first: boards read many
        return value, None
    return nearest(value, low, high, low), out_of_range(label, value, low, high)


def scale(label: str, value: object, table: str = "profile") -> tuple[int, str | None]:
    """A 1..5 scale value (a profile axis `label`, a risk's probability or impact): the
    value to compute with and the problem, if any."""
    return _checked(label, value, table, label)


def risk(probability: object, impact: object) -> tuple[int, int, tuple[str, ...]]:
    """A risk's probability and impact to compute its score with, and their problems."""
    p, p_problem = scale("probability", probability, "risk")
    i, i_problem = scale("impact", impact, "risk")
    return p, i, collect(p_problem, i_problem)


def margin(value: object) -> tuple[int, str | None]:
    """A deadline's safety margin in days."""
    return _checked("margin", value, "deadline", "margin_days")


def chase_delay(value: object) -> tuple[int, str | None]:
    """A project's chase delay in working days."""
    return _checked("chase delay", value, "project", "chase_delay_days")


def budget(value: object) -> tuple[int | None, str | None]:
    """A project's budget in minutes: none set, or within range (else left out)."""
    if value is None:
        return None, None
    low, high = limits("project", "budget_minutes")
    if is_number(value) and low <= value <= high:  # type: ignore[operator]
        return value, None  # type: ignore[return-value]
    return None, tr(
        "budget {value} minutes is out of range ({low}–{high}): ignored",
        value=_shown(value),
        low=low,
        high=high,
    )


def minutes_ok(value: object) -> bool:
    """Whether a time entry's minutes are within range; the others are left out of the
    totals (`entries_left_out`)."""
    low, high = limits("time_entry", "minutes")
    return is_number(value) and low <= value <= high  # type: ignore[operator]


def entries_left_out(count: int) -> str | None:
    """What a total says of the time entries it left out (`minutes_ok`), if any."""
    if not count:
        return None
    low, high = limits("time_entry", "minutes")
    return trn(
        "{n} time entry has minutes out of range ({low}–{high}): left out of the totals",
        "{n} time entries have minutes out of range ({low}–{high}): left out of the totals",
        count,
        low=low,
        high=high,
    )


# --- dates and text ---------------------------------------------------------------------


def day(label: str, value: date | None) -> str | None:
    """The problem of a stored date outside the years relay takes, if any."""
    if value is None or FIRST_YEAR <= value.year <= LAST_YEAR:
        return None
    return tr(
        "{label} {value} is out of range ({first}–{last})",
        label=_label(label),
        value=value.isoformat(),
        first=FIRST_YEAR,
        last=LAST_YEAR,
    )


def shift(start: date, days: int) -> date:
    """`start` moved by `days`, held at the first or last date a calendar can hold
    instead of overflowing (a stored date of 9999-12-31 with a margin)."""
    try:
        return start + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def long_text(label: str, text: str, limit: int) -> str | None:
    if len(text) <= limit:
        return None
    length = f"{len(text):,}".replace(",", trp("thousands separator", ","))
    return tr(
        "{label} is {length} characters long (at most {limit}): shortened here",
        label=_label(label),
        length=length,
        limit=limit,
    )


def shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
