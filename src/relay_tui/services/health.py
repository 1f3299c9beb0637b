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

#: The search index of contact summaries (migration 0002_contact_search), SQLite only.
FTS_TABLE = "contact_fts"


@dataclass(frozen=True)
class Finding:
    """One check and what it found: `ok`, or the problem in a few words."""

    name: str
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
        raise InvalidInput(f"there is no store at {shown_path(path)}; nothing to check", "db")
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
        return [Finding("integrity", False, f"SQLite cannot read it ({exc})")]
    try:
        problems = integrity_problems(conn)
        findings = [
            Finding("integrity", True, "ok")
            if not problems
            else Finding("integrity", False, _problems_text(problems))
        ]
        findings.append(_foreign_keys(conn))
        findings.append(_search_index(conn))
        findings.append(_revision(conn))
        return findings
    finally:
        conn.close()


def _problems_text(problems: list[str]) -> str:
    first = problems[0]
    if len(problems) == 1:
        return f"1 problem: {first}"
    more = "+" if len(problems) >= 20 else ""
    return f"{len(problems)}{more} problems, the first: {first}"


def _foreign_keys(conn: sqlite3.Connection) -> Finding:
    try:
        rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return Finding("links between records", False, f"could not be checked ({exc})")
    if not rows:
        return Finding("links between records", True, "ok")
    tables = sorted({str(row[0]) for row in rows})
    return Finding(
        "links between records",
        False,
        f"{len(rows)} rows point to records that are missing (in {', '.join(tables)})",
    )


def _search_index(conn: sqlite3.Connection) -> Finding:
    name = "contact search index"
    try:
        present = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
        ).fetchone()
        if not present:
            return Finding(name, True, "none in this store")
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
            return Finding(name, True, "not checked: the store is read-only")
        if "locked" in text or "busy" in text:
            raise explain_sqlite_error(exc, None) from None
        return Finding(name, False, f"could not be checked ({exc})")
    except sqlite3.DatabaseError as exc:
        return Finding(name, False, f"does not match the contacts ({exc})")
    return Finding(name, True, "ok")


def _revision(conn: sqlite3.Connection) -> Finding:
    try:
        revision = sqlite_revision(conn)
    except sqlite3.DatabaseError as exc:
        return Finding("schema", False, f"could not be read ({exc})")
    if revision is None:
        return Finding("schema", True, "none yet (a new store)")
    if revision == HEAD_REVISION:
        return Finding("schema", True, f"{revision} (current)")
    return Finding("schema", True, f"{revision} (relay upgrades it when it next opens it)")


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
    current = "current" if version == HEAD_REVISION else "not current"
    return StoreHealth(
        where=store.location.describe(),
        kind="server",
        findings=[
            Finding("schema", version == HEAD_REVISION, f"{version} ({current})"),
            Finding("tables", True, f"{len(names)} tables read to the end, {rows} rows"),
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
