"""`relay board` and `relay deadline list` print words, not the values of the JSON."""

from __future__ import annotations

import json
from pathlib import Path

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from tests.conftest import FIXED_NOW, run_relay


def test_the_board_prints_words_and_its_json_keeps_the_values(store: Store, db_path: Path) -> None:
    seed_demo(store, now=FIXED_NOW)
    text = run_relay("board", "--today", "2026-11-23", db=db_path)
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert "in_margin" not in out
    assert "  in margin Tue 24 Nov 2026  [client]  Festival poster series: " in out
    # The board's part names what it counts: projects, not messages.
    assert "\nProjects waiting on the client\n  Bakery website: since " in out
    assert "  Atelier Nord catalogue: no time logged yet (budget 60h)\n" in out
    assert "0m" not in out

    data = run_relay("board", "--json", "--today", "2026-11-23", db=db_path)
    assert [a["status"] for a in json.loads(data.stdout)["alarms"]] == [
        "late",
        "in_margin",
    ]

    bells = run_relay("deadline", "list", "-p", "festival", "--today", "2026-11-23", db=db_path)
    assert bells.returncode == 0, bells.stderr
    assert "in margin" in bells.stdout and "in_margin" not in bells.stdout
