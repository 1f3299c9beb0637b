"""Is the store sound? The checks behind `relay check` and the app's start-up check.

On a SQLite store: SQLite's integrity check, the foreign-key check, the contact search
index's own check (FTS5 `integrity-check`) and the schema revision; and, when anything
is wrong, the newest sound automatic backup to restore (`relay_tui.backups`). On a
database server's store: the schema revision, and that every table can be read to the
end; the server looks after its own files (its tools check them: amcheck, pg_dump).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from relay_tui.backups import BackupInfo, folder_for, integrity_problems, newest_sound
from relay_tui.db import (
    HEAD_REVISION,
    Store,
    explain_sqlite_error,
    sqlite_connect,
    sqlite_revision,
)
from relay_tui.errors import InvalidInput, shown_path
from relay_tui.i18n import tr, trn

#: The search index of contact summaries (migration 0002_contact_search), SQLite only.
FTS_TABLE = "contact_fts"


@dataclass(frozen=True)
class Finding:
    """One check and what it found: `ok`, or the problem in a few words."""

    name: str  # in the language of the check (shown as is)
    ok: bool
    detail: str


@dataclass(frozen=True)
class StoreHealth:
    """What `relay check` found, and the backup to restore when the store is damaged."""

    where: str
    kind: str  # "sqlite" or "server"
    findings: list[Finding] = field(default_factory=list)
    backup: BackupInfo | None = None
    backups_folder: Path | None = None

    @property
    def sound(self) -> bool:
        return all(finding.ok for finding in self.findings)


def check_sqlite(path: Path) -> StoreHealth:
    if not path.is_file():
        raise InvalidInput(
            tr("there is no store at {path}; nothing to check", path=shown_path(path)), "db"
        )
    findings = _sqlite_findings(path)
    damaged = not all(finding.ok for finding in findings)
    return StoreHealth(
        where=shown_path(path),
        kind="sqlite",
        findings=findings,
        backup=newest_sound(path) if damaged else None,
        backups_folder=folder_for(path),
    )


def _sqlite_findings(path: Path) -> list[Finding]:
    try:
        conn = sqlite_connect(path)
    except sqlite3.DatabaseError as exc:
        return [Finding(tr("integrity"), False, tr("SQLite cannot read it ({error})", error=exc))]
    try:
        problems = integrity_problems(conn)
        findings = [
            Finding(tr("integrity"), True, _ok())
            if not problems
            else Finding(tr("integrity"), False, _problems_text(problems))
        ]
        findings.append(_foreign_keys(conn))
        findings.append(_search_index(conn))
        findings.append(_revision(conn))
        return findings
    finally:
        conn.close()


def _ok() -> str:
    return tr("ok")


def _problems_text(problems: list[str]) -> str:
    first = problems[0]
    if len(problems) == 1:
        return tr("1 problem: {first}", first=first)
    if len(problems) >= 20:
        return tr("{count}+ problems, the first: {first}", count=len(problems), first=first)
    return tr("{count} problems, the first: {first}", count=len(problems), first=first)


def _foreign_keys(conn: sqlite3.Connection) -> Finding:
    name = tr("links between records")
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return Finding(name, False, _not_checked(exc))
    if not rows:
        return Finding(name, True, _ok())
    tables = sorted({str(row[0]) for row in rows})
    return Finding(
        name,
        False,
        trn(
            "{n} row points to a record that is missing (in {tables})",
            "{n} rows point to records that are missing (in {tables})",
            len(rows),
            tables=", ".join(tables),
        ),
    )


def _not_checked(exc: Exception) -> str:
    return tr("could not be checked ({error})", error=exc)


def _search_index(conn: sqlite3.Connection) -> Finding:
    name = tr("contact search index")
    try:
        present = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
        ).fetchone()
        if not present:
            return Finding(name, True, tr("none in this store"))
        # FTS5 checks itself through an INSERT of a command; with rank 1, against the
        # contact table too. It changes nothing; the transaction is rolled back all the same.
        conn.execute("BEGIN")
        try:
            conn.execute(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
            )
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            return Finding(name, True, tr("not checked: the store is read-only"))
        if "locked" in text or "busy" in text:
            raise explain_sqlite_error(exc, None) from None
        return Finding(name, False, _not_checked(exc))
    except sqlite3.DatabaseError as exc:
        return Finding(name, False, tr("does not match the contacts ({error})", error=exc))
    return Finding(name, True, _ok())


def _revision(conn: sqlite3.Connection) -> Finding:
    name = tr("schema")
    try:
        revision = sqlite_revision(conn)
    except sqlite3.DatabaseError as exc:
        return Finding(name, False, tr("could not be read ({error})", error=exc))
    if revision is None:
        return Finding(name, True, tr("none yet (a new store)"))
    if revision == HEAD_REVISION:
        return Finding(name, True, tr("{revision} (current)", revision=revision))
    return Finding(
        name,
        True,
        tr("{revision} (relay upgrades it when it next opens it)", revision=revision),
    )


def check_server(store: Store) -> StoreHealth:
    """The schema revision, and every table read to its last row (a count)."""
    from sqlalchemy import inspect, text

    try:
        with store.read() as session:
            connection = session.connection()
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            version = revision.scalar_one_or_none()
            names = sorted(inspect(connection).get_table_names())
            rows = 0
            for name in names:
                quoted = connection.dialect.identifier_preparer.quote(name)
                rows += connection.execute(text(f"SELECT count(*) FROM {quoted}")).scalar_one()
    finally:
        store.close()
    if version == HEAD_REVISION:
        schema = tr("{revision} (current)", revision=version)
    else:
        schema = tr("{revision} (not current)", revision=version)
    tables = trn("{n} table read to the end", "{n} tables read to the end", len(names))
    return StoreHealth(
        where=store.location.describe(),
        kind="server",
        findings=[
            Finding(tr("schema"), version == HEAD_REVISION, schema),
            Finding(
                tr("tables"),
                True,
                trn("{tables}, {n} row", "{tables}, {n} rows", rows, tables=tables),
            ),
        ],
    )


def quick_problem(store: Store) -> str | None:
    """The app's start-up check, bounded: SQLite's quick check (no index cross-checks) of
    a SQLite store; None when it finds nothing. A server's store is not checked here."""
    path = store.location.path
    if path is None or not os.path.isfile(path):
        return None
    try:
        conn = sqlite_connect(path)
    except sqlite3.OperationalError:
        return None  # busy, or not readable just now: the screens say so when they read
    except sqlite3.DatabaseError as exc:
        return str(exc)
    try:
        problems = integrity_problems(conn, quick=True)
    finally:
        conn.close()
    if problems and any(word in problems[0].lower() for word in ("locked", "busy")):
        return None  # not a finding: another program held the store for too long
    return problems[0] if problems else None
