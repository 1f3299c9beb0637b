"""Handler of `relay remind`: what needs attention today, for the shell, a status bar, a
script or the desktop. Exit status 0 when nothing is due, 1 when something is.

On a SQLite store the items come from `relay_tui.fastremind` (sqlite3 alone: a status
bar calls this every few seconds); anything it does not handle, and every other store,
goes through `services.remind`. `--install` and `--uninstall` are in
`cli.remind_schedule`. This module imports neither argparse nor the services up front.
"""

from __future__ import annotations

import sys
from datetime import date

from relay_tui.domain import remind as rules
from relay_tui.i18n import tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from relay_tui.domain.chase import Closed
    from relay_tui.domain.remind import Reminder

FORMATS = rules.FORMATS
#: Exit statuses: nothing due, something due.
NOTHING_DUE, SOMETHING_DUE = 0, 1


def remind(args: argparse.Namespace) -> int:
    if getattr(args, "install", False) or getattr(args, "uninstall", False):
        from relay_tui.cli.remind_schedule import schedule

        return schedule(args)
    from relay_tui.cli.context import today_option

    today = today_option(getattr(args, "today", None))
    shape = getattr(args, "format", None) or "plain"
    counting = shape == "line" and not getattr(args, "notify", False)
    from relay_tui.cli.context import closed_days

    closed = closed_days(today)
    items = due_items(args, today, closed, dated=not counting)
    if getattr(args, "notify", False):
        if not closed(today):  # a holiday or a closed day: the reminders wait
            _notify(args, items, today)
    elif shape == "json":
        import json

        print(json.dumps(rules.as_json(items, today), ensure_ascii=False, indent=2))
    elif shape == "line":
        print(rules.line(items))
    else:
        print(rules.plain(items, today), end="")
    return SOMETHING_DUE if items else NOTHING_DUE


def due_items(
    args: argparse.Namespace, today: date, closed: Closed, *, dated: bool = True
) -> list[Reminder]:
    """The items, through the fast path when it can answer (`dated`: see
    `fastremind.reminders`)."""
    from relay_tui.cli.context import location

    where = location(args)
    if where.is_sqlite and where.path is not None:
        from relay_tui import remind_cache as cache
        from relay_tui.settings import settings_path

        kept = cache.cache_file(where.path)
        wanted = cache.key(where.path, today, settings_path(), dated)  # before reading
        found = cache.load(kept, wanted) if wanted is not None else None
        if found is None:
            found = _fast(where.path, today, closed, dated)
            if found is not None and wanted is not None:
                cache.save(kept, wanted, found)
        if found is not None:
            return found
    from relay_tui.cli.context import open_store
    from relay_tui.services.remind import reminders

    return reminders(open_store(args), today, closed)


def _fast(path: Path, today: date, closed: Closed, dated: bool) -> list[Reminder] | None:
    from relay_tui.cli.context import announce_backup
    from relay_tui.db import connect_current, explain_sqlite_error
    from relay_tui.fastremind import reminders as fast

    conn = connect_current(path, on_backup=announce_backup)
    try:
        return fast(conn, today, closed, dated=dated)
    except Exception as exc:  # a damaged store: one line, as every command says it
        import sqlite3

        if isinstance(exc, sqlite3.Error):
            raise explain_sqlite_error(exc, path) from None
        raise
    finally:
        conn.close()


def _notify(args: argparse.Namespace, items: list[Reminder], today: date) -> None:
    """One desktop notification for the items not shown yet today; each is written down
    so that it is never shown twice on one day."""
    if not items:
        return
    from relay_tui.cli.context import open_store
    from relay_tui.notify import send
    from relay_tui.services.remind import mark_shown, shown_today

    store = open_store(args)
    shown = shown_today(store, today)
    new = [item for item in items if item.key not in shown]
    if not new:
        return
    title, body = rules.notification(new)
    how = send(title, body)
    if how is None:
        print(
            tr(
                "relay: warning: no way to show a notification here (no notify-send, no "
                "terminal); nothing was marked as shown"
            ),
            file=sys.stderr,
        )
        return
    mark_shown(store, today, [item.key for item in new])
