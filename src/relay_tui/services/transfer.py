"""Moving a whole store: JSON export and import, and consistent backups."""

from __future__ import annotations

import json
import os
import typing
from datetime import UTC, date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel, select

from relay_tui.db import HEAD_REVISION, Store, backup_sqlite
from relay_tui.dbtypes import UTCDateTime
from relay_tui.errors import Conflict, InvalidInput, StoreError, os_problem, shown_path
from relay_tui.models import ALL_TABLES

FORMAT = "relay-export"
FORMAT_VERSION = 1


def export_data(store: Store, *, now: datetime | None = None) -> dict[str, Any]:
    """Every row of every table, as JSON-ready values, in dependency order."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with store.read() as session:
        for model in ALL_TABLES:
            table = model.__table__  # type: ignore[attr-defined]
            pk = list(table.primary_key.columns)
            rows = session.exec(select(model).order_by(*pk)).all()  # type: ignore[arg-type]
            tables[table.name] = [_row_to_json(table, row) for row in rows]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": HEAD_REVISION,
        "exported_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(),
        "tables": tables,
    }


def write_private(path: Path, text: str) -> Path:
    """Write a new file readable by its owner only (0600), refusing to overwrite."""
    path = path.expanduser().absolute()
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise InvalidInput(
            f"{shown_path(path)} already exists; choose another file name", "output"
        ) from None
    except OSError as exc:
        raise InvalidInput(
            f"cannot write {shown_path(path)}: {os_problem(exc)}", "output"
        ) from None
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise StoreError(
            f"could not write {shown_path(path)}: {os_problem(exc)}; nothing was kept"
        ) from None
    return path


def export_json(store: Store, output: Path, *, now: datetime | None = None) -> dict[str, int]:
    data = export_data(store, now=now)
    write_private(output, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return {name: len(rows) for name, rows in data["tables"].items()}


def read_export(path: Path) -> dict[str, Any]:
    try:
        raw = path.expanduser().read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{shown_path(path)} does not exist", "file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {shown_path(path)}: {os_problem(exc)}", "file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{shown_path(path)} is not UTF-8 text", "file") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{shown_path(path)} is not JSON (line {exc.lineno})", "file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f"{shown_path(path)} is not a relay export", "file")
    if data.get("version") != FORMAT_VERSION:
        raise InvalidInput(f"unsupported export version {data.get('version')!r}", "file")
    if not isinstance(data.get("tables"), dict):
        raise InvalidInput("the export has no tables", "file")
    return data


def import_data(store: Store, data: dict[str, Any]) -> dict[str, int]:
    """Load an export into an empty store, keeping ids. All or nothing."""
    known = {model.__table__.name: model for model in ALL_TABLES}  # type: ignore[attr-defined]
    unknown = set(data["tables"]) - set(known)
    if unknown:
        raise InvalidInput(f"unknown tables in the export: {', '.join(sorted(unknown))}", "file")
    counts: dict[str, int] = {}
    try:
        with store.write() as session:
            for model in ALL_TABLES:
                if session.exec(select(sa.func.count()).select_from(model)).one():  # type: ignore[arg-type]
                    raise InvalidInput(
                        "the store is not empty; import into a new one "
                        "(relay --db NEW.db import json FILE)",
                        "store",
                    )
            connection = session.connection()
            for name, model in known.items():
                rows = data["tables"].get(name, [])
                if not isinstance(rows, list):
                    raise InvalidInput(f"table {name} is not a list", "file")
                table = model.__table__  # type: ignore[attr-defined]
                enums = _enum_columns(model)
                values = [
                    _row_from_json(table, row, index, enums) for index, row in enumerate(rows)
                ]
                if values:
                    connection.execute(table.insert(), values)
                counts[name] = len(values)
            _reset_sequences(connection)
    except Conflict as exc:  # a broken reference or a duplicate: the file is inconsistent
        raise InvalidInput(f"the export is inconsistent ({exc.message})", "file") from None
    return counts


def import_json(store: Store, path: Path) -> dict[str, int]:
    return import_data(store, read_export(path))


def backup(store: Store, output: Path) -> Path:
    if not store.location.is_sqlite:
        raise InvalidInput(
            "backup copies SQLite stores; for a database server use its own tool "
            "(pg_dump for PostgreSQL)",
            "db",
        )
    source = store.raw_sqlite()
    try:
        return backup_sqlite(source, output)
    finally:
        source.close()


# --- conversions ----------------------------------------------------------------------


def _row_to_json(table: sa.Table, row: SQLModel) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        value = getattr(row, column.key)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat()
        elif isinstance(value, date | time):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        out[column.key] = value
    return out


def _enum_columns(model: type[SQLModel]) -> dict[str, type[Enum]]:
    """The columns whose values belong to the vocabulary, with their enumeration."""
    found: dict[str, type[Enum]] = {}
    for key, info in model.model_fields.items():
        for kind in typing.get_args(info.annotation) or (info.annotation,):
            if isinstance(kind, type) and issubclass(kind, Enum):
                found[key] = kind
    return found


def _row_from_json(
    table: sa.Table, row: Any, index: int, enums: dict[str, type[Enum]] | None = None
) -> dict[str, Any]:
    where = f"{table.name}[{index}]"
    if not isinstance(row, dict):
        raise InvalidInput(f"{where} is not an object", "file")
    extra = set(row) - {c.key for c in table.columns}
    if extra:
        raise InvalidInput(f"{where} has unknown fields: {', '.join(sorted(extra))}", "file")
    values: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.key)
        if value is None:
            if not column.nullable and not column.primary_key and column.default is None:
                raise InvalidInput(f"{where}.{column.key} is missing", "file")
            default = column.default
            # A field an older export did not have (who wrote, the version) takes its
            # default; a field the file left empty on purpose stays empty.
            scalar = default is not None and default.is_scalar and column.key not in row
            values[column.key] = default.arg if scalar else None  # type: ignore[union-attr]
            continue
        try:
            values[column.key] = _convert(column, value)
            if enums and column.key in enums:
                enums[column.key](value)  # ValueError when not in the vocabulary
        except (TypeError, ValueError):
            raise InvalidInput(f"{where}.{column.key} has a bad value {value!r}", "file") from None
    return values


def _convert(column: sa.Column[Any], value: Any) -> Any:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        moment = datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment.astimezone(UTC)
    if isinstance(kind, sa.Date):
        return date.fromisoformat(str(value))
    if isinstance(kind, sa.Time):
        return time.fromisoformat(str(value))
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise TypeError("not a boolean")
        return value
    if isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("not an integer")
        return value
    if isinstance(kind, sa.String | sa.Text):
        if not isinstance(value, str):
            raise TypeError("not text")
        if "\x00" in value:
            raise ValueError("NUL")
        return value
    return value


def _reset_sequences(connection: sa.Connection) -> None:
    """Keep PostgreSQL sequences past the imported ids (SQLite needs nothing)."""
    if connection.dialect.name != "postgresql":
        return
    for model in ALL_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        if "id" in table.columns and table.columns["id"].autoincrement:
            connection.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
