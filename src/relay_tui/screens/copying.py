"""Copying from a screen: a clipboard program in a worker, else the terminal's escape
(OSC 52), and the words that say which, so that "Copied" is said only when it is known
(`relay_tui.clipboard`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work

from relay_tui.i18n import tr


def copied_words(program: str | None) -> str:
    """What the user is told once the text went to the clipboard by `program` (None:
    through the terminal, which cannot be checked)."""
    if program is not None:
        return tr("Copied to the clipboard (with {program}).", program=program)
    return tr(
        "Sent to the clipboard through the terminal: most terminals take it; if pasting "
        "gives nothing, write it to a file instead."
    )


class Copying:
    """Mixin for a screen that copies text (`copy_text`)."""

    @work(thread=True, exit_on_error=False, group="clipboard")
    def copy_text(self, text: str, then: Callable[[str | None], Any]) -> None:
        """Copy `text`, then call `then(program)` on the app's thread (program None: it
        went through the terminal's escape)."""
        from relay_tui.clipboard import copy_with_program

        app: Any = self.app  # type: ignore[attr-defined]
        program = copy_with_program(text)
        if program is None:
            app.call_from_thread(app.copy_to_clipboard, text)
        app.call_from_thread(then, program)
