"""Reading is defensive: a value out of range that sits in a store is flagged on its line.

No relay command writes such a value, but a store can hold one: an older relay, a hand
edit with `sqlite3`, a colleague's script on the shared server. Each case below builds a
store with the services, then corrupts it with plain SQL as such a hand edit would. Every
read path must survive it: each command exits 0, the bad record is still listed with a
visible flag on its line (`⚠ …` in text, a `problems` list in JSON), the good records
around it are unaffected; the app's dashboard still lists the projects and shows the
flag, and every screen of the project, the board and the report open.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static, TextArea

from relay_tui.cli import main
from relay_tui.db import location_for_path, open_store, resolve_location
from relay_tui.domain.calendar import CalendarDeadline, calendar_ics
from relay_tui.domain.freeze import Step, loop_problem, slips, without_loops
from relay_tui.domain.risks import read_back
from relay_tui.domain.schedule import deadline_status
from relay_tui.domain.timekeeping import budget_use, gauge, sparkline
from relay_tui.models import ALL_TABLES
from relay_tui.screens.board import BoardScreen
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.report import ReportModal
from relay_tui.services import profiles
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.projects import add_project
from relay_tui.services.risks import add_risk
from relay_tui.services.timelog import log_time
from relay_tui.services.validations import request_validation
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW, ServerStore
from tests.screens.helpers import make_app, running, settle

TODAY = FIXED_NOW.date().isoformat()
MEGABYTE = "x" * 1_000_000

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.*")


# --- the store --------------------------------------------------------------------------


def fill(db: Path) -> None:
    """Two projects of one client, with risks, a chain of deadlines, contacts, time and a
    validation; each record a case corrupts has a good neighbour that must stay as it is."""
    store = open_store(resolve_location(str(db)))
    now = FIXED_NOW
    try:
        add_client(store, {"name": "Acme"})
        add_project(
            store,
            {
                "name": "Bakery",
                "client": "Acme",
                "budget_minutes": "10h",
                "start_on": "-10d",
                "delivery_on": "+3w",
            },
            now=now,
        )
        add_project(store, {"name": "Orchard", "client": "Acme", "budget_minutes": "5h"}, now=now)
        for title, probability, impact in (("Good risk", 2, 3), ("Bad risk", 4, 4)):
            add_risk(
                store,
                {"project": "Bakery", "title": title, "probability": probability, "impact": impact},
                now=now,
            )
        docs = add_deadline(
            store,
            {"project": "Bakery", "title": "Docs", "due_on": "-5d", "owner": "client"},
            now=now,
        )
        build = add_deadline(
            store,
            {"project": "Bakery", "title": "Build", "due_on": "+3d", "after_id": docs.id},
            now=now,
        )
        add_deadline(
            store,
            {"project": "Bakery", "title": "Launch", "due_on": "+10d", "after_id": build.id},
            now=now,
        )
        add_deadline(
            store,
            {"project": "Bakery", "title": "Bad bell", "due_on": "+1d", "margin_days": 2},
            now=now,
        )
        add_deadline(store, {"project": "Orchard", "title": "Pick", "due_on": "today"}, now=now)
        for summary, awaiting, at in (("Sent mockups", True, "-6d"), ("Bad contact", False, "-5d")):
            capture(
                store,
                {"project": "Bakery", "summary": summary, "awaiting_reply": awaiting, "at": at},
                now=now,
            )
        capture(
            store,
            {
                "project": "Orchard",
                "summary": "Asked for apples",
                "awaiting_reply": True,
                "at": "-6d",
            },
            now=now,
        )
        log_time(store, {"project": "Bakery", "minutes": "1h", "spent_on": "-2d"}, now=now)
        log_time(
            store,
            {"project": "Bakery", "minutes": "30m", "spent_on": "-1d", "category": "rework"},
            now=now,
        )
        request_validation(
            store, "Bakery", {"deliverable": "Mockups", "requested_on": "-3d"}, now=now
        )
        profiles.save_profile(store, 1, "client", {"structure": 3, "precision": 4})
    finally:
        store.close()


def corrupt(db: Path, sql: str, *params: object) -> None:
    """Change the store behind relay's back, as a hand edit would (`?` placeholders)."""
    if isinstance(db, ServerStore):
        import sqlalchemy as sa

        engine = sa.create_engine(str(db), poolclass=sa.pool.NullPool)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(sql.replace("?", "%s"), tuple(params))
        finally:
            engine.dispose()
        return
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


# --- the cases --------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    sql: str
    params: tuple[object, ...] = ()
    #: command (as typed after `relay`) → the flag its output must show
    flags: dict[str, str] = field(default_factory=dict)
    #: A value only SQLite keeps (PostgreSQL refuses it, as it should).
    sqlite_only: bool = False


RISK_LIST = "risk list -p Bakery"
DEADLINE_LIST = f"deadline list -p Bakery --today {TODAY}"
BOARD = f"board --today {TODAY}"
REPORT = f"report -p Bakery --today {TODAY}"
CHASE = f"chase --today {TODAY}"
ICS = "export ics -o OUT.ics"

CASES: dict[str, Case] = {
    "probability 0": Case(
        "UPDATE risk SET probability = 0 WHERE title = 'Bad risk'",
        flags={RISK_LIST: "probability 0 is out of range (1–5)", REPORT: "probability 0"},
    ),
    "probability 9": Case(
        "UPDATE risk SET probability = 9 WHERE title = 'Bad risk'",
        flags={RISK_LIST: "probability 9 is out of range (1–5)", REPORT: "probability 9"},
    ),
    "negative probability": Case(
        "UPDATE risk SET probability = -3 WHERE title = 'Bad risk'",
        flags={RISK_LIST: "probability -3 is out of range (1–5)"},
    ),
    "impact 9": Case(
        "UPDATE risk SET impact = 9 WHERE title = 'Bad risk'",
        flags={RISK_LIST: "impact 9 is out of range (1–5)", REPORT: "impact 9"},
    ),
    "deadline after itself": Case(
        "UPDATE deadline SET after_id = id WHERE title = 'Bad bell'",
        flags={
            DEADLINE_LIST: "depends on itself: the dependency is ignored",
            BOARD: "depends on itself",
            REPORT: "depends on itself",
            ICS: "depends on itself",
        },
    ),
    "loop of three deadlines": Case(
        "UPDATE deadline SET after_id = (SELECT id FROM deadline WHERE title = 'Launch') "
        "WHERE title = 'Docs'",
        flags={
            DEADLINE_LIST: "loops back to it (#1 → #3 → #2 → #1): the dependency is ignored",
            BOARD: "loops back to it",
            REPORT: "loops back to it",
            ICS: "loops back to it",
        },
    ),
    "due 9999-12-31 with a margin": Case(
        "UPDATE deadline SET due_on = '9999-12-31' WHERE title = 'Bad bell'",
        flags={
            DEADLINE_LIST: "due date 9999-12-31 is out of range (1900–2999)",
            ICS: "due date 9999-12-31",
        },
    ),
    "due 9999-12-31 without a margin": Case(
        "UPDATE deadline SET due_on = '9999-12-31', margin_days = 0 WHERE title = 'Bad bell'",
        flags={DEADLINE_LIST: "due date 9999-12-31", ICS: "due date 9999-12-31"},
    ),
    "due 0001-01-01 with a margin": Case(
        "UPDATE deadline SET due_on = '0001-01-01' WHERE title = 'Bad bell'",
        flags={
            DEADLINE_LIST: "due date 0001-01-01 is out of range (1900–2999)",
            BOARD: "due date 0001-01-01",
            REPORT: "due date 0001-01-01",
            ICS: "due date 0001-01-01",
        },
    ),
    "due 0001-01-01 without a margin": Case(
        "UPDATE deadline SET due_on = '0001-01-01', margin_days = 0 WHERE title = 'Bad bell'",
        flags={DEADLINE_LIST: "due date 0001-01-01", BOARD: "due date 0001-01-01"},
    ),
    "late client deadline moving a date past the calendar": Case(
        "UPDATE deadline SET due_on = '9999-12-30' WHERE title = 'Build'",
        flags={DEADLINE_LIST: "due date 9999-12-30", ICS: "due date 9999-12-30"},
    ),
    "negative margin": Case(
        "UPDATE deadline SET margin_days = -5 WHERE title = 'Bad bell'",
        flags={DEADLINE_LIST: "margin -5 is out of range (0–365)", ICS: "margin -5"},
    ),
    "huge margin": Case(
        "UPDATE deadline SET margin_days = 100000000 WHERE title = 'Bad bell'",
        flags={
            DEADLINE_LIST: "margin 100000000 is out of range (0–365)",
            BOARD: "margin 100000000",
            ICS: "margin 100000000",
        },
    ),
    "negative minutes": Case(
        "UPDATE time_entry SET minutes = -50 WHERE minutes = 30",
        flags={BOARD: "1 time entry has minutes out of range (1–1440): left out of the totals"},
    ),
    "zero minutes": Case(
        "UPDATE time_entry SET minutes = 0 WHERE minutes = 30",
        flags={BOARD: "1 time entry has minutes out of range"},
    ),
    "100000 minutes": Case(
        "UPDATE time_entry SET minutes = 100000 WHERE minutes = 30",
        flags={BOARD: "1 time entry has minutes out of range"},
    ),
    "1 MB summary": Case(
        "UPDATE contact SET summary = ? WHERE summary = 'Bad contact'",
        (MEGABYTE,),
        flags={"contact list": "summary is 1,000,000 characters long (at most 4000)"},
    ),
    "inbound contact awaiting a reply": Case(
        "UPDATE contact SET direction = 'in', awaiting_reply = TRUE WHERE summary = 'Bad contact'",
        flags={"contact list": "an inbound contact cannot await a reply: the flag is ignored"},
    ),
    "budget 0": Case(
        "UPDATE project SET budget_minutes = 0 WHERE name = 'Bakery'",
        flags={
            "project list": "budget 0 minutes is out of range (1–6000000): ignored",
            BOARD: "budget 0",
        },
    ),
    "negative budget": Case(
        "UPDATE project SET budget_minutes = -100 WHERE name = 'Bakery'",
        flags={"project list": "budget -100 minutes", BOARD: "budget -100 minutes"},
    ),
    "budget in words": Case(
        "UPDATE project SET budget_minutes = 'lots' WHERE name = 'Bakery'",
        flags={"project list": "budget lots minutes", BOARD: "budget lots minutes"},
        sqlite_only=True,
    ),
    "budget above the range": Case(
        "UPDATE project SET budget_minutes = 99999999 WHERE name = 'Bakery'",
        flags={"project list": "budget 99999999 minutes", BOARD: "budget 99999999 minutes"},
    ),
    "chase delay 0": Case(
        "UPDATE project SET chase_delay_days = 0 WHERE name = 'Bakery'",
        flags={
            "project list": "chase delay 0 is out of range (1–60)",
            CHASE: "chase delay 0",
            BOARD: "chase delay 0",
        },
    ),
    "negative chase delay": Case(
        "UPDATE project SET chase_delay_days = -4 WHERE name = 'Bakery'",
        flags={"project list": "chase delay -4 is out of range", CHASE: "chase delay -4"},
    ),
    "channel fax": Case(
        "UPDATE contact SET channel = 'fax' WHERE summary = 'Bad contact'",
        flags={"contact list": "channel 'fax' is not one of email, phone, meeting, chat, other"},
    ),
    "direction up": Case(
        "UPDATE contact SET direction = 'up' WHERE summary = 'Bad contact'",
        flags={"contact list": "direction 'up' is not one of in, out"},
    ),
    "risk status weird": Case(
        "UPDATE risk SET status = 'weird' WHERE title = 'Bad risk'",
        flags={RISK_LIST: "status 'weird' is not one of open, mitigated, occurred, closed"},
    ),
    "deadline owner and kind weird": Case(
        "UPDATE deadline SET owner = 'weird', kind = 'odd' WHERE title = 'Bad bell'",
        flags={DEADLINE_LIST: "owner 'weird' is not one of client, provider"},
    ),
    "project phase and kind weird": Case(
        "UPDATE project SET phase = 'weird', kind = 'odd' WHERE name = 'Bakery'",
        flags={"project list": "phase 'weird' is not one of before, during, after"},
    ),
}

#: Every read command, as typed after `relay`; OUT is replaced by a file in the test's folder.
COMMANDS = (
    "project list",
    RISK_LIST,
    DEADLINE_LIST,
    "contact list",
    CHASE,
    BOARD,
    REPORT,
    ICS,
    "validation list -p Bakery",
    "retro -p Bakery --export OUT.md",
)
#: What each command lists of the records no case touches (or that a case leaves valid).
GOOD = {
    "project list": ["Orchard"],
    RISK_LIST: ["Good risk"],
    DEADLINE_LIST: ["Launch"],
    "contact list": ["Sent mockups", "Asked for apples"],
    CHASE: ["Orchard"],
    BOARD: ["Orchard", "Pick"],
    REPORT: ["Good risk", "Mockups"],
    "validation list -p Bakery": ["Mockups"],
}


def relay(db: Path, command: str, folder: Path) -> tuple[int, str, str]:
    """Run `relay --db DB COMMAND` in this process (as `relay_tui.cli.main`)."""
    words = [w.replace("OUT", str(folder / "out")) for w in command.split()]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--db", str(db), *words])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """The SQLite store built once for the module (each test copies it)."""
    path = tmp_path_factory.mktemp("bad-values") / "filled.db"
    shutil.copyfile(template_db, path)
    fill(path)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


@pytest.fixture(params=["sqlite", "postgres"])
def store_with(request: pytest.FixtureRequest, tmp_path: Path, filled: Path) -> Iterator[Path]:
    """A filled store: a copy of the SQLite one, or a database on the PostgreSQL server."""
    if request.param == "sqlite":
        path = tmp_path / "relay.db"
        shutil.copyfile(filled, path)
        yield path
        return
    # As conftest's `db_path` makes one (skipped without a server), then filled.
    from tests.conftest import _admin_execute, _database_url, _server_admin, _server_databases

    template = request.getfixturevalue("server_template")
    admin = _server_admin()
    name = f"relay_t{os.getpid()}_{next(_server_databases)}"
    _admin_execute(admin, f"CREATE DATABASE {name} TEMPLATE {template}")
    url = ServerStore(_database_url(admin, name))
    try:
        fill(url)  # type: ignore[arg-type]
        yield url  # type: ignore[misc]
    finally:
        _admin_execute(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --- the command line -------------------------------------------------------------------


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_every_command_lists_the_bad_record_flagged(
    case: str, store_with: Path, tmp_path: Path
) -> None:
    db = store_with
    bad = CASES[case]
    if bad.sqlite_only and isinstance(db, ServerStore):
        pytest.skip("PostgreSQL refuses this value")
    corrupt(db, bad.sql, *bad.params)
    for command in COMMANDS:
        status, out, err = relay(db, command, tmp_path)
        assert (status, err) == (0, ""), f"{case}: relay {command}"
        if command in bad.flags:
            flagged = [line for line in out.splitlines() if bad.flags[command] in line]
            assert flagged, f"{case}: relay {command} shows no flag:\n{out[:3000]}"
            assert all("⚠" in line for line in flagged), f"{case}: relay {command}"
        for good in GOOD.get(command, []):
            assert good in out, f"{case}: relay {command} lost {good!r}"
            assert not [line for line in out.splitlines() if good in line and "⚠" in line], (
                f"{case}: relay {command} flags the good record {good!r}"
            )


JSON_COMMANDS = {
    RISK_LIST: "risk list -p Bakery --json",
    DEADLINE_LIST: f"deadline list -p Bakery --json --today {TODAY}",
    "contact list": "contact list --json",
    CHASE: f"chase --json --today {TODAY}",
    "project list": "project list --json",
    BOARD: f"board --json --today {TODAY}",
}


def _problems(data: Any) -> list[str]:
    """Every `problems` entry anywhere in a JSON document."""
    if isinstance(data, dict):
        found = list(data.get("problems", []))
        return found + [
            p for key, value in data.items() if key != "problems" for p in _problems(value)
        ]
    if isinstance(data, list):
        return [p for item in data for p in _problems(item)]
    return []


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_json_output_names_the_problem(case: str, filled: Path, tmp_path: Path) -> None:
    db = tmp_path / "relay.db"
    shutil.copyfile(filled, db)
    bad = CASES[case]
    corrupt(db, bad.sql, *bad.params)
    checked = 0
    for text_command, expected in bad.flags.items():
        if text_command not in JSON_COMMANDS:
            continue
        status, out, err = relay(db, JSON_COMMANDS[text_command], tmp_path)
        assert (status, err) == (0, "")
        problems = _problems(json.loads(out))
        assert any(expected in p for p in problems), f"{case}: {JSON_COMMANDS[text_command]}"
        assert not any("⚠" in p for p in problems)  # the mark is for text; JSON has the key
        checked += 1
    assert checked, f"{case}: no JSON command shows it"


def test_a_good_store_has_no_problems_key(filled: Path, tmp_path: Path) -> None:
    """The documented JSON shapes stay as they were for records with nothing wrong."""
    for command in JSON_COMMANDS.values():
        status, out, _ = relay(filled, command, tmp_path)
        assert status == 0
        assert _problems(json.loads(out)) == [] and '"problems"' not in out


def test_no_column_takes_null_where_the_model_expects_a_value(filled: Path) -> None:
    """The schema refuses NULL wherever the model expects a value, so no such NULL can
    sit in a store: nothing for reading to survive there."""
    conn = sqlite3.connect(filled)
    try:
        for table in ALL_TABLES:
            name = table.__tablename__  # type: ignore[attr-defined]
            for _, column, _, not_null, _, key in conn.execute(f"PRAGMA table_info({name})"):
                if (name, column) == ("project", "name_folded"):
                    continue  # derived, kept by relay itself (relay_tui.folded_names)
                annotation = str(table.model_fields[column].annotation)
                if "None" not in annotation:
                    assert not_null or key, f"{name}.{column} takes NULL"
    finally:
        conn.close()


# --- the rules, one by one ---------------------------------------------------------------


def test_a_loop_is_broken_at_the_link_to_a_later_deadline() -> None:
    day = date(2026, 11, 20)
    steps = [
        Step(1, "Docs", "client", day, None, 3),  # the hand edit: after a later bell
        Step(2, "Build", "provider", day, None, 1),
        Step(3, "Launch", "provider", day, None, 2),
        Step(4, "Alone", "provider", day, None, 4),
        Step(5, "Fine", "provider", day, None, 2),
    ]
    usable, ignored = without_loops(steps)
    assert ignored == {1: [1, 3, 2, 1], 4: [4, 4]}
    assert {s.id: s.after_id for s in usable} == {1: None, 2: 1, 3: 2, 4: None, 5: 2}
    assert loop_problem([4, 4]) == "depends on itself: the dependency is ignored"
    assert "(#1 → #3 → #2 → #1)" in loop_problem([1, 3, 2, 1])
    assert without_loops(usable) == (usable, {})


@pytest.mark.parametrize("due", [date.min, date.max, date(9999, 12, 30)])
@pytest.mark.parametrize("margin", [-5, 0, 2, 100_000_000])
def test_dates_at_the_ends_of_the_calendar_never_overflow(due: date, margin: int) -> None:
    today = FIXED_NOW.date()
    assert deadline_status(due, margin, None, today) in ("late", "in_margin", "upcoming")
    late_client = Step(1, "Docs", "client", date.min, None, None)
    slipped = slips([late_client, Step(2, "Build", "provider", due, None, 1)], today)
    assert slipped[2].projected_on >= due
    event = CalendarDeadline(2, 1, "P", "Build", "provider", "other", due, None, margin)
    timed = CalendarDeadline(3, 1, "P", "Talk", "provider", "other", due, time(23, 30), 0)
    assert calendar_ics([event, timed], FIXED_NOW, store_id="0" * 32).count(b"BEGIN:VEVENT") == 2


def test_a_stored_margin_counts_as_the_nearest_valid_one() -> None:
    today = FIXED_NOW.date()
    tomorrow = date(2026, 11, 24)
    assert deadline_status(tomorrow, -5, None, today) == deadline_status(tomorrow, 0, None, today)
    far = date(2027, 12, 1)  # 373 days away: beyond the longest margin
    assert deadline_status(far, 100_000_000, None, today) == "upcoming"


def test_a_risk_scores_with_the_nearest_valid_values() -> None:
    assert read_back(9, 4) == (5, 4, 20, "critical", ("probability 9 is out of range (1–5)",))
    assert read_back(0, -2).score == 1 and len(read_back(0, -2).problems) == 2
    assert read_back(3, 3, "odd", "weird").problems == (
        "category 'odd' is not one of financial, reputation, schedule, scope, "
        "accountability, event_deadline, technical, legal, other",
        "status 'weird' is not one of open, mitigated, occurred, closed",
    )
    assert read_back(2, 3) == (2, 3, 6, "medium", ())


def test_a_non_positive_budget_is_no_budget() -> None:
    for budget in (0, -100):
        use = budget_use({"work": 60}, budget, first_day=None, delivery_on=None, today=date.max)
        assert use.budget_minutes is None and use.ratio is None and not use.over
    assert sparkline([-100_000, 60, 0]) == " █ "
    assert gauge(-3.0, 4) == "░░░░"


# --- the app ----------------------------------------------------------------------------


#: Every case at once, for the screens (one store: the app takes a few seconds to drive).
APP_CASES = [
    "probability 9",
    "loop of three deadlines",
    "deadline after itself",
    "due 9999-12-31 with a margin",
    "huge margin",
    "100000 minutes",
    "channel fax",  # before the summary changes: both on one contact
    "1 MB summary",
    "chase delay 0",
    "negative budget",
    "project phase and kind weird",
]
#: Shown somewhere on each screen, after the corruption.
PROFILE_AXIS = "UPDATE profile SET structure = 7 WHERE party = 'client'"


def _shown(app: Any) -> str:
    """The text of every DataTable cell and Static on the current screen."""
    parts: list[str] = []
    for table in [*app.screen.query(DataTable), *app.screen.query(FittedTable)]:
        for row in range(table.row_count):
            parts.append(" ".join(str(cell) for cell in table.get_row_at(row)))
    for static in app.screen.query(Static):
        parts.append(str(static.render()))
    return "\n".join(parts)


@pytest.fixture
def broken_store(filled: Path, tmp_path: Path) -> Iterator[Any]:
    db = tmp_path / "relay.db"
    shutil.copyfile(filled, db)
    for case in APP_CASES:
        corrupt(db, CASES[case].sql, *CASES[case].params)
    corrupt(db, PROFILE_AXIS)
    store = open_store(location_for_path(db))
    try:
        yield store
    finally:
        store.close()


async def _visit_tabs(pilot: Any, phase: str, expected: dict[str, str], errors: list[Any]) -> None:
    """Open a phase (its key), then each of its five tabs: none fails, and each tab in
    `expected` shows its flag."""
    await pilot.press(phase)
    await settle(pilot)
    for tab in "12345":
        await pilot.press(tab)
        await settle(pilot)
        assert not errors, f"phase {phase}, tab {tab}"
        if tab in expected:
            assert expected[tab] in _shown(pilot.app), f"phase {phase}, tab {tab}"


async def test_every_screen_opens_and_flags_what_is_wrong(broken_store: Any) -> None:
    app = make_app(broken_store)
    app.animation_level = "none"
    errors: list[BaseException] = []
    report = app.report_worker_error

    def record(worker: Any) -> None:
        errors.append(worker.error)
        report(worker)

    app.report_worker_error = record  # type: ignore[method-assign]
    async with running(app) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#projects", FittedTable)
        assert table.row_count == 2 and not errors
        shown = _shown(app)
        assert "Bakery" in shown and "Orchard" in shown
        assert "⚠" in shown and "phase 'weird' is not one of before, during, after" in shown
        table.move_cursor(row=table.get_row_index("1"))
        await settle(pilot)
        assert "1 risk holds a value out of range" in _shown(app)

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProjectScreen) and not errors
        assert "phase 'weird'" in _shown(app)
        expected_before = {
            "1": "client profile: structure 7 is out of range (1–5)",
            "4": "probability 9 is out of range (1–5)",
        }
        await _visit_tabs(pilot, "b", expected_before, errors)
        expected_during = {
            "1": "its dependency loops back to it",
            "2": "channel 'fax' is not one of",
            "4": "1 time entry has minutes out of range",
        }
        await _visit_tabs(pilot, "d", expected_during, errors)
        await pilot.press("1")
        await settle(pilot)
        shown = _shown(app)
        assert "depends on itself" in shown and "due date 9999-12-31" in shown
        assert "margin 100000000 is out of range" in shown
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("ctrl+s")  # the period's words, as drafted
        await settle(pilot)
        assert not errors, errors
        assert isinstance(app.screen, ReportModal), _shown(app)
        assert "probability 9" in app.screen.query_one("#report-text", TextArea).text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert not errors
        assert "budget -100 minutes is out of range" in _shown(app)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and not errors
        shown = _shown(app)
        assert "Orchard" in shown and "Pick" in shown
        assert "chase delay 0 is out of range" in shown
        assert "1 time entry has minutes out of range" in shown


@pytest.fixture
def budget_in_words(filled: Path, tmp_path: Path) -> Iterator[Any]:
    db = tmp_path / "relay.db"
    shutil.copyfile(filled, db)
    corrupt(db, CASES["budget in words"].sql)
    store = open_store(location_for_path(db))
    try:
        yield store
    finally:
        store.close()


async def test_a_budget_in_words_opens_everywhere_as_no_budget(budget_in_words: Any) -> None:
    """SQLite keeps whatever was written: a budget of 'lots' is no budget on every screen
    (the frame, its form, the time tab, the board, the report), and the after phase says
    why."""
    app = make_app(budget_in_words)
    errors: list[BaseException] = []
    app.report_worker_error = lambda worker: errors.append(worker.error)  # type: ignore[method-assign]
    async with running(app) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await _visit_tabs(pilot, "b", {}, errors)
        await pilot.press("1", "f")
        await settle(pilot)
        assert not errors and isinstance(app.screen, ModalScreen)
        await pilot.press("escape")
        await settle(pilot)
        await _visit_tabs(pilot, "d", {}, errors)
        await pilot.press("a")
        await settle(pilot)
        assert not errors
        assert "budget lots minutes is out of range" in _shown(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and not errors
