"""Handlers of `relay export commitments` and `relay export kickoff`: the framing's
documents for the client, as Markdown, in the client's language."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from relay_tui.cli.context import open_store, output_path
from relay_tui.cli.during import _today
from relay_tui.i18n import tr


def export_commitments(args: argparse.Namespace) -> int:
    from relay_tui.services.kickoff import commitments_document

    return _export(
        args,
        commitments_document,
        lambda project, file: tr(
            "Wrote the commitments of {project} to {file}", project=project, file=file
        ),
    )


def export_kickoff(args: argparse.Namespace) -> int:
    from relay_tui.services.kickoff import kickoff_document

    return _export(
        args,
        kickoff_document,
        lambda project, file: tr(
            "Wrote the kick-off summary of {project} to {file}", project=project, file=file
        ),
    )


def _export(
    args: argparse.Namespace,
    build: Callable[[Any, Any, date], tuple[Any, str]],
    said: Callable[[str, str], str],
) -> int:
    """Write the document to `-o FILE` (a new file unless `--force`), or print it with
    `-o -`; the project is found and the document written before the file is touched,
    so an error leaves nothing behind."""
    from relay_tui.output import write_output

    target = output_path(args.output)
    project, text = build(open_store(args), args.project, _today(args.today))
    write_output(target, (text,), force=args.force)
    if target is not None:
        print(said(project.name, args.output))
    return 0
