"""The live view and the failures of a shared store (on SQLite and, with
RELAY_TEST_POSTGRES set, on PostgreSQL; the failures need a server URL)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from relay_tui.db import Store, StoreLocation
from relay_tui.errors import StoreError
from relay_tui.services import risks
from relay_tui.services.contacts import capture
from relay_tui.services.live import StoreWatch
from relay_tui.services.risks import add_risk
from tests.conftest import FIXED_NOW, POSTGRES_ENV, run_relay
from tests.screens.helpers import make_app, running


def test_the_watch_sees_inserts_and_edits_from_another_connection(
    ann: Store, bob: Store, project_id: int
) -> None:
    watch = StoreWatch(ann)
    try:
        assert not watch.changed()
        risk = add_risk(
            bob,
            {"project": 1, "title": "Late photos", "probability": 3, "impact": 4},
            now=FIXED_NOW,
        )
        assert watch.changed()
        assert not watch.changed()  # once per change
        risks.update_risk(
            bob,
            risk.id,  # type: ignore[arg-type]
            {"title": "Late photos and texts", "probability": 3, "impact": 4},
            now=FIXED_NOW,
        )
        assert watch.changed()  # an edit, not only an insert
    finally:
        watch.close()


async def test_a_colleagues_capture_appears_in_the_open_app(
    ann: Store, bob: Store, project_id: int
) -> None:
    app = make_app(ann, watch_interval=0.2)
    async with running(app) as pilot:
        await pilot.pause()
        capture(
            bob,
            {"project": 1, "summary": "Asked Marie for the photos", "awaiting_reply": True},
            now=FIXED_NOW,
        )

        def waiting_shown() -> str:
            table = app.screen.query_one("FittedTable")
            return " ".join(str(cell) for cell in table.get_row_at(0))  # type: ignore[attr-defined]

        for _ in range(50):  # up to 10 s of polls, 0.2 s apart
            if " 1 " in f" {waiting_shown()} ":
                break
            await asyncio.sleep(0.2)
        assert " 1 " in f" {waiting_shown()} ", waiting_shown()


# --- a server that is wrong, refuses or is gone -------------------------------------------


def _server() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        pytest.skip(f"needs a PostgreSQL server: set {POSTGRES_ENV}")
    return url


@pytest.mark.parametrize(
    ("change", "meaning"),
    [
        (lambda u: u.replace("@", "@nosuchhost.invalid:5432/x#", 1), "no such host"),
        (lambda u: u.rsplit(":", 1)[0] + ":1/postgres", "does not answer"),
        (lambda u: u.replace("://relay@", "://nobody@"), "does not know this user"),
        (lambda u: u.rsplit("/", 1)[0] + "/no_such_db", "no such database"),
    ],
    ids=["host", "port", "user", "database"],
)
def test_a_bad_server_url_gets_one_clear_line(change, meaning: str) -> None:  # type: ignore[no-untyped-def]
    url = change(_server())
    result = run_relay("--db", url, "board")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("relay: error: the store ") and result.stderr.count("\n") == 1
    assert meaning in result.stderr
    assert "Traceback" not in result.stderr


def test_a_server_that_goes_away_is_reported_by_the_watch_and_the_services(
    ann: Store, db_path: Path, project_id: int
) -> None:
    if not str(db_path).startswith("postgresql"):
        pytest.skip("a SQLite file does not go away like a server")
    watch = StoreWatch(ann)
    gone = Store(StoreLocation(url=str(db_path).rsplit(":", 1)[0] + ":1/gone"))
    try:
        watch.store = gone  # the same watch, now pointed at a server that does not answer
        with pytest.raises(StoreError, match="does not answer"):
            watch.changed()
        with pytest.raises(StoreError, match="does not answer"):
            capture(gone, {"project": 1, "summary": "lost?"}, now=FIXED_NOW)
    finally:
        watch.close()
        gone.close()


def test_a_store_set_up_by_a_newer_relay_is_refused_untouched(
    ann: Store, db_path: Path, project_id: int
) -> None:
    """A colleague on a newer relay upgraded the shared store: this relay says so, in one
    line, and neither upgrades, backs up nor writes anything."""
    import sqlalchemy as sa

    from tests.conftest import ServerStore, table_counts

    url = str(db_path) if isinstance(db_path, ServerStore) else f"sqlite:///{db_path}"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    before = table_counts(db_path)
    folder = set(Path(db_path).parent.iterdir()) if not isinstance(db_path, ServerStore) else None

    result = run_relay("capture", "Called Marie", "-p", "Bakery", db=db_path)

    assert result.returncode != 0
    assert "set up by a newer relay (its schema is 0099_from_the_future)" in result.stderr
    assert "update relay to use it" in result.stderr
    assert "Traceback" not in result.stderr
    assert table_counts(db_path) == before
    if folder is not None:
        assert set(Path(db_path).parent.iterdir()) == folder  # no backup made
