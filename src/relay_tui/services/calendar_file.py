"""The `calendar_file` setting: an `.ics` file relay rewrites after every change to the
alarm bells, so that a calendar subscribed to it is always current.

One hook does it for every way of changing them (the command line, the app, undo, an
import): `Store.after_write`, told which tables each committed write touched. A write
that touches no alarm bell, project or client costs nothing more; `relay capture`'s
fast path writes contacts only and never opens a `Store` write.

The file is replaced in one step (`relay_tui.output.replace_private`: 0600, its folders
made if missing). When it cannot be written, the change made stands: the failure is
told (`warn`: a line on stderr, a notification in the app) and the next change tries
again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from relay_tui.db import Store
from relay_tui.errors import os_problem, shown_path
from relay_tui.i18n import tr
from relay_tui.services.calendar import CalendarFile, calendar_file

#: The tables the calendar is made from: the bells, their project's name and status,
#: their client's language.
CALENDAR_TABLES = frozenset({"deadline", "project", "client"})


def calendar_path(setting: str) -> Path:
    """The file of the setting, as written there (`~` expanded here), made absolute."""
    from relay_tui.files import user_path

    return user_path(Path(setting), "calendar_file")


def write_calendar(store: Store, path: Path, *, now: datetime | None = None) -> CalendarFile:
    """Put the calendar of every active project in place of `path`, in one step.
    Raises OSError."""
    from relay_tui.files import make_private_dirs
    from relay_tui.output import replace_private

    made = calendar_file(store, now=now, cancelled=False)  # subscribers drop what is done
    make_private_dirs(path.parent)
    replace_private(path, (made.text,))
    return made


def keep_calendar_current(
    store: Store,
    setting: str,
    warn: Callable[[str], None],
    *,
    now: Callable[[], datetime | None] = lambda: None,
) -> None:
    """After every write through `store` that touches the alarm bells, rewrite the file
    of the `calendar_file` setting (nothing when it is empty). A failure is told through
    `warn`, once per write, and never undoes the write."""
    if not setting:
        return

    def follow(touched: frozenset[str]) -> None:
        if touched.isdisjoint(CALENDAR_TABLES):
            return
        try:
            path = calendar_path(setting)
            write_calendar(store, path, now=now())
        except Exception as exc:  # the disk, the store, a name: never the change
            if isinstance(exc, OSError):
                problem = os_problem(exc)
            else:
                problem = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            warn(
                tr(
                    "the calendar file {path} was not updated ({problem}); your change is saved",
                    path=shown_path(Path(setting)),
                    problem=problem,
                )
            )

    store.after_write.append(follow)
