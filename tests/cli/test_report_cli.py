"""`relay report` keeps reports as sent (`--sent`), takes the user's words (`--period`) and
lists what was sent (`--history`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from tests.conftest import FIXED_NOW, change_rows, query_rows, run_relay, table_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = ("--today", FIXED_NOW.date().isoformat())


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    """The sample without its reports sent and cadences (`_weekly` sets the bakery's)."""
    seed_demo(store, now=FIXED_NOW)
    query_rows(db_path, "SELECT 1")  # the store is written and closed by the seed
    change_rows(db_path, "DELETE FROM sent_report", "UPDATE project SET report_every_days = NULL")
    return db_path


def _weekly(db: Path) -> None:
    """The bakery reports weekly (the fixture left the sample with no cadence)."""
    change_rows(db, "UPDATE project SET report_every_days = 7 WHERE name = 'Bakery website'")


def test_sent_writes_one_row_and_says_when_the_next_is_due(demo_db: Path) -> None:
    _weekly(demo_db)
    words = "This period I built the home page."
    done = run_relay("report", "-p", "Bakery", *TODAY, "--period", words, "--sent", db=demo_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Bakery website: where we stand\n")
    assert f"## Since the start\n\n{words}\n" in done.stdout
    assert "- Next status report: Monday 30 November" in done.stdout
    # The report on stdout (for a pipe), what was done on stderr.
    assert done.stderr == "Report stored as sent on Mon 23 Nov 2026; next due Mon 30 Nov 2026.\n"
    rows = query_rows(demo_db, "SELECT id, CAST(sent_on AS TEXT), period, body FROM sent_report")
    [(sent_id, *sent)] = rows
    assert sent == ["2026-11-23", words, done.stdout]

    listed = run_relay("report", "-p", "Bakery", "--history", db=demo_db)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == f"#{sent_id:<4} Mon 23 Nov 2026  {words}\n"

    # The next report starts after this one.
    later = run_relay("report", "-p", "Bakery", "--today", "2026-11-25", db=demo_db)
    assert "## Since the last report (Monday 23 November)" in later.stdout


def test_sent_without_words_keeps_the_draft_and_to_a_file_says_so_on_stdout(
    demo_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    done = run_relay("report", "-p", "Bakery", *TODAY, "-o", str(target), "--sent", db=demo_db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Wrote the status report of Bakery website to {target}",
        "Report stored as sent on Mon 23 Nov 2026.",
    ]
    [(period, body)] = query_rows(demo_db, "SELECT period, body FROM sent_report")
    assert "I sent “Site map” for your validation (24 Oct)." in period
    assert body == target.read_text(encoding="utf-8")


def test_a_bad_project_is_refused_and_writes_nothing(demo_db: Path) -> None:
    # Refused input exits 2, as every command does (docs/cli.md, errors and exit statuses).
    before = table_counts(demo_db)
    done = run_relay("report", "-p", "Nope", *TODAY, "--sent", db=demo_db)
    assert done.returncode == 2
    assert done.stderr.startswith("relay: error:") and done.stdout == ""
    assert table_counts(demo_db) == before


def test_bad_words_are_refused_before_anything_is_printed(demo_db: Path) -> None:
    done = run_relay("report", "-p", "Bakery", "--period", "x" * 5000, "--sent", db=demo_db)
    assert done.returncode == 2 and done.stdout == ""
    assert "period" in done.stderr and "too long" in done.stderr
    assert query_rows(demo_db, "SELECT COUNT(*) FROM sent_report") == [(0,)]


def test_history_and_sent_together_is_bad_usage(demo_db: Path) -> None:
    done = run_relay("report", "-p", "Bakery", "--history", "--sent", db=demo_db)
    assert done.returncode == 2
    assert query_rows(demo_db, "SELECT COUNT(*) FROM sent_report") == [(0,)]


def test_history_of_a_project_with_none(demo_db: Path) -> None:
    done = run_relay("report", "-p", "Festival", "--history", db=demo_db)
    assert done.stdout == "No report sent on Festival poster series yet.\n"


def test_the_board_lists_a_report_due(demo_db: Path) -> None:
    _weekly(demo_db)
    text = run_relay("board", *TODAY, db=demo_db).stdout
    assert "Status reports due\n  Bakery website: due since Wed 21 Oct 2026 (33 days)" in text
    import json

    shape = json.loads(run_relay("board", "--json", *TODAY, db=demo_db).stdout)
    assert shape["reports_due"] == [
        {
            "project_id": 1,
            "project": "Bakery website",
            "due_since_on": "2026-10-21",
            "days": 33,
            "last_sent_on": None,
        }
    ]


def test_an_existing_file_is_kept_unless_force_and_nothing_is_marked_sent(
    demo_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("my notes\n", encoding="utf-8")
    refused = run_relay("report", "-p", "Bakery", *TODAY, "-o", str(target), "--sent", db=demo_db)
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert query_rows(demo_db, "SELECT count(*) FROM sent_report") == [(0,)]
    forced = run_relay("report", "-p", "Bakery", *TODAY, "-o", str(target), "--force", db=demo_db)
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# ")
    printed = run_relay("report", "-p", "Bakery", *TODAY, "-o", "-", db=demo_db)
    assert printed.stdout == target.read_text(encoding="utf-8")
