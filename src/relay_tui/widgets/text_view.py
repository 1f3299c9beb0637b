"""Editable and read-only text fields that never draw a control character.

What users typed is kept verbatim in the field's value (saved, copied, compared as is);
only its drawing changes: each control character (the start of an escape sequence, a
bell…) is drawn as `labels.STAND_IN`, one for one, so no escape sequence reaches the
terminal and offsets into the text (cursor, selection) still hold.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import TextArea

from relay_tui.widgets.labels import visible_controls


class ShowControls(Highlighter):
    """For `Input(highlighter=SHOW_CONTROLS)`: the public hook Input draws its value
    through; the value itself is untouched."""

    def highlight(self, text: Text) -> None:
        plain = text.plain
        shown = visible_controls(plain)
        if shown != plain:
            text.plain = shown  # same length: the spans and the cursor still hold


SHOW_CONTROLS = ShowControls()


class LiteralTextArea(TextArea):
    """A TextArea whose text stays exactly as given or typed but whose control
    characters are drawn as `labels.STAND_IN` (through `get_line`, the documented hook
    for how a line is drawn)."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        plain = line.plain
        shown = visible_controls(plain)
        if shown != plain:
            line.plain = shown
        return line
