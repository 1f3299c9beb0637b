"""Tables: refilled without losing the user's place, and showing the columns that fit.

The one rule for which columns a table shows at a width lives here (`fit`): each table
declares its columns in the order they are shown, each with a priority (1 the most
useful); when the room is short, a column that can shrink (`least`) shrinks first, then
the columns of the lowest priority give way, one at a time, the rightmost first. A
header is never cut: no column is narrower than its title. A cell longer than its
column ends with "…".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from relay_tui.widgets.line_table import Cells, LineTable, ShownColumn, as_text

#: A row: its key (None for a line that is not a record, such as "nothing yet") and cells.
Row = tuple["str | None", Cells]


@dataclass(frozen=True)
class Column:
    """A column of a `FittedTable`."""

    key: str
    label: str
    #: 1 for the columns a table is about (never given way); a higher number gives way first.
    priority: int = 1
    #: The widest it grows to; a longer cell is cut with "…".
    width: int = 40
    #: A column that may shrink before others give way: the narrowest it goes (never
    #: narrower than its title). None: it keeps the width of its widest cell.
    least: int | None = None
    #: Right-aligned (numbers).
    right: bool = False
    #: Always `width` wide, whatever its cells: several tables that line up.
    fixed: bool = False


def fit(
    columns: Sequence[Column],
    natural: Mapping[str, int],
    room: int,
    padding: int = 2,
    notes: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Which columns show in `room` cells, and how wide: {key: width}, in display order.

    `natural` is each column's widest cell; `notes` the widest cell of the lines that are
    not records ("nothing yet: press n"), which may be wider than the column's `width`;
    `padding` what the table adds around each column.

    Flexible columns shrink to their `least` first; then, while the columns still do not
    fit, a column gives way: an empty one first, else the one of the highest priority
    number (the rightmost of equals), never one of the most useful priority. The room
    left goes back to the flexible columns, the most useful first.
    """
    want = {c.key: c.width if c.fixed else min(natural.get(c.key, 0), c.width) for c in columns}
    want = {c.key: max(want[c.key], (notes or {}).get(c.key, 0)) for c in columns}
    title = {c.key: cell_len(c.label) for c in columns}
    want = {c.key: max(want[c.key], title[c.key]) for c in columns}
    least = {
        c.key: max(title[c.key], min(want[c.key], want[c.key] if c.least is None else c.least))
        for c in columns
    }
    shown = list(columns)
    top = min((c.priority for c in columns), default=1)

    def needed(cols: list[Column]) -> int:
        return sum(least[c.key] + padding for c in cols)

    while needed(shown) > room:
        candidates = [c for c in shown if c.priority > top]
        if not candidates:
            break
        worst = max(candidates, key=lambda c: (not natural.get(c.key), c.priority, shown.index(c)))
        shown.remove(worst)
    widths = {c.key: least[c.key] for c in shown}
    spare = room - needed(shown)
    for c in sorted(shown, key=lambda c: c.priority):
        if spare <= 0:
            break
        grow = min(spare, want[c.key] - widths[c.key])
        widths[c.key] += grow
        spare -= grow
    return widths


def _width(value: RenderableType | str) -> int:
    """How wide a cell is drawn (on one line)."""
    if isinstance(value, str):
        return cell_len(value.split("\n", 1)[0])
    if isinstance(value, Text):
        return as_text(value).cell_len if "\n" in value.plain else value.cell_len
    return 0


class FittedTable(LineTable):
    """A table that shows the columns that fit its width (`fit`), and keeps the user's
    place when refilled. Give it its rows with `fill` (or `extend`), as cells by column
    key, or with `fill_lazy` (keys, and a function that builds a row's cells when it
    comes into view): it adds or drops columns itself when the terminal is resized."""

    #: A lazily filled table measures its first rows only for its column widths (a
    #: longer cell further down ends with "…"): measuring 10,000 rows would build them.
    MEASURED = 200

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.declared: tuple[Column, ...] = tuple(columns)
        self._cells: list[Cells | None] = []
        self._make: Callable[[int], Cells] | None = None
        self._natural: dict[str, int] = {}
        self._notes: dict[str, int] = {}
        self._hidden: frozenset[str] = frozenset()
        self._widths: dict[str, int] | None = None
        self._with_bar = False

    @property
    def shown(self) -> tuple[str, ...]:
        """The keys of the columns on screen, in order."""
        return tuple(self._widths or ())

    def declare(self, columns: Sequence[Column]) -> None:
        """Change the columns (say, a width that depends on the screen); shown at the
        next fill."""
        self.declared = tuple(columns)

    def fill(self, rows: Iterable[Row], hidden: Iterable[str] = ()) -> None:
        """Show these rows instead, without the columns of `hidden`; the cursor stays on
        the row it was on (by key), or at the same position if that row is gone."""
        listed = list(rows)
        self._start([cells for _, cells in listed], None, hidden)
        self._measure([key for key, _ in listed], range(len(listed)))
        self._show([key for key, _ in listed])

    def fill_lazy(
        self,
        keys: Sequence[str | None],
        make: Callable[[int], Cells],
        hidden: Iterable[str] = (),
    ) -> None:
        """As `fill`, for a long table: `make(i)` builds row i's cells, only when the row
        is drawn (or among the first `MEASURED`, for the column widths)."""
        self._start([None] * len(keys), make, hidden)
        self._measure(keys, range(min(len(keys), self.MEASURED)))
        self._show(keys)

    def extend(self, rows: Iterable[Row]) -> None:
        """Add rows at the end (a page more)."""
        added = list(rows)
        first = len(self._cells)
        self._cells.extend(cells for _, cells in added)
        keys = [key for key, _ in added]
        self._measure([None] * first + keys, range(first, first + len(added)))
        self._refit()
        self.add_keys(keys)
        self.call_after_refresh(self._bar_changed)

    def cells_of(self, index: int) -> Cells:
        cells = self._cells[index]
        if cells is None:
            assert self._make is not None
            cells = self._cells[index] = self._make(index)
            if self._widths is not None and self._widened(cells):
                self.call_later(self._refit)  # not while a line is being drawn
        return cells

    def _widened(self, cells: Cells) -> bool:
        """A row built after the widths were chosen: does a cell want its column wider
        (up to the column's `width`)? Then the column grows, once, for all rows."""
        grown = False
        shown = self._widths or {}
        for key, value in cells.items():
            width = _width(value)
            if width > self._natural.get(key, 0):
                self._natural[key] = width
                grown = grown or width > shown.get(key, width)
        return grown

    def _start(
        self, cells: list[Cells | None], make: Callable[[int], Cells] | None, hidden: Iterable[str]
    ) -> None:
        self._cells, self._make = cells, make
        self._natural, self._notes = {}, {}
        self._hidden = frozenset(hidden)

    def _measure(self, keys: Sequence[str | None], indexes: Iterable[int]) -> None:
        """Widen the columns' natural widths to these rows' cells."""
        for i in indexes:
            widest = self._natural if keys[i] is not None else self._notes
            for key, value in self.cells_of(i).items():
                widest[key] = max(widest.get(key, 0), _width(value))

    def _show(self, keys: Sequence[str | None]) -> None:
        self._refit(force=True)
        self.show_keys(keys)
        self.call_after_refresh(self._bar_changed)

    def _room(self) -> int:
        """The cells the columns may take: the table's width (or the app's, before its
        first layout), less its vertical scroll bar when it shows one."""
        width = self.size.width or self.app.size.width
        self._with_bar = self.show_vertical_scrollbar
        return width - (self.styles.scrollbar_size_vertical if self._with_bar else 0)

    def _bar_changed(self) -> None:
        """More or fewer rows may have brought or taken away the vertical scroll bar,
        which takes room from the columns (no resize tells it)."""
        if self.show_vertical_scrollbar != self._with_bar:
            self._refit()

    def _refit(self, force: bool = False) -> None:
        columns = [c for c in self.declared if c.key not in self._hidden]
        widths = fit(columns, self._natural, self._room(), 2 * self.cell_padding, self._notes)
        if widths == self._widths and not force:
            return
        self._widths = widths
        by_key = {c.key: c for c in self.declared}
        self.show_columns(
            [
                ShownColumn(key, Text(by_key[key].label), width, by_key[key].right)
                for key, width in widths.items()
            ]
        )

    def on_resize(self, _event: events.Resize) -> None:
        if self._widths is not None:
            self._refit()


@contextmanager
def cursor_kept(table: DataTable[Any]) -> Iterator[DataTable[Any]]:
    """(A DataTable: `FittedTable.fill` keeps its place itself.)

    Clear `table` for the caller to fill again, then put the cursor back on the row it
    was on (by row key), or at the same position if that row is gone. Screens reload on
    every change, a colleague's included: the selection must not jump to the top."""
    index = table.cursor_row
    key = (
        table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if table.row_count
        else None
    )
    table.clear()
    yield table
    if not table.row_count:
        return
    if key is not None and key in table.rows:
        table.move_cursor(row=table.get_row_index(key))
    else:
        table.move_cursor(row=min(max(index, 0), table.row_count - 1))


def selected_key(table: DataTable[Any] | LineTable) -> str | None:
    """The key of the row under the cursor (None when the table is empty)."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
