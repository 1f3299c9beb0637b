"""The board in French at both sizes: its dates are longer than in English ("1er déc.
(il y a 6 j)"), and the day due must neither push its column off a narrow terminal nor be
cut on a wide one."""

from __future__ import annotations

import re

import pytest

from relay_tui.db import Store
from tests.french.english import screen_lines
from tests.screens.helpers import make_app, running, settle

#: A day due as the board writes it in French, whole: "1er déc. (il y a 6 j)".
WHOLE_DUE = re.compile(
    r"\d+(er)? [a-zéû]+\.? \((il y a \d+ j|dans \d+ j|demain|hier|aujourd'hui)\)"
)


async def board_lines(demo: Store, size: tuple[int, int]) -> list[str]:
    app = make_app(demo)
    async with running(app, size=size) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        return screen_lines(app.export_screenshot())


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_the_day_due_keeps_its_column(demo: Store, size: tuple[int, int]) -> None:
    lines = await board_lines(demo, size)
    header = next(line for line in lines if "Sonnette d'alarme" in line and "Projet" in line)
    assert "Pour le" in header and "Statut" in header, "\n".join(lines)


async def test_a_wide_board_shows_the_day_due_whole(demo: Store) -> None:
    lines = await board_lines(demo, (160, 48))
    bells = [line for line in lines if "● " in line]
    assert bells and all(WHOLE_DUE.search(line) for line in bells), "\n".join(lines)
