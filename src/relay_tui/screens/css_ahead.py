"""The CSS of the screens a user opens first, read ahead.

The first time a screen brings CSS of its own, Textual parses the whole app's CSS again
and restyles every widget (some 20 to 50 ms here), which the screen's first open would
otherwise wait for. The dashboard has it done once it is idle (`screens.dashboard.
warm_up`), on the app's thread; the screens' own loads then find their CSS read. Speed is
the reason this exists.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen


def read_ahead(app: App[Any], screens: Iterable[type[Screen[Any]]]) -> None:
    """Read the CSS files of `screens` not read yet, then restyle once (app's thread)."""
    if not app.is_running:
        return
    sheet = app.stylesheet
    unread: list[Path] = []
    for screen in screens:
        here = Path(inspect.getfile(screen)).parent
        names = [screen.CSS_PATH] if isinstance(screen.CSS_PATH, str | Path) else screen.CSS_PATH
        for name in names or ():
            path = (here / name).resolve()
            if not sheet.has_source(str(path), "") and path not in unread:
                unread.append(path)
    if not unread:
        return
    for path in unread:
        sheet.read(path)
    sheet.reparse()
    sheet.update(app)
