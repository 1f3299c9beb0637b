"""Is today's automatic backup of a SQLite store due? Asked before every write.

Light on purpose, `relay capture` imports it: the answer costs one `stat` when the day's
backup is there (nearly always); `relay_tui.backups`, which makes it, is imported only
when it is due. The backups of `relay.db` are in `relay.db-backups/`, one a day,
`2026-12-05.db` (see `relay_tui.backups`).
"""

from __future__ import annotations

import os
from datetime import date

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

FOLDER_SUFFIX = "-backups"

#: Stores that get no automatic backup: the temporary `--demo` store (sample data thrown
#: away at the end: copies of it would only fill the disk).
NO_AUTOMATIC: set[Path] = set()


def no_automatic_backup(path: Path) -> None:
    """Never make automatic backups of the store at `path` (the `--demo` store)."""
    NO_AUTOMATIC.add(path)


def before_write(
    path: Path | None, *, today: date | None = None, source: sqlite3.Connection | None = None
) -> None:
    """Make today's checked backup of the SQLite store at `path` unless it is there.

    `path` None is a database server's store: the server has its own tools (pg_dump).
    `source` is an open connection to the store to copy from (the fast capture's).
    Raises StoreError when the store is damaged (nothing is written then) or when the
    backup cannot be written (a full disk).
    """
    if path is None or path in NO_AUTOMATIC:
        return
    day = today or date.today()
    target = f"{path}{FOLDER_SUFFIX}{os.sep}{day.isoformat()}.db"
    if os.path.exists(target):  # the one stat of nearly every write
        return
    try:
        if os.stat(path).st_size == 0:
            return  # a store just created: nothing to keep yet
    except OSError:
        return  # no store yet: opening it creates it, or says why it cannot
    if not os.access(path, os.W_OK):
        # A read-only store: nothing can be written to it, so there is nothing to protect;
        # SQLite refuses the write and relay says the store is read-only.
        return
    from relay_tui.backups import keep_daily

    keep_daily(path, day, source=source)
