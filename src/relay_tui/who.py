"""Who is writing: the `user` setting, else the login name (light: no imports beyond the
standard library, so that the fast capture path can use it)."""

from __future__ import annotations

import os

#: The longest name kept in `created_by` / `updated_by`.
WHO_LENGTH = 120


def clean_who(name: str) -> str:
    """A user name as stored: one line, printable, at most WHO_LENGTH characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in name)
    return " ".join(printable.split())[:WHO_LENGTH]


def login_name() -> str:
    """The login name of whoever runs relay, or "someone" when the system cannot say.

    The variables `getpass.getuser()` reads first, then `getpass` itself for the password
    database: importing it costs the fast capture about a tenth of its time."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if name := clean_who(os.environ.get(variable, "")):
            return name
    import getpass

    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no such uid in the password database (containers)
        name = ""
    return clean_who(name) or "someone"


def current_user(setting: str | None) -> str:
    return clean_who(setting or "") or login_name()
