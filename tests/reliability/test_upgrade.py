"""Promise 5: upgrades keep everything, and relay saves a dated copy first and says where.

A store is created by the first migration only, filled through raw SQL with rows in every
table of that schema (awkward values included: quotes, accents, emoji, NULLs, extremes),
and dumped with plain `sqlite3` reads. Then relay opens it: every row is still there,
unchanged (the only difference allowed is the new column retrospective.lessons_draft,
empty), a dated backup holding the old store sits next to it (0600), the command said
where on stderr, and contact search (the full-text index added by 0002) finds the old
contacts.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config

import relay_tui
from relay_tui import db
from relay_tui.services.contacts import search_contacts
from relay_tui.services.transfer import export_data
from tests.conftest import run_relay
from tests.services.test_pending_replies_kept import expected as pending_expected
from tests.services.test_pending_replies_kept import kept as pending_kept
from tests.services.test_time_totals_kept import expected as time_expected
from tests.services.test_time_totals_kept import kept as time_kept

FIRST = "0001_initial"
BACKUP_NAME = re.compile(r"relay\.db\.\d{8}-\d{6}\.bak")
ANNOUNCE = re.compile(r"relay: the store is being upgraded; a copy was saved first: (\S+)")

T0 = "2026-01-05 09:30:00.000000"
T1 = "2026-02-10 17:45:12.123456"

#: Rows for every table of the 0001 schema, in dependency order. Texts include quotes,
#: accents, emoji, markup-looking text and SQL-looking text; ids are given explicitly.
ROWS: dict[str, list[dict[str, Any]]] = {
    "client": [
        {
            "id": 1,
            "name": "Boulangerie Émile",
            "organisation": "Émile & Fils",
            "email": "emile@example.test",
            "phone": "+33 6 12 34 56 78",
            "channel": "phone",
            "notes": 'Prefers calls before 10h — "never" on Mondays',
            "created_at": T0,
        },
        {
            "id": 2,
            "name": "O'Hara; DROP TABLE client;--",
            "organisation": None,
            "email": None,
            "phone": None,
            "channel": None,
            "notes": "",
            "created_at": T1,
        },
    ],
    "craft_card": [
        {
            "id": 1,
            "name": "Jo Maker",
            "training": "Self-taught 🎨",
            "practices": "Sketch first",
            "strengths": "Fast\nclear",
            "weaknesses": "[bold]Overpolish[/]",
            "portfolio": "https://jo.example.test",
            "updated_at": T1,
        }
    ],
    "project": [
        {
            "id": 1,
            "name": "Bakery website",
            "client_id": 1,
            "kind": "corporate",
            "phase": "during",
            "status": "active",
            "start_on": "2026-01-10",
            "delivery_on": "2026-03-31",
            "budget_minutes": 2400,
            "chase_delay_days": 3,
            "client_accountable": 1,
            "event_bound": 0,
            "partial_delivery_ok": None,
            "working_method": "Weekly demo",
            "cycle_days": 7,
            "contract_signed_on": "2026-01-08",
            "closed_at": None,
            "close_reason": "",
            "created_at": T0,
        },
        {
            "id": 7,
            "name": "Poster ✨",
            "client_id": 2,
            "kind": "artistic",
            "phase": "after",
            "status": "closed",
            "start_on": None,
            "delivery_on": None,
            "budget_minutes": None,
            "chase_delay_days": 60,
            "client_accountable": None,
            "event_bound": None,
            "partial_delivery_ok": 1,
            "working_method": "",
            "cycle_days": None,
            "contract_signed_on": None,
            "closed_at": T1,
            "close_reason": "Client vanished",
            "created_at": T0,
        },
    ],
    "self_assessment": [
        {
            "project_id": 1,
            "reward": "both",
            "paid": 1,
            "stance": "partner",
            "balance": "balance",
            "ready_for_failure": 0,
            "notes": "ok",
            "updated_at": T0,
        }
    ],
    "profile": [
        {
            "id": 1,
            "project_id": None,
            "party": "provider",
            "structure": 4,
            "precision": 5,
            "energy": 2,
            "scope": 3,
            "channel": "email",
            "experience": None,
            "feedback": None,
            "temper": None,
            "updated_at": T0,
        },
        {
            "id": 2,
            "project_id": 1,
            "party": "client",
            "structure": 1,
            "precision": 2,
            "energy": 5,
            "scope": 4,
            "channel": "phone",
            "experience": 1,
            "feedback": 5,
            "temper": 3,
            "updated_at": T1,
        },
    ],
    "stakeholder": [
        {
            "id": 1,
            "project_id": 1,
            "name": "Émile",
            "role": "sponsor",
            "influence": 5,
            "interest": 4,
            "reach": "emile@example.test",
            "notes": "Signs the cheques",
            "created_at": T0,
        }
    ],
    "commitment": [
        {
            "id": 1,
            "project_id": 1,
            "party": "client",
            "text": "Send the photos",
            "status": "pending",
            "due_on": "2026-02-01",
            "note": "",
            "position": 0,
            "created_at": T0,
        },
        {
            "id": 2,
            "project_id": 1,
            "party": "provider",
            "text": "Two rounds of changes",
            "status": "kept",
            "due_on": None,
            "note": "done",
            "position": 1,
            "created_at": T1,
        },
    ],
    "risk": [
        {
            "id": 1,
            "project_id": 1,
            "title": "Photos late",
            "category": "schedule",
            "probability": 4,
            "impact": 5,
            "mitigation": "Stock photos as a fallback",
            "owner": "me",
            "status": "open",
            "review_on": "2026-02-15",
            "created_at": T0,
        }
    ],
    "deadline": [
        {
            "id": 1,
            "project_id": 1,
            "title": "Photos",
            "kind": "documents",
            "owner": "client",
            "due_on": "2026-02-01",
            "due_time": None,
            "margin_days": 2,
            "after_id": None,
            "done_on": None,
            "created_at": T0,
        },
        {
            "id": 2,
            "project_id": 1,
            "title": "Launch",
            "kind": "delivery",
            "owner": "provider",
            "due_on": "2026-03-31",
            "due_time": "14:30:00.000000",
            "margin_days": 5,
            "after_id": 1,
            "done_on": "2026-03-30",
            "created_at": T1,
        },
    ],
    "contact": [
        {
            "id": 1,
            "project_id": 1,
            "at": T0,
            "channel": "email",
            "direction": "out",
            "summary": "Sent the quote for the croissant page",
            "awaiting_reply": 1,
            "is_chase": 0,
            "created_at": T0,
        },
        {
            "id": 2,
            "project_id": 1,
            "at": T1,
            "channel": "phone",
            "direction": "in",
            "summary": "Émile approved the croissant quote 🥐",
            "awaiting_reply": 0,
            "is_chase": 0,
            "created_at": T1,
        },
        {
            "id": 5,
            "project_id": 7,
            "at": T1,
            "channel": "chat",
            "direction": "out",
            "summary": "Chased: poster proofs [link=x]?",
            "awaiting_reply": 1,
            "is_chase": 1,
            "created_at": T1,
        },
    ],
    "validation": [
        {
            "id": 1,
            "project_id": 1,
            "deliverable": "Mock-ups",
            "requested_on": "2026-01-20",
            "validated_on": "2026-01-22",
            "validated_by": "Émile",
            "created_at": T0,
        }
    ],
    "change_request": [
        {
            "id": 1,
            "validation_id": 1,
            "reason": "New logo",
            "previous_validated_on": "2026-01-21",
            "previous_validated_by": "Émile",
            "created_at": T1,
        }
    ],
    "time_entry": [
        {
            "id": 1,
            "project_id": 1,
            "spent_on": "2026-01-12",
            "minutes": 90,
            "category": "work",
            "note": "Layout",
            "created_at": T0,
        },
        {
            "id": 2,
            "project_id": 7,
            "spent_on": "2026-02-01",
            "minutes": 1440,
            "category": "rework",
            "note": "",
            "created_at": T1,
        },
    ],
    "incident": [
        {
            "id": 1,
            "project_id": 7,
            "occurred_on": "2026-02-03",
            "title": "No answer",
            "facts": "Three mails unanswered",
            "contract_says": "Payment at 30 days",
            "next_step": "Registered letter",
            "status": "open",
            "created_at": T1,
        }
    ],
    "retrospective": [
        {
            "project_id": 7,
            "step": 3,
            "format": "start_stop_continue",
            "worked": "Sketches",
            "not_worked": "Silence",
            "improve": "Deposit first",
            "applied_lessons": "1",
            "satisfaction": 2,
            "completed_at": T1,
            "updated_at": T1,
        },
        {
            "project_id": 1,
            "step": 0,
            "format": "worked_not_improve",
            "worked": "",
            "not_worked": "",
            "improve": "",
            "applied_lessons": "",
            "satisfaction": None,
            "completed_at": None,
            "updated_at": T0,
        },
    ],
    "lesson": [
        {
            "id": 1,
            "project_id": 7,
            "text": "Ask for a deposit",
            "tags": "money,clients",
            "created_at": T1,
        }
    ],
    "handover": [
        {
            "project_id": 7,
            "access_handed_over": 1,
            "invoice_sent_on": "2026-02-02",
            "client_thanked": 0,
            "updated_at": T1,
        }
    ],
}


def migrate_to_first_revision(path: Path) -> None:
    """A new store at `path` with only the first migration applied (as relay 0.1 made it)."""
    db.prepare_sqlite_file(path)
    engine = db.create_sqlalchemy_engine(db.location_for_path(path))
    config = Config()
    config.set_main_option("script_location", str(Path(relay_tui.__file__).parent / "migrations"))
    try:
        with engine.execution_options(relay_write=True).begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, FIRST)
    finally:
        engine.dispose()


def fill_first_revision_store(path: Path) -> None:
    """Rows in every table, through raw SQL written for the 0001 schema."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        with conn:
            for table, rows in ROWS.items():
                for row in rows:
                    columns = ", ".join(row)
                    marks = ", ".join("?" for _ in row)
                    conn.execute(
                        f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
                    )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def make_old_store(path: Path) -> None:
    migrate_to_first_revision(path)
    fill_first_revision_store(path)


def dump(path: Path) -> dict[str, Any]:
    """Every row of every table, with plain sqlite3 reads (relay's export needs the newest
    schema): {"revision": ..., "tables": {name: [row, ...] in rowid order}}."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'contact_fts%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        tables = {
            name: [dict(row) for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')]
            for name in names
        }
        revision = db.sqlite_revision(conn)
    finally:
        conn.close()
    return {"revision": revision, "tables": tables}


@pytest.fixture
def old_store(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A filled 0001 store, and its JSON dump taken before relay touches it."""
    path = tmp_path / "relay.db"
    make_old_store(path)
    before = dump(path)
    assert before["revision"] == FIRST
    # The export is real JSON, written next to the store, as a user would keep it.
    (tmp_path / "before.json").write_text(json.dumps(before, ensure_ascii=False, indent=1))
    return path, json.loads((tmp_path / "before.json").read_text())


def test_the_fill_covers_every_table_of_the_first_schema(old_store: tuple[Path, Any]) -> None:
    _, before = old_store
    assert set(before["tables"]) == set(ROWS)
    assert all(before["tables"][name] for name in ROWS), "a table of 0001 has no row"
    assert "lessons_draft" not in before["tables"]["retrospective"][0]


#: The tables created by the migrations after the first schema.
TABLES_ADDED_SINCE = {"undo_step", "sent_report", "dismissed_card", "store_meta", "reminder_sent"}


#: The tables the database derives from the others (the board's read model, 0012).
DERIVED_TABLES = {"project_time_total", "pending_reply"}

#: The store's own tables (its id, the reminders shown): never exported.
LOCAL_TABLES = {"store_meta", "reminder_sent"}


def _backups(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".bak"))


def _check_upgraded(path: Path, before: dict[str, Any], new_contacts: int = 0) -> None:
    after = dump(path)
    if new_contacts:
        del after["tables"]["contact"][-new_contacts:]
    assert after["revision"] == db.HEAD_REVISION
    # The board's read model (0012) is derived from the rows: it equals its rules.
    assert (time_kept(path), pending_kept(path)) == (time_expected(path), pending_expected(path))
    assert time_kept(path) and pending_kept(path), "a fill to compare on needs time and waits"
    for name in DERIVED_TABLES:
        del after["tables"][name]
    # The tables later migrations added come empty (the undo journal starts afresh, with
    # the steps of the captures made since).
    added = set(after["tables"]) - set(before["tables"])
    assert added == TABLES_ADDED_SINCE
    assert len(after["tables"].pop("undo_step")) == new_contacts
    # The store's own id, drawn when the migration that brought it ran.
    (meta,) = after["tables"].pop("store_meta")
    assert meta["key"] == "store_id" and len(meta["value"]) == 32
    assert all(after["tables"][name] == [] for name in added - {"undo_step", "store_meta"})
    assert set(before["tables"]) <= set(after["tables"])
    for name, rows in before["tables"].items():
        upgraded = after["tables"][name]
        if name == "retrospective":
            assert [row.pop("lessons_draft") for row in upgraded] == [""] * len(rows)
        if name == "project":  # each name as name resolution compares it (0011)
            assert [row.pop("name_folded") for row in upgraded] == [
                row["name"].casefold() for row in rows
            ]
        # Columns added by later migrations hold one value (their default) on every old
        # row; every column the rows already had keeps its value.
        added = sorted(set(upgraded[0]) - set(rows[0])) if rows and upgraded else []
        for column in added:
            values = {json.dumps(row.pop(column)) for row in upgraded}
            assert len(values) == 1, f"{name}.{column} differs between old rows: {values}"
        assert upgraded == rows, f"table {name} changed"


def _check_backup(announced: str, path: Path, before: dict[str, Any]) -> None:
    backup = Path(announced)
    assert backup.parent == path.parent
    assert BACKUP_NAME.fullmatch(backup.name), backup.name
    assert _backups(path.parent) == [backup]
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    assert dump(backup) == before  # the copy is the store as it was, before any migration


def test_a_command_upgrades_an_old_store_keeping_every_row(
    old_store: tuple[Path, dict[str, Any]],
) -> None:
    path, before = old_store
    result = run_relay("client", "list", "--json", db=path)
    assert result.returncode == 0, result.stderr
    assert [c["name"] for c in json.loads(result.stdout)["clients"]] == [
        "Boulangerie Émile",
        "O'Hara; DROP TABLE client;--",
    ]
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    announced = ANNOUNCE.fullmatch(lines[0])
    assert announced, lines[0]
    _check_backup(announced.group(1), path, before)
    _check_upgraded(path, before)

    # Contact search (the full-text index added by 0002) finds the old contacts.
    found = run_relay("contact", "list", "--search", "croissant", "--json", db=path)
    assert found.returncode == 0 and found.stderr == "", found.stderr  # no second backup
    assert sorted(row["id"] for row in json.loads(found.stdout)["contacts"]) == [1, 2]
    assert len(_backups(path.parent)) == 1

    # relay's own export sees every row.
    store = db.open_store(db.location_for_path(path))
    try:
        tables = export_data(store)["tables"]
    finally:
        store.close()
    assert {name: len(rows) for name, rows in tables.items()} == {
        # The journal and the store's own tables are not exported.
        **{name: 0 for name in TABLES_ADDED_SINCE - {"undo_step", *LOCAL_TABLES}},
        **{name: len(rows) for name, rows in before["tables"].items()},
    }


def test_open_store_upgrades_keeping_every_row_and_reports_the_backup(
    old_store: tuple[Path, dict[str, Any]],
) -> None:
    path, before = old_store
    seen: list[Path] = []
    store = db.open_store(db.location_for_path(path), on_backup=seen.append)
    try:
        assert sorted(row.id for row in search_contacts(store, "croissant", limit=10)) == [1, 2]
        assert [row.id for row in search_contacts(store, "poster", limit=10)] == [5]
    finally:
        store.close()
    assert len(seen) == 1
    _check_backup(str(seen[0]), path, before)
    _check_upgraded(path, before)


def test_capture_on_an_old_store_says_where_the_backup_is(
    old_store: tuple[Path, dict[str, Any]],
) -> None:
    path, before = old_store
    result = run_relay("capture", "First capture after the upgrade", "-p", "Bakery", db=path)
    assert result.returncode == 0, result.stderr
    assert len(_backups(path.parent)) == 1  # the copy is made...
    _check_upgraded(path, before, new_contacts=1)
    announced = ANNOUNCE.fullmatch(result.stderr.strip())
    assert announced, f"nothing said about the backup: {result.stderr!r}"  # ...but not said
    _check_backup(announced.group(1), path, before)
