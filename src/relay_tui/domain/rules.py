"""Input rules shared by the pydantic models and the fast command-line paths.

Light on purpose (standard library only). Each function raises `InvalidInput` naming
the field, or returns the cleaned value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from relay_tui.errors import InvalidInput, NotFound

#: A capture may be dated a little ahead of the clock (clock skew), not more.
FUTURE_TOLERANCE = timedelta(minutes=5)


def clean_text(value: object, field: str, max_len: int, *, required: bool = True) -> str:
    """Strip surrounding spaces; refuse NUL bytes, empty (if required) and too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput("must be text", field)
    text = value.strip()
    if "\x00" in text:
        raise InvalidInput("contains a NUL character", field)
    if required and not text:
        raise InvalidInput("must not be empty", field)
    if len(text) > max_len:
        raise InvalidInput(f"is too long ({len(text)} characters, at most {max_len})", field)
    return text


def check_choice(value: object, field: str, allowed: Sequence[str]) -> str:
    text = str(value).strip().lower() if value is not None else ""
    if text not in allowed:
        shown = _printable(str(value))
        raise InvalidInput(f"{shown!r} is not one of {', '.join(allowed)}", field)
    return text


def check_range(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise InvalidInput(
                f"{_printable(str(value))!r} is not a whole number from {low} to {high}", field
            ) from None
    if not low <= value <= high:
        raise InvalidInput(f"must be from {low} to {high} (got {value})", field)
    return value


def check_not_future(moment: datetime, now: datetime, field: str) -> datetime:
    if moment > now + FUTURE_TOLERANCE:
        raise InvalidInput("is in the future", field)
    return moment


def check_awaiting(direction: str, awaiting: bool) -> None:
    if awaiting and direction != "out":
        raise InvalidInput("only an outbound contact can await a reply", "awaiting")


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
                "no active project yet; create one with: relay project add NAME --client CLIENT",
                "project",
            )
        raise InvalidInput(
            f"several projects are active; choose one with -p ({_names(active)})", "project"
        )
    wanted = ref.strip()
    if wanted.isdigit():
        for p in rows:
            if p.id == int(wanted):
                return p
        raise NotFound(f"no project with id {wanted}", "project")
    folded = wanted.casefold()
    exact = [p for p in rows if p.name.casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    matches = [p for p in rows if p.name.casefold().startswith(folded)]
    if len(matches) > 1:
        active = [p for p in matches if p.active]
        if len(active) == 1:
            return active[0]
        raise InvalidInput(
            f"{_printable(wanted)!r} matches several projects: {_names(matches)}", "project"
        )
    if not matches:
        raise NotFound(f"no project matches {_printable(wanted)!r}", "project")
    return matches[0]


def _names(rows: Sequence[ProjectRef], limit: int = 6) -> str:
    names = [f"{p.name} (#{p.id})" for p in rows[:limit]]
    if len(rows) > limit:
        names.append(f"and {len(rows) - limit} more")
    return ", ".join(names)


def _printable(text: str, limit: int = 40) -> str:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def aware_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC)
