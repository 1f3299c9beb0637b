"""Handlers of `relay export commitments` and `relay export kickoff`: the framing's
documents for the client, as Markdown, in the client's language."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from relay_tui.cli.context import open_store, typed_path
from relay_tui.cli.during import _today
from relay_tui.i18n import tr

#: `-o -`: print the document instead of writing a file.
STDOUT = "-"


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
    target = None if args.output == STDOUT else typed_path(args.output)
    project, text = build(open_store(args), args.project, _today(args.today))
    if target is None:
        print(text, end="")
        return 0
    _write(target, text, args.force)
    print(said(project.name, args.output))
    return 0


def _write(target: Path, text: str, force: bool) -> None:
    """A new file readable by its owner only; with `force`, an existing file is replaced
    whole (written beside it, then moved over it: never left half written)."""
    import os
    import tempfile

    from relay_tui.errors import InvalidInput, os_problem, shown_path
    from relay_tui.services.transfer import write_private

    if not (force and os.path.isfile(target)):  # isfile: False on any error
        if os.path.lexists(target):
            raise InvalidInput(
                tr(
                    "{path} already exists; choose another file name, or --force to replace it",
                    path=shown_path(target),
                ),
                "output",
            )
        write_private(target, text)
        return
    temporary: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.")
        os.close(fd)
        os.unlink(name)
        temporary = write_private(Path(name), text)
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise InvalidInput(
            tr("cannot write {path}: {problem}", path=shown_path(target), problem=os_problem(exc)),
            "output",
        ) from None
