"""Handlers of `relay check`, `relay backup list` and `relay backup restore`.

None of them opens a SQLite store through `open_store`: that would upgrade it, and stop
at the first damage, while these commands are the ones to run on a damaged store.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from relay_tui.cli.context import location, open_store, typed_path
from relay_tui.errors import InvalidInput, one_line
from relay_tui.i18n import tr, trp

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
            tr(
                "Database server store {store}: {findings}. The server looks after its own "
                "files: check them with its tools (amcheck, pg_dump).",
                store=health.where,
                findings=found,
            )
        )
        return 0 if health.sound else DAMAGED_STATUS
    health = check_sqlite(where.path)
    if health.sound:
        print(tr("The store {store} is sound.", store=health.where))
    else:
        print(tr("The store {store} is damaged.", store=health.where))
    for finding in health.findings:
        print(f"  {finding.name}: {one_line(finding.detail)}")
    db = _db_option(where)
    if health.sound:
        count = len(_backups(where.path))
        print(
            tr(
                "Backups: {count} in {folder} (relay{db} backup list shows them).",
                count=count,
                folder=health.backups_folder,
                db=db,
            )
        )
        return 0
    rescue = "relay-rescue.json"
    if health.backup is not None:
        made = f"{health.backup.made:%Y-%m-%d %H:%M}"
        print(
            tr(
                "Restore the newest sound backup, made {made} "
                "(relay keeps a copy of the damaged store first):",
                made=made,
            )
        )
        print(f"  relay{db} backup restore {shlex.quote(str(health.backup.path))}")
        print(
            tr(
                "Or first save what can still be read: relay{db} export json --salvage -o {file}",
                db=db,
                file=rescue,
            )
        )
    else:
        print(
            tr(
                "No sound backup in {folder}. Save what can still be read: "
                "relay{db} export json --salvage -o {file}, then load it into a new store: "
                "relay --db NEW.db import json {file}",
                folder=health.backups_folder,
                db=db,
                file=rescue,
            )
        )
    return DAMAGED_STATUS


def backup_list(args: argparse.Namespace) -> int:
    from relay_tui.backups import folder_for, list_backups

    path = _sqlite_path(location(args), "list")
    found = list_backups(path)
    if not found:
        print(
            tr(
                "No backups of {store} yet: relay makes one a day, before the first change of "
                "the day, in {folder}",
                store=path,
                folder=folder_for(path),
            )
        )
        return 0
    width = max(len(str(info.path)) for info in found)
    file, made, size, checked = tr("FILE"), tr("MADE"), tr("SIZE"), tr("CHECKED")
    print(f"{file:<{width}}  {made:<16}  {size:>9}  {checked}")
    for info in found:
        if info.sound:
            checked = tr("sound")
        else:
            checked = tr("damaged ({problem})", problem=one_line(info.problem)[:60])
        made = f"{info.made:%Y-%m-%d %H:%M}"
        print(f"{info.path!s:<{width}}  {made}  {_size(info.size):>9}  {checked}")
    return 0


def backup_restore(args: argparse.Namespace) -> int:
    from relay_tui.restoring import restore

    path = _sqlite_path(location(args), "restore")
    done = restore(path, typed_path(args.file, "file"))
    print(tr("Restored the store {store} from {backup}", store=path, backup=done.source))
    if done.kept is not None:
        print(tr("The store as it was is kept in {file}", file=done.kept))
    if done.needs_upgrade:
        print(tr("relay upgrades it to the current schema the next time it opens it."))
    return 0


def _backups(path: Path) -> list[Path]:
    from relay_tui.backups import backup_files

    return backup_files(path)


def _sqlite_path(where: StoreLocation, action: str) -> Path:
    if where.path is None:
        raise InvalidInput(
            tr(
                "backup {action}: relay keeps automatic backups of SQLite stores only; for a "
                "database server use its own tools (pg_dump for PostgreSQL)",
                action=action,
            ),
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
        return tr("{size} B", size=size)
    if size < 1024 * 1024:
        return tr("{size} KiB", size=round(size / 1024))
    mebibytes = f"{size / (1024 * 1024):.1f}".replace(".", trp("decimal separator", "."))
    return tr("{size} MiB", size=mebibytes)
