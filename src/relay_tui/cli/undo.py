"""Handler of `relay undo`: take back your last change, or list what can be taken back."""

from __future__ import annotations

TYPE_CHECKING = False  # no typing import on the command paths
if TYPE_CHECKING:
    import argparse


def undo(args: argparse.Namespace) -> int:
    from relay_tui.cli.context import open_store
    from relay_tui.display import local_stamp
    from relay_tui.i18n import tr
    from relay_tui.services.undo import steps, undo_last

    store = open_store(args)
    try:
        if args.list:
            shown = steps(store, limit=args.limit)
            if not shown:
                print(tr("Nothing to undo."))
            for step in shown:
                print(f"{local_stamp(step.at)}  {step.summary}")
            return 0
        step = undo_last(store)
        print(tr("Undone: {step} ({when}).", step=step.summary, when=local_stamp(step.at)))
        return 0
    finally:
        store.close()
