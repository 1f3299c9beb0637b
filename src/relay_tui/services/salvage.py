"""Saving what can still be read of a damaged SQLite store: `relay export json --salvage`.

A plain export reads every table in one go and stops at the first page SQLite cannot
read: it keeps nothing. The salvage reads each table on its own, in primary-key order,
and reads around the damage (`_read_table`): the rows read before a damaged page are
kept, and reading resumes past it. What is saved must import into a new store, so rows
are left out that

* could not be read (a damaged page, or the whole table when its root page is damaged);
* were read but break the rules of the stored records (`relay import json` checks every
  value: a damaged page may be read as nonsense rather than as an error);
* belong to a record that was lost (a contact whose project row is gone, a project whose
  client row is gone...: the foreign keys of `relay_tui.models`), as deleting that record
  would have removed them. A reference that the store clears on deletion (an alarm bell's
  `after_id`) is cleared instead.

Everything is read in one read transaction (one snapshot) through a raw connection; the
rows saved are held in memory until the file is written, a rescue being a one-off. On a
sound store the file is the plain export's, byte for byte (with the same `now`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from relay_tui.db import Store, explain_sqlite_error
from relay_tui.errors import InvalidInput
from relay_tui.i18n import N_, tr, trn
from relay_tui.models import ALL_TABLES
from relay_tui.services.import_checks import prepare_import
from relay_tui.services.transfer import BATCH_ROWS, Batches, _TableReader, write_export

#: SQLite's primary result codes that mean a page cannot be read: an I/O error, a
#: damaged page, a bad format, not a database. Anything else (a lock held too long, an
#: interruption) is not damage, and stops the salvage as it stops any command.
DAMAGE_CODES = frozenset({10, 11, 24, 26})
#: How far past the last key read the salvage looks for readable rows when the table's
#: largest key cannot be read either (ids are positive 64-bit integers).
FURTHEST_KEY = 2**62
#: The rows read one at a time after a failure, before reading in a stream again.
CREEP_ROWS = 16
#: Why `--salvage` is refused on a database server's store (translate it where shown:
#: `tr(SERVER_REFUSAL)`).
SERVER_REFUSAL = N_(
    "reads around damaged pages of a SQLite file; a database server looks after its own "
    "pages: use relay export json -o FILE (or the server's tools: pg_dump)"
)

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Gap:
    """Rows that could not be read: the keys after `after` and before `before` (None:
    from the first row, to the last)."""

    after: int | None
    before: int | None


@dataclass
class Loss:
    """What a table lost: the gaps in its reading, the rows read but damaged (they break
    the rules of the records), and the rows of lost records, by the parent table and its
    lost ids; `unlinked`, the references to a lost row cleared."""

    gaps: list[Gap] = field(default_factory=list)
    damaged: int = 0
    orphans: dict[str, set[int]] = field(default_factory=dict)
    orphan_rows: int = 0
    unlinked: int = 0

    def __bool__(self) -> bool:
        return bool(self.gaps or self.damaged or self.orphan_rows or self.unlinked)


@dataclass(frozen=True)
class Salvage:
    """What a salvage wrote: the rows saved per table, and what each table lost."""

    saved: dict[str, int]
    losses: dict[str, Loss]

    @property
    def complete(self) -> bool:
        return not self.losses

    @property
    def total(self) -> int:
        return sum(self.saved.values())

    def lost_text(self) -> str:
        """What could not be saved, in a few words per table; "" when nothing."""
        return ", ".join(
            tr("{table} ({loss})", table=name, loss=_loss_text(name, loss))
            for name, loss in self.losses.items()
        )


def salvage_json(
    store: Store, output: Path | None, *, now: datetime | None = None, force: bool = False
) -> Salvage:
    """Write to `output` (a new file, 0600; with `force` in place of one; None: standard
    output) every record of the SQLite store that can be
    read and imported; what was left out, and why, is in the answer."""
    if not store.location.is_sqlite:
        raise InvalidInput(tr(SERVER_REFUSAL), "salvage")
    tables: dict[str, tuple[_TableReader, list[Row]]] = {}
    losses: dict[str, Loss] = {}
    conn = store.raw_sqlite()
    try:
        conn.execute("BEGIN")  # one snapshot: the tables agree with each other
        try:
            for model in ALL_TABLES:
                table: sa.Table = model.__table__  # type: ignore[attr-defined]
                reader = _TableReader(table, stored=True)
                rows, gaps = _read_table(conn, reader)
                tables[table.name] = (reader, rows)
                losses[table.name] = Loss(gaps=gaps)
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as exc:
        raise explain_sqlite_error(exc, store.location.path) from None
    finally:
        conn.close()
    kept = _keep_importable(tables, losses)

    def batches() -> Batches:
        for reader, rows in kept.values():
            yield reader, []
            for start in range(0, len(rows), BATCH_ROWS):
                yield reader, reader.columns(rows[start : start + BATCH_ROWS])

    saved = write_export(output, batches, now=now, force=force)
    return Salvage(saved, {name: loss for name, loss in losses.items() if loss})


# --- reading around the damage ------------------------------------------------------------


def _read_table(conn: sqlite3.Connection, reader: _TableReader) -> tuple[list[Row], list[Gap]]:
    """The rows of a table that can be read, in key order, and the gaps between them.

    Every table has one integer key, the rowid of its B-tree, so `WHERE key > X` goes
    straight down the tree to the first row after X, whatever pages lie before it. Rows
    are read one at a time (a batch that fails would drop the rows it had read). When
    reading fails after the key `floor` (the last one read, or passed over), the search
    for where to resume (`_resume_point`) probes `key > floor + 1`, `+ 2`, `+ 4`...:
    doubling steps up to the table's largest key (when it can be read; else up to
    FURTHEST_KEY), then halves the step between the last probe that failed and the
    first that worked, to lose as few readable rows as possible: at most about 2 × 62
    probes, each a walk from the root of the tree to one leaf. Reading resumes past the
    key found; each failure moves `floor` forward, and each resumption reads past a
    damaged page, so the reading ends. When damage lies in several places between two
    probes, the rows between them may be given up though readable: the price of a
    bounded search.
    """
    key_column = _key_of(reader.table)
    key = reader.keys.index(key_column.key)
    quoted = '"' + key_column.name.replace('"', '""') + '"'
    scan = _Scan(conn, _select_sql(reader), quoted, key)
    rows: list[Row] = []
    gaps: list[Gap] = []
    start: int | None = None  # read the keys above it (None: every key)
    opened: list[int | None] = []  # a gap not closed yet: the key it follows
    while True:
        before = len(rows)
        if opened and start is not None:  # the row at the point of resumption, if any
            _read_one(scan, start, rows)
        to_the_end = not _read_from(scan, start, rows)
        damaged = not to_the_end and _creep(scan, start, rows)
        if opened and len(rows) > before:
            gaps.append(Gap(opened.pop(), rows[before][key]))
        position = _position(rows, key, start)
        if to_the_end or (not damaged and len(rows) == before):
            if opened:
                gaps.append(Gap(opened.pop(), None))
            return rows, gaps
        if not damaged:  # the rows after the failure could be read one by one
            start = position
            continue
        if not opened:
            opened.append(rows[-1][key] if rows else None)
        resume = _resume_point(conn, reader, quoted, max(position or 0, 0))
        if resume is None:
            gaps.append(Gap(opened.pop(), None))
            return rows, gaps
        start = resume


@dataclass(frozen=True)
class _Scan:
    """How one table is read in key order: the connection, the SELECT of its columns,
    the quoted name of its key and the key's place in a row."""

    conn: sqlite3.Connection
    select: str
    key_name: str
    key: int


def _read_one(scan: _Scan, at: int, rows: list[Row]) -> None:
    """The row of key `at`, appended to `rows` if it can be read: seeking past `at - 1`
    fails when the page before it is damaged, while the row itself may be sound."""
    try:
        one = scan.conn.execute(f"{scan.select} WHERE {scan.key_name} = ?", (at,))
        rows.extend(one.fetchall())
    except sqlite3.DatabaseError as exc:
        if not _is_damage(exc):
            raise


def _position(rows: list[Row], key: int, start: int | None) -> int | None:
    """The key past which reading goes on: the last read, or `start` if further."""
    last = rows[-1][key] if rows else None
    if last is None or (start is not None and start > last):
        return start
    return int(last)


def _creep(scan: _Scan, start: int | None, rows: list[Row]) -> bool:
    """After a failure, read up to CREEP_ROWS rows one at a time (Python's cursor reads a
    row ahead: the row before a damaged page is lost with it when read in a stream):
    True when a row could not be read, False when they could (or there were no more)."""
    for _ in range(CREEP_ROWS):
        after = _position(rows, scan.key, start)
        where = "" if after is None else f" WHERE {scan.key_name} > ?"
        try:
            found = scan.conn.execute(
                f"{scan.select}{where} ORDER BY {scan.key_name} LIMIT 1",
                () if after is None else (after,),
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            return True
        if not found:
            return False
        value = found[0][scan.key]
        if not isinstance(value, int) or (after is not None and value <= after):
            return True  # a key out of order: the page is not what it seems
        rows.append(found[0])
    return False


def _read_from(scan: _Scan, start: int | None, rows: list[Row]) -> bool:
    """Append to `rows` the rows after `start` that can be read, up to the end (False)
    or to the first page that cannot be read (True)."""
    select, key_name = scan.select, scan.key_name
    last = rows[-1][scan.key] if rows else None
    try:
        if start is None:
            cursor = scan.conn.execute(f"{select} ORDER BY {key_name}")
        else:
            cursor = scan.conn.execute(
                f"{select} WHERE {key_name} > ? ORDER BY {key_name}", (start,)
            )
        for row in cursor:  # one step at a time: every row read is kept
            value = row[scan.key]
            if isinstance(value, int) and (last is None or value > last):
                rows.append(row)
                last = value
    except sqlite3.DatabaseError as exc:
        if not _is_damage(exc):
            raise
        return True
    return False


def _resume_point(
    conn: sqlite3.Connection, reader: _TableReader, key_name: str, floor: int
) -> int | None:
    """The smallest key X > floor found from which `key > X` can be read (the rows in
    between are lost), or None when nothing past `floor` can be read."""
    table = _quoted_table(reader)

    def readable_after(point: int) -> bool:
        try:
            conn.execute(
                f"SELECT {key_name} FROM {table} WHERE {key_name} > ? ORDER BY {key_name} LIMIT 1",
                (point,),
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            return False
        return True

    try:
        top = conn.execute(f"SELECT max({key_name}) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if not _is_damage(exc):
            raise
        top = None
    limit = top if isinstance(top, int) else FURTHEST_KEY
    if limit <= floor:
        return None
    failed, step = floor, 1
    while True:
        probe = min(floor + step, limit)
        if readable_after(probe):
            break
        if probe >= limit:
            return None
        failed, step = probe, step * 2
    found = probe
    while found - failed > 1:  # halve the step: the first point that can be read
        middle = (failed + found) // 2
        if readable_after(middle):
            found = middle
        else:
            failed = middle
    return found


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text or "corrupt" in text
    return code & 0xFF in DAMAGE_CODES


def _key_of(table: sa.Table) -> sa.Column[Any]:
    (column,) = table.primary_key.columns
    return column


def _quoted_table(reader: _TableReader) -> str:
    return '"' + reader.table.name.replace('"', '""') + '"'


def _select_sql(reader: _TableReader) -> str:
    names = ", ".join('"' + c.name.replace('"', '""') + '"' for c in reader.table.columns)
    return f"SELECT {names} FROM {_quoted_table(reader)}"


# --- keeping what imports -----------------------------------------------------------------


def _keep_importable(
    tables: dict[str, tuple[_TableReader, list[Row]]], losses: dict[str, Loss]
) -> dict[str, tuple[_TableReader, list[Row]]]:
    """The rows that import into a new store, table by table in dependency order: those
    whose parent records are kept, then those that hold to the rules of the records;
    then references to a lost row of the same table are cleared (as deleting it would)."""
    kept: dict[str, tuple[_TableReader, list[Row]]] = {}
    keys_kept: dict[str, set[Any]] = {}
    for name, (reader, rows) in tables.items():
        loss = losses[name]
        table = reader.table
        own = [fk for fk in table.foreign_keys if fk.column.table is table]
        for fk in table.foreign_keys:
            if fk.column.table is table:
                continue
            at, parent = reader.keys.index(fk.parent.key), fk.column.table.name
            present = keys_kept[parent]
            lost = {row[at] for row in rows if row[at] is not None and row[at] not in present}
            if lost:
                before = len(rows)
                rows = [row for row in rows if row[at] is None or row[at] in present]
                loss.orphans.setdefault(parent, set()).update(lost)
                loss.orphan_rows += before - len(rows)
        checked = _passing(name, reader, rows)
        loss.damaged += len(rows) - len(checked)
        key = reader.keys.index(_key_of(table).key)
        keys_kept[name] = {row[key] for row in checked}
        for fk in own:
            at = reader.keys.index(fk.parent.key)
            present = keys_kept[name]
            for index, row in enumerate(checked):
                if row[at] is not None and row[at] not in present:
                    checked[index] = (*row[:at], None, *row[at + 1 :])
                    loss.unlinked += 1
        kept[name] = (reader, checked)
    return kept


def _passing(name: str, reader: _TableReader, rows: list[Row]) -> list[Row]:
    """The rows that pass the import's checks of their table (all of them, on a sound
    store: one check). When the rows fail, each half is checked, down to the single rows
    that fail; if the halves pass but not together (a rule between rows: the alarm
    bells' chains), the second half is given up."""

    def fits(part: list[Row]) -> bool:
        try:
            prepare_import({"tables": {name: reader.dicts(reader.columns(part))}}, sqlite=True)
        except (InvalidInput, TypeError, ValueError, OverflowError):
            return False
        return True

    return _bisect(rows, fits)


def _bisect(rows: list[Row], fits: Callable[[list[Row]], bool]) -> list[Row]:
    if not rows or fits(rows):
        return list(rows)
    if len(rows) == 1:
        return []
    middle = len(rows) // 2
    first, second = _bisect(rows[:middle], fits), _bisect(rows[middle:], fits)
    if len(first) + len(second) == len(rows):  # each half passes, not both together
        return first
    joined = first + second
    return joined if fits(joined) else first


# --- saying it --------------------------------------------------------------------------


def _loss_text(name: str, loss: Loss) -> str:
    by_project = name in _KEYED_BY_PROJECT
    parts = [_gap_text(gap, by_project) for gap in loss.gaps]
    if loss.damaged:
        parts.append(trn("{n} row read damaged", "{n} rows read damaged", loss.damaged))
    for parent, ids in sorted(loss.orphans.items()):
        if len(ids) == 1:
            parts.append(
                trn(
                    "{n} row of {table} #{id}, which was lost",
                    "{n} rows of {table} #{id}, which was lost",
                    loss.orphan_rows,
                    table=parent,
                    id=min(ids),
                )
            )
        else:
            parts.append(
                trn(
                    "{n} row of {count} {table} records, which were lost",
                    "{n} rows of {count} {table} records, which were lost",
                    loss.orphan_rows,
                    table=parent,
                    count=len(ids),
                )
            )
    if loss.unlinked:
        parts.append(
            trn(
                "{n} row no longer linked to a lost row",
                "{n} rows no longer linked to a lost row",
                loss.unlinked,
            )
        )
    return "; ".join(parts)


def _gap_text(gap: Gap, by_project: bool) -> str:
    if gap.after is None and gap.before is None:
        return tr("all of it")
    if by_project:
        if gap.after is None:
            return tr("the rows before project #{id}", id=gap.before)
        if gap.before is None:
            return tr("the rows after project #{id}", id=gap.after)
        return tr(
            "the rows between project #{first} and project #{last}",
            first=gap.after,
            last=gap.before,
        )
    if gap.after is None:
        return tr("the rows before #{id}", id=gap.before)
    if gap.before is None:
        return tr("the rows after #{id}", id=gap.after)
    return tr("the rows between #{first} and #{last}", first=gap.after, last=gap.before)


#: The tables whose key is the project's id (one row per project).
_KEYED_BY_PROJECT = frozenset(
    model.__table__.name  # type: ignore[attr-defined]
    for model in ALL_TABLES
    if _key_of(model.__table__).name == "project_id"  # type: ignore[attr-defined]
)
