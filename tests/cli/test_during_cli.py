"""The "during" commands through the real command line, in subprocesses, on the demo data
seeded at FIXED_NOW (`--today 2026-11-23` where a command computes against today).

Bad input: exit status 2, one line on stderr naming the field, nothing written.
"""

from __future__ import annotations

import json
import stat
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from icalendar import Calendar

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from tests.conftest import FIXED_NOW, query_rows, run_relay, table_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

TODAY = ("--today", FIXED_NOW.date().isoformat())


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    seed_demo(store, now=FIXED_NOW)
    return db_path


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    return query_rows(db, sql, *params)


def run_all(db: Path, *commands: Sequence[str]) -> list[subprocess.CompletedProcess[str]]:
    """Several independent commands at once (each is a separate process)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda args: run_relay(*args, db=db), commands))


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# --- deadlines --------------------------------------------------------------------------


def test_deadline_list_as_text_and_as_json_with_the_projected_dates(demo_db: Path) -> None:
    text, as_json = run_all(
        demo_db,
        ["deadline", "list", "-p", "Bakery", *TODAY],
        ["deadline", "list", "-p", "Bakery", "--json", *TODAY],
    )
    lines = ok(text).splitlines()
    assert len(lines) == 4
    by_title = {line.split("]  ", 1)[1].split("  →")[0]: line for line in lines}
    assert "late" in by_title["Mock-ups validated by Marie"]
    assert "[client]" in by_title["Mock-ups validated by Marie"]
    assert "done" in by_title["Photos and texts from Marie"]
    assert by_title["Build the pages"].endswith(
        "→ projected Thu 3 Dec 2026 (moved 6 days by the late 'Mock-ups validated by Marie')"
    )
    assert "[me]" in by_title["Build the pages"]
    assert "→ projected Fri 11 Dec 2026" in by_title["Go live"]

    data = {d["title"]: d for d in json.loads(ok(as_json))["deadlines"]}
    mockups = data["Mock-ups validated by Marie"]
    assert (mockups["status"], mockups["owner"], mockups["projected_on"], mockups["slip_days"]) == (
        "late",
        "client",
        None,
        0,
    )
    build = data["Build the pages"]
    assert (build["due_on"], build["projected_on"], build["slip_days"], build["slip_cause_id"]) == (
        "2026-11-27",
        "2026-12-03",
        6,
        mockups["id"],
    )
    assert build["after_id"] == mockups["id"]
    live = data["Go live"]
    assert (live["projected_on"], live["slip_days"], live["after_id"]) == (
        "2026-12-11",
        6,
        build["id"],
    )
    assert data["Photos and texts from Marie"]["done_on"] == "2026-11-10"


# --- contacts ---------------------------------------------------------------------------


def test_contact_list_awaiting_as_json_and_a_search_across_projects(demo_db: Path) -> None:
    awaiting, search = run_all(
        demo_db,
        ["contact", "list", "--awaiting", "--json"],
        ["contact", "list", "--search", "sofia"],
    )
    waiting = json.loads(ok(awaiting))["contacts"]
    assert [(c["project"], c["summary"]) for c in waiting] == [
        ("Festival poster series", "Asked for the final line-up and sponsor logos"),
        ("Bakery website", "Reminder: mock-ups still waiting for your go"),
        ("Bakery website", "Sent the mock-ups for validation"),
    ]
    assert all(c["awaiting_reply"] and c["direction"] == "out" for c in waiting)
    assert waiting[0]["at"] == "2026-11-20T10:00:00+00:00"

    # A search spans every project.
    lines = ok(search).splitlines()
    assert len(lines) == 2
    assert "Rossi intranet: Sofia confirmed the rights model by email" in lines[0]
    assert "Rossi online shop: Shop delivered; Sofia very happy with the checkout" in lines[1]


# --- chasing ----------------------------------------------------------------------------


def test_chase_list_then_log_a_chase(demo_db: Path) -> None:
    listed = ok(run_relay("chase", *TODAY, db=demo_db))
    assert listed.startswith("Bakery website: waiting 2 working days since Thu 19 Nov")
    assert "Sent the mock-ups for validation" in listed
    assert "(chased 0 times; relay chase -p 1)" in listed
    assert len(listed.splitlines()) == 1
    before = rows(demo_db, "SELECT count(*) FROM contact")[0][0]

    logged = ok(run_relay("chase", "-p", "Bakery", db=demo_db))
    assert logged.startswith("Chase #")
    assert "on Bakery website (email): Chased: Sent the mock-ups for validation." in logged
    assert rows(demo_db, "SELECT count(*) FROM contact")[0][0] == before + 1
    assert rows(
        demo_db,
        "SELECT direction, awaiting_reply, is_chase, summary FROM contact ORDER BY id DESC LIMIT 1",
    ) == [("out", 1, 1, "Chased: Sent the mock-ups for validation")]


def test_chase_counts_the_closed_days_of_the_settings(demo_db: Path) -> None:
    from relay_tui.settings import Settings, save_settings, settings_path

    # Thursday 19 November, then Friday 20 and Monday 23: two working days, due today.
    assert ok(run_relay("chase", *TODAY, db=demo_db)).startswith("Bakery website: waiting 2")
    # Closed on the Friday: one working day only, not due yet.
    friday = ((FIXED_NOW.date().replace(day=20),) * 2,)
    save_settings(Settings(country="none", closed_days=friday), settings_path())
    assert "Bakery website" not in ok(run_relay("chase", *TODAY, db=demo_db))


def test_a_country_relay_knows_no_holidays_for_is_a_warning(demo_db: Path) -> None:
    from relay_tui.settings import Settings, save_settings, settings_path

    save_settings(Settings(country="ZZ"), settings_path())
    result = run_relay("chase", *TODAY, db=demo_db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Bakery website: waiting 2")
    assert result.stderr.startswith("relay: warning: country “ZZ”: relay knows no public holidays")


# --- validations ------------------------------------------------------------------------


def test_validation_request_done_reopen_and_list(demo_db: Path) -> None:
    out = ok(
        run_relay("validation", "request", "Logo files", "-p", "Bakery", "--on=-3d", db=demo_db)
    )
    assert out.startswith("Validation #") and "requested: Logo files" in out
    [(vid, requested, validated)] = rows(
        demo_db,
        "SELECT id, requested_on, validated_on FROM validation WHERE deliverable = 'Logo files'",
    )
    assert validated is None

    out = ok(
        run_relay("validation", "done", str(vid), "--by", "Marie Lambert", "--on=-1d", db=demo_db)
    )
    assert "validated by Marie Lambert" in out and "locked" in out
    [(validated_on, by)] = rows(
        demo_db, "SELECT validated_on, validated_by FROM validation WHERE id = ?", vid
    )
    assert by == "Marie Lambert" and str(validated_on) > str(requested)

    out = ok(
        run_relay("validation", "reopen", str(vid), "--reason", "Wants a darker logo", db=demo_db)
    )
    assert f"Validation #{vid} reopened" in out and "Wants a darker logo" in out
    assert rows(
        demo_db,
        "SELECT reason, previous_validated_on, previous_validated_by FROM change_request"
        " WHERE validation_id = ?",
        vid,
    ) == [("Wants a darker logo", validated_on, "Marie Lambert")]
    assert rows(demo_db, "SELECT validated_on, validated_by FROM validation WHERE id = ?", vid) == [
        (None, "")
    ]

    listed = json.loads(ok(run_relay("validation", "list", "-p", "Bakery", "--json", db=demo_db)))
    shown = {v["deliverable"]: v for v in listed["validations"]}
    assert set(shown) == {"Site map", "Home page mock-up", "Logo files"}
    assert shown["Site map"]["validated_by"] == "Marie Lambert"
    assert shown["Logo files"]["validated_on"] is None
    assert [c["reason"] for c in shown["Logo files"]["change_requests"]] == ["Wants a darker logo"]


# --- report and calendar ----------------------------------------------------------------


def test_report_to_stdout_and_to_a_file(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    printed, written = run_all(
        demo_db,
        ["report", "-p", "Bakery", *TODAY],
        ["report", "-p", "Bakery", *TODAY, "-o", str(target)],
    )
    text = ok(printed)
    assert text.startswith("# Bakery website: where we stand\n")
    assert "- Mock-ups validated by Marie: overdue since Tuesday 17 November" in text
    assert "- Build the pages: planned for Thursday 3 December (first planned for Friday" in text
    assert (
        "## Waiting for your validation\n\n- Home page mock-up (sent Saturday 14 November)" in text
    )
    assert ok(written) == f"Wrote the status report of Bakery website to {target}\n"
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_ics(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "bakery.ics"
    out = ok(run_relay("export", "ics", "-p", "Bakery", "-o", str(target), db=demo_db))
    assert out == f"Wrote 3 alarm bells to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    events = [
        e
        for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")
        if str(e["STATUS"]) == "CONFIRMED"
    ]
    open_ids = [
        i
        for (i,) in rows(
            demo_db, "SELECT id FROM deadline WHERE project_id = 1 AND done_on IS NULL"
        )
    ]
    [(store_id,)] = rows(demo_db, "SELECT value FROM store_meta WHERE key = 'store_id'")
    assert sorted(str(e["UID"]) for e in events) == sorted(
        f"relay-deadline-{i}-{store_id}@relay" for i in open_ids
    )
    assert all(len(e.walk("VALARM")) == 1 for e in events)


# --- bad input --------------------------------------------------------------------------


def test_bad_input_one_line_naming_the_field_exit_2_nothing_written(
    demo_db: Path, tmp_path: Path
) -> None:
    existing = tmp_path / "taken.ics"
    existing.write_text("mine\n")
    argparse_missing = "the following arguments are required: "
    cases: list[tuple[list[str], str]] = [
        (["deadline", "list", "-p", "Nope"], "project: "),
        (["validation", "done", "2"], argparse_missing + "--by"),
        (["validation", "reopen", "1"], argparse_missing + "--reason"),
        (["deadline", "list", "-p", "Bakery", "--today", "someday"], "today: "),
        (["validation", "done", "1", "--by", "Marie", "--on=-1d"], "id: "),  # locked
        (["validation", "request", "Logo", "-p", "Bakery", "--on=+3d"], "on: "),
        (["chase", "-p", "Rossi intranet"], "project: "),  # nothing awaits a reply
        (["export", "ics", "-o", str(existing)], "output: "),
    ]
    before = table_counts(demo_db)
    results = run_all(demo_db, *(args for args, _ in cases))
    for (args, expected), result in zip(cases, results, strict=True):
        where = " ".join(args)
        assert result.returncode == 2, (where, result.stdout, result.stderr)
        assert result.stdout == "", where
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (where, result.stderr)
        assert lines[0].startswith(f"relay: error: {expected}"), (where, lines[0])
        assert "Traceback" not in result.stderr
    assert table_counts(demo_db) == before
    assert existing.read_text() == "mine\n"


def test_contact_list_refuses_a_limit_of_zero(demo_db: Path) -> None:
    before = table_counts(demo_db)
    result = run_relay("contact", "list", "--limit", "0", db=demo_db)
    assert table_counts(demo_db) == before
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith("relay: error: limit: ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("note", ["x" * 4001, "  \u202e" * 2001])
def test_a_bad_chase_note_is_refused_naming_the_note(demo_db: Path, note: str) -> None:
    before = table_counts(demo_db)
    result = run_relay("chase", "-p", "bakery", "--note", note, db=demo_db)
    assert result.returncode == 2
    assert result.stderr.startswith("relay: error: note: "), result.stderr
    assert table_counts(demo_db) == before
