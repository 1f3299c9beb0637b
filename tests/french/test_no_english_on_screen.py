"""In French, no English left on any screen or modal (issue 15): every place of the app,
reached with the keys a user presses from the French demo's dashboard, read off the
screen as drawn, and searched for English (`english.py`: the catalogue's English and the
words French never uses)."""

from __future__ import annotations

import pytest

from relay_tui.db import Store
from tests.french.english import english_in, screen_lines
from tests.screens.helpers import make_app, running, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

P = ("enter",)  # the dashboard's first project: the bakery's site
PLACES: dict[str, tuple[str, ...]] = {
    "dashboard": (),
    "dashboard, closed projects": ("f",),
    "dashboard, all projects": ("f", "f"),
    "keys": ("question_mark",),
    "command palette": ("ctrl+p",),
    "new project": ("n",),
    "edit project": ("e",),
    "delete project": ("delete",),
    "clients": ("C",),
    "new client": ("C", "n"),
    "edit client": ("C", "e"),
    "delete client": ("C", "delete"),
    "capture": ("c",),
    "log time": ("T",),
    "board": ("t",),
    "before": (*P, "b"),
    "before, people": (*P, "b", "2"),
    "before, commitments": (*P, "b", "3"),
    "before, risks": (*P, "b", "4"),
    "before, lessons": (*P, "b", "5"),
    "assessment": (*P, "b", "s"),
    "frame": (*P, "b", "f"),
    "client profile": (*P, "b", "p"),
    "my profile": (*P, "b", "o"),
    "craft card": (*P, "b", "w"),
    "new key actor": (*P, "b", "2", "k"),
    "edit key actor": (*P, "b", "2", "e"),
    "new commitment": (*P, "b", "3", "n"),
    "edit commitment": (*P, "b", "3", "e"),
    "delete commitment": (*P, "b", "3", "delete"),
    "new risk": (*P, "b", "4", "r"),
    "edit risk": (*P, "b", "4", "e"),
    "lesson to risk": (*P, "b", "5", "r"),
    "lesson to commitment": (*P, "b", "5", "g"),
    "during": (*P, "d"),
    "during, contacts": (*P, "d", "2"),
    "during, validations": (*P, "d", "3"),
    "during, time": (*P, "d", "4"),
    "during, incidents": (*P, "d", "5"),
    "new alarm bell": (*P, "d", "n"),
    "edit alarm bell": (*P, "d", "e"),
    "delete alarm bell": (*P, "d", "delete"),
    "status report": (*P, "d", "g"),
    "edit contact": (*P, "d", "2", "e"),
    "search contacts": (*P, "d", "2", "slash"),
    "new validation": (*P, "d", "3", "n"),
    "edit validation": (*P, "d", "3", "e"),
    "edit time entry": (*P, "d", "4", "e"),
    "new incident": (*P, "d", "5", "n"),
    "edit incident": (*P, "d", "5", "e"),
    "incident timeline": (*P, "d", "5", "l"),
    "after": (*P, "a"),
    "retrospective": (*P, "a", "w"),
    "retrospective, step 2": (*P, "a", "w", "ctrl+n"),
    "close project": (*P, "a", "C"),
    "edit project, inside": (*P, "E"),
    "move to the next phase": (*P, "m"),
}


@pytest.mark.parametrize("keys", list(PLACES.values()), ids=list(PLACES))
async def test_no_english_is_left(demo: Store, keys: tuple[str, ...]) -> None:
    app = make_app(demo)
    async with running(app, notifications=True) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        lines = screen_lines(app.export_screenshot())
    text = "\n".join(lines)
    assert len(text.split()) > 20, text  # the screen was read
    found = english_in(text)
    where = [line for line in lines if any(word in line for word in found)]
    assert not found, f"English on screen: {found}\n" + "\n".join(where[:20])
