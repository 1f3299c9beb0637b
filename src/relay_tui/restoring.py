"""Putting a backup back: `relay backup restore FILE`.

The backup is checked first; the store as it is is kept in its backups folder; then the
backup is copied into the live store through SQLite's online backup, not over the file:
the app or another command may have the store open, and sees the restored data on its
next read. Stdlib only, as `relay_tui.backups`.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from relay_tui.backups import (
    BEFORE_RESTORE,
    check_file,
    copy_checked,
    create_private,
    folder_for,
    remove_copy,
)
from relay_tui.db import (
    HEAD_REVISION,
    explain_sqlite_error,
    known_revision,
    make_private_dirs,
    sqlite_connect,
    sqlite_revision,
    user_path,
)
from relay_tui.errors import InvalidInput, StoreError, os_problem, shown_path
from relay_tui.i18n import tr


class Restored:
    """What a restore did: the file restored, and the copy kept of the store before."""

    __slots__ = ("kept", "revision", "source")

    def __init__(self, source: Path, kept: Path | None, revision: str) -> None:
        self.source = source
        self.kept = kept
        self.revision = revision

    @property
    def needs_upgrade(self) -> bool:
        return self.revision != HEAD_REVISION


def restore(store: Path, backup: Path, *, now: datetime | None = None) -> Restored:
    """Put the contents of `backup` into the store at `store`, after checking `backup` and
    keeping a copy of the store as it was. The copy goes through SQLite's online backup
    into the live store: the app or another command may have it open, and sees the
    restored data on its next read."""
    backup = user_path(backup, "file")
    shown = shown_path(backup)
    if not backup.is_file():
        raise InvalidInput(tr("there is no backup file at {path}", path=shown), "file")
    if store.exists() and os.path.samefile(store, backup):
        raise InvalidInput(
            tr("{path} is the store itself; name one of its backups", path=shown), "file"
        )
    problem = check_file(backup)
    if problem is not None:
        raise InvalidInput(
            tr(
                "{path} is not a sound relay backup ({problem}); nothing was changed",
                path=shown,
                problem=problem,
            ),
            "file",
        )
    source = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        revision = sqlite_revision(source) or ""
        known_revision(revision, shown)  # a newer relay's backup: refused, nothing changed
        kept = keep_before_restore(store, now or datetime.now())
        _copy_into(source, store)
    finally:
        source.close()
    return Restored(backup, kept, revision)


def keep_before_restore(store: Path, now: datetime) -> Path | None:
    """A copy of the store as it is, in its backups folder; None if there is no store.
    A damaged store is copied byte for byte (the online backup would stop at the damage):
    whatever it still holds may be worth reading later."""
    try:
        if os.stat(store).st_size == 0:
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(
            tr("cannot read {path}: {problem}", path=shown_path(store), problem=os_problem(exc))
        ) from None
    folder = folder_for(store)
    target = folder / f"{now:%Y-%m-%d-%H%M%S}-{BEFORE_RESTORE}.db"
    counter = 1
    while target.exists():
        target = folder / f"{now:%Y-%m-%d-%H%M%S}-{counter}-{BEFORE_RESTORE}.db"
        counter += 1
    try:
        make_private_dirs(folder)
        create_private(target)
        conn = sqlite_connect(store)
        try:
            copy_checked(conn, target)  # kept even if not sound: it is the store as it was
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        _copy_bytes(store, target)
    except OSError as exc:
        remove_copy(target, None)
        raise StoreError(
            tr(
                "cannot keep a copy of {path} before restoring: {problem}; nothing was changed",
                path=shown_path(store),
                problem=os_problem(exc),
            )
        ) from None
    return target


def _copy_bytes(store: Path, target: Path) -> None:
    import shutil

    for suffix in ("", "-wal"):
        origin = store.with_name(store.name + suffix)
        if origin.exists():
            copy = target.with_name(target.name + suffix)
            create_private(copy)
            shutil.copyfile(origin, copy)


def _copy_into(source: sqlite3.Connection, store: Path) -> None:
    from relay_tui.db import prepare_sqlite_file

    prepare_sqlite_file(store)
    try:
        dest = sqlite_connect(store)
    except sqlite3.DatabaseError:
        dest = None
    try:
        if dest is not None:
            source.backup(dest)
            return
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if not ("malformed" in text or "not a database" in text or "corrupt" in text):
            raise explain_sqlite_error(exc, store) from None
    finally:
        if dest is not None:
            dest.close()
    _replace_unreadable(source, store)


def _replace_unreadable(source: sqlite3.Connection, store: Path) -> None:
    """The store is so damaged that SQLite cannot write into it: no program can be using
    it either. The backup is written beside it, then renamed over it, and the write-ahead
    log of the damaged file is removed with it (it belongs to the damaged pages)."""
    fresh = store.with_name(f".{store.name}.restoring.{os.getpid()}")
    try:
        create_private(fresh)
        copy_checked(source, fresh)
        for suffix in ("-wal", "-shm"):
            with suppress(FileNotFoundError):
                store.with_name(store.name + suffix).unlink()
        os.replace(fresh, store)
    except OSError as exc:
        remove_copy(fresh, None)
        raise StoreError(
            tr(
                "cannot restore into {path}: {problem}; "
                "the copy kept before is in its backups folder",
                path=shown_path(store),
                problem=os_problem(exc),
            )
        ) from None
