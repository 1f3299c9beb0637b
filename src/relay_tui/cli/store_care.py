"""Handlers of `relay check`, `relay backup list` and `relay backup restore`.

None of them opens a SQLite store through `open_store`: that would upgrade it, and stop
at the first damage, while these commands are the ones to run on a damaged store.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from relay_tui.cli.context import location, open_store, typed_path
from relay_tui.errors import InvalidInput, one_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from relay_tui.db import StoreLocation

#: The exit status of `relay check` when it finds the store damaged (docs/cli.md).
DAMAGED_STATUS = 3


def check(args: argparse.Namespace) -> int:
    from relay_tui.services.health import check_server, check_sqlite

    where = location(args)
    if where.path is None:
        health = check_server(open_store(args))
        found = "; ".join(f"{f.name}: {f.detail}" for f in health.findings)
        print(
            f"Database server store {health.where}: {found}. The server looks after its own "
            "files: check them with its tools (amcheck, pg_dump)."
        )
        return 0 if health.sound else DAMAGED_STATUS
    health = check_sqlite(where.path)
    print(f"The store {health.where} is {'sound' if health.sound else 'damaged'}.")
    for finding in health.findings:
        print(f"  {finding.name}: {one_line(finding.detail)}")
    db = _db_option(where)
    if health.sound:
        count = len(_backups(where.path))
        print(f"Backups: {count} in {health.backups_folder} (relay{db} backup list shows them).")
        return 0
    rescue = "relay-rescue.json"
    if health.backup is not None:
        made = f"{health.backup.made:%Y-%m-%d %H:%M}"
        print(
            f"Restore the newest sound backup, made {made} "
            "(relay keeps a copy of the damaged store first):"
        )
        print(f"  relay{db} backup restore {shlex.quote(str(health.backup.path))}")
        print(f"Or first save what can still be read: relay{db} export json --salvage -o {rescue}")
    else:
        print(
            f"No sound backup in {health.backups_folder}. Save what can still be read: "
            f"relay{db} export json --salvage -o {rescue}, then load it into a new store: "
            f"relay --db NEW.db import json {rescue}"
        )
    return DAMAGED_STATUS


def backup_list(args: argparse.Namespace) -> int:
    from relay_tui.backups import folder_for, list_backups

    path = _sqlite_path(location(args), "list")
    found = list_backups(path)
    if not found:
        print(
            f"No backups of {path} yet: relay makes one a day, before the first change of "
            f"the day, in {folder_for(path)}"
        )
        return 0
    width = max(len(str(info.path)) for info in found)
    print(f"{'FILE':<{width}}  {'MADE':<16}  {'SIZE':>9}  CHECKED")
    for info in found:
        checked = "sound" if info.sound else f"damaged ({one_line(info.problem)[:60]})"
        made = f"{info.made:%Y-%m-%d %H:%M}"
        print(f"{info.path!s:<{width}}  {made}  {_size(info.size):>9}  {checked}")
    return 0


def backup_restore(args: argparse.Namespace) -> int:
    from relay_tui.restoring import restore

    path = _sqlite_path(location(args), "restore")
    done = restore(path, typed_path(args.file, "file"))
    print(f"Restored the store {path} from {done.source}")
    if done.kept is not None:
        print(f"The store as it was is kept in {done.kept}")
    if done.needs_upgrade:
        print("relay upgrades it to the current schema the next time it opens it.")
    return 0


def _backups(path: Path) -> list[Path]:
    from relay_tui.backups import backup_files

    return backup_files(path)


def _sqlite_path(where: StoreLocation, action: str) -> Path:
    if where.path is None:
        raise InvalidInput(
            f"backup {action}: relay keeps automatic backups of SQLite stores only; for a "
            "database server use its own tools (pg_dump for PostgreSQL)",
            "db",
        )
    return where.path


def _db_option(where: StoreLocation) -> str:
    """` --db PATH` when the store is not the default one (the commands to run next)."""
    from relay_tui.db import default_db_path

    if where.path is not None and where.path == default_db_path():
        return ""
    return f" --db {shlex.quote(str(where.path))}"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"
