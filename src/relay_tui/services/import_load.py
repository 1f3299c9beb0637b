"""Checked rows of an export into an empty store, a batch at a time, in one transaction.

The rows come from `relay_tui.services.import_stream` table by table, referenced tables
first; they are inserted as plain tuples (SQLite) or dicts (other stores), never as ORM
objects. A broken reference is refused by the store itself (its foreign keys) and the
transaction let go: nothing is written.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import sqlalchemy as sa

from relay_tui.db import Store
from relay_tui.errors import Conflict, InvalidInput
from relay_tui.folded_names import fill_missing
from relay_tui.i18n import tr
from relay_tui.models import ALL_TABLES
from relay_tui.services.import_stream import Source, check_export
from relay_tui.services.read_model import set_aside

#: From this many contacts, an import into SQLite fills the contact search index at once
#: after the rows are in, instead of row by row through its trigger: each INSERT would
#: write a segment of its own and merge them (three quarters of the import's time on a
#: large store). The index then holds the same words laid out in fewer pages. A small
#: import keeps the trigger, and with it the very pages the app writes row by row.
SEARCH_REBUILD_FROM = 500
#: The contact search index and the trigger that feeds it (migration 0002).
_SEARCH_INDEX = "contact_fts"
_SEARCH_TRIGGER = "contact_fts_insert"
#: The page cache of the connection that imports into SQLite, in KiB (SQLite's default
#: is 2 MiB): the indexes of a large table are then built in memory, not page by page.
_IMPORT_CACHE_KIB = 65536
#: Rows per INSERT statement on a database server.
_SERVER_BATCH = 2000


def load_export(store: Store, source: Source, *, where: str = "export") -> dict[str, int]:
    """Check the export `source` gives and insert it into the empty `store`, keeping
    ids; the rows per table. All or nothing."""
    tables = {model.__table__.name: model.__table__ for model in ALL_TABLES}  # type: ignore[attr-defined]
    sqlite = store.location.is_sqlite
    try:
        with store.write() as session:
            connection = session.connection()
            # Rows inserted without the ORM: what `Store.after_write` is told they touch.
            session.info.setdefault("tables", set()).update(tables)
            sink = _StoreSink(connection, tables, sqlite=sqlite)
            try:
                with set_aside(connection):  # the board's read model, filled at the end
                    counts = check_export(source, sqlite=sqlite, sink=sink, where=where)
                    sink.refuse_a_store_in_use()  # an export without rows
            finally:  # the connection goes back to the pool: with its usual cache
                sink.close()
            _reset_sequences(connection)
            fill_missing(connection)  # each project's folded name: derived, not exported
    except Conflict as exc:  # a broken reference or a duplicate: the file is inconsistent
        raise InvalidInput(
            tr("the export is inconsistent ({problem})", problem=exc.message), "file"
        ) from None
    return counts


class _StoreSink:
    """Checked rows into the store: a table's rows referring to later rows of the same
    table (a bell after a newer one) get that reference once every row is in; into
    SQLite, many contacts are indexed for search at once, at the end of their table."""

    def __init__(self, connection: sa.Connection, tables: dict[str, sa.Table], *, sqlite: bool):
        self.connection = connection
        self.tables = tables
        self.sqlite = sqlite
        self.cache: int | None = None
        if sqlite:
            self.cache = int(connection.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
            connection.exec_driver_sql(f"PRAGMA cache_size = -{_IMPORT_CACHE_KIB}")
        self.pending: list[tuple[Any, ...]] | None = None  # contacts yet to be counted
        self.trigger: str | None = None
        self.held = _Held(tables["deadline"])
        self.checked_empty = False

    def close(self) -> None:
        if self.cache is not None:
            with suppress(sa.exc.SQLAlchemyError):  # never in place of the first failure
                self.connection.exec_driver_sql(f"PRAGMA cache_size = {self.cache}")

    def refuse_a_store_in_use(self) -> None:
        """Checked once, at the first table of the file: a file that is no export is
        refused as such first, whatever the store."""
        if self.checked_empty:
            return
        for table in self.tables.values():
            found = self.connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1))
            if found.first():
                raise InvalidInput(
                    tr(
                        "the store is not empty; import into a new one "
                        "(relay --db NEW.db import json FILE)"
                    ),
                    "store",
                )
        self.checked_empty = True

    def begin_table(self, name: str) -> None:
        self.refuse_a_store_in_use()
        self.held = _Held(self.tables[name])
        if name == "contact" and self.sqlite:
            self.pending = []

    def rows(self, name: str, rows: list[tuple[Any, ...]]) -> None:
        if self.pending is not None:
            self.pending.extend(rows)
            if len(self.pending) < SEARCH_REBUILD_FROM:
                return
            self.trigger = _pause_search_index(self.connection)
            rows, self.pending = self.pending, None
        self._insert(self.tables[name], self.held.hold(rows))

    def end_table(self, name: str) -> None:
        table = self.tables[name]
        if self.pending is not None:  # few contacts: indexed one by one by the trigger
            rows, self.pending = self.pending, None
            self._insert(table, self.held.hold(rows))
        pk = list(table.primary_key.columns)
        for column, updates in self.held.later.items():
            self.connection.execute(
                table.update()
                .where(*[key == sa.bindparam(f"_pk{i}") for i, key in enumerate(pk)])
                .values({column: sa.bindparam("_ref")}),
                updates,
            )
        if self.trigger is not None:
            _resume_search_index(self.connection, self.trigger)
            self.trigger = None

    def _insert(self, table: sa.Table, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        connection = self.connection
        if self.sqlite:
            preparer = connection.dialect.identifier_preparer
            names = ", ".join(preparer.quote(column.name) for column in table.columns)
            marks = ", ".join("?" for _ in table.columns)
            connection.exec_driver_sql(
                f"INSERT INTO {preparer.format_table(table)} ({names}) VALUES ({marks})", rows
            )
            return
        keys = [column.key for column in table.columns]
        statement = table.insert()
        for start in range(0, len(rows), _SERVER_BATCH):
            batch = rows[start : start + _SERVER_BATCH]
            connection.execute(statement, [dict(zip(keys, row, strict=True)) for row in batch])


class _Held:
    """The references of a table's rows to rows of the same table: a row referring to
    one that comes later (a deadline after a newer one, as an edit may leave it) is
    inserted without the reference, set once every row is in (`later`, per column)."""

    def __init__(self, table: sa.Table) -> None:
        self.keys = keys = [column.key for column in table.columns]
        self.refs = [
            (keys.index(fk.parent.key), keys.index(fk.column.key))
            for fk in table.foreign_keys
            if fk.column.table is table
        ]
        self.pk = [keys.index(column.key) for column in table.primary_key.columns]
        self.seen: dict[int, set[Any]] = {target: set() for _, target in self.refs}
        self.later: dict[str, list[dict[str, Any]]] = {}

    def hold(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """`rows`, without their references to rows not yet inserted."""
        refs, seen = self.refs, self.seen
        if not refs:
            return rows
        out = rows
        for position, row in enumerate(rows):
            for target, known in seen.items():
                known.add(row[target])
            held = [
                ref for ref, target in refs if row[ref] is not None and row[ref] not in seen[target]
            ]
            if not held:
                continue
            if out is rows:
                out = list(rows)
            values = list(row)
            for ref in held:
                where = {f"_pk{i}": row[index] for i, index in enumerate(self.pk)}
                self.later.setdefault(self.keys[ref], []).append({"_ref": row[ref], **where})
                values[ref] = None
            out[position] = tuple(values)
        return out


def _pause_search_index(connection: sa.Connection) -> str | None:
    """Drop the trigger that indexes each new contact; its definition, to put it back."""
    definition = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_SEARCH_TRIGGER,)
    ).scalar()
    if definition is None:
        return None
    connection.exec_driver_sql(f"DROP TRIGGER {_SEARCH_TRIGGER}")
    return str(definition)


def _resume_search_index(connection: sa.Connection, trigger: str) -> None:
    """Index every contact at once, then put the trigger back as it was defined."""
    connection.exec_driver_sql(f"INSERT INTO {_SEARCH_INDEX}({_SEARCH_INDEX}) VALUES ('rebuild')")
    connection.exec_driver_sql(trigger)


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
