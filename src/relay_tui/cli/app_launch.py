"""Opening the full-screen app (the only command path that imports Textual)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from relay_tui.cli.context import announce_backup, location, settings
from relay_tui.db import location_for_path, open_store
from relay_tui.errors import InvalidInput
from relay_tui.i18n import tr


def open_app(args: argparse.Namespace) -> int:
    if not sys.stdout.isatty() and not getattr(args, "force_app", False):
        raise InvalidInput(
            tr("the app needs a terminal; use a command instead (relay --help lists them)"),
            "terminal",
        )
    if getattr(args, "demo", False):
        store = _demo_store(args)
    else:
        store = open_store(location(args), on_backup=announce_backup, user=settings().user or None)
    from relay_tui.app import create_app

    app = create_app(
        store,
        open_retro=getattr(args, "open_retro", None),
        keep_calendar=not getattr(args, "demo", False),  # the sample bells are not yours
    )
    app.run()
    store.close()
    if app.restart_language is not None:
        _start_again(app.restart_language)
    return app.return_code or 0


def _start_again(language: str) -> None:
    """relay again, as it was started, in `language` (`app_language`: the palette's
    "Language: …"); this process is replaced."""
    import os

    from relay_tui.app_language import restart_command

    os.environ["RELAY_LANG"] = language
    command = restart_command(sys.argv[1:], sys.executable)
    os.execv(command[0], command)


def _demo_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from relay_tui.demo import seed_demo

    if getattr(args, "db", None):
        where = location(args)
        store = open_store(where)
        from relay_tui.services.projects import list_projects

        if list_projects(store):
            raise InvalidInput(
                tr(
                    "{store} already holds projects; --demo needs a new store",
                    store=where.describe(),
                ),
                "db",
            )
    else:
        folder = Path(tempfile.mkdtemp(prefix="relay-demo-"))
        from relay_tui.backup_due import no_automatic_backup

        no_automatic_backup(folder / "demo.db")  # sample data, thrown away: nothing to keep
        store = open_store(location_for_path(folder / "demo.db"))
        print(tr("relay: demo store in {path}", path=folder / "demo.db"), file=sys.stderr)
    seed_demo(store)
    return store
