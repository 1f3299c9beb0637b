"""Moving a whole store: JSON export and import, and consistent backups."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from relay_tui.db import Store, location_for_path, open_store
from relay_tui.errors import InvalidInput
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline, mark_done
from relay_tui.services.projects import add_project
from relay_tui.services.risks import add_risk
from relay_tui.services.timelog import log_time
from relay_tui.services.transfer import (
    FORMAT,
    backup,
    export_data,
    export_json,
    import_data,
    import_json,
    read_export,
)
from tests.conftest import FIXED_NOW, table_counts


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def filled(store: Store) -> Store:
    """A store with a little of everything the foundation writes."""
    add_client(store, {"name": "Acme Corp", "email": "jo@acme.test", "channel": "phone"})
    add_client(store, {"name": "Zoé Studio", "organisation": "Zoé & co"})
    add_project(
        store,
        {
            "name": "Acme site",
            "client": "acme",
            "kind": "corporate",
            "start_on": "2026-11-01",
            "delivery_on": "2026-12-15",
            "budget_minutes": "40h",
            "client_accountable": True,
            "event_bound": True,
            "partial_delivery_ok": False,
        },
        now=FIXED_NOW,
    )
    add_project(store, {"name": "Poster", "client": "zoé", "kind": "artistic"}, now=FIXED_NOW)
    capture(
        store,
        {"project": "acme", "summary": "Sent the quote — €1 200", "awaiting_reply": True},
        now=FIXED_NOW,
    )
    capture(
        store,
        {"project": "poster", "summary": "Called back", "channel": "phone", "direction": "in"},
        now=FIXED_NOW,
    )
    docs = add_deadline(
        store,
        {"project": "acme", "title": "Docs", "due_on": "2026-12-01T14:30", "kind": "documents"},
        now=FIXED_NOW,
    )
    add_deadline(
        store,
        {"project": "acme", "title": "Launch", "due_on": "+3w", "after_id": docs.id},
        now=FIXED_NOW,
    )
    mark_done(store, docs.id, "yesterday", now=FIXED_NOW)
    add_risk(
        store,
        {"project": "poster", "title": "Printer late", "probability": 2, "impact": 4},
        now=FIXED_NOW,
    )
    log_time(store, {"project": "acme", "minutes": "1h30", "note": "kickoff"}, now=FIXED_NOW)
    return store


@pytest.fixture
def new_store(tmp_path: Path, template_db: Path) -> Iterator[Store]:
    """A second, empty, migrated store."""
    path = tmp_path / "other" / "relay.db"
    path.parent.mkdir()
    shutil.copyfile(template_db, path)
    opened = open_store(location_for_path(path))
    yield opened
    opened.close()


def _path(store: Store) -> Path:
    assert store.location.path is not None
    return store.location.path


def _without_stamp(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "exported_at"}


def _raw_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }
    finally:
        conn.close()


# --- export and import ------------------------------------------------------------------


@pytest.mark.sqlite_only  # compares or copies the SQLite file itself
def test_export_then_import_gives_identical_data(
    filled: Store, new_store: Store, tmp_path: Path
) -> None:
    output = tmp_path / "export.json"
    counts = export_json(filled, output, now=FIXED_NOW)
    assert counts["client"] == 2 and counts["project"] == 2
    assert counts["commitment"] == 20 and counts["risk"] == 4
    assert counts["contact"] == 2 and counts["deadline"] == 2 and counts["time_entry"] == 1

    imported = import_json(new_store, output)
    assert imported == counts
    assert _without_stamp(export_data(new_store)) == _without_stamp(export_data(filled))
    # Down to the stored text: same ids, same instants, same everything.
    assert _raw_rows(_path(new_store)) == _raw_rows(_path(filled))


def test_the_export_is_readable_json_in_dependency_order(filled: Store, tmp_path: Path) -> None:
    output = tmp_path / "export.json"
    export_json(filled, output, now=FIXED_NOW)
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == 1
    assert data["exported_at"] == "2026-11-23T10:00:00+00:00"
    tables = list(data["tables"])
    assert tables.index("client") < tables.index("project") < tables.index("contact")
    [quote] = [c for c in data["tables"]["contact"] if c["awaiting_reply"]]
    assert quote["summary"] == "Sent the quote — €1 200"  # not escaped
    assert quote["at"] == "2026-11-23T10:00:00+00:00"
    [docs] = [d for d in data["tables"]["deadline"] if d["title"] == "Docs"]
    assert (docs["due_on"], docs["due_time"], docs["done_on"]) == (
        "2026-12-01",
        "14:30:00",
        "2026-11-22",
    )
    assert "€1 200" in output.read_text(encoding="utf-8")


def test_importing_an_empty_export_is_fine(store: Store, new_store: Store) -> None:
    counts = import_data(new_store, export_data(store))
    assert set(counts.values()) == {0}


def test_an_export_from_before_the_audit_columns_imports_with_their_defaults(
    filled: Store, new_store: Store
) -> None:
    data = export_data(filled)
    for rows in data["tables"].values():
        for row in rows:
            for key in ("created_by", "updated_by", "version"):
                row.pop(key)
    counts = import_data(new_store, data)
    assert counts["contact"] > 0
    again = export_data(new_store)
    stamps = {
        (row["created_by"], row["updated_by"], row["version"])
        for rows in again["tables"].values()
        for row in rows
    }
    assert stamps == {("", "", 1)}


def test_importing_into_a_non_empty_store_is_refused(
    filled: Store, tmp_path: Path, db_path: Path
) -> None:
    output = tmp_path / "export.json"
    export_json(filled, output, now=FIXED_NOW)
    before = table_counts(db_path)
    with pytest.raises(InvalidInput, match="not empty") as caught:
        import_json(filled, output)
    assert caught.value.field == "store"
    assert table_counts(db_path) == before


def test_a_store_with_only_a_client_is_not_empty(
    filled: Store, new_store: Store, tmp_path: Path
) -> None:
    add_client(new_store, {"name": "Someone"})
    before = table_counts(_path(new_store))
    with pytest.raises(InvalidInput) as caught:
        import_data(new_store, export_data(filled))
    assert caught.value.field == "store"
    assert table_counts(_path(new_store)) == before


# --- bad files --------------------------------------------------------------------------


@pytest.fixture
def exported(filled: Store) -> dict[str, Any]:
    return json.loads(json.dumps(export_data(filled, now=FIXED_NOW)))


@pytest.fixture
def refused_file(
    new_store: Store, tmp_path: Path
) -> Callable[[str | dict[str, Any]], InvalidInput]:
    """Write `content` to a file, import it, expect a refusal naming the file."""

    def check(content: str | dict[str, Any]) -> InvalidInput:
        path = tmp_path / "bad.json"
        path.unlink(missing_ok=True)
        path.write_text(
            content if isinstance(content, str) else json.dumps(content), encoding="utf-8"
        )
        before = table_counts(_path(new_store))
        with pytest.raises(InvalidInput) as caught:
            import_json(new_store, path)
        assert caught.value.field == "file"
        assert table_counts(_path(new_store)) == before
        assert set(before.values()) <= {0, 1}  # nothing but the Alembic revision
        return caught.value

    return check


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not JSON"),
        ("{not json", "not JSON"),
        ("[1, 2, 3]", "not a relay export"),
        ('{"format": "something-else", "version": 1, "tables": {}}', "not a relay export"),
        ('{"format": "relay-export", "version": 99, "tables": {}}', "unsupported"),
        ('{"format": "relay-export", "version": 1}', "no tables"),
        ('{"format": "relay-export", "version": 1, "tables": []}', "no tables"),
    ],
)
def test_files_that_are_not_exports_are_refused(
    refused_file: Callable[[str], InvalidInput], content: str, message: str
) -> None:
    assert message in refused_file(content).message


def test_a_file_that_is_not_text_is_refused(new_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "binary.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InvalidInput) as caught:
        import_json(new_store, path)
    assert caught.value.field == "file"


def test_a_missing_file_is_refused(new_store: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist") as caught:
        read_export(tmp_path / "nowhere.json")
    assert caught.value.field == "file"


def test_an_unknown_table_is_refused(
    exported: dict[str, Any], refused_file: Callable[[dict[str, Any]], InvalidInput]
) -> None:
    exported["tables"]["password"] = [{"id": 1}]
    assert "unknown tables in the export: password" in refused_file(exported).message


def _spoil(data: dict[str, Any], table: str, key: str, value: Any) -> dict[str, Any]:
    data["tables"][table][-1][key] = value
    return data


@pytest.mark.parametrize(
    ("table", "key", "value", "where"),
    [
        ("contact", "at", "yesterday-ish", "contact[1].at"),
        ("contact", "at", "2026-11-23T10:00:00", "contact[1].at"),  # naive
        ("deadline", "due_on", "2026-02-30", "deadline[1].due_on"),
        ("deadline", "due_time", "25:00", "deadline[1].due_time"),
        ("risk", "probability", "3", "risk[3].probability"),
        ("risk", "probability", True, "risk[3].probability"),
        ("contact", "awaiting_reply", 1, "contact[1].awaiting_reply"),
        ("contact", "summary", 42, "contact[1].summary"),
        ("contact", "summary", "nul\x00byte", "contact[1].summary"),
        ("contact", "channel", "fax", "contact[1].channel"),
        ("project", "kind", "secret", "project[1].kind"),
        ("deadline", "owner", "nobody", "deadline[1].owner"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_written(
    exported: dict[str, Any],
    refused_file: Callable[[dict[str, Any]], InvalidInput],
    table: str,
    key: str,
    value: Any,
    where: str,
) -> None:
    error = refused_file(_spoil(exported, table, key, value))
    assert where in error.message
    assert "bad value" in error.message


def test_missing_or_unknown_fields_are_refused(
    exported: dict[str, Any], refused_file: Callable[[dict[str, Any]], InvalidInput]
) -> None:
    del exported["tables"]["contact"][0]["summary"]
    assert "contact[0].summary is missing" in refused_file(exported).message
    exported["tables"]["contact"][0]["summary"] = "back"
    exported["tables"]["contact"][0]["mood"] = "happy"
    assert "unknown fields: mood" in refused_file(exported).message


def test_rows_must_be_objects_in_lists(
    exported: dict[str, Any], refused_file: Callable[[dict[str, Any]], InvalidInput]
) -> None:
    exported["tables"]["risk"][0] = ["not", "an", "object"]
    assert "risk[0] is not an object" in refused_file(exported).message
    exported["tables"]["risk"] = {"1": {}}
    assert "risk is not a list" in refused_file(exported).message


def test_a_broken_reference_is_refused(
    exported: dict[str, Any], refused_file: Callable[[dict[str, Any]], InvalidInput]
) -> None:
    exported["tables"]["contact"][0]["project_id"] = 999
    assert "inconsistent" in refused_file(exported).message


# --- files written: private, never overwritten ------------------------------------------


@pytest.fixture
def no_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.sqlite_only  # compares or copies the SQLite file itself
def test_exports_and_backups_are_private_even_with_umask_zero(
    filled: Store, tmp_path: Path, no_umask: None
) -> None:
    output = tmp_path / "export.json"
    export_json(filled, output, now=FIXED_NOW)
    copy = backup(filled, tmp_path / "copy.db")
    assert _mode(output) == 0o600
    assert _mode(copy) == 0o600
    assert copy == (tmp_path / "copy.db").absolute()


@pytest.mark.sqlite_only  # compares or copies the SQLite file itself
@pytest.mark.parametrize("what", ["export", "backup"])
def test_an_existing_output_file_is_refused_and_left_untouched(
    filled: Store, tmp_path: Path, what: str
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("do not overwrite me\n", encoding="utf-8")
    target.chmod(0o644)
    with pytest.raises(InvalidInput, match="already exists") as caught:
        if what == "export":
            export_json(filled, target, now=FIXED_NOW)
        else:
            backup(filled, target)
    assert caught.value.field == "output"
    assert target.read_text(encoding="utf-8") == "do not overwrite me\n"
    assert _mode(target) == 0o644


def test_export_into_a_missing_folder_is_refused(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        export_json(filled, tmp_path / "nowhere" / "export.json", now=FIXED_NOW)
    assert caught.value.field == "output"


@pytest.mark.sqlite_only  # compares or copies the SQLite file itself
def test_backup_is_a_valid_sqlite_store_with_the_same_rows(
    filled: Store, tmp_path: Path, db_path: Path
) -> None:
    copy = backup(filled, tmp_path / "copy.db")
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert not copy.with_name(copy.name + "-wal").exists()
    assert table_counts(copy) == table_counts(db_path)
    assert _raw_rows(copy) == _raw_rows(db_path)
    reopened = open_store(location_for_path(copy))
    try:
        assert _without_stamp(export_data(reopened)) == _without_stamp(export_data(filled))
    finally:
        reopened.close()
