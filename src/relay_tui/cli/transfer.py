"""Handlers of export, import and backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from relay_tui.cli.context import location, open_store, output_path, typed_path
from relay_tui.errors import InvalidInput
from relay_tui.i18n import tr

#: The exit status of `export json --salvage` when the file is written but some records
#: could not be saved: the store is damaged, as `relay check`'s status 3 says (docs/cli.md).
SALVAGED_PART_STATUS = 3


def export_json(args: argparse.Namespace) -> int:
    if args.salvage:
        return _salvage(args)
    from relay_tui.services.transfer import export_json as export

    target = output_path(args.output)
    counts = export(open_store(args), target, force=args.force)
    if target is not None:  # printed, the export is all stdout holds
        total = sum(counts.values())
        print(tr("Exported {count} records to {file}", count=total, file=args.output))
    return 0


def _salvage(args: argparse.Namespace) -> int:
    """Status 0 when every record was saved, SALVAGED_PART_STATUS when the file holds
    what could be read and says what could not: a script that goes on to import the file
    knows whether it is a full copy."""
    import shlex

    from relay_tui.services.salvage import SERVER_REFUSAL, salvage_json

    if not location(args).is_sqlite:  # refused before the server is reached
        raise InvalidInput(SERVER_REFUSAL, "salvage")
    target = output_path(args.output)
    done = salvage_json(open_store(args), target, force=args.force)
    # With the export on stdout, what was saved is said on stderr.
    said = sys.stdout if target is not None else sys.stderr
    if done.complete:
        print(
            tr(
                "Saved all {count} records to {file}: nothing was lost",
                count=done.total,
                file=args.output,
            ),
            file=said,
        )
        return 0
    print(
        tr(
            "Saved {count} records to {file}; could not save: {lost}. "
            "Load them into a new store: relay --db NEW.db import json {quoted}",
            count=done.total,
            file=args.output,
            lost=done.lost_text(),
            quoted=shlex.quote(args.output),
        ),
        file=said,
    )
    return SALVAGED_PART_STATUS


def import_json(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import import_json as load

    source = typed_path(args.file, "file")
    where = location(args)
    new = where.path if where.is_sqlite and where.path and not where.path.exists() else None
    if new is not None:
        from relay_tui.backup_due import no_automatic_backup

        no_automatic_backup(new)  # a copy of the store just created holds nothing
    # The file is read as it comes, checked and inserted a batch at a time in one
    # transaction: a bad row lets go of everything (checking the file through first
    # would read it twice: a third of the time of a large import).
    store = open_store(args)
    try:
        counts = load(store, source)
    except BaseException:
        if new is not None:  # a refused import leaves no store behind
            store.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{new}{suffix}").unlink(missing_ok=True)
        raise
    print(tr("Imported {count} records from {file}", count=sum(counts.values()), file=args.file))
    return 0


def backup(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import backup as copy

    if args.output is None:
        raise InvalidInput(
            tr("needs -o FILE (or: relay backup list, relay backup restore FILE)"), "output"
        )
    target = copy(open_store(args), typed_path(args.output))
    print(tr("Backed up the store to {file} (checked: sound)", file=target))
    return 0


def export_craft(args: argparse.Namespace) -> int:
    from relay_tui.domain.craft import craft_markdown
    from relay_tui.output import write_output
    from relay_tui.services.craft import get_craft_card

    target = output_path(args.output)
    card = get_craft_card(open_store(args))
    text = craft_markdown(
        {
            k: getattr(card, k)
            for k in ("name", "training", "practices", "strengths", "weaknesses", "portfolio")
        }
    )
    write_output(target, (text,), force=args.force)
    if target is not None:
        print(tr("Wrote the craft card to {file}", file=args.output))
    return 0
