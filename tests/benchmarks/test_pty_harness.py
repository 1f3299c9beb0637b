"""The benchmarks' pseudo-terminal harness finds what relay paints (benchmarks/startup.py).

No timing is asserted: only that the harness sees the first paint, a project open and the
return to the dashboard on a small generated store, and that its terminal emulator reads
Textual's output right.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import _screen
        import _stores
        import generate
        import startup
    finally:
        sys.path.remove(str(BENCHMARKS))
    return _screen, _stores, generate, startup


def test_the_screen_paints_text_where_the_cursor_is_sent(bench) -> None:
    _screen = bench[0]
    screen = _screen.Screen(20, 3)
    # Alternate screen, colours, a move, text cut in the middle of an escape sequence.
    screen.feed("\x1b[?1049h\x1b[1;31mhello\x1b[2;")
    screen.feed("4Hworld\x1b[0m")
    screen.feed("\x1b[3;1H日本x")
    assert screen.line(0).startswith("hello")
    assert screen.line(1) == "   world" + " " * 12
    assert screen.shows("日本x")
    screen.feed("\x1b[2;1H\x1b[2K")
    assert not screen.shows("world")
    assert screen.shows("hello")


@pytest.mark.sqlite_only
def test_the_harness_sees_the_first_paint_an_open_and_the_way_back(bench, tmp_path) -> None:
    _screen, _stores, generate, startup = bench
    db = tmp_path / "small.db"
    generate.generate(db, projects=20, contacts=200, deadlines=60, seed=2)
    rows = _stores.dashboard_first(db, 3)
    assert len(rows) == 3
    env = startup.app_env(str(tmp_path / "home"))
    result = startup.relay_run(db, 120, 40, env, rows, full=False)
    assert "error" not in result, result.get("error")
    assert 0 < result["paint_ms"] < 60_000
    assert 0 < result["first_open_ms"] < 30_000
    assert 0 < result["back_ms"] < 30_000
