"""The light reads (`relay_tui.fastreads`, sqlite3 alone) give the services' views: the
board, the chase list, a project's alarm bells, the contact log's first page."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from relay_tui import fastreads
from relay_tui.db import Store, location_for_path, open_store
from relay_tui.demo import seed_demo
from relay_tui.domain.chase import weekend
from relay_tui.services.board import board
from relay_tui.services.chasing import chase_state
from relay_tui.services.contacts import contacts_page
from relay_tui.services.deadlines import deadlines
from tests.conftest import FIXED_NOW, change_rows, generate_store

pytestmark = pytest.mark.sqlite_only

TODAY = FIXED_NOW.date()
LOOKS = (-30, 0, 7, 21, 60)  # days after the demo was seeded


def _weekdays_and(days: set[date]):  # type: ignore[no-untyped-def]
    return lambda day: weekend(day) or day in days


@pytest.fixture
def demo(store: Store) -> Store:
    seed_demo(store, now=FIXED_NOW)
    return store


@pytest.fixture
def raw(db_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(db_path)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reads") / "generated.db"
    generate_store(path, projects=60, contacts=4000, deadlines=600, seed=5)
    return path


def _differences(store: Store, conn: sqlite3.Connection, today: date, closed=weekend) -> list[str]:  # type: ignore[no-untyped-def]
    """Where the light reads and the services disagree (none: they give the same views)."""
    found: list[str] = []
    if fastreads.board(conn, today, closed) != board(store, today, closed):
        found.append("board")
    if fastreads.chase_state(conn, today, closed) != chase_state(store, today, closed=closed):
        found.append("chase_state")
    projects = [pid for (pid,) in conn.execute("SELECT id FROM project")]
    for pid in projects:
        if fastreads.deadlines(conn, pid, today) != deadlines(store, pid, today):
            found.append(f"deadlines of {pid}")
    for limit in (1, 50, 10_000):
        for awaiting in (False, True):
            for channel in (None, "email", "phone"):
                for pid in (None, *projects[:3]):
                    options = {"channel": channel, "awaiting_only": awaiting, "limit": limit}
                    if fastreads.contacts_page(conn, pid, **options) != contacts_page(  # type: ignore[arg-type]
                        store,
                        pid,
                        **options,  # type: ignore[arg-type]
                    ):
                        found.append(f"contacts_page({pid}, {options})")
    return found


@pytest.mark.parametrize("offset", LOOKS)
def test_the_light_reads_give_the_services_views_on_the_demo(
    demo: Store, raw: sqlite3.Connection, offset: int
) -> None:
    today = TODAY + timedelta(days=offset)
    closed = _weekdays_and({TODAY + timedelta(days=3)})  # a closed Thursday too
    assert _differences(demo, raw, today, closed) == []


def test_the_demo_has_something_in_every_part_of_the_board(
    demo: Store, raw: sqlite3.Connection
) -> None:
    """What the comparisons compare is not empty."""
    seen = [board(demo, TODAY + timedelta(days=offset), weekend) for offset in LOOKS]
    assert any(b.alarms for b in seen) and any(b.chase for b in seen)
    assert any(b.waiting for b in seen) and any(b.time for b in seen)
    assert any(b.reports_due for b in seen)
    bells = [
        d
        for offset in LOOKS
        for (pid,) in raw.execute("SELECT id FROM project")
        for d in deadlines(demo, pid, TODAY + timedelta(days=offset))
    ]
    assert any(d.slip for d in bells) and any(d.status == "late" for d in bells)


@pytest.mark.parametrize("offset", (-20, 0, 10, 40))
def test_the_light_reads_give_the_services_views_on_a_generated_store(
    generated: Path, offset: int
) -> None:
    today = date.today() + timedelta(days=offset)
    store = open_store(location_for_path(generated))
    conn = sqlite3.connect(generated)
    try:
        seen = board(store, today, weekend)
        assert seen.alarms and seen.chase and seen.waiting and seen.time
        assert _differences(store, conn, today) == []
    finally:
        conn.close()
        store.close()


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE deadline SET margin_days = 999",  # out of range: named on the line
        "UPDATE project SET chase_delay_days = 0",
        "UPDATE project SET budget_minutes = -5 WHERE budget_minutes IS NOT NULL",
        "UPDATE deadline SET after_id = id",  # a loop (a hand edit), broken and named
        "UPDATE deadline SET kind = 'party', owner = 'nobody'",
        "UPDATE contact SET channel = 'fax', summary = summary || printf('%.600c', 'x')",
        "UPDATE contact SET awaiting_reply = 1 WHERE direction = 'in'",
        "UPDATE time_entry SET minutes = 0",
    ],
)
def test_values_out_of_range_are_named_alike(
    demo: Store, db_path: Path, raw: sqlite3.Connection, edit: str
) -> None:
    change_rows(db_path, edit)
    for offset in LOOKS:
        assert _differences(demo, raw, TODAY + timedelta(days=offset)) == [], offset
