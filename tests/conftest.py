"""Shared fixtures: a migrated template store copied per test, a fixed clock."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from relay_tui.db import Store, location_for_path, open_store

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
    monkeypatch.setenv("RELAY_CONFIG", str(home / "config" / "relay" / "settings.toml"))
    monkeypatch.delenv("RELAY_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")


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


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    """A fresh, migrated SQLite store file for this test."""
    path = tmp_path / "relay.db"
    shutil.copyfile(template_db, path)
    os.chmod(path, 0o600)
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(location_for_path(db_path))
    yield opened
    opened.close()


def table_counts(path: Path) -> dict[str, int]:
    """Row counts of every table: used to prove that nothing was written."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'contact_fts%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }
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
