"""Noticing that another program wrote to the store, cheaply.

SQLite's `PRAGMA data_version` changes on a connection whenever another connection has
committed; polling it costs microseconds. A database server is asked for a cheap summary
instead: per table the screens show, its row count, newest id and the sum of the row
versions (every update raises a version, so an edit shows as well as an insert or a
delete). A server that cannot be reached raises `StoreError`.
"""

from __future__ import annotations

import sqlite3

from relay_tui.db import Store, sqlite_connect
from relay_tui.errors import StoreError
from relay_tui.server_errors import explain_server_error

#: The tables whose changes the open screens show, with their key.
WATCHED = (
    ("client", "id"),
    ("project", "id"),
    ("contact", "id"),
    ("deadline", "id"),
    ("risk", "id"),
    ("validation", "id"),
    ("change_request", "id"),
    ("stakeholder", "id"),
    ("commitment", "id"),
    ("time_entry", "id"),
    ("incident", "id"),
    ("lesson", "id"),
    ("retrospective", "project_id"),
    ("handover", "project_id"),
)


class StoreWatch:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn: sqlite3.Connection | None = None
        if store.location.is_sqlite and store.location.path is not None:
            self._conn = sqlite_connect(store.location.path)
        try:
            self._last: object = self._version()
        except StoreError:
            self._last = None  # unreachable now: the first poll that answers refreshes

    def _version(self) -> object:
        if self._conn is not None:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        import sqlalchemy as sa
        from sqlalchemy.exc import DBAPIError

        summary = " UNION ALL ".join(
            f"SELECT '{table}', count(*), coalesce(max({key}), 0), coalesce(sum(version), 0) "
            f"FROM {table}"
            for table, key in WATCHED
        )
        try:
            with self.store.engine.connect() as connection:
                return tuple(tuple(row) for row in connection.execute(sa.text(summary)))
        except DBAPIError as exc:
            raise explain_server_error(exc.orig or exc, self.store.location) from None

    def changed(self) -> bool:
        """True once after each commit made through another connection."""
        current = self._version()
        if current != self._last:
            self._last = current
            return True
        return False

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
