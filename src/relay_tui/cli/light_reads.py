"""How the read commands choose their path: on a SQLite store, `relay_tui.fastreads`
(sqlite3 alone, no SQLAlchemy, SQLModel or pydantic: a read command then takes a tenth
of the time); on PostgreSQL, or when the fast path meets a value it does not read the
services' way, the services."""

from __future__ import annotations

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse
    import sqlite3
    from collections.abc import Callable
    from typing import TypeVar

    from relay_tui.db import Store

    T = TypeVar("T")


def read(
    args: argparse.Namespace,
    fast: Callable[[sqlite3.Connection], T | None],
    slow: Callable[[Store], T],
) -> T:
    """`fast` on a raw connection to a SQLite store, else (or when it answers None, or
    meets a value it cannot read) `slow` on the store opened through the services. Both
    say the same things first (the settings' warning, an upgrade's backup)."""
    from relay_tui.cli.context import location, open_store

    where = location(args)
    if not where.is_sqlite or where.path is None:
        return slow(open_store(args))
    import sqlite3

    from relay_tui.cli.context import announce_backup, settings
    from relay_tui.db import connect_current, explain_sqlite_error
    from relay_tui.errors import RelayError
    from relay_tui.fastreads import Unusual

    chosen = settings()  # its warning, as open_store says it
    conn = connect_current(where.path, on_backup=announce_backup)
    try:
        found = fast(conn)
    except RelayError:
        raise
    except sqlite3.Error as exc:  # a damaged store: one line, as every command says it
        raise explain_sqlite_error(exc, where.path) from None
    except Unusual:
        found = None  # the services' path reads it, and names what is wrong
    finally:
        conn.close()
    if found is not None:
        return found
    from relay_tui.db import open_store as services_store

    return slow(services_store(where, on_backup=announce_backup, user=chosen.user or None))
