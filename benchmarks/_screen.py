"""A minimal terminal emulator: what a Textual app has painted, as text.

Enough of xterm for what Textual writes (cursor moves, erases, the alternate screen; colours
and modes are read and ignored), so that the benchmarks can tell when a word is *on screen*,
not merely in a widget. No dependency: `pyte` would do the same, but it is not installed
with relay and this is all the benchmarks need.
"""

from __future__ import annotations

import re
import unicodedata

#: One token of terminal output: a CSI sequence, an OSC or DCS string, another escape,
#: a control character, or a run of printable text.
TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-9;:?<=>!]*)[ -/]*(?P<final>[@-~])"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^][^\x1b]*\x1b\\"
    r"|\x1b[^\[\]P_^]"
    r"|(?P<control>[\x00-\x1a\x1c-\x1f\x7f])"
    r"|(?P<text>[^\x00-\x1f\x1b\x7f]+)",
    re.S,
)


def cells(char: str) -> int:
    """How many cells a character takes: 2 for wide ones, 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """A grid of `columns` x `lines` characters that `feed` paints on."""

    def __init__(self, columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        self.grid = [[" "] * columns for _ in range(lines)]
        self.x = self.y = 0
        self._pending = ""

    def feed(self, data: str) -> None:
        data = self._pending + data
        self._pending = ""
        pos = 0
        while pos < len(data):
            match = TOKEN.match(data, pos)
            if match is None or (
                match.group(0)[:1] == "\x1b" and match.end() == len(data) and _cut(match)
            ):
                self._pending = data[pos:]  # an escape sequence cut by the read: wait
                return
            pos = match.end()
            if match.group("text") is not None:
                self._write(match.group("text"))
            elif match.group("control") is not None:
                self._control(match.group("control"))
            elif match.group("final") is not None:
                self._csi(match.group("params"), match.group("final"))

    def text(self) -> str:
        return "\n".join(self.line(y) for y in range(self.lines))

    def line(self, y: int) -> str:
        return "".join(self.grid[y])

    def shows(self, needle: str, first_line: int = 0) -> bool:
        """Whether `needle` is on one line of the screen, from `first_line` down."""
        return any(needle in self.line(y) for y in range(first_line, self.lines))

    # --- painting -------------------------------------------------------------------
    def _write(self, text: str) -> None:
        for char in text:
            width = cells(char)
            if width == 0:
                continue
            if self.x + width > self.columns:
                self.x = 0
                self.y = min(self.y + 1, self.lines - 1)
            row = self.grid[self.y]
            row[self.x] = char
            if width == 2 and self.x + 1 < self.columns:
                row[self.x + 1] = ""
            self.x += width

    def _control(self, char: str) -> None:
        if char == "\r":
            self.x = 0
        elif char == "\n":
            self.y = min(self.y + 1, self.lines - 1)
        elif char == "\b":
            self.x = max(self.x - 1, 0)

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?"):
            if final in "hl" and any(p in ("1049", "47", "1047") for p in params[1:].split(";")):
                self._erase(0, self.lines)  # into or out of the alternate screen
            return
        if params[:1] in ("<", "=", ">", "!"):
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.replace(":", ";").split(";")]
        first = numbers[0] if numbers else 0
        if final in "Hf":
            row = numbers[0] if numbers and numbers[0] else 1
            col = numbers[1] if len(numbers) > 1 and numbers[1] else 1
            self.y = min(max(row - 1, 0), self.lines - 1)
            self.x = min(max(col - 1, 0), self.columns - 1)
        elif final == "A":
            self.y = max(self.y - max(first, 1), 0)
        elif final == "B":
            self.y = min(self.y + max(first, 1), self.lines - 1)
        elif final == "C":
            self.x = min(self.x + max(first, 1), self.columns - 1)
        elif final == "D":
            self.x = max(self.x - max(first, 1), 0)
        elif final == "G":
            self.x = min(max(first - 1, 0), self.columns - 1)
        elif final == "d":
            self.y = min(max(first - 1, 0), self.lines - 1)
        elif final == "J":
            if first == 0:
                self._erase_line(self.y, self.x, self.columns)
                self._erase(self.y + 1, self.lines)
            elif first == 1:
                self._erase(0, self.y)
                self._erase_line(self.y, 0, self.x + 1)
            else:
                self._erase(0, self.lines)
        elif final == "K":
            start, end = {0: (self.x, self.columns), 1: (0, self.x + 1)}.get(
                first, (0, self.columns)
            )
            self._erase_line(self.y, start, end)

    def _erase(self, first: int, last: int) -> None:
        for y in range(first, last):
            self.grid[y] = [" "] * self.columns

    def _erase_line(self, y: int, start: int, end: int) -> None:
        self.grid[y][start:end] = [" "] * (min(end, self.columns) - start)


def _cut(match: re.Match[str]) -> bool:
    """Whether a token at the very end of the data may be an escape sequence cut short."""
    token = match.group(0)
    return token in ("\x1b[", "\x1b]", "\x1bP", "\x1b_", "\x1b^") or (
        len(token) == 2 and token[1] in "[]P_^"
    )
