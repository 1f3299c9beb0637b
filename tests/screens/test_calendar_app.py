"""The `calendar_file` setting in the app: marking an alarm bell done with `x`, then `u`,
rewrites the file each time (the write's worker does it), as the command line does."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from relay_tui.db import Store
from relay_tui.settings import Settings
from relay_tui.widgets.tables import FittedTable
from tests.screens.helpers import make_app, running, table_rows
from tests.screens.test_during import move_to, open_bakery_during, press

BELL = "Build the pages (Bakery website)"


def status_of(path: Path, summary: str) -> str | None:
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return next((str(e["STATUS"]) for e in events if str(e["SUMMARY"]) == summary), None)


async def test_done_and_undo_in_the_app_rewrite_the_calendar_file(
    demo: Store, tmp_path: Path
) -> None:
    path = tmp_path / "calendar" / "bells.ics"
    app = make_app(demo, settings=Settings(calendar_file=str(path)))
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        assert not path.exists()  # reading writes nothing
        table = pane.query_one("#deadlines", FittedTable)
        await move_to(pilot, table, "Build the pages")
        await press(pilot, "x")
        assert status_of(path, BELL) is None  # done: left out of the kept file
        await press(pilot, "u")
        assert status_of(path, BELL) == "CONFIRMED"


async def test_a_calendar_file_that_cannot_be_written_is_a_notification(
    demo: Store, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    app = make_app(demo, settings=Settings(calendar_file=str(blocker / "bells.ics")))
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        table = pane.query_one("#deadlines", FittedTable)
        await move_to(pilot, table, "Build the pages")
        await press(pilot, "x")
        said = [n.message for n in app._notifications]
        assert any("was not updated" in m and "your change is saved" in m for m in said), said
        rows = {row[0]: row for row in table_rows(table)}
        assert rows["Build the pages"][5] == "✓ done"  # the change stands


async def test_the_sample_store_of_relay_demo_leaves_the_calendar_file_alone(
    demo: Store, tmp_path: Path
) -> None:
    path = tmp_path / "bells.ics"
    app = make_app(demo, settings=Settings(calendar_file=str(path)), keep_calendar=False)
    async with running(app) as pilot:
        pane = await open_bakery_during(pilot)
        table = pane.query_one("#deadlines", FittedTable)
        await move_to(pilot, table, "Build the pages")
        await press(pilot, "x")
        assert {r[0]: r for r in table_rows(table)}["Build the pages"][5] == "✓ done"
        assert not path.exists()
