"""Errors that reach the user as one clear line. Light: the fast paths import it."""

from __future__ import annotations


class RelayError(Exception):
    """Base class: `str(error)` is the one line a person reads."""

    exit_status = 2

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InvalidInput(RelayError):
    """The input was refused; nothing was written."""


class NotFound(InvalidInput):
    """A referenced record does not exist."""


class Conflict(InvalidInput):
    """The request contradicts what is stored (duplicate name, locked item...)."""


class StoreError(RelayError):
    """The store cannot be opened or written: says what happened and what to do."""

    exit_status = 1
