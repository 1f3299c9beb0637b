"""Noticing that another program wrote to the store, cheaply.

SQLite's `PRAGMA data_version` changes on a connection whenever another connection has
committed; polling it costs microseconds. Other databases fall back to a cheap summary
query (row counts and the newest ids of the tables the screens show).
"""

from __future__ import annotations

import sqlite3

from relay_tui.db import Store, sqlite_connect


class StoreWatch:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn: sqlite3.Connection | None = None
        if store.location.is_sqlite and store.location.path is not None:
            self._conn = sqlite_connect(store.location.path)
        self._last = self._version()

    def _version(self) -> object:
        if self._conn is not None:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        import sqlalchemy as sa

        with self.store.engine.connect() as connection:
            return tuple(
                connection.execute(
                    sa.text(f"SELECT count(*), coalesce(max(id), 0) FROM {table}")
                ).one()
                for table in ("contact", "project", "deadline", "risk", "client")
            )

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
