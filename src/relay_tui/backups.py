"""Automatic, checked backups of a SQLite store, and their list (`relay_tui.restoring`
puts one back).

Where: beside the store, in a folder named after it, `relay.db` -> `relay.db-backups/`
(0700, files 0600). A store given with `--db` or `RELAY_DB` keeps its own; the default
store's are in the user data folder, next to it. A backup is named after its day,
`2026-12-05.db`; the copy kept before a restore is `2026-12-05-101530-before-restore.db`.

When: before the first write of each day (`relay_tui.backup_due.before_write`, called by
`Store.write()` and by the fast `relay capture`). Finding today's backup costs one `stat`
and imports nothing more than `backup_due`; making it (`keep_daily`) is SQLite's online
backup into a temporary file, `PRAGMA integrity_check` on the copy, and a rename. A copy
that is not sound means the store is damaged: the write is refused in one line, and
nothing is kept. Then the backups are rotated (`rotate`): the newest `backups_daily` days
are kept (7 by default), and before them the newest backup of each of `backups_weekly`
calendar weeks, Monday to Sunday (4 by default); both are settings.

Stdlib only: the fast `relay capture` imports it when the day's backup is due.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path

from relay_tui.backup_due import FOLDER_SUFFIX
from relay_tui.db import (
    explain_sqlite_error,
    make_private_dirs,
    sqlite_connect,
    sqlite_revision,
)
from relay_tui.errors import StoreError, os_problem, shown_path
from relay_tui.i18n import tr, trn

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable

BEFORE_RESTORE = "before-restore"
#: How many problems an integrity check lists at most (it stops there).
PROBLEMS_SHOWN = 20
#: A temporary copy this old was left by a relay that stopped while copying.
STALE_SECONDS = 86400


def folder_for(store: Path) -> Path:
    """Where the backups of the SQLite store at `store` are kept."""
    return store.with_name(store.name + FOLDER_SUFFIX)


def daily_path(store: Path, day: date) -> Path:
    return folder_for(store) / f"{day.isoformat()}.db"


# --- the daily backup ----------------------------------------------------------------


def keep_daily(path: Path, day: date, *, source: sqlite3.Connection | None = None) -> Path:
    """Make the day's checked backup of the store at `path`, then rotate the backups (the
    numbers kept are settings). `relay_tui.backup_due.before_write` calls it when due."""
    made = make_backup(path, daily_path(path, day), source=source)
    from relay_tui.settings import load_settings

    settings = load_settings()
    rotate(folder_for(path), settings.backups_daily, settings.backups_weekly)
    return made


def make_backup(store: Path, target: Path, *, source: sqlite3.Connection | None = None) -> Path:
    """Copy the store to `target` (in its backups folder) through SQLite's online backup,
    and keep the copy only if it passes the integrity check. Nothing is left behind when
    it does not: no copy, and no folder made for it."""
    folder = target.parent
    made_folder = not folder.exists()
    where = shown_path(store)
    try:
        make_private_dirs(folder)
    except OSError as exc:
        raise StoreError(
            tr(
                "cannot keep today's backup of {store} in {folder}: {problem}; nothing was written",
                store=where,
                folder=shown_path(folder),
                problem=os_problem(exc),
            )
        ) from None
    temporary = folder / f".{target.stem}.{os.getpid()}.{time.monotonic_ns()}.tmp"  # per thread
    conn = source
    try:
        create_private(temporary)
        if conn is None:
            conn = sqlite_connect(store)
        problem = copy_checked(conn, temporary)
        if problem is None:
            os.replace(temporary, target)
            with suppress(OSError):  # a folder cannot be opened everywhere (Windows)
                _sync(folder)  # the new name too
            return target
    except OSError as exc:
        remove_copy(temporary, folder if made_folder else None)
        raise StoreError(
            tr(
                "cannot keep today's backup of {store}: {problem}; nothing was written",
                store=where,
                problem=os_problem(exc),
            )
        ) from None
    except sqlite3.Error as exc:
        remove_copy(temporary, folder if made_folder else None)
        raise _copy_failed(exc, store) from None
    finally:
        if conn is not None and conn is not source:
            conn.close()
    remove_copy(temporary, folder if made_folder else None)
    raise damaged_store(store, tr("nothing was written"))


def damaged_store(store: Path | None, outcome: str) -> StoreError:
    """The one line for a store found damaged by a backup: what happened, what to do."""
    if store is None:
        return StoreError(
            tr(
                "the store is damaged; {outcome}; run relay check (it names the backup to restore)",
                outcome=outcome,
            )
        )
    return StoreError(
        tr(
            "the store {store} is damaged; {outcome}; run relay check (it names the backup "
            "to restore)",
            store=shown_path(store),
            outcome=outcome,
        )
    )


def _copy_failed(exc: sqlite3.Error, store: Path) -> StoreError:
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return damaged_store(store, tr("nothing was written"))
    if "full" in text:
        return StoreError(
            tr(
                "cannot keep today's backup of {store}: the disk is full (no space "
                "left on device). Free some space and try again; nothing was written",
                store=shown_path(store),
            )
        )
    return explain_sqlite_error(exc, store)


def copy_checked(source: sqlite3.Connection, target: Path) -> str | None:
    """Copy through SQLite's online backup into `target`, then check the copy: None when
    it is sound, else what the integrity check found. Raises OSError or sqlite3.Error
    when the copy itself fails (a full disk, a file that is not a database).

    The copy is written without a sync at each step, then synced once, whole: a tenth of
    the time on a small store (the copy is not in use until it is complete)."""
    dest = sqlite3.connect(target)
    try:
        dest.execute("PRAGMA synchronous = OFF")
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
        problem = integrity_problem(dest)
    finally:
        dest.close()
    _sync(target)
    return problem


def _sync(path: Path) -> None:
    """Write `path` (a file or a folder) through to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def integrity_problem(conn: sqlite3.Connection, *, quick: bool = False) -> str | None:
    """None when SQLite's integrity check (or quick check) finds nothing, else a summary."""
    problems = integrity_problems(conn, quick=quick)
    if not problems:
        return None
    if len(problems) > 1:
        return trn(
            "{problem} and {n} more",
            "{problem} and {n} more",
            len(problems) - 1,
            problem=problems[0],
        )
    return problems[0]


def integrity_problems(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}({PROBLEMS_SHOWN})").fetchall()
    except sqlite3.DatabaseError as exc:
        # The check may report a problem, then stop at one it cannot step over; Python's
        # sqlite3 then loses the rows before: ask for the first problem alone.
        try:
            rows = conn.execute(f"PRAGMA {pragma}(1)").fetchall()
        except sqlite3.DatabaseError:  # not even readable enough to be checked
            return [str(exc)]
        if rows == [("ok",)]:
            return [str(exc)]
    found = [str(row[0]).replace("*** in database main ***", "").strip() for row in rows]
    return [] if found == ["ok"] else [problem for problem in found if problem]


def create_private(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)  # the umask may have taken bits away; never more than 0600


def remove_copy(temporary: Path, folder: Path | None) -> None:
    for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
        with suppress(OSError):
            leftover.unlink(missing_ok=True)
    if folder is not None:
        with suppress(OSError):
            folder.rmdir()  # only if empty: made for this backup, it holds nothing else


# --- rotation --------------------------------------------------------------------------


def daily_date(name: str) -> date | None:
    """The day of a daily backup's file name (`2026-12-05.db`), else None."""
    stem, dot, ext = name.partition(".")
    if ext != "db" or not dot or len(stem) != 10:
        return None
    try:
        return date.fromisoformat(stem)
    except ValueError:
        return None


def to_keep(days: Iterable[date], daily: int, weekly: int) -> set[date]:
    """The days whose backups are kept: the `daily` newest, and before them the newest of
    each of `weekly` calendar weeks (Monday to Sunday) not already among those."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:daily])
    weeks = {day.isocalendar()[:2] for day in keep}
    kept_weeks = 0
    for day in ordered[daily:]:
        if kept_weeks >= weekly:
            break
        week = day.isocalendar()[:2]
        if week in weeks:
            continue
        weeks.add(week)
        keep.add(day)
        kept_weeks += 1
    return keep


def rotate(folder: Path, daily: int, weekly: int) -> list[Path]:
    """Remove the daily backups that `to_keep` does not keep; returns the removed files.
    The copies kept before a restore are left alone (they are few, and deliberate)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    _remove_stale(folder, names)
    dated = {name: day for name in names if (day := daily_date(name)) is not None}
    keep = to_keep(dated.values(), max(daily, 1), max(weekly, 0))
    removed = []
    for name, day in dated.items():
        if day not in keep:
            with suppress(FileNotFoundError):  # another relay rotating at the same time
                (folder / name).unlink()
                removed.append(folder / name)
    return removed


def _remove_stale(folder: Path, names: list[str]) -> None:
    """Temporary copies left by a relay that was stopped while copying (a day old)."""
    for name in names:
        if name.startswith(".") and name.endswith((".tmp", ".tmp-journal")):
            stale = folder / name
            with suppress(OSError):
                if os.stat(stale).st_mtime < time.time() - STALE_SECONDS:
                    stale.unlink()


# --- the list ----------------------------------------------------------------------------


class BackupInfo:
    """One backup file: where it is, when it was made, its size, and what a check says."""

    __slots__ = ("made", "path", "problem", "size")

    def __init__(self, path: Path, made: datetime, size: int, problem: str | None) -> None:
        self.path = path
        self.made = made
        self.size = size
        self.problem = problem  # None: sound

    @property
    def sound(self) -> bool:
        return self.problem is None


def backup_files(store: Path) -> list[Path]:
    """The backups of the store at `store`, newest first (by the time they were made)."""
    folder = folder_for(store)
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".db")]
    except OSError:
        return []
    files = [(entry.stat().st_mtime, entry.name) for entry in entries if entry.is_file()]
    return [folder / name for _, name in sorted(files, reverse=True)]


def describe_backup(path: Path, *, quick: bool = True) -> BackupInfo:
    """The facts of one backup file, checked now (quick check by default)."""
    info = os.stat(path)
    return BackupInfo(
        path,
        datetime.fromtimestamp(info.st_mtime),
        info.st_size,
        check_file(path, quick=quick),
    )


def list_backups(store: Path) -> list[BackupInfo]:
    return [describe_backup(path) for path in backup_files(store)]


def newest_sound(store: Path) -> BackupInfo | None:
    """The newest backup that passes the full integrity check and is a relay store."""
    for path in backup_files(store):
        found = describe_backup(path, quick=False)
        if found.sound:
            return found
    return None


def check_file(path: Path, *, quick: bool = False) -> str | None:
    """None when the SQLite file at `path` is a sound relay store, else what is wrong.
    Read-only: the file is opened with `mode=ro` and nothing is written to it."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        problem = integrity_problem(conn, quick=quick)
        if problem is not None:
            return problem
        try:
            revision = sqlite_revision(conn)
        except sqlite3.Error as exc:
            return str(exc)
        return None if revision is not None else tr("not a relay store")
    finally:
        conn.close()
