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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from relay_tui.db import Store
from relay_tui.display import day_month
from relay_tui.errors import InvalidInput
from relay_tui.i18n import N_, tr, trn
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
    label: str  # marked with N_, translated where it is shown
    title: str


#: Every kind a user deletes, by the noun the command line uses (`relay contact delete`).
KINDS: dict[str, Kind] = {
    "client": Kind(Client, N_("client"), "name"),
    "project": Kind(Project, N_("project"), "name"),
    "contact": Kind(Contact, N_("contact"), "summary"),
    "time": Kind(TimeEntry, N_("time entry"), "note"),
    "deadline": Kind(Deadline, N_("alarm bell"), "title"),
    "validation": Kind(Validation, N_("validation request"), "deliverable"),
    "risk": Kind(Risk, N_("risk"), "title"),
    "commitment": Kind(Commitment, N_("commitment"), "text"),
    "actor": Kind(Stakeholder, N_("key actor"), "name"),
    "incident": Kind(Incident, N_("incident"), "title"),
    "lesson": Kind(Lesson, N_("lesson"), "text"),
}

#: How the rows that go along are counted in the question (table → "3 contacts"), in the
#: language being written (a function each: the count chooses the form).
_ALONG: dict[str, Callable[[int], str]] = {
    "project": lambda n: trn("{n} project", "{n} projects", n),
    "contact": lambda n: trn("{n} contact", "{n} contacts", n),
    "deadline": lambda n: trn("{n} alarm bell", "{n} alarm bells", n),
    "validation": lambda n: trn("{n} validation request", "{n} validation requests", n),
    "change_request": lambda n: trn("{n} change request", "{n} change requests", n),
    "time_entry": lambda n: trn("{n} time entry", "{n} time entries", n),
    "risk": lambda n: trn("{n} risk", "{n} risks", n),
    "commitment": lambda n: trn("{n} commitment", "{n} commitments", n),
    "stakeholder": lambda n: trn("{n} key actor", "{n} key actors", n),
    "incident": lambda n: trn("{n} incident", "{n} incidents", n),
    "lesson": lambda n: trn("{n} lesson", "{n} lessons", n),
    "profile": lambda n: trn("{n} client profile", "{n} client profiles", n),
    "self_assessment": lambda n: trn("{n} self-assessment", "{n} self-assessments", n),
    "retrospective": lambda n: trn("{n} retrospective", "{n} retrospectives", n),
    "handover": lambda n: trn("{n} handover", "{n} handovers", n),
    "craft_card": lambda n: trn("{n} craft card", "{n} craft cards", n),
    "sent_report": lambda n: trn("{n} sent report", "{n} sent reports", n),
    "dismissed_card": lambda n: trn("{n} dismissed posture card", "{n} dismissed posture cards", n),
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
        if title:
            return tr("{label} #{id} “{title}”", label=tr(self.label), id=self.id, title=title)
        return tr("{label} #{id}", label=tr(self.label), id=self.id)

    def question(self, undo: str = "relay undo") -> str:
        """The confirmation: what is deleted, with what, and how to take it back (`undo`:
        the app's key or the command)."""
        if self.along:
            return tr(
                "Delete {record}? With it go {along}. You can take it back afterwards with {undo}.",
                record=self.name,
                along=_listed(self.along),
                undo=undo,
            )
        return tr(
            "Delete {record}? You can take it back afterwards with {undo}.",
            record=self.name,
            undo=undo,
        )

    def step(self) -> str:
        """The undo step, as `relay undo --list` names it."""
        if self.along:
            return tr("{record} deleted, with {along}", record=self.name, along=_listed(self.along))
        return tr("{record} deleted", record=self.name)

    def done(self, undo: str = "relay undo") -> str:
        """What was deleted, said afterwards, and how to take it back."""
        if self.along:
            return tr(
                "Deleted {record}, with {along}. Undo: {undo}.",
                record=self.name,
                along=_listed(self.along),
                undo=undo,
            )
        return tr("Deleted {record}. Undo: {undo}.", record=self.name, undo=undo)


def _listed(parts: tuple[str, ...]) -> str:
    """`a`, `a and b`, `a, b and c` (in the language being written)."""
    if len(parts) == 1:
        return parts[0]
    return tr("{items} and {last}", items=", ".join(parts[:-1]), last=parts[-1])


def kind_of(kind: str) -> Kind:
    try:
        return KINDS[kind]
    except KeyError:
        raise InvalidInput(
            tr("{kind} is not a kind of record relay deletes", kind=repr(kind)), "kind"
        ) from None


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
        _counted(table, n)
        for table, n in sorted(counts.items(), key=lambda item: _ORDER.get(item[0], 99))
    )
    title = str(getattr(row, spec.title) or "")
    if isinstance(row, TimeEntry):
        title = _time_title(row)
    removal = Removal(kind, record_id, spec.label, title, along)
    return row, removal, going, unlinked


def _counted(table: str, n: int) -> str:
    """`3 contacts`: the rows of `table` that go along (a table relay does not name: its
    name)."""
    count = _ALONG.get(table)
    return count(n) if count is not None else f"{n} {table}"


def _time_title(row: TimeEntry) -> str:
    from relay_tui.domain.parsing import format_duration

    fields = {"duration": format_duration(row.minutes), "day": day_month(row.spent_on)}
    if row.note:
        return tr("{duration} on {day}, {note}", note=row.note, **fields)
    return tr("{duration} on {day}", **fields)


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
