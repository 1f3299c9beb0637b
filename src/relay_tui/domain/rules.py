"""Input rules shared by the pydantic models and the fast command-line paths.

Light on purpose (standard library only). Each function raises `InvalidInput` naming
the field, or returns the cleaned value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from relay_tui.errors import InvalidInput, NotFound, one_line, quoted
from relay_tui.i18n import tr, trn

#: A capture may be dated a little ahead of the clock (clock skew), not more.
FUTURE_TOLERANCE = timedelta(minutes=5)

#: The largest id a store can hold (SQLite's integers, PostgreSQL's bigint: 64 bits).
MAX_ID = 2**63 - 1


def is_digits(text: str) -> bool:
    """Only the ASCII digits 0 to 9 (and at least one). `str.isdigit()` also accepts `²`
    or `①`, which `int()` refuses, and `int()` also reads `٣` or `1_000`: neither is how
    relay reads a number."""
    return text.isascii() and text.isdigit()


def whole_number(text: str) -> int | None:
    """An optionally signed whole number in ASCII digits (`12`, `-3`, `+5`), else None."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not is_digits(body) or len(body) > 4000:  # int() refuses 4300 digits and more
        return None
    return int(text)


def parse_id(value: object, field: str) -> int:
    """A record id as typed (`12`, `#12`): ASCII digits, within what a store can hold.

    The one check of ids for the command line and the services (`services.common`):
    an id beyond `MAX_ID` cannot exist, and the database drivers refuse to look it up.
    """
    if isinstance(value, bool):
        raise InvalidInput(tr("{value} is not an id (a whole number)", value=repr(value)), field)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().removeprefix("#")
        if not is_digits(text):
            raise InvalidInput(
                tr("{value} is not an id (a whole number)", value=repr(quoted(str(value)))),
                field,
            )
        number = int(text) if len(text.lstrip("0")) <= len(str(MAX_ID)) else MAX_ID + 1
    if number < 0:
        raise InvalidInput(tr("{value} is not an id (a whole number)", value=number), field)
    if number > MAX_ID:
        raise NotFound(
            tr("no record has an id that large (ids stop at {largest})", largest=MAX_ID), field
        )
    return number


def id_in_range(value: object) -> bool:
    """Whether `value` is an integer a store can hold as an id (negatives included)."""
    return isinstance(value, int) and -MAX_ID - 1 <= value <= MAX_ID


def clean_text(value: object, field: str, max_len: int, *, required: bool = True) -> str:
    """Strip surrounding spaces; refuse NUL bytes, empty (if required) and too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(tr("must be text"), field)
    text = value.strip()
    if "\x00" in text:
        raise InvalidInput(tr("contains a NUL character"), field)
    check_utf8(text, field)
    if required and not text:
        raise InvalidInput(tr("must not be empty"), field)
    if len(text) > max_len:
        raise InvalidInput(
            tr(
                "is too long ({length} characters, at most {limit})",
                length=len(text),
                limit=max_len,
            ),
            field,
        )
    return text


def check_choice(value: object, field: str, allowed: Sequence[str]) -> str:
    text = str(value).strip().lower() if value is not None else ""
    if text not in allowed:
        shown = quoted(str(value))
        raise InvalidInput(
            tr("{value} is not one of {choices}", value=repr(shown), choices=", ".join(allowed)),
            field,
        )
    return text


def check_range(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        number = whole_number(str(value).strip())
        if number is None:
            raise InvalidInput(
                tr(
                    "{value} is not a whole number from {low} to {high}",
                    value=repr(quoted(str(value))),
                    low=low,
                    high=high,
                ),
                field,
            )
        value = number
    if not low <= value <= high:
        raise InvalidInput(
            tr("must be from {low} to {high} (got {value})", low=low, high=high, value=value),
            field,
        )
    return value


def check_not_future(moment: datetime, now: datetime, field: str) -> datetime:
    if moment > now + FUTURE_TOLERANCE:
        raise InvalidInput(tr("is in the future"), field)
    return moment


def check_awaiting(direction: str, awaiting: bool) -> None:
    if awaiting and direction != "out":
        raise InvalidInput(tr("only an outbound contact can await a reply"), "awaiting")


class ProjectRef:
    """What name resolution needs of a project (a plain class: no dataclasses import)."""

    __slots__ = ("active", "id", "name")

    def __init__(self, id: int, name: str, active: bool) -> None:
        self.id = id
        self.name = name
        self.active = active

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProjectRef) and (self.id, self.name, self.active) == (
            other.id,
            other.name,
            other.active,
        )

    def __hash__(self) -> int:
        return hash((self.id, self.name, self.active))

    def __repr__(self) -> str:
        return f"ProjectRef(id={self.id!r}, name={self.name!r}, active={self.active!r})"


def resolve_project(ref: str | None, projects: Iterable[ProjectRef]) -> ProjectRef:
    """An id, or an unambiguous case-insensitive name prefix; none with one active project.

    An exact name wins over longer names sharing the prefix; among several prefix matches
    the active ones are preferred.
    """
    rows = list(projects)
    if ref is None or not ref.strip():
        active = [p for p in rows if p.active]
        if len(active) == 1:
            return active[0]
        if not active:
            raise InvalidInput(
                tr(
                    "no active project yet; create one with: relay project add NAME --client CLIENT"
                ),
                "project",
            )
        raise InvalidInput(
            tr("several projects are active; choose one with -p ({names})", names=_names(active)),
            "project",
        )
    wanted = ref.strip()
    if is_digits(wanted):
        number = int(wanted)
        for p in rows:
            if p.id == number:
                return p
        raise NotFound(tr("no project with id {id}", id=quoted(wanted)), "project")
    folded = folded_name(wanted)
    exact = [p for p in rows if folded_name(p.name) == folded]
    if len(exact) == 1:
        return exact[0]
    matches = [p for p in rows if folded_name(p.name).startswith(folded)]
    if len(matches) > 1:
        active = [p for p in matches if p.active]
        if len(active) == 1:
            return active[0]
        raise InvalidInput(
            tr(
                "{name} matches several projects: {names}",
                name=repr(quoted(wanted)),
                names=_names(matches),
            ),
            "project",
        )
    if not matches:
        raise NotFound(tr("no project matches {name}", name=repr(quoted(wanted))), "project")
    return matches[0]


def folded_name(name: str) -> str:
    """A name as resolution compares it: case-insensitive for every script
    (`str.casefold`). The store keeps each project's in `project.name_folded`, indexed,
    so that a name prefix is looked up without reading every project."""
    return name.casefold()


#: The code points UTF-8 cannot encode (surrogates): never in a stored text.
_SURROGATES = (0xD800, 0xDFFF)


def above_prefix(prefix: str) -> str | None:
    """The smallest text after every text that starts with `prefix`, in code point order
    (how SQLite's BINARY collation and PostgreSQL's `~<~` compare UTF-8): a prefix
    search is then the range `prefix <= text < above_prefix(prefix)`, which an index
    serves. None when no text is above them all (a prefix of U+10FFFF only)."""
    chars = list(prefix)
    while chars:
        code = ord(chars.pop()) + 1
        if code == _SURROGATES[0]:
            code = _SURROGATES[1] + 1
        if code <= 0x10FFFF:
            return "".join(chars) + chr(code)
    return None


def _names(rows: Sequence[ProjectRef], limit: int = 6) -> str:
    names = [f"{one_line(p.name)} (#{p.id})" for p in rows[:limit]]
    if len(rows) > limit:
        names.append(trn("and {n} more", "and {n} more", len(rows) - limit))
    return ", ".join(names)


def check_utf8(text: str, field: str) -> str:
    """Refuse lone surrogates: what argv holds for bytes that are not valid UTF-8, and
    what no store (nor the UTF-8 of an export) can encode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(
            tr("contains bytes that are not valid UTF-8 text (check the terminal's encoding)"),
            field,
        ) from None
    return text
