"""The line-drawn table (widgets.line_table, widgets.tables.FittedTable): it builds only
the rows it shows, and behaves as the DataTable it replaced (keys, mouse, messages, the
cursor kept across refills)."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.geometry import Size

from relay_tui.widgets.tables import Column, FittedTable
from tests.screens.helpers import shown, table_rows

COLUMNS = (
    Column("name", "Name", 1, width=30),
    Column("note", "Note", 5, width=30),
    Column("n", "N", 1, width=6, right=True),
)
ROWS = 10_000


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.built: list[int] = []
        self.events: list[tuple[str, int, str | None]] = []

    def compose(self) -> ComposeResult:
        yield FittedTable(COLUMNS, id="t")

    def cells(self, i: int) -> dict[str, Any]:
        self.built.append(i)
        return {"name": f"Project {i}", "note": "x" * (i % 7), "n": str(i)}

    def fill(self, keys: list[str]) -> None:
        table = self.query_one(FittedTable)
        table.fill_lazy(keys, lambda i: self.cells(int(keys[i])))

    def on_line_table_row_highlighted(self, event: FittedTable.RowHighlighted) -> None:
        self.events.append(("highlighted", event.cursor_row, event.row_key.value))

    def on_line_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        self.events.append(("selected", event.cursor_row, event.row_key.value))


async def started(app: TableApp, pilot: Any) -> FittedTable:
    table = app.query_one(FittedTable)
    app.fill([str(i) for i in range(ROWS)])
    table.focus()
    await pilot.pause()
    return table


async def test_a_long_table_builds_only_the_rows_it_measures_and_shows() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await started(app, pilot)
        assert table.row_count == ROWS
        assert len(set(app.built)) <= FittedTable.MEASURED + 24
        lines = shown(table).splitlines()
        assert "Name" in lines[0] and "Project 0" in lines[1] and "Project 22" in lines[23]
        app.built.clear()
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()  # a wider cell than those measured widens its column
        assert table.cursor_row == ROWS - 1
        assert f"Project {ROWS - 1}" in shown(table).splitlines()[-1]
        assert max(app.built) == ROWS - 1 and len(app.built) <= 24  # the last page only


async def test_keys_move_the_cursor_and_say_where_it_is() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await started(app, pilot)
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("pagedown")
        page = table.scrollable_content_region.height - 2
        assert table.cursor_row == 2 + page
        await pilot.press("up")
        assert table.cursor_row == 1 + page
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("up")  # already at the top
        assert table.cursor_row == 0
        await pilot.press("down", "enter")
        await pilot.pause()
        assert ("highlighted", 1, "1") in app.events
        assert app.events[-1] == ("selected", 1, "1")
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "1"


async def test_a_click_moves_the_cursor_and_a_second_one_selects() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await started(app, pilot)
        await pilot.click(FittedTable, offset=(3, 4))  # the title line, then rows 0, 1, 2
        assert table.cursor_row == 3
        assert not [e for e in app.events if e[0] == "selected"]
        await pilot.click(FittedTable, offset=(3, 4))
        await pilot.pause()
        assert app.events[-1] == ("selected", 3, "3")


async def test_a_refill_keeps_the_cursor_on_its_row_or_its_place() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await started(app, pilot)
        await pilot.press("down", "down", "down")
        app.fill([str(i) for i in range(ROWS) if i != 1])  # a row above goes
        await pilot.pause()
        assert table.cursor_row == 2
        assert table.get_row_at(2)[0].plain == "Project 3"
        app.fill([str(i) for i in range(ROWS) if i not in (1, 3)])  # its own row goes
        await pilot.pause()
        assert table.cursor_row == 2
        assert table.get_row_at(2)[0].plain == "Project 4"


async def test_columns_give_way_on_a_narrow_screen_and_come_back() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = await started(app, pilot)
        assert table.shown == ("name", "note", "n")
        await pilot.resize_terminal(25, 24)
        await pilot.pause()
        assert table.shown == ("name", "n")
        assert table_rows(table)[5] == ["Project 5", "5"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert table.shown == ("name", "note", "n")


async def test_never_a_horizontal_bar_while_the_width_settles() -> None:
    """The columns are fitted to the width: while it settles (a scroll bar appearing
    beside the table), the columns may be wider for a moment. No horizontal bar shows
    then: it took a line, and left the table a line taller once gone."""
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(FittedTable)
        table.fill([(str(i), {"name": f"Project {i}", "n": str(i)}) for i in range(3)])
        await pilot.pause()
        height = table.size.height
        table.virtual_size = Size(table.size.width + 4, table.virtual_size.height)
        await pilot.pause()
        assert not table.show_horizontal_scrollbar
        assert table.size.height == height == 4


async def test_an_eager_fill_and_a_page_more() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(FittedTable)
        table.fill([("a", {"name": "Alpha", "n": "1"}), (None, {"name": "more below"})])
        table.extend([("b", {"name": "Beta with a much longer name", "n": "2"})])
        await pilot.pause()
        assert [row[0] for row in table_rows(table)] == [
            "Alpha",
            "more below",
            "Beta with a much longer name",
        ]
        assert table.columns["name"].width == len("Beta with a much longer name")
        assert table.get_row_index("b") == 2 and "b" in table.rows
