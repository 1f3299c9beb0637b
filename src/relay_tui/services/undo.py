"""Undo: take back the last change a user made (`relay undo`, `u` in the app).

Each write is journaled as one step (`relay_tui.journal`). Undoing a step puts every row
it touched back as it was: an edited row gets its old values, a deleted row comes back
with its id, an added row goes. A step is refused, and nothing is written, when a row
has changed since (someone else's edit, or a later one of yours to take back first).
On a shared store each person takes back only their own steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import inspect, update
from sqlmodel import col, select

from relay_tui.db import Store
from relay_tui.errors import Conflict, InvalidInput, NotFound
from relay_tui.i18n import tr
from relay_tui.journal import decoded
from relay_tui.models import ALL_TABLES, UndoStep
from relay_tui.services.common import now_utc
from relay_tui.terms import UNDO_STEPS_KEPT

_MODELS = {model.__tablename__: model for model in ALL_TABLES}  # type: ignore[attr-defined]
#: Tables parents first (ALL_TABLES is in the order of their foreign keys).
_ORDER = {name: index for index, name in enumerate(_MODELS)}
#: Columns an undo never writes back: who made the row, and its version (the store
#: moves it on, so that a screen showing the row before the undo is refused).
_KEPT = {"version", "created_by", "updated_by"}


@dataclass(frozen=True)
class StepView:
    id: int
    at: datetime
    summary: str


def steps(store: Store, *, limit: int = 20) -> list[StepView]:
    """The steps the current user can take back, newest first (at most `limit`, from 1 to
    the number kept)."""
    if isinstance(limit, bool) or not 1 <= limit <= UNDO_STEPS_KEPT:
        raise InvalidInput(
            tr("must be from 1 to {most} (got {limit})", most=UNDO_STEPS_KEPT, limit=limit),
            "limit",
        )
    with store.read() as session:
        rows = session.exec(
            select(UndoStep)
            .where(UndoStep.by == store.who(), col(UndoStep.undone_at).is_(None))
            .order_by(col(UndoStep.id).desc())
            .limit(limit)
        ).all()
        return [StepView(row.id, row.at, row.summary) for row in rows]  # type: ignore[arg-type]


def undo_last(store: Store, *, now: datetime | None = None) -> StepView:
    """Take back the current user's last step; refused (Conflict) if a row it touched has
    changed since, NotFound when there is nothing to take back."""
    with store.write() as session:
        session.info["journal"] = False  # an undo is not itself a step to undo
        step = session.exec(
            select(UndoStep)
            .where(UndoStep.by == store.who(), col(UndoStep.undone_at).is_(None))
            .order_by(col(UndoStep.id).desc())
            .limit(1)
        ).first()
        if step is None:
            raise NotFound(tr("nothing to undo"), "undo")
        moved: dict[tuple[str, Any], tuple[int, int]] = {}
        for entry in in_safe_order(json.loads(step.rows)):
            new_version = _put_back(session, entry, step.summary)
            if new_version is not None:
                moved[(entry["table"], entry["id"])] = (entry["before"]["version"], new_version)
        _carry_versions(session, store.who(), step.id, moved)  # type: ignore[arg-type]
        step.undone_at = now_utc(now)
        session.add(step)
        return StepView(step.id, step.at, step.summary)  # type: ignore[arg-type]


def in_safe_order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The order to take a step's rows back in, so that no foreign key ever points at a
    missing row: deleted rows come back parents first (and, within a table that points
    at itself, an alarm bell before the ones that depend on it), then edits are undone,
    then added rows go, children first."""
    restored = [e for e in entries if e["before"] is not None and e["version"] is None]
    edited = [e for e in entries if e["before"] is not None and e["version"] is not None]
    added = [e for e in entries if e["before"] is None]
    restored.sort(key=lambda e: _ORDER.get(e["table"], len(_ORDER)))
    added.sort(key=lambda e: -_ORDER.get(e["table"], len(_ORDER)))
    return [*_links_first(restored), *reversed(edited), *added]


def _links_first(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entries` (sorted by table), each row after the rows of its own table it points
    at (a self-referencing key, such as an alarm bell's `after_id`)."""
    ordered: list[dict[str, Any]] = []
    pending = list(entries)
    while pending:
        waiting = {(e["table"], e["id"]) for e in pending}
        ready = [e for e in pending if not any((e["table"], v) in waiting for v in _self_links(e))]
        if not ready:  # a loop cannot be stored; keep the order rather than stop
            ready = pending[:1]
        chosen = ready[0]
        ordered.append(chosen)
        pending.remove(chosen)
    return ordered


def _self_links(entry: dict[str, Any]) -> list[Any]:
    model = _MODELS.get(entry["table"])
    if model is None:
        return []
    table = model.__table__
    return [
        entry["before"].get(key.parent.name)
        for key in table.foreign_keys
        if key.column.table is table and entry["before"].get(key.parent.name) is not None
    ]


def _put_back(session: Any, entry: dict[str, Any], summary: str) -> int | None:
    """Take one row of the step back; the version the row is at now (None: it is gone)."""
    model = _MODELS.get(entry["table"])
    if model is None:
        raise Conflict(
            tr("cannot undo {step}: the journal names an unknown table", step=summary), "undo"
        )
    row = session.get(model, entry["id"])
    before = entry["before"]
    if entry["version"] is None:  # the step deleted it: it comes back
        if row is not None:
            raise Conflict(tr("cannot undo {step}: the record exists again", step=summary), "undo")
        values = {key: decoded(value) for key, value in before.items()}
        row = model(**values)
        session.add(row)
        session.flush()
        # The ORM numbers a new row's version 1; it comes back one past the version it
        # was deleted at, so that a screen still showing it as it was is refused.
        again = before["version"] + 1
        key = inspect(model).primary_key[0]
        session.execute(update(model).where(key == entry["id"]).values(version=again))
        session.expire(row)
        return again
    if row is None or row.version != entry["version"]:
        if row is None:
            message = tr(
                "cannot undo {step}: the record was deleted since; nothing was undone",
                step=summary,
            )
        elif row.updated_by:
            message = tr(
                "cannot undo {step}: the record was changed since by {who}; nothing was undone",
                step=summary,
                who=row.updated_by,
            )
        else:
            message = tr(
                "cannot undo {step}: the record was changed since; nothing was undone",
                step=summary,
            )
        raise Conflict(message, "undo")
    if before is None:  # the step added it: it goes
        session.delete(row)
        session.flush()
        return None
    for key, value in before.items():
        if key not in _KEPT:
            setattr(row, key, decoded(value))
    session.add(row)
    session.flush()
    return row.version  # type: ignore[no-any-return]


def _carry_versions(
    session: Any, who: str, step_id: int, moved: dict[tuple[str, Any], tuple[int, int]]
) -> None:
    """The earlier steps that left a row at the version this undo took it back from now
    expect the version it is at, so that they can be taken back in turn (two edits of
    one record, undone one after the other)."""
    if not moved:
        return
    earlier = session.exec(
        select(UndoStep).where(
            UndoStep.by == who, col(UndoStep.undone_at).is_(None), col(UndoStep.id) < step_id
        )
    ).all()
    for step in earlier:
        entries = json.loads(step.rows)
        changed = False
        for entry in entries:
            versions = moved.get((entry["table"], entry["id"]))
            if versions is not None and entry["version"] == versions[0]:
                entry["version"] = versions[1]
                changed = True
        if changed:
            step.rows = json.dumps(entries)
            session.add(step)
