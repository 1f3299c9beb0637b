"""Moving a whole store: JSON export and import, and consistent backups.

An export is one JSON object: a header (`format`, `version`, `schema`, `exported_at`)
and `tables`, every row of every table in dependency order, one row per line. It is
written as it is read, a batch of rows at a time, from plain rows with one converter per
column chosen once.

An import reads the file as it comes, a batch of rows at a time, never whole
(`export_reader`), checks every value of every row against the rules of the stored
records (`import_checks`, `import_stream`) and inserts the checked rows as plain tuples
(`import_load`), all in one transaction: a bad file writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from datetime import UTC, date, datetime, time
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from relay_tui.db import HEAD_REVISION, Store, backup_sqlite
from relay_tui.dbtypes import UTCDateTime
from relay_tui.domain.envelope import envelope
from relay_tui.errors import InvalidInput, shown_path
from relay_tui.i18n import tr
from relay_tui.models import ALL_TABLES
from relay_tui.services.export_reader import read_events
from relay_tui.services.import_checks import FORMAT, FORMAT_VERSION, is_iso_day
from relay_tui.services.import_load import load_export
from relay_tui.services.import_stream import check_export, data_source, file_source

#: Rows read, converted and written at a time by an export.
BATCH_ROWS = 2000

Convert = Callable[[Any], Any]
ConvertAll = Callable[[list[Any]], list[Any]]


# --- export ---------------------------------------------------------------------------


def export_data(store: Store, *, now: datetime | None = None) -> dict[str, Any]:
    """Every row of every table, as JSON-ready values, in dependency order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with closing(_read_tables(store)) as batches:
        for reader, columns in batches:
            tables.setdefault(reader.name, []).extend(reader.dicts(columns))
    return {**_header(now), "tables": tables}


def export_json(
    store: Store, output: Path | None, *, now: datetime | None = None, force: bool = False
) -> dict[str, int]:
    """Write the export to `output` (a new file, 0600; with `force` in place of an
    existing one; None: standard output) as the store is read: the text `json.dumps`
    would write of `export_data` (without spaces), one row per line."""
    return write_export(output, lambda: _read_tables(store), now=now, force=force)


#: Rows of tables in batches, each batch as its columns of JSON-ready values.
Batches = Generator[tuple["_TableReader", list[list[Any]]], None, None]


def write_export(
    output: Path | None,
    read: Callable[[], Batches],
    *,
    now: datetime | None = None,
    force: bool = False,
) -> dict[str, int]:
    """Write an export of the batches `read()` gives (as `_read_tables` does: each table
    starting with an empty batch) to `output` (`relay_tui.output.write_output`: a new
    file, 0600, or with `force` in place of one; None: standard output); the rows per
    table."""
    counts: dict[str, int] = {}

    def chunks() -> Iterator[str]:
        yield _ENCODE(_header(now))[:-1] + ',"tables":{'
        current: str | None = None
        with closing(read()) as batches:
            for reader, columns in batches:
                name = reader.name
                if name != current:  # a new table: each starts with an empty batch
                    yield ("\n" if current is None else "\n],\n") + _ENCODE(name) + ":["
                    current = name
                    counts[name] = 0
                lines = reader.lines(columns)
                if lines:
                    yield ("\n" if not counts[name] else ",\n") + ",\n".join(lines)
                    counts[name] += len(lines)
        yield ("\n]" if current is not None else "") + "}}\n"

    from relay_tui.output import write_output

    with closing(chunks()) as produced:  # the store is let go even when writing fails
        write_output(output, produced, force=force)
    return counts


def _header(now: datetime | None) -> dict[str, Any]:
    return envelope(
        FORMAT.removeprefix("relay-"),
        FORMAT_VERSION,
        schema=HEAD_REVISION,
        exported_at=(now or datetime.now(UTC)).astimezone(UTC).isoformat(),
    )


def _read_tables(store: Store) -> Batches:
    """Every table in batches of rows, each batch as its columns of JSON-ready values,
    every table starting with an empty batch; all read in one transaction (on SQLite,
    one snapshot: the tables agree with each other)."""
    sqlite = store.location.is_sqlite
    with store.read() as session:
        connection = session.connection()
        for model in ALL_TABLES:
            reader = _TableReader(model.__table__, stored=sqlite)  # type: ignore[attr-defined]
            yield reader, []
            if sqlite:
                # The values as stored (text for instants, dates and times): converting
                # them here is a fraction of what SQLAlchemy's types would cost.
                result = connection.exec_driver_sql(reader.select_sql(connection.dialect))
            else:
                result = connection.execute(
                    reader.select(), execution_options={"yield_per": BATCH_ROWS}
                )
            for part in result.partitions(BATCH_ROWS):
                yield reader, reader.columns(part)


class _TableReader:
    """A table's rows to JSON, with the converter of each column chosen once. `stored`:
    the values are as SQLite stores them, not converted by SQLAlchemy's types."""

    def __init__(self, table: sa.Table, *, stored: bool) -> None:
        self.table = table
        self.name = table.name
        self.keys = tuple(column.key for column in table.columns)
        self.converters = tuple(
            (index, convert)
            for index, column in enumerate(table.columns)
            if (convert := _json_converter(column, stored=stored)) is not None
        )
        # A row's JSON text: its keys as json.dumps writes them, a %s for each value.
        self.template = (
            "{"
            + ",".join(encode_basestring(key).replace("%", "%%") + ":%s" for key in self.keys)
            + "}"
        )

    def select(self) -> sa.Select[Any]:
        return sa.select(self.table).order_by(*self.table.primary_key.columns)

    def select_sql(self, dialect: sa.Dialect) -> str:
        preparer = dialect.identifier_preparer
        columns = ", ".join(preparer.quote(column.name) for column in self.table.columns)
        order = ", ".join(preparer.quote(c.name) for c in self.table.primary_key.columns)
        return f"SELECT {columns} FROM {preparer.format_table(self.table)} ORDER BY {order}"

    def columns(self, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        """Rows (values in column order) as columns of JSON-ready values."""
        if not rows:
            return []
        columns: list[list[Any]] = [list(values) for values in zip(*rows, strict=True)]
        for index, convert in self.converters:
            values = columns[index]
            if None in values:
                columns[index] = [None if value is None else convert(value) for value in values]
            else:
                columns[index] = list(map(convert, values))
        return columns

    def dicts(self, columns: list[list[Any]]) -> list[dict[str, Any]]:
        keys = self.keys
        return [dict(zip(keys, row, strict=True)) for row in zip(*columns, strict=True)]

    def lines(self, columns: list[list[Any]]) -> list[str]:
        """Each row as the JSON text `json.dumps` writes of its dict (no spaces)."""
        template = self.template
        texts = [_json_texts(values) for values in columns]
        return [template % row for row in zip(*texts, strict=True)]


#: The JSON text of any value, as `json.dumps` writes it in an export.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_NONE = type(None)


def _json_texts(values: list[Any]) -> list[str]:
    """The JSON text of each value, as `_ENCODE` writes it, the common columns (text,
    integers, booleans, with or without nulls) in one sweep."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(encode_basestring, values))
    if kinds == {int}:
        return list(map(int.__repr__, values))
    if kinds <= {str, _NONE}:
        return ["null" if value is None else encode_basestring(value) for value in values]
    if kinds <= {int, _NONE}:
        return ["null" if value is None else int.__repr__(value) for value in values]
    if kinds <= {bool, _NONE}:
        return ["null" if value is None else "true" if value else "false" for value in values]
    return list(map(_ENCODE, values))


def _json_converter(column: sa.Column[Any], *, stored: bool) -> Convert | None:
    """How a column's values become JSON values (None: they already are)."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _stored_instant_to_json if stored else _instant_to_json
    if isinstance(kind, sa.Date):
        return _stored_day_to_json if stored else _isoformat
    if isinstance(kind, sa.Time):
        return _stored_clock_to_json if stored else _isoformat
    if isinstance(kind, sa.Boolean) and stored:
        return bool
    return None


def _instant_to_json(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _stored_instant_to_json(value: Any) -> str:
    """As UTCDateTime reads it (naive text is UTC), then as an aware UTC instant prints."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None:
        if _is_stored_instant(value):  # what SQLAlchemy writes: its digits, rearranged
            fraction = "" if value.endswith(".000000") else value[19:]
            return value[:10] + "T" + value[11:19] + fraction + "+00:00"
        return moment.isoformat() + "+00:00"
    return moment.astimezone(UTC).isoformat()


def _is_stored_instant(text: Any) -> bool:
    """Whether `text`, which `datetime.fromisoformat` read, is laid out as SQLAlchemy
    stores an instant on SQLite: YYYY-MM-DD HH:MM:SS.ffffff, every field its digits."""
    return (
        type(text) is str
        and len(text) == 26
        and text[4] == text[7] == "-"
        and text[10] == " "
        and text[13] == text[16] == ":"
        and text[19] == "."
    )


def _isoformat(value: date | time) -> str:
    return value.isoformat()


def _stored_day_to_json(value: Any) -> str:
    day = value if isinstance(value, date) else date.fromisoformat(value)
    return value if is_iso_day(value) else day.isoformat()


def _stored_clock_to_json(value: Any) -> str:
    return (value if isinstance(value, time) else time.fromisoformat(value)).isoformat()


# --- files ----------------------------------------------------------------------------


def write_private(path: Path, text: str) -> Path:
    """Write a new file readable by its owner only (0600), refusing to overwrite."""
    return _write_new(path, (text,))


def _write_new(path: Path, chunks: Iterable[str]) -> Path:
    from relay_tui.output import write_new

    return write_new(path, chunks)


# --- import ---------------------------------------------------------------------------


def import_json(store: Store, path: Path) -> dict[str, int]:
    """Load the export in `path` into an empty store, keeping ids, reading the file as
    it comes (`relay_tui.services.export_reader`). All or nothing."""
    return load_export(store, file_source(path), where=shown_path(path))


def import_data(store: Store, data: dict[str, Any]) -> dict[str, int]:
    """Load an export already parsed into an empty store, keeping ids. All or nothing."""
    return load_export(store, data_source(data))


def check_export_file(path: Path, *, sqlite: bool) -> dict[str, int]:
    """Check the export in `path` as an import would, writing nothing (no store is
    needed: an import into a store not yet created checks its file first); the rows per
    table. References are left to the store's foreign keys."""
    return check_export(file_source(path), sqlite=sqlite, where=shown_path(path))


def read_export(path: Path) -> dict[str, Any]:
    """The export in `path`, checked and parsed whole (for small files: an import reads
    a file as it comes)."""
    data: dict[str, Any] = {}
    tables: dict[str, Any] = {}
    for event in read_events(path, lambda name: True):
        if event[0] == "header":
            data[event[1]] = event[2]
        elif event[0] == "table":
            tables[event[1]] = []
        elif event[0] == "rows":
            tables[event[1]].extend(event[3])
    check_export(data_source({**data, "tables": tables}), sqlite=True, where=shown_path(path))
    return {**data, "tables": tables}


def backup(store: Store, output: Path) -> Path:
    if not store.location.is_sqlite:
        raise InvalidInput(
            tr(
                "backup copies SQLite stores; for a database server use its own tool "
                "(pg_dump for PostgreSQL)"
            ),
            "db",
        )
    source = store.raw_sqlite()
    try:
        return backup_sqlite(source, output)
    finally:
        source.close()
