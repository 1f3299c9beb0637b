"""The rules every stored record obeys, declared once per table and field.

The input models (`relay_tui.schemas`) take their limits from here, and `import json`
checks every row of an export against the same declarations
(`relay_tui.services.import_checks`), so that no way in can store what another refuses.
Pure and light: the standard library and relay's vocabulary only.

Which rules hold for stored rows, and which only for what is typed:

* Stored rows (and so every row of an export): the ranges, text lengths and characters
  (no NUL, no lone surrogate), the vocabularies, the years of dates and instants
  (`FIRST_YEAR` to `LAST_YEAR`), the row rules (`ROW_RULES`: delivery not before the
  start, only an outbound contact awaits a reply, a validation's date and signer
  together...) and the alarm bells' chains (`chain_problem`: no bell after itself, no
  loop, the previous bell in the same project).
* New input only (the input models apply them when something is typed, never to an
  export of old data): what is relative to today or now — a review date not in the past,
  a time entry, a contact, a signature, a validation, an incident or a bell done not in
  the future — and the forms people type (`+3d`, `1h30`, `today`, spaces stripped).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress

from relay_tui.domain.after import STEPS
from relay_tui.domain.freeze import find_cycle
from relay_tui.domain.parsing import FIRST_YEAR, LAST_YEAR
from relay_tui.domain.posture import BY_KEY as POSTURE_CARDS
from relay_tui.domain.rules import MAX_ID, is_digits
from relay_tui.i18n import LANGUAGES, N_, tr
from relay_tui.terms import (
    BUDGET_MAX_MINUTES,
    CHASE_DELAY_MAX,
    DURATION_MAX_MINUTES,
    EMAIL_MAX,
    MARGIN_MAX_DAYS,
    MESSAGE_ID_MAX,
    NAME_MAX,
    PHONE_MAX,
    SCALE_MAX,
    SCALE_MIN,
    SUMMARY_MAX,
    TEXT_MAX,
)
from relay_tui.vocab import Balance, Reward, Stance, choices
from relay_tui.who import WHO_LENGTH

#: A title (of a risk, an alarm bell, a deliverable, an incident) and a lesson's tags.
TITLE_MAX = 200
#: A retrospective's texts, and so the lessons drawn from them.
RETRO_TEXT_MAX = 20_000
#: A status report as sent.
REPORT_MAX = 200_000
#: A working cycle: up to about three months.
CYCLE_MAX_DAYS = 90


def shown(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: its repr, shortened."""
    try:
        text = repr(value)
    except RecursionError:
        return tr("a value nested too deeply")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Whole:
    """A whole number from `low` to `high`."""

    low: int
    high: int

    def problem(self, value: int) -> str | None:
        if self.low <= value <= self.high:
            return None
        return tr(
            "must be from {low} to {high} (got {value})", low=self.low, high=self.high, value=value
        )

    def holds_all(self, values: list[int]) -> bool:
        return self.low <= min(values) and max(values) <= self.high


@dataclass(frozen=True)
class Text:
    """Text of at most `max_len` characters, with no NUL nor lone surrogate; `required`:
    not blank. `email`: an email address when not empty."""

    max_len: int
    required: bool = False
    email: bool = False

    def problem(self, value: str) -> str | None:
        if "\x00" in value:
            return tr("contains a NUL character")
        if not _encodable(value):
            return tr("contains a lone surrogate, which is not valid UTF-8 text")
        if len(value) > self.max_len:
            return tr(
                "is too long ({length} characters, at most {limit})",
                length=len(value),
                limit=self.max_len,
            )
        if self.required and not value.strip():
            return tr("must not be empty")
        if self.email and value:
            return email_problem(value)
        return None

    def holds_all(self, values: list[str]) -> bool:
        joined = "".join(values)
        if "\x00" in joined or not _encodable(joined):
            return False
        if max(map(len, values)) > self.max_len:
            return False
        if self.required and ("" in values or any(map(str.isspace, values))):
            return False
        return not self.email or all(map(_no_email_problem, values))


@dataclass(frozen=True)
class Choice:
    """One of `allowed` (columns whose model has no enumeration of its own)."""

    allowed: tuple[str, ...]

    def problem(self, value: str) -> str | None:
        if value in self.allowed:
            return None
        return tr(
            "must be one of {choices} (got {value})",
            choices=", ".join(self.allowed),
            value=shown(value),
        )

    def holds_all(self, values: list[str]) -> bool:
        return set(self.allowed).issuperset(values)


@dataclass(frozen=True)
class IdList:
    """Record ids separated by commas (a retrospective's applied lessons), or nothing."""

    def problem(self, value: str) -> str | None:
        parts = value.split(",") if value else []
        if all(is_digits(part) for part in parts):
            return None
        return tr("must be lesson ids separated by commas (got {value})", value=shown(value))

    def holds_all(self, values: list[str]) -> bool:
        return all(self.problem(value) is None for value in set(values))


Rule = Whole | Text | Choice | IdList


def email_problem(text: str) -> str | None:
    """What is wrong with `text` as an email address (None: nothing)."""
    if "@" not in text or " " in text or text.startswith("@") or text.endswith("@"):
        return tr("{text} is not an email address", text=repr(text))
    return None


def _no_email_problem(text: str) -> bool:
    return not text or email_problem(text) is None


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


#: The years of every date and instant column.
YEARS = Whole(FIRST_YEAR, LAST_YEAR)


def year_problem(year: int, value: object) -> str | None:
    if YEARS.low <= year <= YEARS.high:
        return None
    return tr(
        "must be in the years {first} to {last} (got {value})",
        first=YEARS.low,
        last=YEARS.high,
        value=shown(value),
    )


_SCALE = Whole(SCALE_MIN, SCALE_MAX)
_ID = Whole(1, MAX_ID)
_NAME = Text(NAME_MAX, required=True)
_TITLE = Text(TITLE_MAX, required=True)
_TEXT = Text(TEXT_MAX)
_WHO = Text(WHO_LENGTH)
_RETRO = Text(RETRO_TEXT_MAX)

#: Every record's own columns: its id, who wrote it, its version.
_AUDITED: dict[str, Rule] = {"created_by": _WHO, "updated_by": _WHO, "version": _ID}

#: The rules of each table's fields (beyond their types, vocabularies and years, which
#: the tables themselves declare).
FIELDS: dict[str, dict[str, Rule]] = {
    "client": {
        "id": _ID,
        "name": _NAME,
        "organisation": Text(NAME_MAX),
        "email": Text(EMAIL_MAX, email=True),
        "phone": Text(PHONE_MAX),
        "notes": _TEXT,
        "language": Choice(LANGUAGES),
    },
    "project": {
        "id": _ID,
        "name": _NAME,
        "budget_minutes": Whole(1, BUDGET_MAX_MINUTES),
        "chase_delay_days": Whole(1, CHASE_DELAY_MAX),
        "working_method": _TEXT,
        "cycle_days": Whole(1, CYCLE_MAX_DAYS),
        "close_reason": _TEXT,
        "report_every_days": Whole(1, CYCLE_MAX_DAYS),
        "lessons_planned": IdList(),
    },
    "self_assessment": {
        "reward": Choice(tuple(choices(Reward))),
        "stance": Choice(tuple(choices(Stance))),
        "balance": Choice(tuple(choices(Balance))),
        "notes": _TEXT,
    },
    "profile": {
        "id": _ID,
        **dict.fromkeys(
            ("structure", "precision", "energy", "scope", "experience", "feedback", "temper"),
            _SCALE,
        ),
    },
    "craft_card": {
        "id": _ID,
        "name": Text(NAME_MAX),
        **dict.fromkeys(("training", "practices", "strengths", "weaknesses", "portfolio"), _TEXT),
    },
    "stakeholder": {
        "id": _ID,
        "name": _NAME,
        "influence": _SCALE,
        "interest": _SCALE,
        "reach": Text(EMAIL_MAX),
        "notes": _TEXT,
    },
    "commitment": {"id": _ID, "text": Text(TEXT_MAX, required=True), "note": _TEXT},
    "risk": {
        "id": _ID,
        "title": _TITLE,
        "probability": _SCALE,
        "impact": _SCALE,
        "mitigation": _TEXT,
        "owner": Text(NAME_MAX),
    },
    "deadline": {"id": _ID, "title": _TITLE, "margin_days": Whole(0, MARGIN_MAX_DAYS)},
    "contact": {
        "id": _ID,
        "summary": Text(SUMMARY_MAX, required=True),
        "message_id": Text(MESSAGE_ID_MAX),
    },
    "validation": {"id": _ID, "deliverable": _TITLE, "validated_by": Text(NAME_MAX)},
    "change_request": {
        "id": _ID,
        "reason": Text(TEXT_MAX, required=True),
        "previous_validated_by": Text(NAME_MAX),
    },
    "time_entry": {"id": _ID, "minutes": Whole(1, DURATION_MAX_MINUTES), "note": _TEXT},
    "incident": {
        "id": _ID,
        "title": _TITLE,
        **dict.fromkeys(
            ("facts", "contract_says", "next_step", "for_client", "for_me", "proposal"), _TEXT
        ),
    },
    "retrospective": {
        "step": Whole(0, len(STEPS) - 1),
        **dict.fromkeys(("worked", "not_worked", "improve", "lessons_draft"), _RETRO),
        "applied_lessons": IdList(),
        "satisfaction": _SCALE,
    },
    "lesson": {"id": _ID, "text": Text(RETRO_TEXT_MAX, required=True), "tags": Text(TITLE_MAX)},
    "handover": {},
    "sent_report": {"id": _ID, "period": _TEXT, "body": Text(REPORT_MAX)},
    "dismissed_card": {"id": _ID, "card": Choice(tuple(POSTURE_CARDS))},
}
for _fields in FIELDS.values():
    _fields.update(_AUDITED)


def field_rule(table: str, field: str) -> Rule:
    """The rule of one field (KeyError for a field with none)."""
    return FIELDS[table][field]


# --- rules across the fields of a row ---------------------------------------------------


@dataclass(frozen=True)
class RowRule:
    """A rule between fields of one row: `holds` takes the values of `fields` (None when
    empty) and says whether the row obeys; if not, `field` is named with `message` (a
    message id: shown with `tr(rule.message)`).
    `holds_all`, when given, says the same of whole columns at once (for large tables)."""

    fields: tuple[str, ...]
    field: str
    message: str
    holds: Callable[..., bool]
    holds_all: Callable[..., bool] | None = None


def _in_order(first: object, then: object) -> bool:
    return first is None or then is None or not then < first  # type: ignore[operator]


def _together(day: object, who: object) -> bool:
    return (day is None) == (not who)


def _told(day: object, how: object) -> bool:
    return day is not None or how is None


def _awaiting(direction: object, awaiting: object) -> bool:
    return not awaiting or direction == "out"


def _all_awaiting(directions: list[object], awaiting: list[object]) -> bool:
    return set(compress(directions, awaiting)) <= {"out"}


def _client_profile_has_project(party: object, project_id: object) -> bool:
    return party != "client" or project_id is not None


def _client_only_traits(party: object, *traits: object) -> bool:
    return party == "client" or traits == (None, None, None)


ROW_RULES: dict[str, tuple[RowRule, ...]] = {
    "project": (
        RowRule(
            ("start_on", "delivery_on"),
            "delivery_on",
            N_("comes before start_on (the delivery date comes before the start date)"),
            _in_order,
        ),
    ),
    "profile": (
        RowRule(
            ("party", "project_id"),
            "project_id",
            N_("is empty: a client profile belongs to a project"),
            _client_profile_has_project,
        ),
        RowRule(
            ("party", "experience", "feedback", "temper"),
            "experience",
            N_("is set on a provider profile: experience, feedback and temper are the client's"),
            _client_only_traits,
        ),
    ),
    "contact": (
        RowRule(
            ("direction", "awaiting_reply"),
            "awaiting_reply",
            N_("is true on an inbound contact: only an outbound contact can await a reply"),
            _awaiting,
            _all_awaiting,
        ),
    ),
    "validation": (
        RowRule(
            ("validated_on", "validated_by"),
            "validated_by",
            N_("and validated_on go together: both set (validated) or both empty"),
            _together,
        ),
        RowRule(
            ("requested_on", "validated_on"),
            "validated_on",
            N_("comes before requested_on (a deliverable is validated after the request)"),
            _in_order,
        ),
    ),
    "incident": (
        RowRule(
            ("told_on", "told_how"),
            "told_how",
            N_("is set but told_on is empty: how the client was told goes with when"),
            _told,
        ),
    ),
    "change_request": (
        RowRule(
            ("previous_validated_on", "previous_validated_by"),
            "previous_validated_by",
            N_("and previous_validated_on go together: both set or both empty"),
            _together,
        ),
    ),
}


# --- rules across the rows of a table -------------------------------------------------


def chain_problem(
    ids: Sequence[int], project_ids: Sequence[int], after_ids: Sequence[int | None]
) -> tuple[int, str] | None:
    """The first alarm bell (its position, and what is wrong with its `after_id`) that
    comes after itself, after a bell of another project or none, or closes a loop."""
    project_of = dict(zip(ids, project_ids, strict=True))
    for index, (own, project, after) in enumerate(zip(ids, project_ids, after_ids, strict=True)):
        if after is None:
            continue
        if after == own:
            return index, tr(
                "is the bell's own id ({id}): a bell cannot come after itself", id=after
            )
        if project_of.get(after, project) != project:
            return index, tr(
                "is bell #{id} of another project: a bell follows one of its own", id=after
            )
    loop = find_cycle(dict(zip(ids, after_ids, strict=True)))
    if loop:
        path = " → ".join(f"#{i}" for i in loop)
        return ids.index(loop[0]), tr("makes a loop of alarm bells: {path}", path=path)
    return None
