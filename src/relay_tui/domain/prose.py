"""Small pieces of prose shared by the documents relay writes for a client (the status
report, the kick-off summary, the chase message): the user's words on one line, a title
quoted in the language's quotation marks."""

from __future__ import annotations

from relay_tui.i18n import tr


def one_line(text: str) -> str:
    """`text` on one line: its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def quoted(text: str) -> str:
    """A title inside a sentence, between the language's quotation marks (“…”, « … »)."""
    return tr("“{text}”", text=one_line(text))
