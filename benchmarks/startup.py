"""What a user waits for in the app: first paint, project open, back, board, memory.

Every figure is timed on a real pseudo-terminal (benchmarks/_pty.py): `relay --db STORE`
is spawned on a terminal of 120x40 or 80x24 cells, everything it writes goes through a
terminal emulator (_screen.py), and a clock stops when the awaited text is *painted*, as
the user would see it; keys are typed as a user types them.

  first paint  from the spawn to the first dashboard row's project name on screen (the
               name read beforehand from relay's own dashboard service), at 120x40 and at
               80x24; against the baseline, a minimal Textual app showing a 1,000-row
               DataTable spawned the same way and timed to its first row painted; runs
               interleaved, medians, the ratio of the medians;
  first open   enter typed the moment the first paint shows, until the project's name is
               in the project screen's header (loading is over): what a user who opens a
               project at once waits for;
  later open   after a pause on the dashboard (down, enter: the second row's project);
  back         escape on the project screen until the dashboard and its first row are
               painted again (the slower of the two returns of a session), escape sent as
               a terminal speaking the kitty keyboard protocol sends it (Textual turns the
               protocol on: kitty, WezTerm, foot, Ghostty, recent iTerm2 and Alacritty);
  back, lone escape (info): the same with escape as one ESC byte (tmux, xterm, GNOME
               Terminal): Textual tells it from the start of a key sequence only when its
               input loop wakes again, up to 100 ms later whatever ESCDELAY says (the
               children run with ESCDELAY=10); relay cannot shorten that wait;
  board        `t` on the dashboard until the board's summary ("N alarm bells") is painted;
  search       on the third project's contacts tab, `/`, a word, enter, until the list
               says what it searched (info: the search itself is timed by scale.py);
  peak memory  the relay process's VmHWM after that session (three projects, the board,
               a search), read from /proc before it quits.

Children run with bytecode caches (PYTHONDONTWRITEBYTECODE dropped), RELAY_LANG=en (the
texts awaited are English) and their own empty settings folders.

    python benchmarks/startup.py [--scale 1|10] [--db STORE] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from _pty import Terminal, Timeout
from _screen import Screen
from _stores import add_store_arguments, child_env, counts, dashboard_first, store_for
from _table import report

#: The issue's targets, by scale: ratio to the baseline, ms, MB.
TARGETS = {
    1: {
        "paint_ratio": 1.3,
        "paint_ms": None,
        "open_ms": 150,
        "back_ms": 100,
        "board_ms": 300,
        "peak_mb": 120,
    },
    10: {
        "paint_ratio": 2.0,
        "paint_ms": 1000,
        "open_ms": 200,
        "back_ms": 150,
        "board_ms": 500,
        "peak_mb": 150,
    },
}
SIZES = ((120, 40), (80, 24))
PAINT_TIMEOUT_S = 60.0
STEP_TIMEOUT_S = 30.0
PAUSE_S = 1.5  # "after a pause": the dashboard left alone this long, painting nothing
#: A word of the generated contacts, searched in the session.
SESSION_WORD = "invoice"

BASELINE = r"""
from textual.app import App, ComposeResult
from textual.widgets import DataTable

COLUMNS = ("Project", "Client", "Phase", "Next alarm bell", "Due", "Status", "Waiting", "Risks")


class Baseline(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for i in range(1000):
            table.add_row(
                f"Project number {i}", f"Client {i % 333}", "during", "Final delivery",
                "in 3 days", "upcoming", str(i % 3), str(i % 2), key=str(i),
            )
        table.focus()


Baseline().run()
"""
BASELINE_FIRST_ROW = "Project number 0 "


def needle(name: str) -> str:
    """What of a project's name shows even in a narrow column (it may end in '…')."""
    return name[:12]


def dashboard_painted(name: str):
    def check(screen: Screen) -> bool:
        return "Active projects" in screen.line(0) and screen.shows(needle(name), 1)

    return check


def project_painted(name: str):
    def check(screen: Screen) -> bool:
        header = screen.line(0)
        return needle(name) in header and " · " in header

    return check


BOARD_SUMMARY = re.compile(r"\d+ alarm bells?")


def board_painted(screen: Screen) -> bool:
    return "Timekeeping board" in screen.line(0) and bool(BOARD_SUMMARY.search(screen.text()))


def baseline_run(columns: int, lines: int, env: dict[str, str]) -> dict[str, Any]:
    with Terminal([sys.executable, "-c", BASELINE], columns, lines, env) as term:
        paint = term.wait_for(lambda s: s.shows(BASELINE_FIRST_ROW, 1), "baseline row", 60)
        return {"paint_ms": paint * 1000, "peak_mb": term.peak_mb()}


def relay_run(
    db: Path,
    columns: int,
    lines: int,
    env: dict[str, str],
    rows: list[dict[str, Any]],
    full: bool,
) -> dict[str, Any]:
    """One session; `full`: also the later open, the board, the third project, a search."""
    out: dict[str, Any] = {}
    first = rows[0]["name"]
    argv = [sys.executable, "-m", "relay_tui", "--db", str(db)]
    with Terminal(argv, columns, lines, env) as term:
        try:
            paint = term.wait_for(
                dashboard_painted(first), "the dashboard's first row", PAINT_TIMEOUT_S
            )
            out["paint_ms"] = paint * 1000
            sent = term.press("enter")
            shown = term.wait_for(project_painted(first), "the first project", STEP_TIMEOUT_S)
            out["first_open_ms"] = (shown - sent) * 1000
            term.settle(0.2)
            backs = [_back(term, first)]
            if full:
                term.settle(PAUSE_S)
                term.press("down")
                term.settle(0.3)
                second = rows[1]["name"]
                sent = term.press("enter")
                shown = term.wait_for(project_painted(second), "the second project", STEP_TIMEOUT_S)
                out["later_open_ms"] = (shown - sent) * 1000
                term.settle(0.3)
                backs.append(_back(term, first))
                term.settle(0.3)
                sent = term.press("t")
                shown = term.wait_for(board_painted, "the board", STEP_TIMEOUT_S)
                out["board_screen_ms"] = (shown - sent) * 1000
                term.settle(0.3)
                out["back_from_board_ms"] = _back(term, first)
                term.settle(0.3)
                term.press("enter")  # the second project again, left with a lone escape
                term.wait_for(project_painted(second), "the second project", STEP_TIMEOUT_S)
                term.settle(0.3)
                out["back_lone_escape_ms"] = _back(term, first, "lone-escape")
                term.settle(0.3)
                term.press("down")
                term.settle(0.3)
                third = rows[2]["name"]
                term.press("enter")
                term.wait_for(project_painted(third), "the third project", STEP_TIMEOUT_S)
                term.settle(0.3)
                term.press("d")
                term.settle(0.3)
                term.press("2")
                term.wait_for(
                    lambda s: s.shows("all contacts of this project"),
                    "the contacts tab",
                    STEP_TIMEOUT_S,
                )
                term.settle(0.3)
                term.press("/")
                term.wait_for(
                    lambda s: s.shows("Search all contacts"), "the search field", STEP_TIMEOUT_S
                )
                term.press(SESSION_WORD)
                term.settle(0.3)
                sent = term.press("enter")
                shown = term.wait_for(
                    lambda s: s.shows(f"search “{SESSION_WORD}”"), "the search", STEP_TIMEOUT_S
                )
                out["search_painted_ms"] = (shown - sent) * 1000
                term.settle(0.3)
                out["peak_mb"] = term.peak_mb()
            out["back_ms"] = max(backs)
        except Timeout as error:
            out["error"] = str(error)
    return out


def _back(term: Terminal, first: str, key: str = "escape") -> float:
    sent = term.press(key)
    shown = term.wait_for(dashboard_painted(first), "the dashboard again", STEP_TIMEOUT_S)
    return (shown - sent) * 1000


def app_env(home: str) -> dict[str, str]:
    """The children's environment: English texts, a short ESCDELAY, empty settings."""
    return child_env(
        RELAY_LANG="en",
        ESCDELAY="10",
        HOME=home,
        XDG_CONFIG_HOME=f"{home}/config",
        XDG_DATA_HOME=f"{home}/data",
        XDG_STATE_HOME=f"{home}/state",
        XDG_CACHE_HOME=f"{home}/cache",
    )


def measure(db: Path, scale: int, runs: int) -> dict[str, Any]:
    rows = dashboard_first(db, 3)
    if len(rows) < 3:
        raise SystemExit(f"{db}: fewer than three active projects")
    with tempfile.TemporaryDirectory(prefix="relay-bench-") as home:
        env = app_env(home)
        # Warm the page cache and the bytecode caches; not counted.
        baseline_run(*SIZES[0], env)
        relay_run(db, *SIZES[0], env, rows, full=False)
        samples: dict[str, list[dict[str, Any]]] = {}
        for _ in range(runs):
            for columns, lines in SIZES:
                size = f"{columns}x{lines}"
                samples.setdefault(f"baseline_{size}", []).append(baseline_run(columns, lines, env))
                samples.setdefault(f"relay_{size}", []).append(
                    relay_run(db, columns, lines, env, rows, full=(columns, lines) == SIZES[0])
                )
    return summarise(samples, scale, db, rows, runs)


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return round(statistics.median(values), 1) if values else None


def summarise(
    samples: dict[str, list[dict[str, Any]]], scale: int, db: Path, rows: list[Any], runs: int
) -> dict[str, Any]:
    target = TARGETS[scale]
    figures: list[dict[str, Any]] = []
    errors = sorted(
        {r["error"].split("; the screen")[0] for s in samples.values() for r in s if "error" in r}
    )
    for columns, lines in SIZES:
        size = f"{columns}x{lines}"
        base = _median(samples[f"baseline_{size}"], "paint_ms")
        relay = _median(samples[f"relay_{size}"], "paint_ms")
        ratio = round(relay / base, 2) if relay and base else None
        figures.append(
            {
                "figure": f"dashboard first paint, {size}",
                "value": relay,
                "unit": "ms",
                "baseline": base,
                "ratio": ratio,
                "target_ratio": target["paint_ratio"],
                "target": target["paint_ms"],
            }
        )
    full = samples[f"relay_{SIZES[0][0]}x{SIZES[0][1]}"]
    compact = samples[f"relay_{SIZES[1][0]}x{SIZES[1][1]}"]
    figures += [
        {
            "figure": "open a project right after the first paint",
            "unit": "ms",
            "value": _median(full + compact, "first_open_ms"),
            "target": target["open_ms"],
            "strict": True,
        },
        {
            "figure": "open a project after a pause",
            "unit": "ms",
            "value": _median(full, "later_open_ms"),
            "target": target["open_ms"],
            "strict": True,
        },
        {
            "figure": "back to the dashboard",
            "unit": "ms",
            "value": _median(full + compact, "back_ms"),
            "target": target["back_ms"],
            "strict": True,
        },
        {
            "figure": "back to the dashboard, lone escape (info)",
            "unit": "ms",
            "value": _median(full, "back_lone_escape_ms"),
        },
        {
            "figure": "board screen",
            "unit": "ms",
            "value": _median(full, "board_screen_ms"),
            "target": target["board_ms"],
            "strict": True,
        },
        {
            "figure": "back from the board",
            "unit": "ms",
            "value": _median(full, "back_from_board_ms"),
            "target": target["back_ms"],
            "strict": True,
        },
        {
            "figure": "search in the app, painted (info)",
            "unit": "ms",
            "value": _median(full, "search_painted_ms"),
        },
        {
            "figure": "peak memory of a session",
            "unit": "MB",
            "value": _median(full, "peak_mb"),
            "target": target["peak_mb"],
            "strict": True,
        },
        {
            "figure": "baseline app peak memory (info)",
            "unit": "MB",
            "value": _median(samples[f"baseline_{SIZES[0][0]}x{SIZES[0][1]}"], "peak_mb"),
        },
    ]
    return {
        "store": str(db),
        "store_rows": counts(db),
        "scale": scale,
        "runs": runs,
        "dashboard_first_rows": [r["name"] for r in rows],
        "figures": figures,
        "errors": errors,
        "samples": samples,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_arguments(parser)
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs (medians)")
    args = parser.parse_args()
    db = store_for(args, parser)
    result = measure(db, args.scale, args.runs)
    return report(result, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
