"""Checking every value of every row of an export before it is stored.

A bad file is refused with `InvalidInput` naming `file` (the file itself is read by
`relay_tui.services.export_reader`, its layout checked by `import_stream`) and, for a
bad value, its table, row and field (`risk[3].probability must be from 1 to 5
(got 9)`). The values are held to the rules of the stored records, declared once in
`relay_tui.domain.record_rules` (the input models take theirs from the same place), and
to the types and vocabularies of the tables.

The rows are checked a column at a time first, each column in one sweep; when a sweep
finds anything amiss, they are checked again one by one, which names the first bad value
(the one-by-one check is the rule: the sweeps only ever accept less).
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import Enum
from itertools import repeat
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from relay_tui.dbtypes import UTCDateTime
from relay_tui.domain.record_rules import (
    FIELDS,
    ROW_RULES,
    YEARS,
    RowRule,
    Rule,
    Text,
    chain_problem,
    shown,
    year_problem,
)
from relay_tui.errors import InvalidInput, shown_path
from relay_tui.i18n import tr
from relay_tui.models import ALL_TABLES

FORMAT = "relay-export"
FORMAT_VERSION = 1

#: The integers a store holds (SQLite's are 64-bit).
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1

Convert = Callable[[Any], Any]
ConvertAll = Callable[[list[Any]], list[Any]]


def _bad_file(message: str) -> InvalidInput:
    return InvalidInput(message, "file")


# --- the rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedImport:
    """An export checked value by value, ready to insert: per table (in dependency
    order), its rows as tuples of the values to store, in column order."""

    sqlite: bool  # values as SQLite stores them (text for instants, dates, times)
    tables: dict[str, list[tuple[Any, ...]]]


def prepare_import(data: dict[str, Any], *, sqlite: bool) -> PreparedImport:
    """Check every value of every row of an export (from `read_export`), refusing the
    first bad one naming its table, row and field; nothing is written. `sqlite`: for a
    SQLite store (`store.location.is_sqlite`)."""
    known = {model.__table__.name: model for model in ALL_TABLES}  # type: ignore[attr-defined]
    unknown = set(data["tables"]) - set(known)
    if unknown:
        names = ", ".join(sorted(map(shown_path, unknown)))
        raise InvalidInput(tr("unknown tables in the export: {names}", names=names), "file")
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for name, model in known.items():
        rows = data["tables"].get(name, [])
        if not isinstance(rows, list):
            raise InvalidInput(tr("table {table} is not a list", table=name), "file")
        check = _TableCheck(model, sqlite=sqlite)
        tables[name] = check.rows(rows)
        if name == "deadline":
            _check_chains(check, tables[name])
    return PreparedImport(sqlite=sqlite, tables=tables)


def _check_chains(check: _TableCheck, rows: list[tuple[Any, ...]]) -> None:
    ids, projects, afters = (check.column(rows, key) for key in ("id", "project_id", "after_id"))
    check_chains(check.name, ids, projects, afters)


def check_chains(name: str, ids: list[Any], projects: list[Any], afters: list[Any]) -> None:
    """The alarm bells' `after_id`: no bell after itself, nor in a loop, nor after a bell
    of another project."""
    if not ids:
        return
    found = chain_problem(ids, projects, afters)
    if found is not None:
        index, problem = found
        raise InvalidInput(
            tr("{field} {problem}", field=_where(name, index, "after_id"), problem=problem),
            "file",
        )


def _where(table: str, index: int, key: str = "") -> str:
    """`contact[3].summary`: a row of the export, or one of its fields (never translated)."""
    return f"{table}[{index}].{key}" if key else f"{table}[{index}]"


_NO_DEFAULT = object()
#: What the checks of a value raise for a bad one.
_BAD = (TypeError, ValueError, OverflowError)


class _Column(typing.NamedTuple):
    key: str
    convert: Convert
    convert_all: ConvertAll
    required: bool
    fallback: Any
    rule: Rule | None
    dated: bool  # a date or an instant: its year is checked


class _TableCheck:
    """The checks of one table's rows, chosen once per column: what a missing value
    becomes, the converter of a present one to the value to store, and its rules."""

    def __init__(self, model: type[SQLModel], *, sqlite: bool) -> None:
        table: sa.Table = model.__table__  # type: ignore[attr-defined]
        vocabularies = {
            key: frozenset(member.value for member in kind)
            for key, kind in _enum_columns(model).items()
        }
        self.name = table.name
        self.keys = frozenset(column.key for column in table.columns)
        self.order = {column.key: index for index, column in enumerate(table.columns)}
        rules = FIELDS.get(self.name, {})
        self.row_rules: tuple[RowRule, ...] = ROW_RULES.get(self.name, ())
        self.columns: list[_Column] = []
        for column in table.columns:
            convert, convert_all = _converter(column, vocabularies.get(column.key), sqlite=sqlite)
            default = column.default
            required = not column.nullable and not column.primary_key and default is None
            # A field an older export did not have (who wrote, the version) takes its
            # default; a field the file left empty on purpose stays empty.
            fallback: Any = _NO_DEFAULT
            if default is not None and default.is_scalar:
                arg = default.arg  # type: ignore[attr-defined]
                fallback = convert(arg.value if isinstance(arg, Enum) else arg)
            dated = isinstance(column.type, UTCDateTime | sa.Date)
            rule = rules.get(column.key)
            if isinstance(rule, Text) and convert_all is _texts:
                convert_all = _ONLY_TEXT  # the rule's sweep looks for NUL too
            self.columns.append(
                _Column(column.key, convert, convert_all, required, fallback, rule, dated)
            )

    def column(self, rows: list[tuple[Any, ...]], key: str) -> list[Any]:
        """The values of one field of the prepared `rows`."""
        index = self.order[key]
        return [row[index] for row in rows]

    def rows(self, rows: list[Any], start: int = 0) -> list[tuple[Any, ...]]:
        """The values to store of every row, in column order; InvalidInput naming the
        table, the row (`start`: the table's row the first of `rows` is) and the field
        of the first bad value."""
        try:
            return self.by_column(rows)
        except _BAD:
            return self.by_row(rows, start)

    def by_column(self, rows: list[Any]) -> list[tuple[Any, ...]]:
        """`rows`, a column at a time; raises one of `_BAD` on anything amiss."""
        if not rows:
            return []
        if set(map(type, rows)) != {dict}:
            raise TypeError("not only objects")
        if not self.keys.issuperset(set().union(*rows)):
            raise ValueError("unknown fields")
        columns = []
        for key, _, convert_all, required, fallback, rule, dated in self.columns:
            values = list(map(dict.get, rows, repeat(key)))
            if None in values:
                if required:
                    raise ValueError("missing")
                present = [value for value in values if value is not None]
                if present:
                    present = _checked(convert_all(present), rule, dated)
                done = iter(present)
                if fallback is _NO_DEFAULT:
                    values = [None if value is None else next(done) for value in values]
                else:
                    values = [
                        (None if key in row else fallback) if value is None else next(done)
                        for value, row in zip(values, rows, strict=True)
                    ]
            else:
                values = _checked(convert_all(values), rule, dated)
            columns.append(values)
        order = self.order
        for row_rule in self.row_rules:
            values = [columns[order[key]] for key in row_rule.fields]
            sweep = row_rule.holds_all
            if not (sweep(*values) if sweep else all(map(row_rule.holds, *values))):
                raise ValueError(row_rule.message)
        return list(zip(*columns, strict=True))

    def by_row(self, rows: list[Any], start: int = 0) -> list[tuple[Any, ...]]:
        """`rows`, one by one: the rule, and the message naming the first bad value."""
        name, keys = self.name, self.keys
        out: list[tuple[Any, ...]] = []
        for index, row in enumerate(rows, start):
            if not isinstance(row, dict):
                raise InvalidInput(tr("{row} is not an object", row=_where(name, index)), "file")
            if not keys.issuperset(row):
                extra = ", ".join(sorted(shown_path(key)[:40] for key in set(row) - keys))
                raise InvalidInput(
                    tr("{row} has unknown fields: {fields}", row=_where(name, index), fields=extra),
                    "file",
                )
            values = tuple(self._values(index, row))
            for row_rule in self.row_rules:
                if not row_rule.holds(*(values[self.order[key]] for key in row_rule.fields)):
                    field = _where(name, index, row_rule.field)
                    problem = tr(row_rule.message)
                    raise _bad_file(tr("{field} {problem}", field=field, problem=problem))
            out.append(values)
        return out

    def _values(self, index: int, row: dict[str, Any]) -> list[Any]:
        values = []
        for key, convert, _, required, fallback, rule, dated in self.columns:
            value = row.get(key)
            if value is None:
                if required:
                    raise InvalidInput(
                        tr("{field} is missing", field=_where(self.name, index, key)), "file"
                    )
                missing = fallback is not _NO_DEFAULT and key not in row
                values.append(fallback if missing else None)
                continue
            try:
                stored = convert(value)
            except _BAD:
                field = _where(self.name, index, key)
                message = tr("{field} has a bad value {value}", field=field, value=shown(value))
                raise _bad_file(message) from None
            problem = rule.problem(stored) if rule is not None else None  # type: ignore[arg-type]
            if problem is None and dated:
                problem = year_problem(_year(stored), value)
            if problem is not None:
                raise InvalidInput(
                    tr("{field} {problem}", field=_where(self.name, index, key), problem=problem),
                    "file",
                )
            values.append(stored)
        return values


def _checked(values: list[Any], rule: Rule | None, dated: bool) -> list[Any]:
    """`values` (converted, none None), if they obey the column's rules; else ValueError."""
    if rule is not None and not rule.holds_all(values):  # type: ignore[arg-type]
        raise ValueError("a rule is broken")
    if dated and not (YEARS.low <= _year(min(values)) and _year(max(values)) <= YEARS.high):
        raise ValueError("out of the years")
    return values


def _year(value: Any) -> int:
    """The year of a date or an instant to store: text as SQLite stores it (four digits
    first, so that the smallest text is the earliest), or a date or datetime."""
    return int(value[:4]) if isinstance(value, str) else int(value.year)


def _enum_columns(model: type[SQLModel]) -> dict[str, type[Enum]]:
    """The columns whose values belong to the vocabulary, with their enumeration."""
    found: dict[str, type[Enum]] = {}
    for key, info in model.model_fields.items():
        for kind in typing.get_args(info.annotation) or (info.annotation,):
            if isinstance(kind, type) and issubclass(kind, Enum):
                found[key] = kind
    return found


def _converter(
    column: sa.Column[Any], vocabulary: frozenset[str] | None, *, sqlite: bool
) -> tuple[Convert, ConvertAll]:
    """The converter of a column's JSON values to the values to store, of one value and
    of a list of them (no None), each raising one of `_BAD` for a bad value. For SQLite,
    instants, dates and times become the text SQLAlchemy's types store there; for other
    stores, Python values."""
    kind = column.type
    convert: Convert
    if isinstance(kind, UTCDateTime):
        convert = _stored_instant if sqlite else _instant
    elif isinstance(kind, sa.Date):
        convert = _stored_day if sqlite else _day
    elif isinstance(kind, sa.Time):
        convert = _stored_clock if sqlite else _clock
    elif isinstance(kind, sa.Boolean):
        return _boolean, _only(bool)
    elif isinstance(kind, sa.Integer):
        return _integer, _integers
    elif isinstance(kind, sa.String | sa.Text):
        if vocabulary:
            return _word_of(vocabulary), _words_of(vocabulary)
        return _text, _texts
    else:
        return _as_is, _as_is

    def convert_all(values: list[Any]) -> list[Any]:
        return list(map(convert, values))

    return convert, convert_all


def _iso(value: Any) -> str:
    """The text of a date, time or instant: JSON holds them as text, nothing else."""
    if type(value) is not str:
        raise TypeError("not text")
    return value


def _instant(value: Any) -> datetime:
    moment = datetime.fromisoformat(_iso(value))
    if moment.tzinfo is None:
        raise ValueError("naive")
    return moment.astimezone(UTC)


def _stored_instant(value: Any) -> str:
    """As UTCDateTime and SQLAlchemy's SQLite DATETIME store it: naive UTC text,
    YYYY-MM-DD HH:MM:SS.ffffff."""
    if type(value) is not str:  # JSON holds dates, times and instants as text only
        raise TypeError("not text")
    text = value
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is UTC and text[4] == text[7] == "-" and text[13] == text[16] == ":":
        # What an export writes (UTC, whole seconds or microseconds): its digits,
        # rearranged; any other layout is printed from the instant read.
        if len(text) == 25 and text.endswith("+00:00"):
            return text[:10] + " " + text[11:19] + ".000000"
        if len(text) == 32 and text[19] == "." and text.endswith("+00:00"):
            return text[:10] + " " + text[11:26]
    if moment.tzinfo is None:
        raise ValueError("naive")
    return moment.astimezone(UTC).isoformat(" ", "microseconds")[:26]


def _day(value: Any) -> date:
    return date.fromisoformat(_iso(value))


def _stored_day(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not text")
    day = date.fromisoformat(value)
    return value if len(value) == 10 and value[4] == value[7] == "-" else day.isoformat()


def is_iso_day(text: Any) -> bool:
    """Whether `text`, which `date.fromisoformat` read, is YYYY-MM-DD (its isoformat)."""
    return type(text) is str and len(text) == 10 and text[4] == text[7] == "-"


def _clock(value: Any) -> time:
    return time.fromisoformat(_iso(value))


def _stored_clock(value: Any) -> str:
    # SQLAlchemy's SQLite TIME stores the clock only (an offset is dropped), microseconds.
    return time.fromisoformat(_iso(value)).replace(tzinfo=None).isoformat("microseconds")


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("not a boolean")
    return value


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not an integer")
    if not _INT_MIN <= value <= _INT_MAX:
        raise OverflowError("beyond 64 bits")
    return value


def _integers(values: list[Any]) -> list[Any]:
    _ONLY_INTEGERS(values)
    if min(values) < _INT_MIN or max(values) > _INT_MAX:
        raise OverflowError("beyond 64 bits")
    return values


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    if "\x00" in value:
        raise ValueError("NUL")
    return value


def _texts(values: list[Any]) -> list[Any]:
    _ONLY_TEXT(values)
    if "\x00" in "".join(values):
        raise ValueError("NUL")
    return values


def _word_of(vocabulary: frozenset[str]) -> Convert:
    def word(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError("not text")
        if value not in vocabulary:  # no NUL either: the vocabulary has none
            raise ValueError("not in the vocabulary")
        return value

    return word


def _words_of(vocabulary: frozenset[str]) -> ConvertAll:
    def words(values: list[Any]) -> list[Any]:
        _ONLY_TEXT(values)
        if not vocabulary.issuperset(values):
            raise ValueError("not in the vocabulary")
        return values

    return words


def _only(kind: type) -> ConvertAll:
    """A check that every value is exactly of type `kind` (bool is no int here)."""
    expected = {kind}

    def check(values: list[Any]) -> list[Any]:
        if set(map(type, values)) != expected:
            raise TypeError(f"not only {kind.__name__}")
        return values

    return check


_ONLY_INTEGERS = _only(int)
_ONLY_TEXT = _only(str)


def _as_is(value: Any) -> Any:
    return value
