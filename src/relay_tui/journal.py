"""The undo journal: every change made through a store's session, as it can be taken back.

A write session records, in one place (ORM events, as `relay_tui.audit` stamps who),
what each row it changed was before and the version it left it at: an `UndoStep` row,
written in the same transaction. `services.undo` takes the last step of a user back, and
refuses when a row has changed since (someone else's edit is never overwritten).

`relay capture`'s fast path writes its step itself (`fastcapture._journal`, proved the
same by a test); `relay import json` is not journaled (it fills an empty store). A write
that should not be undone sets `info["journal"] = False` on its session (the undo
itself), or its store's `journaling` to False (the sample data). A write that knows
better how to name its step than "its first row and N more changes" (a project deleted
with its contacts) sets `info["journal_summary"]`.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from relay_tui import interrupts
from relay_tui.i18n import tr, trn
from relay_tui.models import Audited, UndoStep
from relay_tui.terms import UNDO_STEPS_KEPT

#: How many steps each user can take back (older ones are forgotten).
KEEP_STEPS = UNDO_STEPS_KEPT

_installed = False


def _encoded(value: Any) -> Any:
    """A column value as JSON holds it (dates and times tagged, to be read back)."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    return value


def decoded(value: Any) -> Any:
    """A column value read back from the journal's JSON."""
    if isinstance(value, dict):
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$date" in value:
            return date.fromisoformat(value["$date"])
        if "$time" in value:
            return time.fromisoformat(value["$time"])
    return value


def _image(row: Audited, *, before: bool) -> dict[str, Any]:
    """The row's columns (as before this flush when `before`)."""
    state = inspect(row)
    image = {}
    for column in state.mapper.column_attrs:
        key = column.key
        if before and key in state.committed_state:
            value = state.committed_state[key]
        else:
            value = getattr(row, key)
        image[key] = _encoded(value)
    return image


def _primary_key(row: Audited) -> int:
    return inspect(row).mapper.primary_key_from_instance(row)[0]  # type: ignore[no-any-return]


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("journal") is False or "user" not in session.info:
        return
    entries = session.info.setdefault("journal_entries", {})
    for row in session.dirty:
        if isinstance(row, Audited) and session.is_modified(row, include_collections=False):
            key = (row.__tablename__, _primary_key(row))
            entries.setdefault(key, {"before": _image(row, before=True)})
    for row in session.deleted:
        if isinstance(row, Audited):
            key = (row.__tablename__, _primary_key(row))
            entries.setdefault(key, {"before": _image(row, before=True)})["deleted"] = True


def _after_flush(session: Session, _context: Any) -> None:
    if session.info.get("journal") is False or "user" not in session.info:
        return
    entries = session.info.setdefault("journal_entries", {})
    for row in session.new:
        if isinstance(row, Audited):
            entries.setdefault((row.__tablename__, _primary_key(row)), {"before": None})
    for row in (*session.new, *session.dirty):
        if isinstance(row, Audited):
            key = (row.__tablename__, _primary_key(row))
            if key in entries:
                entries[key]["version"] = row.version


def _before_commit(session: Session) -> None:
    if session.info.get("journal") is False or "user" not in session.info:
        return
    session.flush()  # what is still pending is journaled too
    entries = session.info.pop("journal_entries", None)
    if not entries:
        return
    rows = [
        {
            "table": table,
            "id": key,
            "before": entry["before"],
            "version": None if entry.get("deleted") else entry.get("version"),
        }
        for (table, key), entry in entries.items()
        if not (entry["before"] is None and entry.get("deleted"))  # made and removed
    ]
    if not rows:
        return
    who = session.info["user"]
    summary = session.info.pop("journal_summary", None) or summary_of(rows)
    session.add(UndoStep(by=who, summary=summary, rows=json.dumps(rows)))
    _forget_old_steps(session, who)


def summary_of(rows: list[dict[str, Any]]) -> str:
    """`alarm bell #3 edited`, `contact #12 added and 1 more change`: a step as a person
    names it."""
    first = rows[0]
    record = interrupts.record_name(first["table"], first["id"])
    more = len(rows) - 1
    if first["before"] is None:
        if more:
            return trn(
                "{record} added and {n} more change",
                "{record} added and {n} more changes",
                more,
                record=record,
            )
        return tr("{record} added", record=record)
    if first["version"] is None:
        if more:
            return trn(
                "{record} deleted and {n} more change",
                "{record} deleted and {n} more changes",
                more,
                record=record,
            )
        return tr("{record} deleted", record=record)
    if more:
        return trn(
            "{record} edited and {n} more change",
            "{record} edited and {n} more changes",
            more,
            record=record,
        )
    return tr("{record} edited", record=record)


def _forget_old_steps(session: Session, who: str) -> None:
    from sqlmodel import col, delete, select

    keep = (
        select(UndoStep.id)
        .where(UndoStep.by == who)
        .order_by(col(UndoStep.id).desc())
        .limit(KEEP_STEPS)
        .scalar_subquery()
    )
    session.execute(delete(UndoStep).where(col(UndoStep.by) == who, col(UndoStep.id).not_in(keep)))


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    global _installed
    if not _installed:
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "before_commit", _before_commit)
        _installed = True
