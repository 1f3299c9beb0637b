"""Each project's folded name (`project.name_folded`, migration 0011): kept right on every
write (create, rename, undo, delete and its undo, import), never exported, filled by the
upgrade, and the light lookup through its index chooses the project the services choose,
on both stores."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from relay_tui import fastcapture_server, project_lookup
from relay_tui.db import HEAD_REVISION, Store, location_for_path, open_store, resolve_location
from relay_tui.domain import rules
from relay_tui.errors import Conflict, RelayError
from relay_tui.services.clients import add_client
from relay_tui.services.common import get_project
from relay_tui.services.projects import add_project, edit_project
from relay_tui.services.removal import delete_record
from relay_tui.services.transfer import export_data, import_data
from relay_tui.services.undo import undo_last
from tests.conftest import (
    FIXED_NOW,
    ServerStore,
    before_0012,
    change_rows,
    query_rows,
    table_counts,
)

#: Names that fold in every way `str.casefold` does: accents, ß (two letters folded),
#: final sigma, dotted capital I, ligatures, emoji, the last code point, prefixes of
#: each other, an active and a closed project sharing a prefix.
NAMES = [
    "Acme site",
    "Acme site v2",
    "ACME shop",
    "Éclair bakery",
    "éclair BAKERY annex",
    "Straße Nord",
    "STRASSE Süd",
    "ΣΟΦΊΑ",
    "İstanbul fair",
    "ﬁnal ﬂyer",
    "🎨 Poster",
    "Zed \U0010ffff",
    "Zed \U0010ffff\U0010ffff",
    "Beta",
    "beta two",
]
CLOSED = {"beta two", "ACME shop", "STRASSE Süd"}

#: What a user may type after -p.
REFS = [
    None,
    "",
    "  ",
    "acme",
    "ACME SITE",
    "acme site ",
    "acme s",
    "éclair",
    "ECLAIR",
    "Éclair bakery",
    "strasse",
    "straße",
    "STRAẞE",
    "σοφία",
    "σοφίας",
    "i̇stanbul",
    "istanbul",
    "ﬁ",
    "fi",
    "🎨",
    "zed \U0010ffff",
    "zed \U0010ffff\U0010ffff\U0010ffff",
    "zed",
    "beta",
    "BETA T",
    "nothing like it",
    "1",
    "3",
    "999",
    "99999999999999999999999",
    "a\udce9",  # bytes that were not UTF-8 on the command line
    "%",
    "_",
    "a%",
]


def _folded(db_path: Path) -> dict[str, Any]:
    return dict(query_rows(db_path, "SELECT name, name_folded FROM project"))


def _dbapi(db_path: Path) -> Any:
    if isinstance(db_path, ServerStore):
        import psycopg

        info = fastcapture_server.conninfo(str(db_path))
        assert info is not None
        return psycopg.connect(info)
    import sqlite3

    return sqlite3.connect(db_path)


@pytest.fixture
def named(store: Store, db_path: Path) -> Store:
    add_client(store, {"name": "Acme"})
    for name in NAMES:
        add_project(store, {"name": name, "client": "acme"}, now=FIXED_NOW)
    quoted = ", ".join("'" + name.replace("'", "''") + "'" for name in CLOSED)
    change_rows(db_path, f"UPDATE project SET status = 'closed' WHERE name IN ({quoted})")
    return store


def _outcome(choose: Any) -> tuple[Any, ...]:
    try:
        chosen = choose()
    except RelayError as exc:
        return type(exc).__name__, str(exc), exc.field  # type: ignore[attr-defined]
    return ("chosen", chosen.id, chosen.name)


def test_every_write_keeps_the_folded_name(named: Store, db_path: Path) -> None:
    assert _folded(db_path) == {name: name.casefold() for name in NAMES}
    (pid,) = query_rows(db_path, "SELECT id FROM project WHERE name = 'Straße Nord'")[0]
    edit_project(named, pid, {"name": "GROẞE Straße"}, now=FIXED_NOW)
    assert _folded(db_path)["GROẞE Straße"] == "grosse strasse"
    edit_project(named, pid, {"budget_minutes": 600}, now=FIXED_NOW)  # the name stays
    assert _folded(db_path)["GROẞE Straße"] == "grosse strasse"
    undo_last(named)  # the budget
    undo_last(named)  # the rename: the old name, and its fold, come back
    assert _folded(db_path)["Straße Nord"] == "strasse nord"
    assert "GROẞE Straße" not in _folded(db_path)
    delete_record(named, "project", pid)
    assert "Straße Nord" not in _folded(db_path)
    undo_last(named)  # the project comes back, folded
    assert _folded(db_path) == {name: name.casefold() for name in NAMES}


def test_the_lookup_chooses_as_the_services_do(named: Store, db_path: Path) -> None:
    """`project_lookup` reads only the candidate rows through the index; its choice (or
    its refusal, word for word) is the services' for every name typed."""
    everything = [
        rules.ProjectRef(id=row[0], name=row[1], active=row[2] == "active")
        for row in query_rows(db_path, "SELECT id, name, status FROM project ORDER BY id")
    ]
    server = isinstance(db_path, ServerStore)
    conn = _dbapi(db_path)
    try:
        for ref in REFS:
            light = _outcome(lambda r=ref: project_lookup.resolve(conn, r, server=server))
            if server:
                conn.rollback()
            rules_choice = _outcome(lambda r=ref: rules.resolve_project(r, everything))
            with named.read() as session:
                service = _outcome(lambda r=ref, s=session: get_project(s, r))
            assert light == rules_choice == service, ref
    finally:
        conn.close()
    # The candidates are only the matching rows.
    conn = _dbapi(db_path)
    try:
        names = {p.name for p in project_lookup.candidates(conn, "Acme", server=server)}
    finally:
        conn.close()
    assert names == {"Acme site", "Acme site v2", "ACME shop"}


def test_a_project_another_program_left_unfolded_is_still_found(
    named: Store, db_path: Path
) -> None:
    change_rows(db_path, "UPDATE project SET name_folded = NULL WHERE name = 'Éclair bakery'")
    conn = _dbapi(db_path)
    try:
        server = isinstance(db_path, ServerStore)
        assert project_lookup.resolve(conn, "ÉCLAIR BAKERY", server=server).name == "Éclair bakery"
    finally:
        conn.close()
    # Its name is still taken.
    with pytest.raises(Conflict, match="already exists"):
        add_project(named, {"name": "éclair bakery", "client": "acme"}, now=FIXED_NOW)


def test_a_name_is_taken_whatever_its_case(named: Store) -> None:
    with pytest.raises(Conflict, match=r"a project named 'STRASSE NORD' already exists \(#6\)"):
        add_project(named, {"name": "STRASSE NORD", "client": "acme"}, now=FIXED_NOW)
    with pytest.raises(Conflict, match=r"\(#1\)"):
        edit_project(named, 2, {"name": "ACME SITE"}, now=FIXED_NOW)
    edit_project(named, 2, {"name": "ACME SITE V2"}, now=FIXED_NOW)  # its own name


def test_the_lookup_goes_through_the_index(named: Store, db_path: Path) -> None:
    server = isinstance(db_path, ServerStore)
    sql, params = project_lookup._query("acme", server)
    conn = _dbapi(db_path)
    try:
        if server:
            conn.execute("SET enable_seqscan = off")  # a tiny table: the index if usable
            plan = " ".join(
                row[0]
                for row in conn.execute(
                    "EXPLAIN " + project_lookup.for_server(sql), params
                ).fetchall()
            )
        else:
            plan = " ".join(str(row) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        conn.close()
    assert "ix_project_name_folded" in plan, plan


def test_the_export_leaves_it_out_and_the_import_fills_it(
    named: Store, db_path: Path, tmp_path: Path, template_db: Path
) -> None:
    data = export_data(named)
    assert all("name_folded" not in row for row in data["tables"]["project"])
    other = tmp_path / "other.db"
    shutil.copyfile(template_db, other)
    target = open_store(location_for_path(other))
    try:
        import_data(target, data)
    finally:
        target.close()
    assert _folded(other) == {name: name.casefold() for name in NAMES}


@pytest.fixture
def before_0011(named: Store, db_path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The store as relay left it before migration 0011, and its rows then."""
    change_rows(
        db_path,
        *before_0012(db_path),
        "DROP INDEX ix_project_name_folded",
        "ALTER TABLE project DROP COLUMN name_folded",
        "UPDATE alembic_version SET version_num = '0010_outside'",
    )
    yield (
        db_path,
        {
            table: query_rows(db_path, f"SELECT * FROM {table} ORDER BY id")
            for table in ("client", "project", "commitment", "risk")
        },
    )


def test_the_upgrade_folds_every_name_and_keeps_every_row(
    before_0011: tuple[Path, dict[str, Any]],
) -> None:
    db_path, rows = before_0011
    if isinstance(db_path, ServerStore):
        # The fast path leaves a store that is not current to the full path.
        counts = table_counts(db_path)
        done = fastcapture_server.capture(
            resolve_location(str(db_path)), text="x", project="acme site", now=FIXED_NOW
        )
        assert done is None and table_counts(db_path) == counts
    open_store(resolve_location(str(db_path)), on_backup=lambda _: None).close()
    assert query_rows(db_path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert _folded(db_path) == {name: name.casefold() for name in NAMES}
    columns = {table: query_rows(db_path, f"SELECT * FROM {table} ORDER BY id") for table in rows}
    # Every column the rows had keeps its value (the folded name is the project's last).
    columns["project"] = [row[:-1] for row in columns["project"]]
    assert columns == rows
