"""Searching the contact log on SQLite: its full-text index read through the plain
DB-API connection, the rows turned straight into `ContactView`s (no ORM objects).

Speed is the reason for this hand-written path (a million contacts): a word that few
contacts hold is looked up in the index and its contacts sorted (a handful of rows); a
word that many hold is found by walking the contacts newest first, a batch at a time,
and asking the index only about each batch's range of ids (contacts are mostly recorded
in the order they happen, so a batch's ids are close), until the page is full. Either way
a search reads about as many rows as it shows, whether the word is common, rare or found
nowhere. `search_contacts` (services.contacts) sends the other stores its own way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

#: Fewer matches than this: they are looked up one by one and sorted; more: the newest
#: contacts are walked (`_walked`). Either way, well under the target of 50 ms.
SPARSE = 4000
#: The first batch of contacts walked; each next one twice as large, up to `LARGEST`.
FIRST_BATCH = 1000
LARGEST = 20000

_MATCHES = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?"
_COLUMNS = (
    "contact.id, contact.project_id, project.name, contact.at, contact.channel, "
    "contact.direction, contact.summary, contact.awaiting_reply, contact.is_chase, "
    "contact.created_by, contact.version"
)


def fts_query(text: str) -> str:
    """The words of `text` as an FTS5 query: each a quoted prefix, all required."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"*' for w in words)


def _where(project_id: int | None) -> tuple[str, list[Any]]:
    if project_id is None:
        return "", []
    return "contact.project_id = ? AND ", [project_id]


def _looked_up(
    conn: sqlite3.Connection, match: str, project_id: int | None, limit: int, *, sparse: bool
) -> list[int]:
    """The newest matches: few, read one by one and sorted; or, in one project, all of
    them kept while walking the project's contacts newest first (`+ 0` keeps SQLite from
    looking each match up and sorting them all)."""
    where, args = _where(project_id)
    plus = "" if sparse else " + 0"
    rows = conn.execute(
        f"SELECT contact.id FROM contact WHERE {where}contact.id{plus} IN ({_MATCHES}) "
        "ORDER BY contact.at DESC, contact.id DESC LIMIT ?",
        [*args, match, limit],
    )
    return [cid for (cid,) in rows]


def _batches(conn: sqlite3.Connection) -> Iterator[list[int]]:
    """The ids of the contacts, newest first, a growing batch at a time."""
    size, after = FIRST_BATCH, None
    while True:
        keyset = (
            "" if after is None else "(contact.at < ? OR (contact.at = ? AND contact.id < ?)) AND "
        )
        rows = conn.execute(
            f"SELECT contact.at, contact.id FROM contact WHERE {keyset}1 = 1 "
            "ORDER BY contact.at DESC, contact.id DESC LIMIT ?",
            [*(() if after is None else (after[0], after[0], after[1])), size],
        ).fetchall()
        if not rows:
            return
        yield [cid for _, cid in rows]
        after, size = rows[-1], min(size * 2, LARGEST)


def _walked(conn: sqlite3.Connection, match: str, limit: int) -> list[int]:
    """The newest matches of a common word: each batch of newest contacts kept where the
    index holds the word in the batch's range of ids."""
    found: list[int] = []
    for ids in _batches(conn):
        hits = {
            rowid
            for (rowid,) in conn.execute(
                f"{_MATCHES} AND rowid BETWEEN ? AND ?", (match, min(ids), max(ids))
            )
        }
        found += [cid for cid in ids if cid in hits]
        if len(found) >= limit:
            break
    return found[:limit]


def matching_ids(
    conn: sqlite3.Connection, match: str, project_id: int | None, limit: int
) -> list[int]:
    """The ids of the contacts that hold every word of `match` (an FTS5 query), newest
    first (by `at`, then id), at most `limit`."""
    (many,) = conn.execute(f"SELECT count(*) FROM ({_MATCHES} LIMIT {SPARSE})", (match,)).fetchone()
    if many < SPARSE or project_id is not None:
        # A project's contacts span every id: asking the index about their range would
        # read most of it, so the project's own contacts are walked instead.
        return _looked_up(conn, match, project_id, limit, sparse=many < SPARSE)
    return _walked(conn, match, limit)


def contact_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The rows of the contacts `ids`, in that order, each with its project's name and
    the project's last inbound contact (None if none): see `contacts.plain_view`."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = {
        row[0]: row
        for row in conn.execute(
            f"SELECT {_COLUMNS} FROM contact JOIN project ON project.id = contact.project_id "
            f"WHERE contact.id IN ({marks})",
            list(ids),
        )
    }
    projects = sorted({row[1] for row in rows.values()})
    inbound = dict(
        conn.execute(
            "SELECT project_id, max(at) FROM contact WHERE direction = 'in' "
            f"AND project_id IN ({', '.join('?' * len(projects))}) GROUP BY project_id",
            projects,
        ).fetchall()
    )
    return [(*rows[cid], inbound.get(rows[cid][1])) for cid in ids if cid in rows]
