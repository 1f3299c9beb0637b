"""The store: location, pragmas, file modes, migrations and the light revision check."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import relay_tui.models  # noqa: F401
from relay_tui import db
from relay_tui.errors import InvalidInput, StoreError
from relay_tui.migrations import include_name
from tests.conftest import before_0012


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_head_revision_constant_matches_the_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == db.HEAD_REVISION


# SQLAlchemy does not reflect an index on an expression (0013's, not in the models).
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrating_an_empty_store_gives_exactly_the_models_schema(tmp_path: Path) -> None:
    store = db.open_store(db.location_for_path(tmp_path / "fresh.db"))
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    store.close()
    assert differences == []


def test_new_store_directory_is_0700_and_file_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        target = tmp_path / "deep" / "data" / "relay.db"
        store = db.open_store(db.location_for_path(target))
        with store.write() as session:
            session.exec(__import__("sqlmodel").text("SELECT 1"))  # type: ignore[call-overload]
        store.close()
    finally:
        os.umask(old)
    assert _mode(target.parent) == 0o700
    assert _mode(target) == 0o600
    for suffix in ("-wal", "-shm"):
        side = target.with_name(target.name + suffix)
        if side.exists():
            assert _mode(side) == 0o600


def test_sqlite_pragmas_are_applied(store: db.Store) -> None:
    with store.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        pragmas = {
            name: raw.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["foreign_keys"] == 1
    assert pragmas["busy_timeout"] >= 5000
    assert pragmas["synchronous"] == 2  # FULL


def test_resolution_order_flag_then_environment_then_default(tmp_path: Path) -> None:
    flag = db.resolve_location(str(tmp_path / "a.db"), {"RELAY_DB": str(tmp_path / "b.db")})
    env = db.resolve_location(None, {"RELAY_DB": str(tmp_path / "b.db")})
    default = db.resolve_location(None, {})
    assert flag.path == tmp_path / "a.db"
    assert env.path == tmp_path / "b.db"
    assert default.path == db.default_db_path()
    assert default.path is not None and default.path.name == "relay.db"


def test_urls_are_accepted(tmp_path: Path) -> None:
    sqlite_url = db.resolve_location(f"sqlite:///{tmp_path}/c.db", {})
    assert sqlite_url.path == tmp_path / "c.db"
    server = db.resolve_location("postgresql+psycopg://me:secret@host/relay", {})
    assert server.path is None and not server.is_sqlite
    assert "secret" not in server.describe()


def test_checking_an_up_to_date_store_does_not_import_alembic(db_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from relay_tui.db import ensure_sqlite_current; "
        f"ensure_sqlite_current(Path({str(db_path)!r})); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('alembic', 'sqlalchemy', 'sqlmodel')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are not the droids " * 200)
    before = bad.read_bytes()
    with pytest.raises(InvalidInput, match=r"not a SQLite database.*damaged") as refused:
        db.open_store(db.location_for_path(bad))
    assert refused.value.exit_status == 2
    assert bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_foreign_sqlite_database_is_not_touched(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(InvalidInput, match="not a relay store"):
        db.open_store(db.location_for_path(other))


def test_upgrading_an_older_store_backs_it_up_first(db_path: Path) -> None:
    # The store as the previous release left it: without the newest migration's columns
    # and tables.
    conn = sqlite3.connect(db_path)
    for statement in before_0012(db_path):
        conn.execute(statement)
    conn.execute("DROP INDEX ix_project_name_folded")
    conn.execute("ALTER TABLE project DROP COLUMN name_folded")
    conn.execute("DROP TABLE store_meta")
    conn.execute("DROP TABLE reminder_sent")
    conn.execute("DROP INDEX ux_contact_message_id")
    conn.execute("ALTER TABLE contact DROP COLUMN message_id")
    conn.execute("UPDATE alembic_version SET version_num = '0009_method'")
    conn.commit()
    conn.close()
    seen: list[Path] = []
    db.ensure_sqlite_current(db_path, on_backup=seen.append)
    conn = sqlite3.connect(db_path)
    assert db.sqlite_revision(conn) == db.HEAD_REVISION
    conn.close()
    assert len(seen) == 1
    assert seen[0].exists() and _mode(seen[0]) == 0o600
    assert seen[0].name.startswith("relay.db.") and seen[0].name.endswith(".bak")


# --- ids, file names and copies that cannot be made ----------------------------------------


def test_an_id_beyond_64_bits_finds_nothing_instead_of_overflowing(store: db.Store) -> None:
    from relay_tui.models import Client

    with store.read() as session:
        assert session.get(Client, 2**63) is None
        assert session.get(Client, -(2**63) - 1) is None
        assert session.get(Client, 1) is None  # an ordinary unknown id, as before


def test_a_home_folder_that_does_not_exist_is_refused_naming_the_field() -> None:
    from relay_tui.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        db.user_path(Path("~nosuchuser-relay/x.db"), "db")
    assert refused.value.field == "db"
    with pytest.raises(InvalidInput):
        db.location_for_path(Path("~nosuchuser-relay/x.db"))


def test_a_backup_that_fails_on_the_way_leaves_no_file(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database at all " * 200)
    source = sqlite3.connect(damaged)
    target = tmp_path / "copy.db"
    try:
        with pytest.raises(StoreError, match="damaged"):
            db.backup_sqlite(source, target)
    finally:
        source.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.db"]


def test_a_backup_name_the_file_system_refuses_is_an_output_refusal(
    db_path: Path, tmp_path: Path
) -> None:
    from relay_tui.errors import InvalidInput

    source = sqlite3.connect(db_path)
    try:
        with pytest.raises(InvalidInput) as refused:
            db.backup_sqlite(source, tmp_path / ("b" * 300))
        assert refused.value.field == "output" and "too long" in str(refused.value)
        with pytest.raises(InvalidInput, match="already exists"):
            db.backup_sqlite(source, db_path)
    finally:
        source.close()


def test_missing_parents_are_all_made_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        db.make_private_dirs(tmp_path / "a" / "b" / "c")
        db.make_private_dirs(tmp_path / "a" / "b" / "c")  # already there: nothing to do
    finally:
        os.umask(old)
    for folder in ("a", "a/b", "a/b/c"):
        assert _mode(tmp_path / folder) == 0o700, folder


def test_side_files_left_read_only_are_made_writable_with_the_store(db_path: Path) -> None:
    sides = [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm")]
    for side in sides:
        side.write_bytes(b"")
        os.chmod(side, 0o400)
    os.chmod(db_path, 0o400)
    db.repair_side_files(db_path)  # the store is read-only: left alone
    assert [_mode(side) for side in sides] == [0o400, 0o400]
    os.chmod(db_path, 0o600)
    db.repair_side_files(db_path)
    assert [_mode(side) for side in sides] == [0o600, 0o600]
