"""A table drawn line by line: it builds and draws only the rows in view.

Textual's DataTable measures every cell of every row when rows are added and keeps a
row object for each: on a store of 10,000 projects that is 80,000 measures before the
first paint, and again on every refill. `LineTable` draws each visible line from the
row's cells when it is painted (a few dozen rows), asks its owner for those cells by
index (`cells_of`), and keeps the drawn lines until the rows, the columns, the cursor
or the styles change. Its owner (`widgets.tables.FittedTable`) decides the columns.

It answers the part of DataTable's interface the screens and tests use (`row_count`,
`cursor_row`, `move_cursor`, `coordinate_to_cell_key`, `get_row_at`, the
`RowHighlighted` and `RowSelected` messages…) so that moving a screen from one to the
other changes nothing for the user but speed. How it looks is in `line_table.tcss`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets.data_table import CellKey, ColumnKey, RowKey

from relay_tui.i18n import tr

#: The cells of one row, by column key (a column missing from it shows nothing).
Cells = Mapping[str, "RenderableType | str"]


@dataclass(frozen=True)
class ShownColumn:
    """A column on screen: its key, its title, its width in cells (without padding)."""

    key: str
    label: Text
    width: int
    right: bool = False


def as_text(value: RenderableType | str) -> Text:
    """A cell as one line of text that ends with "…" when cut (never markup)."""
    text = value.copy() if isinstance(value, Text) else Text(str(value))
    if "\n" in text.plain:
        text = text.split("\n")[0]
    text.no_wrap = True
    text.overflow = "ellipsis"
    text.end = ""
    return text


def cell_segments(
    console: Console, value: RenderableType | str, column: ShownColumn
) -> Iterable[Segment]:
    """A cell drawn in its column: cut with "…" or padded to the column's width."""
    text = as_text(value)
    text.truncate(column.width, overflow="ellipsis")
    room = column.width - text.cell_len
    if room > 0:
        if column.right:
            text.pad_left(room)
        else:
            text.pad_right(room)
    # Text.render leaves out the text's own style when it has no spans.
    own = console.get_style(text.style) if isinstance(text.style, str) else text.style
    return Segment.apply_style(text.render(console), own or None)


class LineTable(ScrollView, can_focus=True):
    """A scrolling table of rows with a fixed title line and a row cursor."""

    #: Its look, kept in a stylesheet beside it (as low in priority as a DataTable's own).
    DEFAULT_CSS = Path(__file__).with_suffix(".tcss").read_text(encoding="utf-8")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--header",
        "line-table--cursor",
        "line-table--even-row",
        "line-table--odd-row",
    }
    #: Its keys are a table's, as DataTable's are (widgets.own_keys): not relay's own.
    OWN_KEYS = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", tr("Select"), show=False),
        Binding("up", "cursor_up", tr("Cursor up"), show=False),
        Binding("down", "cursor_down", tr("Cursor down"), show=False),
        Binding("pageup", "page_up", tr("Page up"), show=False),
        Binding("pagedown", "page_down", tr("Page down"), show=False),
        Binding("home,ctrl+home", "first", tr("Top"), show=False),
        Binding("end,ctrl+end", "last", tr("Bottom"), show=False),
    ]
    #: Drawn lines kept (a few screens' worth).
    CACHE_LINES = 400

    class RowHighlighted(Message):
        """The cursor came to a row (also after the rows were replaced)."""

        def __init__(self, table: LineTable, cursor_row: int, row_key: RowKey) -> None:
            super().__init__()
            self.data_table = table
            self.cursor_row = cursor_row
            self.row_key = row_key

        @property
        def control(self) -> LineTable:
            return self.data_table

    class RowSelected(RowHighlighted):
        """Enter, or a click on the row under the cursor."""

    def __init__(
        self,
        *,
        zebra_stripes: bool = False,
        cursor_type: str = "row",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.zebra_stripes = zebra_stripes
        self.cursor_type = cursor_type
        self.cell_padding = 1
        self._shown: list[ShownColumn] = []
        self._keys: list[str | None] = []
        self._index: dict[str | None, int] = {}
        self._cursor = 0
        self._lines: LRUCache[tuple[int, bool], Strip] = LRUCache(self.CACHE_LINES)
        self._header: Strip | None = None

    # --- what the owner gives ---------------------------------------------------------
    def cells_of(self, index: int) -> Cells:
        """The cells of row `index` (the owner's rows; drawn only when in view)."""
        raise NotImplementedError

    def show_columns(self, columns: Sequence[ShownColumn]) -> None:
        self._shown = list(columns)
        self._forget()

    def show_keys(self, keys: Sequence[str | None]) -> None:
        """Replace the rows (by key; their cells come from `cells_of`). The cursor stays on
        the row it was on (by key), else at the same position."""
        before = self._keys[self._cursor] if self._cursor < len(self._keys) else None
        self._keys = list(keys)
        self._index = {key: i for i, key in enumerate(self._keys) if key is not None}
        self._forget()
        row = self._index.get(before, self._cursor) if before is not None else self._cursor
        self._cursor = min(max(row, 0), max(len(self._keys) - 1, 0))
        self._scroll_to_cursor()
        self._announce(self.RowHighlighted)

    def add_keys(self, keys: Sequence[str | None]) -> None:
        """More rows at the end (their cells come from `cells_of`)."""
        start = len(self._keys)
        self._keys.extend(keys)
        for i, key in enumerate(keys, start):
            if key is not None:
                self._index[key] = i
        self._forget()

    def _forget(self) -> None:
        """The rows, columns or styles changed: draw again."""
        self._lines.clear()
        self._header = None
        width = sum(c.width for c in self._shown) + 2 * self.cell_padding * len(self._shown)
        self.virtual_size = Size(width, len(self._keys) + 1)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._header = None

    def on_focus(self) -> None:
        self._forget()

    def on_blur(self) -> None:
        self._forget()

    # --- DataTable's interface, as the screens use it ---------------------------------
    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_coordinate(self) -> Coordinate:
        return Coordinate(self._cursor, 0)

    @property
    def rows(self) -> dict[RowKey, int]:
        return {RowKey(key): i for i, key in enumerate(self._keys)}

    @property
    def columns(self) -> dict[ColumnKey, ShownColumn]:
        return {ColumnKey(c.key): c for c in self._shown}

    @property
    def ordered_columns(self) -> list[ShownColumn]:
        return list(self._shown)

    def get_row_index(self, row_key: RowKey | str) -> int:
        key = row_key.value if isinstance(row_key, RowKey) else row_key
        return self._index[key]

    def get_column_index(self, column_key: ColumnKey | str) -> int:
        key = column_key.value if isinstance(column_key, ColumnKey) else column_key
        return [c.key for c in self._shown].index(key)

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of the columns shown, as text."""
        cells = self.cells_of(index)
        return [as_text(cells.get(c.key, "")) for c in self._shown]

    def get_row(self, row_key: RowKey | str) -> list[Text]:
        return self.get_row_at(self.get_row_index(row_key))

    def coordinate_to_cell_key(self, coordinate: Coordinate) -> CellKey:
        key = self._keys[coordinate.row]
        column = self._shown[coordinate.column].key if self._shown else None
        return CellKey(RowKey(key), ColumnKey(column))

    def move_cursor(
        self,
        *,
        row: int | None = None,
        column: int | None = None,
        animate: bool = False,
        scroll: bool = True,
    ) -> None:
        del column, animate  # one cursor: a whole row
        if row is None or not self._keys:
            return
        row = min(max(row, 0), len(self._keys) - 1)
        if row == self._cursor:
            return
        self._lines.discard((self._cursor, True))
        self._cursor = row
        if scroll:
            self._scroll_to_cursor()
        self.refresh()
        self._announce(self.RowHighlighted)

    def _announce(self, kind: type[RowHighlighted]) -> None:
        if self._keys:
            self.post_message(kind(self, self._cursor, RowKey(self._keys[self._cursor])))

    # --- keys and mouse ---------------------------------------------------------------
    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 2, 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + self._page())

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def action_select_cursor(self) -> None:
        self._announce(self.RowSelected)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0 or not self._keys:
            return
        row = int(self.scroll_offset.y) + offset.y - 1
        if row >= len(self._keys):
            return
        event.stop()
        if row == self._cursor:
            self._announce(self.RowSelected)
        else:
            self.move_cursor(row=row)

    def _scroll_to_cursor(self) -> None:
        """Scroll so that the cursor's row is in view (the title line stays on top)."""
        rows_in_view = max(self.scrollable_content_region.height - 1, 1)
        top = int(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + rows_in_view:
            self.scroll_to(y=self._cursor - rows_in_view + 1, animate=False, immediate=True)

    # --- drawing ----------------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._keys) + 1

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.virtual_size.width

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        if y == 0:
            if self._header is None or self._header.cell_length < width:
                labels = [c.label for c in self._shown]
                self._header = self._draw(labels, self._style("header"), width=width)
            line = self._header
        else:
            index = scroll_y + y - 1
            if index >= len(self._keys):
                return Strip.blank(width, base)
            cursor = index == self._cursor and self.cursor_type == "row"
            line = self._lines.get((index, cursor))
            if line is None or line.cell_length < width:
                line = self._draw_row(index, cursor, base, width)
                self._lines.set((index, cursor), line)
        return line.crop_extend(scroll_x, scroll_x + width, base)

    def _style(self, component: str) -> Style:
        return self.get_component_styles(f"line-table--{component}").rich_style

    def _draw_row(self, index: int, cursor: bool, base: Style, width: int) -> Strip:
        cells = self.cells_of(index)
        values = [cells.get(c.key, "") for c in self._shown]
        style = self._style("odd-row" if index % 2 else "even-row") if self.zebra_stripes else base
        if not cursor:
            return self._draw(values, style, width=width)
        # As DataTable draws its cursor: the cursor's colours over the row's, its text
        # colour over the cell's own (a red "late" reads in the cursor's colour).
        over = self.get_component_rich_style("line-table--cursor")
        return self._draw(values, style + over, Style.from_color(color=over.color), width)

    def _draw(
        self,
        values: Sequence[RenderableType | str],
        style: Style,
        post: Style | None = None,
        width: int = 0,
    ) -> Strip:
        """One line of cells, in the row's style to `width` at least (a row's colour
        goes across the whole table, as DataTable's does)."""
        console = self.app.console
        pad = Segment(" " * self.cell_padding)
        segments: list[Segment] = []
        for column, value in zip(self._shown, values, strict=True):
            segments.append(pad)
            segments.extend(cell_segments(console, value, column))
            segments.append(pad)
        line = Strip(Segment.apply_style(segments, style, post))
        return line.extend_cell_length(width, style).simplify()

    def refresh_row(self, index: int) -> None:
        """Draw this row again (its cells changed)."""
        self._lines.discard((index, True))
        self._lines.discard((index, False))
        self.refresh()
