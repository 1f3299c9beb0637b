"""What every command needs: the store location, the open store, the settings."""

from __future__ import annotations

import sys

from relay_tui.db import StoreLocation, resolve_location

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse

    from relay_tui.db import Store
    from relay_tui.settings import Settings


def location(args: argparse.Namespace) -> StoreLocation:
    return resolve_location(getattr(args, "db", None))


def announce_backup(path: object) -> None:
    print(f"relay: the store is being upgraded; a copy was saved first: {path}", file=sys.stderr)


def open_store(args: argparse.Namespace) -> Store:
    from relay_tui.db import open_store as _open

    return _open(location(args), on_backup=announce_backup)


def settings() -> Settings:
    from relay_tui.settings import load_settings

    loaded = load_settings()
    if loaded.problem:
        print(f"relay: warning: {loaded.problem}", file=sys.stderr)
    return loaded


def yes_no(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def emit_json(data: object) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2))
