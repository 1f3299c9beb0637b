"""Refilling a table without losing the user's place."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from textual.widgets import DataTable


@contextmanager
def cursor_kept(table: DataTable[Any]) -> Iterator[DataTable[Any]]:
    """Clear `table` for the caller to fill again, then put the cursor back on the row it
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


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor (None when the table is empty)."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
