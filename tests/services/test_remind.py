"""`relay remind`'s items: the domain rules, the services (both stores), and the sqlite3
fast path proven equal to the services on the same stores."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from relay_tui import fastremind
from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.domain import remind
from relay_tui.domain.chase import weekend
from relay_tui.domain.remind import Reminder
from relay_tui.services.remind import mark_shown, reminders, shown_today
from tests.conftest import FIXED_NOW, change_rows, generate_store, query_rows

TODAY = FIXED_NOW.date()  # Monday 23 November 2026
#: Days to look from: the seeded day, a week on, a month on, and a weekend day.
LOOKS = (0, 1, 5, 7, 12, 30, 75)


def _weekdays_and(closed: set[date]):  # type: ignore[no-untyped-def]
    return lambda day: day.weekday() >= 5 or day in closed


# --- the domain rules ------------------------------------------------------------------------


def test_newest_risk_comes_first_then_kind_then_project() -> None:
    old = Reminder("late", 1, "Zeta", date(2026, 11, 1), ref=4, title="Logo")
    new_report = Reminder("report", 2, "Alpha", date(2026, 11, 20))
    new_late = Reminder("late", 3, "Beta", date(2026, 11, 20), ref=9, title="Menu")
    assert remind.ordered([old, new_report, new_late]) == [new_late, new_report, old]


@pytest.mark.parametrize(
    ("owner", "status", "kind"),
    [
        ("provider", "late", "late"),
        ("provider", "in_margin", "margin"),
        ("client", "late", "client"),
        ("client", "in_margin", "client"),
        ("provider", "upcoming", None),
        ("client", "done", None),
    ],
)
def test_the_kind_of_a_bell(owner: str, status: str, kind: str | None) -> None:
    assert remind.bell_kind(owner, status) == kind


def test_the_budget_is_crossed_the_day_the_total_goes_past_it() -> None:
    days = [(date(2026, 11, 2), 60), (date(2026, 11, 3), 60), (date(2026, 11, 4), 1)]
    assert remind.budget_crossed_on(days, 119) == date(2026, 11, 3)
    assert remind.budget_crossed_on(days, 120) == date(2026, 11, 4)  # exactly 100 % is not past
    assert remind.budget_crossed_on(days, 121) is None
    assert remind.budget_crossed_on([], 1) is None


def test_keys_name_the_row_and_the_kind() -> None:
    bell = Reminder("late", 1, "A", TODAY, ref=7)
    assert bell.key == "late:deadline:7"
    assert Reminder("margin", 1, "A", TODAY, ref=7).key != bell.key  # late later: told again
    assert Reminder("chase", 3, "A", TODAY).key == "chase:project:3"


def test_the_line_counts_by_kind_and_is_empty_when_nothing_is_due() -> None:
    items = [
        Reminder("late", 1, "A", TODAY, ref=1),
        Reminder("late", 1, "A", TODAY, ref=2),
        Reminder("chase", 2, "B", TODAY),
        Reminder("report", 3, "C", TODAY),
    ]
    assert remind.line(items) == "2 late · 1 to chase · 1 report"
    assert remind.line([]) == ""


def test_plain_says_all_is_well_or_lists_each_item() -> None:
    assert remind.plain([], TODAY) == "Nothing needs your attention today (23 Nov).\n"
    text = remind.plain(
        [Reminder("late", 1, "Bakery", TODAY, ref=1, title="Menu", due_on=TODAY, days=3)], TODAY
    )
    assert text.splitlines() == [
        "1 thing needs your attention today (23 Nov):",
        "  ! Bakery: “Menu” was due on 23 Nov (3 days late)",
    ]


# --- the services and the fast path: the same items ---------------------------------------


@pytest.fixture
def demo(store: Store) -> Store:
    seed_demo(store, now=FIXED_NOW)
    return store


def test_the_demo_holds_every_kind_over_the_weeks(demo: Store) -> None:
    kinds = {
        item.kind
        for offset in LOOKS
        for item in reminders(demo, TODAY + timedelta(days=offset), weekend)
    }
    assert kinds == set(remind.KINDS)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("offset", LOOKS)
def test_the_fast_path_gives_the_services_items_on_the_demo(
    demo: Store, db_path: Path, offset: int
) -> None:
    today = TODAY + timedelta(days=offset)
    closed = _weekdays_and({TODAY + timedelta(days=3)})  # a closed Thursday too
    expected = reminders(demo, today, closed)
    assert expected, "the demo needs something to remind"
    conn = sqlite3.connect(db_path)
    try:
        assert fastremind.reminders(conn, today, closed) == expected
        # Counting only (the status bar's line): the same items, the budget's day aside.
        counted = fastremind.reminders(conn, today, closed, dated=False)
    finally:
        conn.close()
    assert counted is not None
    assert sorted(i.key for i in counted) == sorted(i.key for i in expected)
    assert remind.line(counted) == remind.line(expected)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("offset", (0, 10, 40))
def test_the_fast_path_gives_the_services_items_on_a_generated_store(
    tmp_path: Path, offset: int
) -> None:
    from relay_tui.db import location_for_path, open_store

    path = tmp_path / "generated.db"
    generate_store(path, projects=60, contacts=4000, deadlines=600, seed=3)
    today = date.today() + timedelta(days=offset)
    store = open_store(location_for_path(path))
    try:
        expected = reminders(store, today, weekend)
    finally:
        store.close()
    assert len({item.kind for item in expected}) >= 4, "a store to compare on needs variety"
    conn = sqlite3.connect(path)
    try:
        assert fastremind.reminders(conn, today, weekend) == expected
    finally:
        conn.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE deadline SET margin_days = 999",  # out of range: the services name it
        "UPDATE project SET chase_delay_days = 0",
        "UPDATE project SET budget_minutes = -5 WHERE budget_minutes IS NOT NULL",
        # A loop of predecessors (a hand edit): the services break it and say so.
        "UPDATE deadline SET after_id = id",
    ],
)
def test_what_only_the_services_handle_sends_the_fast_path_back(
    demo: Store, db_path: Path, edit: str
) -> None:
    change_rows(db_path, edit)
    conn = sqlite3.connect(db_path)
    try:
        answers = [fastremind.reminders(conn, TODAY + timedelta(days=d), weekend) for d in LOOKS]
    finally:
        conn.close()
    assert None in answers
    for offset in LOOKS:  # the services still answer, whatever the store holds
        reminders(demo, TODAY + timedelta(days=offset), weekend)


def test_a_closed_project_is_never_reminded(demo: Store, db_path: Path) -> None:
    today = TODAY + timedelta(days=30)
    before = {i.project for i in reminders(demo, today, weekend)}
    assert "Bakery website" in before
    change_rows(db_path, "UPDATE project SET status = 'closed' WHERE name = 'Bakery website'")
    assert "Bakery website" not in {i.project for i in reminders(demo, today, weekend)}


def test_an_empty_store_has_nothing_to_remind(store: Store) -> None:
    assert reminders(store, TODAY, weekend) == []


# --- what was shown today -------------------------------------------------------------------


def test_shown_reminders_are_kept_for_the_day_only(store: Store, db_path: Path) -> None:
    mark_shown(store, TODAY, ["late:deadline:1", "chase:project:2"])
    mark_shown(store, TODAY, ["late:deadline:1"])  # again: still one row
    assert shown_today(store, TODAY) == {"late:deadline:1", "chase:project:2"}
    assert shown_today(store, TODAY + timedelta(days=1)) == set()
    mark_shown(store, TODAY + timedelta(days=1), ["report:project:3"])
    # The days before are forgotten; nothing of it is a change to take back.
    assert query_rows(db_path, "SELECT item FROM reminder_sent") == [("report:project:3",)]
    assert query_rows(db_path, "SELECT count(*) FROM undo_step") == [(0,)]
