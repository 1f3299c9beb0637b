"""Reading an export file as it comes: its header's values, then each table's rows in
batches, never the whole file in memory (a store ten times the benchmark's exports some
400 MB; parsed at once, they took 1.7 GB).

Any layout of the JSON is read (one row per line as relay writes it, or re-indented by
`jq .`): a scanner walks the outer object and the `tables` object by hand and decodes
each value, each row, with `json.JSONDecoder.raw_decode` from a buffer of text that is
refilled as it runs out. The refusals are those of `json.loads` on the whole file: not
UTF-8, not JSON (with its line), NaN or Infinity, values nested too deeply.

What it gives, in the order of the file (`read_events`):
  ("header", key, value)  a key of the outer object other than `tables`
  ("tables", is_object)   the `tables` key; when its value is no object, nothing follows
  ("table", name, is_list) a table; when it is a list and `wanted(name)`, then:
  ("rows", name, start, rows)  the next rows (at most `batch` of them), the first
                          being row `start` of the table
  ("end", name)           the table's last row was given
  ("other", value)        the file holds a JSON value that is no object
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from relay_tui.errors import InvalidInput, os_problem, shown_path
from relay_tui.i18n import tr

#: Characters read at a time (and the least a refill adds).
CHUNK_CHARS = 1 << 16
#: Rows given at a time.
BATCH_ROWS = 1000

Event = tuple[Any, ...]
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _no_constant(name: str) -> Any:
    raise ValueError(tr("{name} is not a number JSON knows", name=name))


class _Truncated(Exception):
    """The text ends in the middle of the outer object."""


class _Scanner:
    """A buffer of the file's text and the position of what comes next in it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.text = ""
        self.pos = 0
        self.eof = False
        self.lines = 0  # line breaks before `text`
        self.decode = json.JSONDecoder(parse_constant=_no_constant).raw_decode

    def line(self, pos: int) -> int:
        """The line of the file that `pos` (in `text`) is on, counting from 1."""
        return self.lines + self.text.count("\n", 0, pos) + 1

    def more(self) -> bool:
        """Read on (at least as much as is left unread in `text`, so that a long value
        retried is read in a number of steps that grows as its logarithm); False at the
        end of the file."""
        if self.eof:
            return False
        chunk = self.stream.read(max(CHUNK_CHARS, len(self.text) - self.pos))
        if not chunk:
            self.eof = True
            return False
        if self.pos:
            self.lines += self.text.count("\n", 0, self.pos)
        self.text = self.text[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not blank ("" at the end of the file)."""
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def take(self, expected: str) -> str:
        """The next character, one of `expected`; not JSON otherwise."""
        found = self.peek()
        if not found or found not in expected:
            raise json.JSONDecodeError("unexpected", self.text, self.pos)
        self.pos += 1
        return found

    def value(self) -> Any:
        """The next JSON value. A value cut by the end of the buffer fails to decode or,
        for a number, decodes short: either way the buffer is refilled and it is decoded
        again."""
        self.peek()
        while True:
            try:
                value, end = self.decode(self.text, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise
            if end == len(self.text) and self.more():
                continue
            self.pos = end
            return value

    def rest(self) -> str:
        """The text left (for a file that is no export: read whole, as json.loads would)."""
        left = self.text[self.pos :] + self.stream.read()
        self.lines += self.text.count("\n", 0, self.pos)
        self.text, self.pos, self.eof = left, 0, True
        return left


def read_events(
    path: Path, wanted: Callable[[str], bool], *, batch: int = BATCH_ROWS
) -> Iterator[Event]:
    """The events of the export in `path` (see the module's description); InvalidInput
    naming `file` for a file that cannot be read or is not strict JSON in UTF-8."""
    where = shown_path(path)
    try:
        with path.expanduser().open(encoding="utf-8") as stream:
            scanner = _Scanner(stream)
            try:
                yield from _events(scanner, wanted, batch)
            except json.JSONDecodeError as exc:
                line = scanner.lines + exc.lineno
                raise _bad(tr("{path} is not JSON (line {line})", path=where, line=line)) from None
            except RecursionError:
                message = tr(
                    "{path} is not a relay export (its values are nested too deeply)", path=where
                )
                raise _bad(message) from None
            except UnicodeDecodeError:
                raise _bad(tr("{path} is not UTF-8 text", path=where)) from None
            except ValueError as exc:  # NaN or Infinity, a number of thousands of digits
                raise _bad(
                    tr("{path} is not strict JSON ({error})", path=where, error=exc)
                ) from None
    except FileNotFoundError:
        raise _bad(tr("{path} does not exist", path=where)) from None
    except OSError as exc:
        problem = os_problem(exc)
        raise _bad(tr("cannot read {path}: {problem}", path=where, problem=problem)) from None


def _bad(message: str) -> InvalidInput:
    return InvalidInput(message, "file")


def _events(scanner: _Scanner, wanted: Callable[[str], bool], batch: int) -> Iterator[Event]:
    if scanner.peek() != "{":
        # No object (or nothing, or a byte-order mark): decoded whole, for json.loads's
        # own refusal or a value that is no export.
        text = scanner.rest()
        yield ("other", json.JSONDecoder(parse_constant=_no_constant).decode(text))
        return
    scanner.take("{")
    if scanner.peek() == "}":
        scanner.take("}")
    else:
        while True:
            key = _key(scanner)
            if key == "tables":
                if scanner.peek() == "{":
                    yield ("tables", True)
                    yield from _tables(scanner, wanted, batch)
                else:
                    scanner.value()  # no object: whatever it is, the export has no tables
                    yield ("tables", False)
            else:
                yield ("header", key, scanner.value())
            if scanner.take(",}") == "}":
                break
    if scanner.peek():  # anything after the object
        raise json.JSONDecodeError("Extra data", scanner.text, scanner.pos)


def _key(scanner: _Scanner) -> str:
    """A key of an object and its colon."""
    if scanner.peek() != '"':
        raise json.JSONDecodeError("a key", scanner.text, scanner.pos)
    key = scanner.value()
    scanner.take(":")
    return str(key)


def _tables(scanner: _Scanner, wanted: Callable[[str], bool], batch: int) -> Iterator[Event]:
    scanner.take("{")
    if scanner.peek() == "}":
        scanner.take("}")
        return
    while True:
        name = _key(scanner)
        if scanner.peek() != "[":
            scanner.value()
            yield ("table", name, False)
        else:
            yield ("table", name, True)
            if wanted(name):
                yield from _rows(scanner, name, batch)
            else:
                _skip_rows(scanner)
        if scanner.take(",}") == "}":
            return


def _rows(scanner: _Scanner, name: str, batch: int) -> Iterator[Event]:
    scanner.take("[")
    start = 0
    rows: list[Any] = []
    if scanner.peek() != "]":
        value, take = scanner.value, scanner.take
        while True:
            rows.append(value())
            if len(rows) == batch:
                yield ("rows", name, start, rows)
                start += batch
                rows = []
            if take(",]") == "]":
                break
    else:
        scanner.take("]")
    if rows:
        yield ("rows", name, start, rows)
    yield ("end", name)


def _skip_rows(scanner: _Scanner) -> None:
    """A table's rows read (the file must be JSON all the same) and let go."""
    scanner.take("[")
    if scanner.peek() == "]":
        scanner.take("]")
        return
    while True:
        scanner.value()
        if scanner.take(",]") == "]":
            return


def dict_events(
    data: Any, wanted: Callable[[str], bool], *, batch: int = BATCH_ROWS
) -> Iterator[Event]:
    """The events of an export already parsed (`export_data`'s or `json.loads`'s)."""
    if not isinstance(data, dict):
        yield ("other", data)
        return
    for key, value in data.items():
        if key != "tables":
            yield ("header", key, value)
            continue
        yield ("tables", isinstance(value, dict))
        if not isinstance(value, dict):
            continue
        for name, rows in value.items():
            yield ("table", name, isinstance(rows, list))
            if isinstance(rows, list) and wanted(name):
                for start in range(0, len(rows), batch):
                    yield ("rows", name, start, rows[start : start + batch])
                yield ("end", name)
