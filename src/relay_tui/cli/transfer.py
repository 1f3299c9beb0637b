"""Handlers of export, import and backup."""

from __future__ import annotations

import argparse

from relay_tui.cli.context import location, open_store, typed_path


def export_json(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import export_json as export

    target = typed_path(args.output)
    counts = export(open_store(args), target)
    total = sum(counts.values())
    print(f"Exported {total} records to {args.output}")
    return 0


def import_json(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import load_import, prepare_import, read_export

    source = typed_path(args.file, "file")
    # The file is read once and checked, every value of every row, before the store is
    # touched; only the values to store are kept.
    prepared = prepare_import(read_export(source), sqlite=location(args).is_sqlite)
    counts = load_import(open_store(args), prepared)
    print(f"Imported {sum(counts.values())} records from {args.file}")
    return 0


def backup(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import backup as copy

    target = copy(open_store(args), typed_path(args.output))
    print(f"Backed up the store to {target}")
    return 0


def export_craft(args: argparse.Namespace) -> int:
    from relay_tui.domain.craft import craft_markdown
    from relay_tui.services.framing import get_craft_card
    from relay_tui.services.transfer import write_private

    target = typed_path(args.output)
    card = get_craft_card(open_store(args))
    text = craft_markdown(
        {
            k: getattr(card, k)
            for k in ("name", "training", "practices", "strengths", "weaknesses", "portfolio")
        }
    )
    write_private(target, text)
    print(f"Wrote the craft card to {args.output}")
    return 0
