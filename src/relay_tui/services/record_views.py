"""The read model of `relay … edit` and `relay … delete`: a record's fields in words,
read before and after the correction, so that the command says what changed
(`Shown.changes`), and a client or project looked up by id or name.

The edit services return the row they wrote, not what it was before. So the record is
read here, in one read session, into a plain view (no ORM row leaves this module), and
the correction is made at the version read: what is printed is exactly the change made,
and a record someone changed in between is refused by the service, not overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from relay_tui.display import clock, local_stamp, short_date
from relay_tui.domain.parsing import format_duration
from relay_tui.domain.rules import is_digits, parse_id
from relay_tui.errors import InvalidInput, quoted
from relay_tui.i18n import tr, trn, trp

if TYPE_CHECKING:
    from relay_tui.db import Store

#: Fields as words: (name, value), the name being the option that changes it.
Fields = list[tuple[str, str]]


@dataclass(frozen=True)
class Shown:
    """A record as the command line names it, and its fields in words."""

    kind: str  # as the commands name it: contact, time, deadline…
    label: str  # as people name it: contact, time entry, alarm bell… (English, N_)
    id: int
    version: int
    fields: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        """`Alarm bell #3` (in the language being written)."""
        label = tr(self.label)
        return tr("{label} #{id}", label=label[:1].upper() + label[1:], id=self.id)

    def changes(self, after: Shown) -> list[str]:
        """`channel email → phone`, for each field `after` shows otherwise."""
        before = dict(self.fields)
        return [
            tr(
                "{field} {before} → {after}",
                field=field,
                before=before.get(field, _none()),
                after=value,
            )
            for field, value in after.fields
            if before.get(field) != value
        ]


def record_ref(text: str, kind: str) -> str:
    """A client or a project as typed: an id (`12`, `#12`) or a name, never empty (an
    empty one would mean "the only active project" to the name lookup)."""
    ref = text.strip()
    if ref.startswith("#") and is_digits(ref[1:]):
        ref = ref[1:]
    if not ref:
        if kind == "client":
            raise InvalidInput(tr("needs the client's id or name"), "id")
        raise InvalidInput(tr("needs the project's id or name"), "id")
    return ref


def record_id(store: Store, kind: str, ref: str) -> int:
    """The id of the client or project `ref` names (an id, or a name as elsewhere)."""
    with store.read() as session:
        return _named(session, kind, ref).id  # type: ignore[no-any-return]


def shown(store: Store, kind: str, ref: str | int) -> Shown | None:
    """The record of `kind` that `ref` names, in words; None when there is no record
    with that id (the edit service then says so, in its own words)."""
    from relay_tui.services.removal import kind_of

    spec = kind_of(kind)
    with store.read() as session:
        if kind in _NAMED:
            row = _named(session, kind, str(ref))
        else:
            row = session.get(spec.model, parse_id(ref, "id"))
        if row is None:
            return None
        fields = tuple(_FIELDS[kind](session, row))
        return Shown(kind, spec.label, row.id, row.version, fields)


_NAMED = ("client", "project")


def _named(session: Any, kind: str, ref: str) -> Any:
    from relay_tui.services.common import get_client, get_project

    ref = record_ref(ref, kind)
    return get_client(session, ref) if kind == "client" else get_project(session, ref)


def _none() -> str:
    """A field with no value (the field names are the options, never translated)."""
    return trp("no value", "none")


def _text(value: str | None) -> str:
    return tr("“{text}”", text=quoted(value, 40)) if value else _none()


def _day(value: Any) -> str:
    return short_date(value) if value else _none()


def _yes(value: bool) -> str:
    return trp("answer", "yes") if value else trp("answer", "no")


def _project_name(session: Any, project_id: int) -> str:
    from relay_tui.models import Project

    project = session.get(Project, project_id)
    return _text(project.name if project else f"#{project_id}")


def _contact(session: Any, row: Any) -> Fields:
    return [
        ("project", _project_name(session, row.project_id)),
        ("text", _text(row.summary)),
        ("channel", str(row.channel)),
        ("direction", str(row.direction)),
        ("awaiting", _yes(row.awaiting_reply)),
        ("at", local_stamp(row.at)),
    ]


def _time(session: Any, row: Any) -> Fields:
    return [
        ("project", _project_name(session, row.project_id)),
        ("duration", format_duration(row.minutes)),
        ("on", _day(row.spent_on)),
        ("category", str(row.category)),
        ("note", _text(row.note)),
    ]


def _deadline(_session: Any, row: Any) -> Fields:
    due = _day(row.due_on)
    if row.due_time:
        due = tr("{date} {time}", date=due, time=clock(row.due_time))
    return [
        ("title", _text(row.title)),
        ("due", due),
        ("kind", str(row.kind)),
        ("owner", str(row.owner)),
        ("margin", tr("{days} d", days=row.margin_days)),
        ("after", f"#{row.after_id}" if row.after_id else _none()),
    ]


def _validation(_session: Any, row: Any) -> Fields:
    return [("deliverable", _text(row.deliverable)), ("on", _day(row.requested_on))]


def _risk(_session: Any, row: Any) -> Fields:
    return [
        ("title", _text(row.title)),
        ("probability", str(row.probability)),
        ("impact", str(row.impact)),
        ("category", str(row.category)),
        ("mitigation", _text(row.mitigation)),
        ("owner", _text(row.owner)),
        ("review", _day(row.review_on)),
        ("status", str(row.status)),
    ]


def _incident(_session: Any, row: Any) -> Fields:
    return [
        ("title", _text(row.title)),
        ("on", _day(row.occurred_on)),
        ("facts", _text(row.facts)),
        ("contract", _text(row.contract_says)),
        ("next", _text(row.next_step)),
        ("for-client", _text(row.for_client)),
        ("for-me", _text(row.for_me)),
        ("proposal", _text(row.proposal)),
        ("blamed", _yes(row.blamed)),
        ("status", str(row.status)),
    ]


def _client(_session: Any, row: Any) -> Fields:
    return [
        ("name", _text(row.name)),
        ("org", _text(row.organisation)),
        ("email", _text(row.email)),
        ("phone", _text(row.phone)),
        ("channel", str(row.channel) if row.channel else _none()),
        ("notes", _text(row.notes)),
    ]


def _project(session: Any, row: Any) -> Fields:
    from relay_tui.models import Client

    client = session.get(Client, row.client_id)
    budget = row.budget_minutes
    return [
        ("name", _text(row.name)),
        ("client", _text(client.name if client else f"#{row.client_id}")),
        ("kind", str(row.kind)),
        ("start", _day(row.start_on)),
        ("delivery", _day(row.delivery_on)),
        ("budget", format_duration(budget) if budget else _none()),
        (
            "chase delay",
            trn("{n} working day", "{n} working days", row.chase_delay_days),
        ),
    ]


_FIELDS: dict[str, Callable[[Any, Any], Fields]] = {
    "contact": _contact,
    "time": _time,
    "deadline": _deadline,
    "validation": _validation,
    "risk": _risk,
    "incident": _incident,
    "client": _client,
    "project": _project,
}
