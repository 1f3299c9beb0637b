"""Errors that reach the user as one clear line. Light: the fast paths import it."""

from __future__ import annotations

import errno

from relay_tui.i18n import tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from typing import TextIO

#: Characters that steer the terminal rather than show: bidirectional overrides and
#: isolates (they can make a message read backwards), the byte order mark.
_STEERING = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)


def one_line(text: object) -> str:
    """`text` as it may appear in a message: on one line, nothing sent to the terminal.

    Control characters (line breaks included), Unicode line and paragraph separators,
    bidirectional controls and lone surrogates (invalid UTF-8 in argv) are written as
    escapes (`\\n`, `\\x1b`, `\\u2028`, `\\udce9`); everything else is kept as it is.
    """
    value = str(text)
    if value.isprintable():
        return value
    return "".join(ch if _shown(ch) else _escape(ch) for ch in value)


def terminal_text(text: str) -> str:
    """What relay's command line writes: its own line breaks kept, every other control
    character escaped as in `one_line` (user text may hold terminal escapes)."""
    if text.isprintable():
        return text
    return "".join(ch if ch == "\n" or _shown(ch) else _escape(ch) for ch in text)


class TerminalStream:
    """A text stream that writes through `terminal_text`: the command line's stdout and
    stderr when they are a terminal, so that no name, summary or reason a user typed can
    steer it. Redirected to a file or a pipe, relay writes the text as typed (a report
    saved with `>` keeps it verbatim)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(terminal_text(text))

    def __getattr__(self, name: str) -> object:  # flush, isatty, fileno, encoding...
        return getattr(self.stream, name)


def _shown(ch: str) -> bool:
    if ch.isprintable():
        return True
    code = ord(ch)
    controls = code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF
    # Other non-printable characters (spaces, formats such as ZWJ in emoji) are harmless.
    return not (controls or ch in ("\u2028", "\u2029") or ch in _STEERING)


def _escape(ch: str) -> str:
    code = ord(ch)
    simple = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
    if simple:
        return simple
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def quoted(text: object, limit: int = 40) -> str:
    """What someone typed, as a refusal quotes it: every character that does not print
    shown as `?`, cut with an ellipsis past `limit` characters."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def shown_path(path: object) -> str:
    """A file name as error messages show it: one line, control characters escaped."""
    return one_line(path)


def os_problem(exc: OSError) -> str:
    """What went wrong with a file, and what to do about it, for an `OSError` (in the
    current language; the system's own words, `strerror`, otherwise)."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return tr("the disk is full (no space left on device). Free some space and try again")
    if code == errno.ENAMETOOLONG:
        return tr("the file name is too long; choose a shorter one")
    if code in (errno.EACCES, errno.EPERM):
        return tr("permission denied; check the permissions of its folder")
    if code == errno.EROFS:
        return tr("the file system is read-only; choose another place")
    if code == errno.ENOENT:
        return tr("its folder does not exist")
    if code == errno.ENOTDIR:
        return tr("a part of its path is not a folder")
    if code == errno.EISDIR:
        return tr("it is a folder")
    return one_line(exc.strerror or type(exc).__name__)


class RelayError(Exception):
    """Base class: `str(error)` is the one line a person reads.

    The message is kept on one line with control characters escaped (`one_line`): it may
    echo what a person typed or stored (a name, a file name), and must not steer the
    terminal nor split the line.
    """

    exit_status = 2

    def __init__(self, message: str, field: str | None = None) -> None:
        message = one_line(message)
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        if self.field:
            return tr("{field}: {message}", field=self.field, message=self.message)
        return self.message


class InvalidInput(RelayError):
    """The input was refused; nothing was written."""


class NotFound(InvalidInput):
    """A referenced record does not exist."""


class Conflict(InvalidInput):
    """The request contradicts what is stored (duplicate name, locked item...)."""


class StoreError(RelayError):
    """The store cannot be opened or written: says what happened and what to do."""

    exit_status = 1
