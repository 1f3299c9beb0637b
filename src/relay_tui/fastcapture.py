"""`relay capture` on a SQLite store, without SQLAlchemy, SQLModel, pydantic or Textual.

It applies the same rules as `services.contacts.capture` (they live in
`relay_tui.domain.rules` and `relay_tui.domain.parsing`) and writes the same row; a
test compares the two. A store that is missing or not yet current is first brought up
to date through the full path.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from relay_tui import interrupts, project_lookup
from relay_tui.backup_due import before_write
from relay_tui.db import connect_current, explain_sqlite_error
from relay_tui.domain import rules
from relay_tui.domain.parsing import ParseError, db_timestamp, parse_when
from relay_tui.errors import InvalidInput
from relay_tui.terms import (
    CHANNELS,
    DEFAULT_CHANNEL,
    DIRECTIONS,
    SUMMARY_MAX,
    UNDO_STEPS_KEPT,
)
from relay_tui.who import current_user

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Callable


#: The statements of a capture, with `?` marks (`project_lookup.for_server` makes them
#: psycopg's): the same on both kinds of store.
INSERT_CONTACT = (
    "INSERT INTO contact (project_id, at, channel, direction, summary, "
    "awaiting_reply, is_chase, created_at, created_by, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_UNDO_STEP = "INSERT INTO undo_step (at, by, summary, rows) VALUES (?, ?, ?, ?)"
#: The steps of a user beyond the newest UNDO_STEPS_KEPT are forgotten.
FORGET_OLD_STEPS = (
    "DELETE FROM undo_step WHERE by = ? AND id NOT IN "
    "(SELECT id FROM undo_step WHERE by = ? ORDER BY id DESC LIMIT ?)"
)


class Captured:
    """What was written (a plain class: the dataclasses import costs 10 ms)."""

    __slots__ = ("at", "awaiting_reply", "channel", "direction", "id", "project_id", "project_name")

    def __init__(
        self,
        id: int,
        project_id: int,
        project_name: str,
        at: datetime,
        channel: str,
        direction: str,
        awaiting_reply: bool,
    ) -> None:
        self.id = id
        self.project_id = project_id
        self.project_name = project_name
        self.at = at
        self.channel = channel
        self.direction = direction
        self.awaiting_reply = awaiting_reply


def capture(
    path: Path,
    *,
    text: str,
    project: str | None = None,
    channel: str | None = None,
    direction: str = "out",
    awaiting: bool = False,
    at: str | None = None,
    now: datetime | None = None,
    on_backup: Callable[[Path], None] | None = None,
    user: str | None = None,
) -> Captured:
    """Write one contact. A store that needs an upgrade is copied first, and the copy is
    reported through `on_backup` (as `db.open_store` does for every other command)."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    who = current_user(user)
    summary, channel_value, direction_value, moment = checked(
        text, channel, direction, awaiting, at, now
    )

    conn = connect_current(path, on_backup=on_backup)
    try:
        before_write(path, source=conn)  # today's checked backup first (relay_tui.backups)
        conn.execute("BEGIN IMMEDIATE")
        try:
            chosen = project_lookup.resolve(conn, project)  # only the matching rows
            cursor = conn.execute(
                INSERT_CONTACT,
                (
                    chosen.id,
                    db_timestamp(moment),
                    channel_value,
                    direction_value,
                    summary,
                    1 if awaiting else 0,
                    0,
                    db_timestamp(now),
                    who,
                    who,
                ),
            )
            new_id = cursor.lastrowid
            _journal(conn, new_id, who, now)
            with interrupts.held():  # Ctrl+C: "contact #N was saved", if it was
                conn.execute("COMMIT")
                interrupts.saved(interrupts.record_name("contact", new_id))
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise explain_sqlite_error(exc, path) from None
    finally:
        conn.close()
    assert new_id is not None
    return Captured(
        id=new_id,
        project_id=chosen.id,
        project_name=chosen.name,
        at=moment,
        channel=channel_value,
        direction=direction_value,
        awaiting_reply=awaiting,
    )


def _journal(conn: sqlite3.Connection, contact_id: int | None, who: str, now: datetime) -> None:
    """The undo step of the capture, as `relay_tui.journal` writes it for the services
    (which this path does not import: SQLAlchemy): "contact #N added". A test proves both
    write the same step."""
    summary, rows = undo_step(contact_id)
    conn.execute(INSERT_UNDO_STEP, (db_timestamp(now), who, summary, rows))
    conn.execute(FORGET_OLD_STEPS, (who, who, UNDO_STEPS_KEPT))


def undo_step(contact_id: int | None) -> tuple[str, str]:
    """The summary and the rows of the undo step of a capture (`relay_tui.journal`)."""
    summary = f"{interrupts.record_name('contact', contact_id)} added"
    rows = f'[{{"table": "contact", "id": {int(contact_id or 0)}, "before": null, "version": 1}}]'
    return summary, rows


def checked(
    text: str,
    channel: str | None,
    direction: str,
    awaiting: bool,
    at: str | None,
    now: datetime,
) -> tuple[str, str, str, datetime]:
    """The capture's values as the services check them: summary, channel, direction
    and when (InvalidInput naming the field otherwise)."""
    summary = rules.clean_text(text, "text", SUMMARY_MAX)
    channel_value = rules.check_choice(channel or DEFAULT_CHANNEL, "channel", CHANNELS)
    direction_value = rules.check_choice(direction, "direction", DIRECTIONS)
    if at is None or not at.strip():
        moment = now
    else:
        try:
            moment = parse_when(at, now)
        except ParseError as exc:
            raise InvalidInput(str(exc), "at") from None
        rules.check_not_future(moment, now, "at")
    rules.check_awaiting(direction_value, awaiting)
    return summary, channel_value, direction_value, moment
