"""`relay chase -p P --message`: the chase message printed (subject, then body), nothing
logged; in the client's language; refused without a project."""

from __future__ import annotations

from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from tests.conftest import FIXED_NOW, run_relay, table_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = ("--today", FIXED_NOW.date().isoformat())


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    seed_demo(store, now=FIXED_NOW)
    return db_path


def test_the_message_is_printed_and_nothing_is_logged(demo_db: Path) -> None:
    before = table_counts(demo_db)
    result = run_relay("chase", "-p", "Bakery", "--message", *TODAY, db=demo_db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Bakery website: waiting for “Mock-ups validated by Marie” and 2 more things"
    )
    assert lines[1:3] == ["", "Hello Marie Lambert,"]
    assert (
        "- “Mock-ups validated by Marie”, expected on Tuesday 17 November "
        "(4 working days ago);" in lines
    )
    assert (
        "Each day without it moves them by one more day: without it today, “Go live” "
        "moves to Saturday 12 December." in lines
    )
    assert lines[-1] == "Best regards,"
    assert table_counts(demo_db) == before


def test_a_project_with_nothing_awaited_gets_an_any_news_message(demo_db: Path) -> None:
    result = run_relay("chase", "-p", "Rossi intranet", "--message", *TODAY, db=demo_db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Rossi intranet: any news?\n\nHello Sofia Rossi,\n")


def test_message_without_a_project_is_bad_usage_and_writes_nothing(demo_db: Path) -> None:
    before = table_counts(demo_db)
    result = run_relay("chase", "--message", db=demo_db)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("relay: error: message: --message needs the project")
    assert table_counts(demo_db) == before
