"""`relay _projects`: the active projects' names, one a line, for shell completion.

The completion scripts of `relay completion` run it each time `-p`/`--project` is
completed, so it reads a SQLite store with `sqlite3` alone: no argparse, SQLAlchemy,
SQLModel, pydantic or Textual (tests/cli/test_completion.py checks `sys.modules`). It
is a hidden command: `relay --help` does not list it.

It never gets in the way of the shell: a missing store is not created, a store that
cannot be read (damaged, from another relay, on a PostgreSQL server) prints nothing,
and nothing is ever written. The list is the one `services.projects.list_projects`
gives without the closed projects, in the same order (a test compares them).
"""

from __future__ import annotations

import sqlite3

from relay_tui.errors import RelayError

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from pathlib import Path

#: The hidden command's name (the completion scripts call it).
COMMAND = "_projects"

#: The active projects, in the order of `list_projects` (`vocab.ProjectStatus.active`).
ACTIVE_NAMES = "SELECT name FROM project WHERE status = 'active' ORDER BY lower(name), id"


class NamesRequest:
    """`relay [--db DB] [--lang LANG] _projects`, read without argparse."""

    __slots__ = ("db",)

    def __init__(self, db: str | None) -> None:
        self.db = db


def names_request(argv: list[str]) -> NamesRequest | None:
    """The request when `argv` is the hidden command (global options first, as
    argparse reads them), else None: every other command line goes on as usual."""
    db: str | None = None
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == COMMAND:
            return NamesRequest(db) if index == len(argv) - 1 else None
        name, equals, value = token.partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not equals:
            if index + 1 >= len(argv):
                return None
            index += 1
            value = argv[index]
        if name == "--db":
            db = value
        index += 1
    return None


def active_project_names(db: str | None) -> list[str]:
    """The active projects' names of the store `db` names (`--db`, else RELAY_DB, else
    the default store); empty when there is none or it cannot be read."""
    from relay_tui.db import resolve_location

    try:
        location = resolve_location(db)
    except RelayError:
        return []
    if location.path is None or not location.path.is_file():
        return []  # a server's store, or none yet: nothing to offer (and nothing created)
    try:
        conn = sqlite3.connect(_read_only_uri(location.path), uri=True, timeout=1)
    except sqlite3.Error:
        return []
    try:
        rows = conn.execute(ACTIVE_NAMES).fetchall()
    except sqlite3.Error:
        return []
    finally:
        conn.close()
    # A name is one line (the records' rules); a damaged one is not offered.
    return [row[0] for row in rows if isinstance(row[0], str) and "\n" not in row[0]]


def print_project_names(request: NamesRequest) -> int:
    import sys

    names = active_project_names(request.db)
    try:
        if names:
            sys.stdout.write("\n".join(names) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    return 0


def _read_only_uri(path: Path) -> str:
    """A read-only `file:` URI: the store is never created, changed or converted."""
    quoted = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?mode=ro"
