"""Files relay writes: names as typed, and private folders. Light: the fast paths use it."""

from __future__ import annotations

import os
from pathlib import Path

from relay_tui.errors import InvalidInput, os_problem, shown_path
from relay_tui.i18n import tr


def user_path(path: Path, field: str) -> Path:
    """A file name as typed, `~` expanded and made absolute. A `~name` whose user does
    not exist is refused naming `field` (`Path.expanduser` raises RuntimeError)."""
    try:
        return path.expanduser().absolute()
    except RuntimeError:
        raise InvalidInput(
            tr("cannot find the home folder that {path} starts with", path=shown_path(path)),
            field,
        ) from None
    except OSError as exc:  # the current folder is gone
        raise InvalidInput(
            tr("cannot locate {path}: {problem}", path=shown_path(path), problem=os_problem(exc)),
            field,
        ) from None


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and every missing parent, each readable by its owner only (0700).

    `Path.mkdir(parents=True, mode=0o700)` gives the mode to the last folder only: its
    parents get 0777 less the umask. Folders that already exist are left as they are.
    Raises OSError.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for step in reversed(missing):
        try:
            step.mkdir(mode=0o700)
        except FileExistsError:
            if not step.is_dir():
                raise
            continue  # made meanwhile by someone else: not ours to change
        os.chmod(step, 0o700)  # the umask may have taken bits away


def open_new_private(path: Path) -> int:
    """Create `path` for writing, readable by its owner only (0600), and return its file
    descriptor; an existing file is never overwritten. Refusals name `output`."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise InvalidInput(
            tr("{path} already exists; choose another file name", path=shown_path(path)),
            "output",
        ) from None
    except OSError as exc:
        raise InvalidInput(
            tr("cannot write {path}: {problem}", path=shown_path(path), problem=os_problem(exc)),
            "output",
        ) from None
    os.fchmod(fd, 0o600)  # the umask may have taken bits away
    return fd
