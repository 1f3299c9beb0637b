"""A PostgreSQL store holding a SQLite store's data, for the capture benchmark.

On the server of RELAY_TEST_POSTGRES (a SQLAlchemy URL of its maintenance database, as
the tests take it): a database `relay_bench_p<projects>_<digest>` filled by
`relay --db URL import json` of the store's export, made once (under a temporary name,
renamed when complete) and kept for the next runs; an older one of the same size is
dropped. psycopg is used here directly, outside every measured process.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _stores import child_env, read_only

ENV = "RELAY_TEST_POSTGRES"
RELAY = "import sys; from relay_tui.start import run; sys.exit(run())"


def _with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


def _relay(*args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", RELAY, *args],
        env=child_env(RELAY_LANG="en"),
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"relay {' '.join(args[:4])} failed: {proc.stderr.strip()[-1000:]}")


def postgres_store(db: Path) -> tuple[str | None, str]:
    """(the URL of a PostgreSQL store with `db`'s data, how it was had), or (None, why not)."""
    admin_url = os.environ.get(ENV)
    if not admin_url:
        return None, f"{ENV} is not set (no PostgreSQL server to measure against)"
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed (pip install -e '.[postgres]')"
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with read_only(db) as conn:
        projects = conn.execute("SELECT count(*) FROM project").fetchone()[0]
    stat = db.stat()
    digest = hashlib.sha256(f"{db.name}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()
    prefix = f"relay_bench_p{projects}_"
    name = prefix + digest[:10]
    try:
        admin = psycopg.connect(plain, autocommit=True, connect_timeout=5)
    except psycopg.Error as error:
        return None, f"the server of {ENV} does not answer: {str(error).strip()}"
    try:
        have = {
            row[0]
            for row in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (prefix + "%",)
            )
        }
        if name in have:
            return _with_database(admin_url, name), f"database {name} (kept from a former run)"
        for old in have:  # another store of this size, or a load that did not finish
            admin.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
        loading = name + "_loading"
        admin.execute(f'CREATE DATABASE "{loading}"')
        started = time.perf_counter()
        print(f"loading the store into PostgreSQL database {name} …", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="relay-pg-") as tmp:
            exported = Path(tmp) / "export.json"
            try:
                _relay("--db", str(db), "export", "json", "-o", str(exported))
                _relay("--db", _with_database(admin_url, loading), "import", "json", str(exported))
            except RuntimeError as error:
                admin.execute(f'DROP DATABASE IF EXISTS "{loading}" WITH (FORCE)')
                return None, str(error)
        admin.execute(f'ALTER DATABASE "{loading}" RENAME TO "{name}"')
        spent = time.perf_counter() - started
        return _with_database(admin_url, name), f"database {name} (loaded in {spent:.0f} s)"
    finally:
        admin.close()
