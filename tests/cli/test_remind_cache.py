"""`relay remind` keeps its last answer on a SQLite store, and never shows a stale one: any
change to the store, the day or the settings gives a fresh answer at once."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from relay_tui import remind_cache
from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.domain.remind import Reminder
from relay_tui.settings import settings_path
from tests.conftest import FIXED_NOW, run_relay

pytestmark = pytest.mark.sqlite_only  # the cache is the SQLite path's

MONDAY = "2026-11-30"


@pytest.fixture
def demo(store: Store) -> Store:
    seed_demo(store, now=FIXED_NOW)
    return store


def _line(db: Path, today: str = MONDAY) -> str:
    done = run_relay("remind", "--format", "line", "--today", today, db=db)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_an_unchanged_store_answers_from_the_kept_answer(demo: Store, db_path: Path) -> None:
    first = _line(db_path)
    kept = remind_cache.cache_file(db_path)
    assert kept.exists() and (kept.stat().st_mode & 0o777) == 0o600
    # What is kept is what is shown: a kept answer rewritten by hand shows as such.
    key = kept.read_text(encoding="utf-8").split("\n")[1]
    one = Reminder("report", 99, "Kept", date(2026, 11, 30))
    remind_cache.save(kept, key, [one])
    assert _line(db_path) == "1 report\n"
    assert first != "1 report\n"


@pytest.mark.parametrize(
    "change",
    [
        ["capture", "Called Marie back", "-p", "bakery", "--in", "--at", "2026-11-30 09:00"],
        ["deadline", "done", "1", "--on", "2026-11-29"],
    ],
)
def test_a_change_to_the_store_gives_a_fresh_answer_at_once(
    demo: Store, db_path: Path, change: list[str], tmp_path: Path
) -> None:
    before = _line(db_path)
    assert _line(db_path) == before
    done = run_relay(*change, db=db_path)
    assert done.returncode == 0, done.stderr
    after = _line(db_path)
    assert after != before
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    fresh = run_relay(
        "remind", "--format", "line", "--today", MONDAY, db=db_path,
        env={"XDG_CACHE_HOME": str(blocker / "cache")},  # no cache can be kept
    )  # fmt: skip
    assert after == fresh.stdout


def test_another_program_writing_to_the_store_is_seen(demo: Store, db_path: Path) -> None:
    before = _line(db_path)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE deadline SET done_on = '2026-11-29'")
        conn.execute("UPDATE project SET report_every_days = NULL, budget_minutes = NULL")
        conn.execute("UPDATE contact SET awaiting_reply = 0")
    # The connection stays open (its log not yet folded into the store).
    assert _line(db_path) == "\n" != before
    conn.close()


def test_the_day_the_settings_and_the_locale_are_part_of_the_key(
    demo: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monday = _line(db_path)
    assert _line(db_path, "2027-03-01") != monday
    settings = settings_path()
    wanted = remind_cache.key(db_path, date(2026, 11, 30), settings, False)
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('closed_days = ["2026-11-24..2026-11-30"]\n', encoding="utf-8")
    assert remind_cache.key(db_path, date(2026, 11, 30), settings, False) != wanted
    assert _line(db_path) != monday  # the chase clock stopped for a week
    # The locale's country names the public holidays when the settings name none.
    wanted = remind_cache.key(db_path, date(2026, 11, 30), settings, False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert remind_cache.key(db_path, date(2026, 11, 30), settings, False) != wanted


def test_a_damaged_kept_answer_is_ignored(demo: Store, db_path: Path) -> None:
    first = _line(db_path)
    kept = remind_cache.cache_file(db_path)
    kept.write_text("relay-remind-cache 1\n" + kept.read_text().split("\n")[1] + "\nbroken\n")
    assert _line(db_path) == first
    os.chmod(kept.parent, 0o500)  # cannot be written: no cache, still an answer
    with contextlib.suppress(PermissionError):
        kept.unlink()
    try:
        assert _line(db_path) == first
    finally:
        os.chmod(kept.parent, 0o700)


def test_titles_with_tabs_and_line_breaks_come_back_whole(tmp_path: Path) -> None:
    item = Reminder(
        "chase", 3, "A\tB\\", date(2026, 1, 2), title="x\ny\r\\t", due_on=date(2026, 1, 2), days=4
    )
    budget = Reminder("budget", 4, "C", date(2026, 1, 1), ratio=1.234)
    file = tmp_path / "kept.txt"
    remind_cache.save(file, "k", [item, budget])
    assert remind_cache.load(file, "k") == [item, budget]
    assert remind_cache.load(file, "other key") is None
