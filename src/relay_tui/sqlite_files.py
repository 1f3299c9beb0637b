"""SQLite files: how relay creates, recognises, connects to and copies them.

Every connection to a SQLite store is made by `sqlite_connect` (the SQLAlchemy engine's
too), with relay's pragmas: WAL, foreign keys, a busy timeout, synchronous FULL. Before
any statement that could change a file, `check_sqlite_file` reads its header: relay's
stores bear its mark, and another program's file is refused, left byte for byte as it
was. Light (standard library only): the fast capture path uses it.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from relay_tui.errors import InvalidInput, RelayError, StoreError, os_problem, shown_path
from relay_tui.files import make_private_dirs, open_new_private, user_path
from relay_tui.i18n import tr

BUSY_TIMEOUT_MS = 10_000
#: relay's mark in the header of its SQLite stores (`PRAGMA application_id`, "RLAY"):
#: checked, with the schema, before relay runs any statement that could change a file.
APPLICATION_ID = 0x524C4159
#: The first bytes of every SQLite database file.
_SQLITE_MAGIC = b"SQLite format 3\x00"


def prepare_sqlite_file(path: Path) -> bool:
    """Create the directories (0700) and the file (0600) if missing. True if created."""
    parent = path.parent
    try:
        make_private_dirs(parent)
    except OSError as exc:
        raise StoreError(
            tr(
                "cannot create the data directory {folder}: {problem}. "
                "Choose another place with --db or RELAY_DB.",
                folder=shown_path(parent),
                problem=os_problem(exc),
            )
        ) from None
    try:
        if path.exists():
            if path.is_dir():
                raise StoreError(
                    tr("{path} is a directory, not a relay store", path=shown_path(path))
                )
            return False
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except FileExistsError:
        return False
    except OSError as exc:
        raise StoreError(
            tr(
                "cannot create the store {path}: {problem}. "
                "Check the permissions of its folder, or choose another place with --db.",
                path=shown_path(path),
                problem=os_problem(exc),
            )
        ) from None
    return True


def repair_side_files(path: Path) -> None:
    """Give back 0600 to a write-ahead log or shared-memory file left read-only.

    SQLite creates `relay.db-wal` and `relay.db-shm` with the mode of `relay.db`: opened
    while it was read-only (0400), it leaves them 0400, and once the store is writable
    again SQLite would still find it read-only through them. When the store itself is
    writable for us, its side files must be too.
    """
    try:
        if not os.stat(path).st_mode & 0o200 or not os.access(path, os.W_OK):
            return
    except OSError:
        return
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        try:
            if not os.stat(side).st_mode & 0o200:
                os.chmod(side, 0o600)
        except OSError:
            continue  # absent, or not ours: SQLite will say what it thinks of it


def sqlite_connect(path: Path) -> sqlite3.Connection:
    """A raw connection with relay's pragmas, in autocommit mode (we BEGIN ourselves).

    Every connection to a SQLite store is made here (the SQLAlchemy engine's too). A store
    that we may not write is opened read-only, and, unless a write-ahead log is already
    beside it (a writer is at work), as immutable: SQLite then creates no `-wal` or `-shm`
    file next to a store that is not ours to change.
    """
    may_write = writable(path)
    target: str | Path = path
    if not may_write:
        immutable = not path.with_name(path.name + "-wal").exists()
        target = _sqlite_uri(path, immutable=immutable)
    conn = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        uri=not may_write,
    )
    apply_pragmas(conn, writable=may_write)
    return conn


def writable(path: Path) -> bool:
    """Whether we may write the store (a missing file is created writable)."""
    try:
        return os.access(path, os.W_OK) or not path.exists()
    except (OSError, ValueError):
        return True  # let SQLite say what it thinks of it


def _sqlite_uri(path: Path, *, immutable: bool) -> str:
    """A read-only `file:` URI for `path` (urllib is not imported: the fast path)."""
    quoted = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{quoted}?mode=ro" + ("&immutable=1" if immutable else "")


def apply_pragmas(conn: sqlite3.Connection, *, writable: bool = True) -> None:
    cursor = conn.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if writable:  # changing the journal mode writes the file: only a store we may write
            cursor.execute("PRAGMA journal_mode = WAL")
            # Not WAL (a read-only folder, for instance): keep going with what we have.
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


#: The files this process has found to be relay stores (name, device, inode): each is
#: read once. Closing any file descriptor of a file drops every POSIX lock this process
#: holds on it (SQLite's own connections share theirs and are spared, a plain `open()` is
#: not): reading the header again while a connection of this process holds a lock on the
#: store would let another program write through it.
_CHECKED: set[tuple[str, int, int]] = set()


def check_sqlite_file(path: Path) -> bool:
    """Refuse a file that is not a relay store, having changed nothing in it: whether it
    already bears relay's mark (False: new, or made by a relay from before the mark).

    Only the file's header is read; a database without the mark is looked into through
    an immutable, read-only connection (which writes nothing, not even beside it). An
    empty file or a database without tables is a store to set up; a database that holds
    relay's schema (its Alembic revision is one of relay's) is a relay store from before
    the mark; anything else belongs to another program: InvalidInput naming `db`.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise StoreError(
            tr("cannot read {path}: {problem}", path=shown_path(path), problem=os_problem(exc))
        ) from None
    key = (str(path), info.st_dev, info.st_ino)
    if key in _CHECKED:
        return True
    marked = _read_mark(path)
    _CHECKED.add(key)
    return marked


def _read_mark(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(
            tr("cannot read {path}: {problem}", path=shown_path(path), problem=os_problem(exc))
        ) from None
    if not header:
        return False  # an empty file: ours to set up
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        raise InvalidInput(
            tr(
                "{path} is not a SQLite database: another program's file, or a "
                "store damaged from its first bytes. relay left it as it was; restore it from a "
                "backup if it was yours (relay backup list), or choose another file with --db",
                path=shown_path(path),
            ),
            "db",
        )
    mark = int.from_bytes(header[68:72], "big")
    if mark == APPLICATION_ID:
        return True
    if mark != 0:
        raise not_a_relay_store(path, tr("another program marked it as its own"))
    try:
        probe = sqlite3.connect(_sqlite_uri(path, immutable=True), uri=True)
        try:
            listed = probe.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            tables = {row[0] for row in listed}
            revision = sqlite_revision(probe) if "alembic_version" in tables else None
        finally:
            probe.close()
    except sqlite3.Error as exc:
        raise explain_sqlite_error(exc, path) from None
    if tables and (revision is None or revision not in relay_revisions()):
        raise not_a_relay_store(path, tr("its tables are not relay's"))
    return False


def not_a_relay_store(path: Path, why: str) -> InvalidInput:
    return InvalidInput(
        tr(
            "{path} is not a relay store ({why}); relay left it as it was. "
            "Choose another file with --db or RELAY_DB",
            path=shown_path(path),
            why=why,
        ),
        "db",
    )


def relay_revisions() -> set[str]:
    versions = Path(__file__).parent / "migrations" / "versions"
    return {script.stem for script in versions.glob("0*.py")}


def mark_sqlite_store(conn: sqlite3.Connection) -> None:
    """Put relay's mark in the header of a store it has set up (a one-off, tiny write)."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def sqlite_revision(conn: sqlite3.Connection) -> str | None:
    """The store's Alembic revision, or None for an empty store. No Alembic import."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def sqlite_has_user_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchone()
    return bool(row and row[0])


def backup_sqlite(source: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy through SQLite's online backup, readable by its owner only, and
    checked (`PRAGMA integrity_check` on the copy).

    A name that cannot be created is refused naming `output`; a copy that fails on the
    way (a full disk) is removed, so that no partial backup is left behind; so is a copy
    that is not sound: the store is damaged, and says so.
    """
    from relay_tui.backups import copy_checked, damaged_store

    target = user_path(target, "output")
    os.close(open_new_private(target))
    try:
        problem = copy_checked(source, target)
    except (OSError, sqlite3.Error) as exc:
        _remove_copy(target)
        raise _backup_failed(exc, target) from None
    if problem is not None:
        _remove_copy(target)
        raise damaged_store(None, tr("nothing was kept"))
    return target


def _remove_copy(target: Path) -> None:
    for leftover in (target, target.with_name(target.name + "-journal")):
        with suppress(OSError):
            leftover.unlink(missing_ok=True)


def _backup_failed(exc: OSError | sqlite3.Error, target: Path) -> RelayError:
    if isinstance(exc, OSError):
        problem = os_problem(exc)
    else:
        text = str(exc).lower()
        if "full" in text:
            problem = tr("the disk is full. Free some space and try again")
        elif "i/o" in text:
            problem = tr("the disk failed to write it. Check the disk and try again")
        else:  # the store being copied is the problem (a damaged file...)
            return explain_sqlite_error(exc, None)
    return StoreError(
        tr(
            "could not write the backup {path}: {problem}; nothing was kept",
            path=shown_path(target),
            problem=problem,
        )
    )


def dated_backup_path(path: Path, when: datetime | None = None) -> Path:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{stamp}.bak")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{stamp}-{counter}.bak")
        counter += 1
    return candidate


def explain_sqlite_error(exc: BaseException, path: Path | None) -> StoreError:
    """One clear line for a store that cannot be used, with what to do next."""
    text = str(exc).lower()
    where = shown_path(path) if path else tr("the store")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            tr(
                "{where} is damaged. Restore it from a backup: relay check names the newest "
                "sound one, and how to save what can still be read.",
                where=where,
            )
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            tr(
                "{where} is read-only: relay cannot save anything. Check its permissions.",
                where=where,
            )
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            tr(
                "{where} stayed locked by another program for more than "
                "{seconds} s. Close it or try again in a moment.",
                where=where,
                seconds=BUSY_TIMEOUT_MS // 1000,
            )
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return StoreError(
            tr(
                "could not write to {where}: the disk is full or failing. Free some space "
                "and try again; nothing was saved.",
                where=where,
            )
        )
    if "unable to open" in text:
        return StoreError(
            tr(
                "cannot open {where}: check that its folder exists and is writable.",
                where=where,
            )
        )
    return StoreError(
        tr("the store {where} could not be used: {problem}", where=where, problem=_first_line(exc))
    )


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
