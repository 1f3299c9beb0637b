"""Handlers of export, import and backup."""

from __future__ import annotations

import argparse
from pathlib import Path

from relay_tui.cli.context import open_store


def export_json(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import export_json as export

    counts = export(open_store(args), Path(args.output))
    total = sum(counts.values())
    print(f"Exported {total} records to {args.output}")
    return 0


def import_json(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import import_json as load
    from relay_tui.services.transfer import read_export

    data = read_export(Path(args.file))  # check the file before touching the store
    del data
    counts = load(open_store(args), Path(args.file))
    print(f"Imported {sum(counts.values())} records from {args.file}")
    return 0


def backup(args: argparse.Namespace) -> int:
    from relay_tui.services.transfer import backup as copy

    target = copy(open_store(args), Path(args.output))
    print(f"Backed up the store to {target}")
    return 0


def export_craft(args: argparse.Namespace) -> int:
    from relay_tui.domain.craft import craft_markdown
    from relay_tui.services.framing import get_craft_card
    from relay_tui.services.transfer import write_private

    card = get_craft_card(open_store(args))
    text = craft_markdown(
        {
            k: getattr(card, k)
            for k in ("name", "training", "practices", "strengths", "weaknesses", "portfolio")
        }
    )
    write_private(Path(args.output), text)
    print(f"Wrote the craft card to {args.output}")
    return 0
