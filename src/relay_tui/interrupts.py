"""Ctrl+C tells the truth: what a command had saved when it was interrupted.

A write is committed and remembered as one step: Ctrl+C during that step is held until
the commit is recorded (`held`), so that the interrupted command says "contact #12 was
saved" when the row is in the store, and "nothing was written" only when that is so.
Outside the main thread (the app's workers) signals cannot be held, nor need to be: the
app reads Ctrl+C as a key.

Light on purpose (the fast capture path imports it): `_signal` is the C core of the
`signal` module, which would import and convert enumerations for nothing here.
"""

from __future__ import annotations

import _signal
import _thread
import sys

from relay_tui.i18n import language, tr, trn, trp

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from sys import UnraisableHookArgs
    from types import FrameType

#: What this process has committed, as a person names it ("contact #12"): the first
#: few (a message names no more), and how many in all (the app writes for hours).
_SHOWN = 3
_saved: list[str] = []
_count = [0]

#: How the tables' rows are named, per language (`_names`: record_name is called for
#: every row a flush writes).
_NAMED: dict[str, dict[str, str]] = {}


def _names() -> dict[str, str]:
    """How the tables' rows are named in messages, in the current language."""
    found = _NAMED.get(language())
    if found is None:
        found = _NAMED[language()] = _named()
    return found


def _named() -> dict[str, str]:
    return {
        "client": trp("record", "client"),
        "project": trp("record", "project"),
        "contact": trp("record", "contact"),
        "deadline": trp("record", "alarm bell"),
        "validation": trp("record", "validation"),
        "risk": trp("record", "risk"),
        "commitment": trp("record", "commitment"),
        "stakeholder": trp("record", "key actor"),
        "profile": trp("record", "profile"),
        "time_entry": trp("record", "time entry"),
        "incident": trp("record", "incident"),
        "lesson": trp("record", "lesson"),
        "retrospective": trp("record", "retrospective"),
        "handover": trp("record", "handover"),
        "change_request": trp("record", "change request"),
        "self_assessment": trp("record", "self-assessment"),
        "craft_card": trp("record", "craft card"),
    }


def record_name(table: str, key: object) -> str:
    """`contact #12`, `alarm bell #3`: a stored row as a message names it."""
    name = _names().get(table) or table.replace("_", " ")
    return tr("{record} #{id}", record=name, id=key)


def saved(*what: str) -> None:
    """Remember that these records were committed (called right after the commit)."""
    room = _SHOWN - len(_saved)
    if room > 0:
        _saved.extend(what[:room])
    _count[0] += len(what)


def forget() -> None:
    """Start afresh (each command run in one process, as the tests do)."""
    _saved.clear()
    _count[0] = 0


def interrupted_message() -> str:
    """The line to print when Ctrl+C stopped a command."""
    if not _count[0]:
        return tr("relay: interrupted; nothing was written")
    more = _count[0] - len(_saved)
    listed = ", ".join(_saved)
    if more:
        listed = trn("{records} and {n} more", "{records} and {n} more", more, records=listed)
    return trn(
        "relay: interrupted, but {records} was saved before that "
        "(it is in the store: do not enter it again)",
        "relay: interrupted, but {records} were saved before that "
        "(it is in the store: do not enter it again)",
        _count[0],
        records=listed,
    )


class held:
    """Hold Ctrl+C for the duration of the block (a commit and its record), then raise
    KeyboardInterrupt if it was pressed. In another thread than the main one, it holds
    nothing."""

    __slots__ = ("_active", "_pressed", "_previous")

    def __init__(self) -> None:
        self._active = False
        self._pressed = False
        self._previous: object = None

    def _hold(self, _signum: int, _frame: FrameType | None) -> None:
        self._pressed = True

    def __enter__(self) -> held:
        try:
            self._previous = _signal.signal(_signal.SIGINT, self._hold)
            self._active = True
        except ValueError:  # not the main thread
            self._active = False
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> bool:
        if self._active:
            # None: a handler not set from Python; Python's own is the closest to it.
            previous = self._previous
            _signal.signal(
                _signal.SIGINT, _signal.default_int_handler if previous is None else previous
            )
            if self._pressed and exc_type is None:
                raise KeyboardInterrupt
        return False


def quiet_during_start_up() -> None:
    """Until the command line is ready to tell what happened, Ctrl+C ends relay with one
    line and status 130, never a traceback: nothing can have been written yet."""
    set_handler(_stop_quietly)


def _stop_quietly(_signum: int, _frame: FrameType | None) -> None:
    # No exception: raised here, it could land in a finalizer that Python runs meanwhile
    # and be printed as "Exception ignored in …" with a traceback. Nothing is written
    # yet, nothing is buffered that matters: the process ends here.
    import os

    os.write(2, (tr("relay: interrupted; nothing was written") + "\n").encode())
    os._exit(130)


def as_usual() -> None:
    """Ctrl+C raises KeyboardInterrupt again (the command line catches it)."""
    if set_handler(_signal.default_int_handler):
        sys.unraisablehook = _interrupt_again


def _interrupt_again(unraisable: UnraisableHookArgs) -> None:
    """A KeyboardInterrupt raised where Python cannot pass it on (a callback run during an
    import or a garbage collection) would be printed as "Exception ignored in …" with a
    traceback, and lost. Deliver it again instead: the next line the command runs raises
    it, and the command line says what had been saved."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        # From another thread: raised here, in the hook, it would be lost the same way.
        _thread.start_new_thread(_thread.interrupt_main, ())
        return
    sys.__unraisablehook__(unraisable)


def ignored() -> None:
    """Ctrl+C does nothing (once a command has said what it did)."""
    set_handler(_signal.SIG_IGN)


def set_handler(handler: object) -> bool:
    """Handle SIGINT with `handler`; False outside the main thread, where it cannot be."""
    try:
        _signal.signal(_signal.SIGINT, handler)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True
