"""Where an export goes: a new private file, an existing one replaced whole (`--force`),
or standard output (`-o -`). And the file relay keeps current itself (the calendar of
the `calendar_file` setting), replaced in one step.

Every file is written readable by its owner only (0600). A file replaced is written
beside it, then moved over it: a reader (a calendar subscribed to it) sees the old file
or the new one, never half of one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from relay_tui.errors import InvalidInput, StoreError, os_problem, shown_path
from relay_tui.files import open_new_private
from relay_tui.i18n import tr

#: `-o -`: the export is printed instead of written to a file.
STDOUT = "-"


def write_new(path: Path, chunks: Iterable[str]) -> Path:
    """Write `chunks` to a new file (0600), refusing to overwrite. Whatever goes wrong
    on the way (the disk, or the producer of the chunks), the file is removed."""
    path = path.expanduser().absolute()
    fd = open_new_private(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise StoreError(
            tr(
                "could not write {path}: {problem}; nothing was kept",
                path=shown_path(path),
                problem=os_problem(exc),
            )
        ) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def replace_private(path: Path, chunks: Iterable[str]) -> None:
    """Put `chunks` in place of `path` (0600) in one step: written to a temporary file
    beside it, flushed to the disk, then moved over it. Raises OSError; the temporary
    file never stays behind."""
    import tempfile

    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, path)
    except BaseException:
        with suppress(OSError):  # never in place of the first failure
            os.unlink(name)
        raise


def write_output(target: Path | None, chunks: Iterable[str], *, force: bool = False) -> None:
    """Write an export: to standard output when `target` is None (`-o -`), else to a new
    file, or with `force` in place of the existing file. An existing file without
    `force` is refused, naming `--force`, and left as it was."""
    if target is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    if not (force and os.path.isfile(target)):  # isfile: False on any error
        if os.path.lexists(target):
            raise InvalidInput(
                tr(
                    "{path} already exists; choose another file name, or --force to replace it",
                    path=shown_path(target),
                ),
                "output",
            )
        write_new(target, chunks)
        return
    try:
        replace_private(target, chunks)
    except OSError as exc:
        raise InvalidInput(
            tr("cannot write {path}: {problem}", path=shown_path(target), problem=os_problem(exc)),
            "output",
        ) from None
