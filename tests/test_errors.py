"""Errors: one line each, with what a person typed shown, never run by the terminal."""

from __future__ import annotations

import errno
import os

import pytest

from relay_tui.errors import InvalidInput, StoreError, one_line, os_problem, shown_path


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain Émile 🙂 👨‍👩‍👧", "plain Émile 🙂 👨‍👩‍👧"),
        ("a\nb", "a\\nb"),
        ("a\r\tb", "a\\r\\tb"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("x\x85y\u2028z\u2029", "x\\x85y\\u2028z\\u2029"),
        ("\u202eevil\u202c", "\\u202eevil\\u202c"),
        ("caf\udce9", "caf\\udce9"),
        ("non\u00a0breaking", "non\u00a0breaking"),
    ],
)
def test_one_line_escapes_what_would_steer_the_terminal_or_split_the_line(
    text: str, shown: str
) -> None:
    assert one_line(text) == shown
    assert len(one_line(text).splitlines()) == 1
    assert shown_path(text) == shown


def test_every_relay_error_is_one_line_whatever_it_quotes() -> None:
    error = InvalidInput("a project named 'two\nlines\x1b[2J' already exists", "name")
    assert str(error) == "name: a project named 'two\\nlines\\x1b[2J' already exists"
    assert error.message == "a project named 'two\\nlines\\x1b[2J' already exists"
    assert StoreError("x\ny").exit_status == 1


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.ENOSPC, "Free some space"),
        (errno.EDQUOT, "Free some space"),
        (errno.ENAMETOOLONG, "too long"),
        (errno.EACCES, "permission"),
        (errno.ENOENT, "folder does not exist"),
        (errno.EIO, "Input/output error"),
    ],
)
def test_os_problem_says_what_to_do(code: int, says: str) -> None:
    assert says in os_problem(OSError(code, os.strerror(code)))
