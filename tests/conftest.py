"""Shared fixtures: a migrated template store copied per test, a fixed clock."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time as clock
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from relay_tui.db import Store, location_for_path, open_store, resolve_location
from relay_tui.migrations import UNMODELLED_PREFIXES

#: The tests read relay's English, whatever the developer's language: the command line
#: in a subprocess (`run_relay`) or in this process (`cli.main`) chooses it from here.
#: A test that wants French says so (`--lang fr`, or RELAY_LANG through monkeypatch).
os.environ["RELAY_LANG"] = "en"

#: The clock every deterministic test uses: Monday 23 November 2026, 10:00 UTC.
FIXED_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's store or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("RELAY_CONFIG", str(home / "config" / "relay" / "settings.toml"))
    monkeypatch.delenv("RELAY_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    # The locale names no country (no public holidays) and no language (English).
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME", "RELAY_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """Each test starts in English, and one that switched the app's language (`cli.main`
    with `--lang fr`, `i18n.use`) does not leave it switched for the next."""
    from relay_tui import i18n

    i18n.use(i18n.DEFAULT)
    yield
    i18n.use(i18n.DEFAULT)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store migrated to head once per session (migrating costs about a second)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    store = open_store(location_for_path(path))
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


#: A SQLAlchemy URL of a PostgreSQL server's maintenance database (`.../postgres`) on
#: which the tests may create and drop databases. Unset: the PostgreSQL half is skipped.
POSTGRES_ENV = "RELAY_TEST_POSTGRES"

#: The tests that run against both stores.
BOTH_STORES = ("tests/services/", "tests/server/", "tests/cli/")


class ServerStore(str):
    """The `db_path` of a test run against PostgreSQL: the database's URL (a `str`, so
    `run_relay(db=...)` and `--db` take it as they take a file name)."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: the test is about the SQLite file (modes, WAL, corruption)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The French half (one test, a child pytest of two minutes) first: run in parallel
    (`-n 2`, the README's command), it then runs beside the rest instead of after it."""
    items.sort(key=lambda item: item.path.name != "test_french_suite.py")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One fixture, two stores: `db_path` (and the `store` opened on it) is SQLite, and,
    for the tests listed in BOTH_STORES, PostgreSQL too."""
    if "db_path" not in metafunc.fixturenames:
        return
    where = Path(str(metafunc.definition.path)).as_posix()
    both = any(part in where for part in BOTH_STORES)
    if both and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("db_path", ["sqlite", "postgres"], indirect=True)


def _server_admin() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        pytest.skip(f"PostgreSQL half: set {POSTGRES_ENV} (see README, Tests)")
    return url


def _admin_execute(url: str, *statements: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _database_url(admin: str, name: str) -> str:
    base, _, _ = admin.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def server_template() -> str:
    """A PostgreSQL database migrated to head once per session, copied per test."""
    admin = _server_admin()
    name = f"relay_template_{os.getpid()}"
    _admin_execute(admin, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    store = open_store(resolve_location(_database_url(admin, name)))
    store.close()
    yield name
    _admin_execute(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_server_databases = iter(range(1, 1_000_000))


@pytest.fixture
def db_path(request: pytest.FixtureRequest, tmp_path: Path, template_db: Path) -> Iterator[Path]:
    """A fresh, migrated store for this test: a SQLite file, or (param "postgres") a new
    database on the test server, given as its URL (`ServerStore`)."""
    if getattr(request, "param", "sqlite") == "postgres":
        template = request.getfixturevalue("server_template")
        admin = _server_admin()
        name = f"relay_t{os.getpid()}_{next(_server_databases)}"
        _admin_execute(admin, f"CREATE DATABASE {name} TEMPLATE {template}")
        yield ServerStore(_database_url(admin, name))  # type: ignore[misc]
        _admin_execute(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        return
    path = tmp_path / "relay.db"
    shutil.copyfile(template_db, path)
    os.chmod(path, 0o600)
    yield path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(resolve_location(str(db_path)))
    yield opened
    opened.close()


def table_counts(path: Path) -> dict[str, int]:
    """Row counts of every table: used to prove that nothing was written. The store's id
    (`store_meta`, one row from its creation) is not counted, nor the tables the database
    derives from the others (`UNMODELLED_PREFIXES`: full-text search, the board's read
    model), which change with them."""
    if isinstance(path, ServerStore):
        import sqlalchemy as sa

        engine = sa.create_engine(str(path), poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                names = sa.inspect(conn).get_table_names()
                return {
                    name: conn.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar_one()
                    for name in names
                    if name not in ("alembic_version", "store_meta")
                    and not name.startswith(UNMODELLED_PREFIXES)
                }
        finally:
            engine.dispose()
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'contact_fts%' AND name NOT IN ('alembic_version', 'store_meta')"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
            if not name.startswith(UNMODELLED_PREFIXES)
        }
    finally:
        conn.close()


def query_rows(db: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Read the store directly, as another program would (`?` placeholders), whichever
    kind of store `db` is."""
    if isinstance(db, ServerStore):
        import sqlalchemy as sa

        engine = sa.create_engine(str(db), poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                result = conn.exec_driver_sql(sql.replace("?", "%s"), tuple(params))
                return [tuple(row) for row in result]
        finally:
            engine.dispose()
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def generate_store(path: Path, **sizes: int) -> Path:
    """A store made by benchmarks/generate.py (its sizes and seed as keywords) at `path`."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    generate(path, **sizes)
    return path


def before_0012(db: Path) -> tuple[str, ...]:
    """The statements that take a store back to before migration 0012 (the board's read
    model kept by triggers, and its indexes; then 0013's index, SQLite's only), whichever
    kind of store `db` is."""
    kept = (("project_time_total", "time_entry"), ("pending_reply", "contact"))
    if isinstance(db, ServerStore):
        triggers = tuple(
            statement
            for table, source in kept
            for statement in (
                f"DROP TRIGGER {table}_keep ON {source}",
                f"DROP FUNCTION {table}_keep()",
            )
        )
    else:
        triggers = (
            "DROP INDEX ix_deadline_margin_start",
            *(
                f"DROP TRIGGER {table}_{suffix}"
                for table, _ in kept
                for suffix in ("insert", "delete", "update")
            ),
        )
    return (
        *triggers,
        "DROP TABLE project_time_total",
        "DROP TABLE pending_reply",
        "DROP INDEX ix_deadline_open",
        "DROP INDEX ix_project_board",
    )


def change_rows(db: Path, *statements: str) -> None:
    """Change the store directly, as another program would, whichever kind of store `db`
    is: `statements` in one transaction."""
    if isinstance(db, ServerStore):
        import sqlalchemy as sa

        engine = sa.create_engine(str(db), poolclass=sa.pool.NullPool)
        try:
            with engine.begin() as conn:
                for sql in statements:
                    conn.exec_driver_sql(sql)
        finally:
            engine.dispose()
        return
    conn = sqlite3.connect(db)
    try:
        with conn:
            for sql in statements:
                conn.execute(sql)
    finally:
        conn.close()


def run_relay(
    *args: str, db: Path | None = None, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "relay_tui"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=stdin,
        timeout=120,
    )


@pytest.fixture
def local_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch the process's local time zone for one test, and put it back after."""
    original = os.environ.get("TZ")

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        clock.tzset()

    yield use
    if original is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = original
    clock.tzset()
