"""The last answer of `relay remind` on a SQLite store, kept until anything it depends on
changes.

A status bar asks every few seconds, and the store rarely changes between two asks:
reading the big store's facts again costs more than the whole budget of a refresh
(benchmarks/remind.py). The answer is kept in relay's cache directory, under a key that
names everything it depends on:

- the store's files: the database's inode, size and modification time; its write-ahead
  log's size and time; the first bytes of its shared-memory index, whose change counter
  moves on every commit (the index exists while a connection is open; when the last one
  closes, SQLite folds the log into the database, whose size or time then changes);
- the day, the time zone, the settings file (closed days, country), the locale (whose
  country names the public holidays when the settings name none) and relay's version.

The key is taken before the store is read: a change made while it is read makes the next
key differ. Whatever cannot be read makes no key, and the store is read as usual.
"""

from __future__ import annotations

import os
import zlib
from datetime import date
from pathlib import Path

from relay_tui import __version__
from relay_tui.domain.remind import Reminder

#: The first line of a cache file.
FORMAT = "relay-remind-cache 1"
#: How much of the shared-memory index names its state: the header's two copies.
_SHM_HEADER = 96


def key(store: Path, today: date, settings: Path, dated: bool) -> str | None:
    """What the answer for `store` on `today` depends on, as one line; None when some
    part of it cannot be read."""
    try:
        db = os.stat(store)
        parts = [
            str(store.resolve()),
            f"{db.st_ino}:{db.st_size}:{db.st_mtime_ns}",
            _stat(Path(f"{store}-wal")),
            _shm(Path(f"{store}-shm")),
            _stat(settings),
        ]
    except OSError:
        return None
    locale = ":".join(os.environ.get(name, "") for name in ("LC_ALL", "LC_TIME", "LANG"))
    parts += [today.isoformat(), os.environ.get("TZ", ""), locale, __version__]
    parts.append("dated" if dated else "")
    return "\x1f".join(parts).replace("\n", " ")


def _stat(path: Path) -> str:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return "-"
    return f"{found.st_size}:{found.st_mtime_ns}"


def _shm(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(_SHM_HEADER).hex()
    except FileNotFoundError:
        return "-"


def cache_file(store: Path, folder: Path | None = None) -> Path:
    if folder is None:
        from relay_tui.userdirs import user_cache_dir

        folder = user_cache_dir()
    name = f"{zlib.crc32(str(store.resolve()).encode('utf-8', 'surrogateescape')):08x}.txt"
    return folder / "remind" / name


def load(file: Path, wanted: str) -> list[Reminder] | None:
    """The items kept under `wanted`, or None (no file, another key, a damaged file)."""
    try:
        lines = file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) < 3 or lines[0] != FORMAT or lines[1] != wanted or lines[-1] != "":
        return None
    try:
        return [_item(line) for line in lines[2:-1]]
    except (ValueError, IndexError):
        return None


def save(file: Path, wanted: str, items: list[Reminder]) -> None:
    """Keep `items` under `wanted` (readable by the user only); a cache that cannot be
    written is no cache, never an error."""
    text = "\n".join([FORMAT, wanted, *(_line(item) for item in items), ""])
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = file.with_name(f".{file.name}.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, file)
    except (OSError, UnicodeEncodeError):
        return


_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escaped(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def _unescaped(text: str) -> str:
    if "\\" not in text:
        return text
    out, chars = [], iter(text)
    for ch in chars:
        if ch == "\\":
            ch = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}[next(chars)]
        out.append(ch)
    return "".join(out)


def _line(item: Reminder) -> str:
    fields = [
        item.kind,
        str(item.project_id),
        _escaped(item.project),
        item.since.isoformat(),
        str(item.ref),
        _escaped(item.title),
        item.due_on.isoformat() if item.due_on else "",
        str(item.days),
        repr(item.ratio) if item.ratio is not None else "",
    ]
    return "\t".join(fields)


def _item(line: str) -> Reminder:
    kind, pid, project, since, ref, title, due, days, ratio = line.split("\t")
    return Reminder(
        kind,
        int(pid),
        _unescaped(project),
        date.fromisoformat(since),
        ref=int(ref),
        title=_unescaped(title),
        due_on=date.fromisoformat(due) if due else None,
        days=int(days),
        ratio=float(ratio) if ratio else None,
    )
