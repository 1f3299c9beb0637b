"""Deleting a record, and everything that goes with it, as one step that undo takes back.

The store's foreign keys would delete a project's contacts (ON DELETE CASCADE) or unlink
an alarm bell's followers (SET NULL) on their own, but the undo journal sees only what
the ORM does (`relay_tui.journal`). So a deletion here collects every dependent row
itself, following the tables' foreign keys, and deletes (or unlinks) each through the
session: the step the journal writes holds them all, and `relay undo` brings them back
together. A client takes its projects with it (its foreign key says RESTRICT so that
nothing else deletes them by accident); the confirmation says so first (`preview`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.errors import InvalidInput
from relay_tui.models import (
    ALL_TABLES,
    Client,
    Commitment,
    Contact,
    Deadline,
    Incident,
    Lesson,
    Project,
    Risk,
    Stakeholder,
    TimeEntry,
    Validation,
)
from relay_tui.services.common import row_to_change
from relay_tui.services.validations import unlocked


@dataclass(frozen=True)
class Kind:
    """A kind of record a user can delete: its table, how it is named, its title column."""

    model: type[Any]
    label: str
    title: str


#: Every kind a user deletes, by the noun the command line uses (`relay contact delete`).
KINDS: dict[str, Kind] = {
    "client": Kind(Client, "client", "name"),
    "project": Kind(Project, "project", "name"),
    "contact": Kind(Contact, "contact", "summary"),
    "time": Kind(TimeEntry, "time entry", "note"),
    "deadline": Kind(Deadline, "alarm bell", "title"),
    "validation": Kind(Validation, "validation request", "deliverable"),
    "risk": Kind(Risk, "risk", "title"),
    "commitment": Kind(Commitment, "commitment", "text"),
    "actor": Kind(Stakeholder, "key actor", "name"),
    "incident": Kind(Incident, "incident", "title"),
    "lesson": Kind(Lesson, "lesson", "text"),
}

#: How the rows that go along are counted in the question (table → singular, plural).
_ALONG = {
    "project": ("project", "projects"),
    "contact": ("contact", "contacts"),
    "deadline": ("alarm bell", "alarm bells"),
    "validation": ("validation request", "validation requests"),
    "change_request": ("change request", "change requests"),
    "time_entry": ("time entry", "time entries"),
    "risk": ("risk", "risks"),
    "commitment": ("commitment", "commitments"),
    "stakeholder": ("key actor", "key actors"),
    "incident": ("incident", "incidents"),
    "lesson": ("lesson", "lessons"),
    "profile": ("client profile", "client profiles"),
    "self_assessment": ("self-assessment", "self-assessments"),
    "retrospective": ("retrospective", "retrospectives"),
    "handover": ("handover", "handovers"),
    "craft_card": ("craft card", "craft cards"),
}

#: Tables parents first, as the foreign keys order them (deleting goes the other way).
_ORDER = {model.__tablename__: index for index, model in enumerate(ALL_TABLES)}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Removal:
    """What a deletion takes: the record, and the rows that go with it, counted."""

    kind: str
    id: int
    label: str
    title: str
    along: tuple[str, ...]

    @property
    def name(self) -> str:
        """`alarm bell #3 “Homepage mock-up”`."""
        title = " ".join(self.title.split())
        if len(title) > 50:
            title = title[:49] + "…"
        return f"{self.label} #{self.id}" + (f" “{title}”" if title else "")

    def question(self, undo: str = "relay undo") -> str:
        """The confirmation: what is deleted, with what, and how to take it back (`undo`:
        the app's key or the command)."""
        text = f"Delete {self.name}?"
        if self.along:
            text += " With it go " + _listed(self.along) + "."
        return text + f" You can take it back afterwards with {undo}."

    def step(self) -> str:
        """The undo step, as `relay undo --list` names it."""
        with_it = f", with {_listed(self.along)}" if self.along else ""
        return f"{self.name} deleted{with_it}"

    def done(self, undo: str = "relay undo") -> str:
        """What was deleted, said afterwards, and how to take it back."""
        with_it = f", with {_listed(self.along)}" if self.along else ""
        return f"Deleted {self.name}{with_it}. Undo: {undo}."


def _listed(parts: tuple[str, ...]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def kind_of(kind: str) -> Kind:
    try:
        return KINDS[kind]
    except KeyError:
        raise InvalidInput(f"{kind!r} is not a kind of record relay deletes", "kind") from None


def _dependents(session: Session, row: Any) -> tuple[list[Any], list[tuple[Any, str]]]:
    """The rows that go with `row` (every level, children after their parents), and the
    rows that only lose their link to it (a SET NULL key: row, column)."""
    going: list[Any] = []
    unlinked: list[tuple[Any, str]] = []
    queue = [row]
    seen = {(row.__tablename__, row.id)}
    while queue:
        parent = queue.pop(0)
        table = parent.__table__
        for model in ALL_TABLES:
            for key in model.__table__.foreign_keys:  # type: ignore[attr-defined]
                if key.column.table is not table:
                    continue
                column = key.parent.name
                children = session.exec(
                    select(model).where(col(getattr(model, column)) == parent.id)  # type: ignore[attr-defined]
                ).all()
                for child in children:
                    ident = (child.__tablename__, _key(child))  # type: ignore[attr-defined]
                    if ident in seen:
                        continue
                    if key.ondelete == "SET NULL":
                        unlinked.append((child, column))
                        continue
                    seen.add(ident)
                    going.append(child)
                    queue.append(child)
    kept = [(child, column) for child, column in unlinked if not _going(child, going, row)]
    return going, kept


def _key(row: Any) -> Any:
    return row.id if hasattr(row, "id") else row.project_id


def _going(child: Any, going: list[Any], row: Any) -> bool:
    return child is row or any(other is child for other in going)


#: What `_plan` finds: the row, the question, the rows that go, the links to cut.
Plan = tuple[Any, Removal, list[Any], list[tuple[Any, str]]]


def _plan(session: Session, kind: str, record_id: int, version: int | None) -> Plan:
    spec = kind_of(kind)
    row = row_to_change(session, spec.model, record_id, version, spec.label)
    if isinstance(row, Validation):
        unlocked(row, "withdraw")
    going, unlinked = _dependents(session, row)
    counts = Counter(child.__tablename__ for child in going)
    along = tuple(
        f"{n} {_ALONG.get(table, (table, table))[0 if n == 1 else 1]}"
        for table, n in sorted(counts.items(), key=lambda item: _ORDER.get(item[0], 99))
    )
    title = str(getattr(row, spec.title) or "")
    if isinstance(row, TimeEntry):
        title = _time_title(row)
    removal = Removal(kind, record_id, spec.label, title, along)
    return row, removal, going, unlinked


def _time_title(row: TimeEntry) -> str:
    from relay_tui.domain.parsing import format_duration

    note = f", {row.note}" if row.note else ""
    return f"{format_duration(row.minutes)} on {row.spent_on:%d %b}{note}"


def preview(store: Store, kind: str, record_id: int) -> Removal:
    """What deleting the record would take with it, for the question asked first."""
    with store.read() as session:
        return _plan(session, kind, record_id, None)[1]


def delete_record(
    store: Store, kind: str, record_id: int, *, version: int | None = None
) -> Removal:
    """Delete the record of `kind` and everything that goes with it, in one step that undo
    takes back. Refused when it changed since `version` was read, and for a validated
    deliverable (it is locked until reopened)."""
    with store.write() as session:
        row, removal, going, unlinked = _plan(session, kind, record_id, version)
        for child, column in unlinked:
            setattr(child, column, None)
            session.add(child)
        session.flush()
        # Children first, a table at a time, so that no key points at a deleted row.
        for table in sorted({r.__tablename__ for r in going}, key=lambda t: -_ORDER.get(t, 0)):
            for child in going:
                if child.__tablename__ == table:
                    session.delete(child)
            session.flush()
        session.delete(row)
        session.flush()
        session.info["journal_summary"] = removal.step()
        return removal
