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
from relay_tui.services.import_checks import _BAD, _instant, _stored_instant, _TableCheck
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
    """Every stored row of the data (the undo journal is this store's history, not data:
    it is neither exported nor imported)."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name != 'undo_step'"
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


# --- the file written, the fast paths, large imports --------------------------------------

NASTY_TEXT = 'quote " back \\ slash %s %(x)s tab\t line\n sep\u2028 bidi\u202e emoji 🧪 é ß'


def _other_filled(new_store: Store) -> Store:
    """`new_store` (SQLite) with a client, a project, a contact and a deadline."""
    add_client(new_store, {"name": "Other"})
    add_project(new_store, {"name": "Elsewhere", "client": "other"}, now=FIXED_NOW)
    capture(new_store, {"project": "elsewhere", "summary": "Posted the proofs"}, now=FIXED_NOW)
    add_deadline(
        new_store, {"project": "elsewhere", "title": "Proofs", "due_on": "+1w"}, now=FIXED_NOW
    )
    return new_store


def test_the_file_holds_what_export_data_gives_one_row_per_line(
    filled: Store, tmp_path: Path
) -> None:
    capture(filled, {"project": "acme", "summary": NASTY_TEXT}, now=FIXED_NOW)
    add_client(filled, {"name": "Percent %d", "notes": NASTY_TEXT})
    output = tmp_path / "export.json"
    counts = export_json(filled, output, now=FIXED_NOW)
    text = output.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data == export_data(filled, now=FIXED_NOW)
    assert list(data) == ["format", "version", "schema", "exported_at", "tables"]
    assert counts == {name: len(rows) for name, rows in data["tables"].items()}
    # Without indentation: a line for the header, two per table (its name, its end) and
    # one per row.
    lines = text.split("\n")  # not splitlines: U+2028 in a string is no line break
    assert lines.pop() == ""
    assert len(lines) == 1 + 2 * len(counts) + sum(counts.values())
    rows = [json.loads(line.rstrip(",")) for line in lines[1:] if line.startswith("{")]
    assert rows == [row for table in data["tables"].values() for row in table]
    assert NASTY_TEXT in {row.get("summary") for row in data["tables"]["contact"]}


def test_an_indented_export_as_written_before_still_imports(
    filled: Store, new_store: Store, tmp_path: Path
) -> None:
    output = tmp_path / "old-style.json"
    data = export_data(filled, now=FIXED_NOW)
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = import_json(new_store, output)
    assert counts == {name: len(rows) for name, rows in data["tables"].items()}
    assert _without_stamp(export_data(new_store)) == _without_stamp(data)


def _deadline_after_a_newer_one(store: Store) -> dict[str, Any]:
    """An edit may make a deadline follow one created after it: the export then lists
    it before the one it follows."""
    from relay_tui.services.deadlines import update_deadline

    add_client(store, {"name": "Acme"})
    add_project(store, {"name": "Site", "client": "acme"}, now=FIXED_NOW)
    first = add_deadline(
        store, {"project": "site", "title": "Launch", "due_on": "+3w"}, now=FIXED_NOW
    )
    second = add_deadline(
        store, {"project": "site", "title": "Docs", "due_on": "+1w"}, now=FIXED_NOW
    )
    update_deadline(
        store,
        first.id,  # type: ignore[arg-type]
        {"title": "Launch", "due_on": "+3w", "after_id": second.id},
        now=FIXED_NOW,
    )
    data = export_data(store)
    assert [d["after_id"] for d in data["tables"]["deadline"]] == [second.id, None]
    return data


def test_a_deadline_after_a_newer_one_is_no_broken_reference(
    store: Store, new_store: Store
) -> None:
    data = _deadline_after_a_newer_one(store)  # from the store under test into SQLite
    assert import_data(new_store, data)["deadline"] == 2
    assert _without_stamp(export_data(new_store)) == _without_stamp(data)


def test_a_deadline_after_a_newer_one_imports_into_the_store_under_test(
    store: Store, new_store: Store
) -> None:
    data = _deadline_after_a_newer_one(new_store)  # from SQLite into the store under test
    assert import_data(store, data)["deadline"] == 2
    assert _without_stamp(export_data(store)) == _without_stamp(data)


def test_an_export_imports_into_the_store_under_test(store: Store, new_store: Store) -> None:
    """SQLite to the store under test (PostgreSQL too): the same rows come back."""
    data = export_data(_other_filled(new_store), now=FIXED_NOW)
    counts = import_data(store, data)
    assert counts["contact"] == 1 and counts["deadline"] == 1
    assert _without_stamp(export_data(store)) == _without_stamp(data)
    # New rows after an import get new ids (PostgreSQL sequences were moved past them).
    add_client(store, {"name": "After the import"})
    ids = [row["id"] for row in export_data(store)["tables"]["client"]]
    assert len(set(ids)) == len(ids) == 2


@pytest.fixture
def rebuilt_search(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Imports fill the contact search index at once, as for a large store: the
    definitions of the trigger put back (one per rebuild)."""
    from relay_tui.services import import_load

    monkeypatch.setattr(import_load, "SEARCH_REBUILD_FROM", 1)
    rebuilt: list[str] = []
    resume = import_load._resume_search_index

    def spy(connection: Any, trigger: str) -> None:
        resume(connection, trigger)
        rebuilt.append(trigger)

    monkeypatch.setattr(import_load, "_resume_search_index", spy)
    return rebuilt


def _search_trigger(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'contact_fts_insert'"
        ).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def _migration_trigger() -> str:
    import importlib

    migration = importlib.import_module("relay_tui.migrations.versions.0002_contact_search")
    [statement] = [s for s in migration.FTS_STATEMENTS if "TRIGGER contact_fts_insert" in s]
    return str(statement)


@pytest.mark.sqlite_only  # the SQLite search index
def test_a_large_import_rebuilds_the_search_index_and_puts_the_trigger_back(
    filled: Store, new_store: Store, tmp_path: Path, rebuilt_search: list[str]
) -> None:
    from relay_tui.services.contacts import search_contacts

    output = tmp_path / "export.json"
    export_json(filled, output, now=FIXED_NOW)
    import_json(new_store, output)
    assert rebuilt_search == [_migration_trigger()]
    # The same rows down to the stored text; the index holds the same words.
    fts = ("contact_fts", "contact_fts_data", "contact_fts_idx", "contact_fts_docsize")
    imported = {k: v for k, v in _raw_rows(_path(new_store)).items() if k not in fts}
    original = {k: v for k, v in _raw_rows(_path(filled)).items() if k not in fts}
    assert imported == original
    conn = sqlite3.connect(_path(new_store))
    try:
        conn.execute("INSERT INTO contact_fts(contact_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()
    for words in ("quote", "called back", "€1"):
        found = [c.summary for c in search_contacts(new_store, words)]
        assert found == [c.summary for c in search_contacts(filled, words)]
        assert found
    # The trigger is back as the migration defines it, and indexes what comes next.
    assert _search_trigger(_path(new_store)) == _migration_trigger()
    capture(new_store, {"project": "poster", "summary": "Sent the invoice"}, now=FIXED_NOW)
    assert [c.summary for c in search_contacts(new_store, "invoice")] == ["Sent the invoice"]


@pytest.mark.sqlite_only  # the SQLite search index
def test_a_refused_large_import_leaves_the_search_trigger_and_writes_nothing(
    exported: dict[str, Any],
    refused_file: Callable[[dict[str, Any]], InvalidInput],
    new_store: Store,
    rebuilt_search: list[str],
) -> None:
    exported["tables"]["time_entry"][0]["project_id"] = 999  # after the contacts
    assert "inconsistent" in refused_file(exported).message
    assert _search_trigger(_path(new_store)) == _migration_trigger()


def test_an_integer_beyond_64_bits_is_a_bad_value(
    exported: dict[str, Any], refused_file: Callable[[dict[str, Any]], InvalidInput]
) -> None:
    error = refused_file(_spoil(exported, "contact", "project_id", 2**64))
    assert "contact[1].project_id has a bad value" in error.message


def test_the_first_bad_value_is_named_when_there_are_several(
    exported: dict[str, Any], refused_file: Callable[[dict[str, Any]], InvalidInput]
) -> None:
    contacts = exported["tables"]["contact"]
    contacts[1]["summary"] = 7
    contacts[0]["channel"] = "fax"
    contacts[1]["at"] = "soon"
    assert "contact[0].channel has a bad value 'fax'" in refused_file(exported).message


# --- the converters: the sweeps and the shortcuts agree with the rule ----------------------


def test_column_checks_agree_with_row_checks(exported: dict[str, Any]) -> None:
    from relay_tui.models import ALL_TABLES

    for model in ALL_TABLES:
        rows = exported["tables"][model.__table__.name]  # type: ignore[attr-defined]
        for row in rows[:1]:
            del row["version"]  # an older export: the default
        for sqlite in (True, False):
            check = _TableCheck(model, sqlite=sqlite)
            assert check.by_column(rows) == check.by_row(rows)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("summary", 42),
        ("summary", "nul\x00byte"),
        ("summary", None),  # required
        ("channel", "fax"),
        ("channel", ["email"]),
        ("at", "2026-11-23T10:00:00"),
        ("at", "yesterday"),
        ("at", 20261123),
        ("id", True),
        ("id", 2**63),
        ("id", 1.0),
        ("awaiting_reply", 1),
        ("surprise", 1),  # unknown field
    ],
)
def test_column_checks_refuse_what_row_checks_refuse(
    exported: dict[str, Any], key: str, value: Any
) -> None:
    from relay_tui.models import Contact

    rows = exported["tables"]["contact"]
    rows[-1][key] = value
    for sqlite in (True, False):
        check = _TableCheck(Contact, sqlite=sqlite)
        with pytest.raises(_BAD):
            check.by_column(rows)
        with pytest.raises(InvalidInput, match=r"contact\[1\]"):
            check.by_row(rows)
    with pytest.raises(_BAD):
        _TableCheck(Contact, sqlite=True).by_column([*rows[:1], ["not", "an", "object"]])


INSTANTS = [
    "2026-11-23T10:00:00+00:00",
    "2026-11-23T10:00:00.000001+00:00",
    "2026-11-23T10:00:00.123400+00:00",
    "0999-12-01T23:59:59+00:00",
    "2026-11-23T10:00:00Z",
    "2026-11-23 10:00:00+00:00",
    "2026-11-23T10:00+00:00",
    "2026-11-23T10:00:00.123+00:00",
    "2026-11-23T10:00:00,123456+00:00",
    "2026-11-23T11:30:00+01:30",
    "2026-11-23T10:00:00.5-00:00",
    "2026-W48-1T10:00:00+00:00",
    "20261123T100000+00:00",
    "2026-11-23T10:00:00+00:00:00",
    "0001-01-01T00:30:00+00:00",
]


@pytest.mark.parametrize("text", INSTANTS)
def test_instants_are_stored_as_sqlalchemy_stores_them(text: str) -> None:
    from sqlalchemy.dialects import sqlite

    from relay_tui.models import Contact

    store_text = Contact.__table__.c.at.type.dialect_impl(sqlite.dialect()).bind_processor(
        sqlite.dialect()
    )  # type: ignore[attr-defined]
    assert _stored_instant(text) == store_text(_instant(text))


@pytest.mark.parametrize("text", ["2026-11-23T10:00:00", "2026-11-23", "0001-01-01T00:30+01:00"])
def test_instants_that_cannot_be_stored_are_refused_the_same_way(text: str) -> None:
    for convert in (_instant, _stored_instant):
        with pytest.raises(_BAD):
            convert(text)


STORED_INSTANTS = [
    "2026-11-23 10:00:00.000000",
    "2026-11-23 10:00:00.000001",
    "2026-11-23 10:00:00.123400",
    "0999-12-01 23:59:59.000000",
    "2026-11-23 10:00:00",
    "2026-11-23T10:00:00.000000",
    "2026-11-23 10:00",
    "2026-11-23",
    "2026-11-23 10:00:00.123",
    "2026-11-23 10:00:00,123456",
    "2026-W48-1 10:00:00.000000",
    "2026-11-23 10:00:00+01:00",
    "2026-11-23 10:00:00.000000+00:00",
]


@pytest.mark.parametrize("text", STORED_INSTANTS)
def test_stored_instants_are_exported_as_sqlalchemy_reads_them(text: str) -> None:
    from sqlalchemy.dialects import sqlite

    from relay_tui.models import Contact
    from relay_tui.services.transfer import _instant_to_json, _stored_instant_to_json

    read = Contact.__table__.c.at.type.dialect_impl(sqlite.dialect()).result_processor(
        sqlite.dialect(), None
    )  # type: ignore[attr-defined]
    assert _stored_instant_to_json(text) == _instant_to_json(read(text))


@pytest.mark.parametrize(
    "text", ["2026-11-23", "0999-01-31", "20261123", "2026-W48-1", "2026-1123"]
)
def test_days_are_stored_and_exported_as_sqlalchemy_does(text: str) -> None:
    from datetime import date

    from sqlalchemy.dialects import sqlite

    from relay_tui.models import Deadline
    from relay_tui.services.import_checks import _stored_day
    from relay_tui.services.transfer import _stored_day_to_json

    kind = Deadline.__table__.c.due_on.type  # type: ignore[attr-defined]
    try:
        day = date.fromisoformat(text)
    except ValueError:
        with pytest.raises(_BAD):
            _stored_day(text)
        return
    assert _stored_day(text) == kind.dialect_impl(sqlite.dialect()).bind_processor(
        sqlite.dialect()
    )(day)
    assert (
        _stored_day_to_json(text)
        == kind.dialect_impl(sqlite.dialect())
        .result_processor(sqlite.dialect(), None)(text)
        .isoformat()
    )


@pytest.mark.parametrize("text", ["14:30", "14:30:00", "14:30:00.250000", "14:30:00+01:00", "1430"])
def test_clocks_are_stored_as_sqlalchemy_stores_them(text: str) -> None:
    from datetime import time

    from sqlalchemy.dialects import sqlite

    from relay_tui.models import Deadline
    from relay_tui.services.import_checks import _stored_clock

    kind = Deadline.__table__.c.due_time.type  # type: ignore[attr-defined]
    assert _stored_clock(text) == kind.dialect_impl(sqlite.dialect()).bind_processor(
        sqlite.dialect()
    )(time.fromisoformat(text))


@pytest.mark.parametrize(
    "values",
    [
        ["a", 'q"uote', "é\u2028", "%s"],
        [1, -(2**63), 2**63 - 1],
        [True, False],
        ["a", None],
        [None, 3],
        [None, True, False],
        [None, None],
        [1.5, float("inf"), None],
        [1, True, "mixed", None],
    ],
)
def test_json_texts_are_what_json_dumps_writes(values: list[Any]) -> None:
    from relay_tui.services.transfer import _json_texts

    assert _json_texts(values) == [
        json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in values
    ]


def test_an_empty_store_exports_a_valid_file(store: Store, tmp_path: Path) -> None:
    output = tmp_path / "empty.json"
    counts = export_json(store, output, now=FIXED_NOW)
    assert set(counts.values()) == {0}
    assert json.loads(output.read_text(encoding="utf-8")) == export_data(store, now=FIXED_NOW)


def test_an_export_that_fails_half_way_leaves_no_file(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from relay_tui.errors import StoreError
    from relay_tui.services import transfer

    lines = transfer._TableReader.lines

    def failing(reader: Any, columns: list[list[Any]]) -> list[str]:
        if reader.name == "contact" and columns:
            raise StoreError("the store went away")
        return lines(reader, columns)

    monkeypatch.setattr(transfer._TableReader, "lines", failing)
    output = tmp_path / "export.json"
    with pytest.raises(StoreError, match="went away"):
        export_json(filled, output, now=FIXED_NOW)
    assert not output.exists()
