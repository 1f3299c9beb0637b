"""How long do relay's read commands take, whole process, on a large store?

Each command is spawned as a user runs it (the console entry point, a fresh interpreter,
bytecode caches kept), its output thrown away; the wall time from the spawn to its exit,
median of --runs interleaved runs after one unmeasured warm-up each:

    relay board --json
    relay contact list -p P        P: the active project with the most contacts (its id)
    relay deadline list -p P
    relay chase                    (the list: without -p it writes nothing)

Shown with each: the floor, `python -c pass` spawned the same way (interpreter start-up,
which no command can go below). Targets: at most 300 ms each on the big store, 400 ms on
the huge one (--scale 10).

    python benchmarks/commands.py [--scale 1|10] [--db STORE] [--runs 7] [--json]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _stores import add_store_arguments, busiest_project, child_env, counts, store_for
from _table import report

TARGETS = {1: 300, 10: 400}
RELAY = "import sys; from relay_tui.start import run; sys.exit(run())"
FLOOR = "pass"


def commands(project: int) -> dict[str, list[str]]:
    return {
        "board --json": ["board", "--json"],
        "contact list -p P": ["contact", "list", "-p", str(project)],
        "deadline list -p P": ["deadline", "list", "-p", str(project)],
        "chase": ["chase"],
    }


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    spent = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv[3:])} failed (exit {proc.returncode}):\n{proc.stderr.decode()[-2000:]}"
        )
    return spent * 1000


def measure(db: Path, scale: int, runs: int) -> dict[str, Any]:
    env = child_env(RELAY_LANG="en")
    project = busiest_project(db)
    todo = {"floor": [sys.executable, "-c", FLOOR]}
    for name, args in commands(project).items():
        todo[name] = [sys.executable, "-c", RELAY, "--db", str(db), *args]
    for argv in todo.values():  # warm the page cache and the bytecode caches
        timed(argv, env)
    samples: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(runs):
        for name, argv in todo.items():
            samples[name].append(timed(argv, env))
    floor = statistics.median(samples.pop("floor"))
    figures = [
        {
            "figure": f"relay {name} (whole process)",
            "unit": "ms",
            "value": round(statistics.median(ms), 1),
            "target": TARGETS[scale],
        }
        for name, ms in samples.items()
    ]
    return {
        "store": str(db),
        "store_rows": counts(db),
        "scale": scale,
        "runs": runs,
        "figures": figures,
        "notes": [f"P = project {project}; the floor (python -c pass) took {floor:.0f} ms"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_arguments(parser)
    parser.add_argument("--runs", type=int, default=7, help="interleaved runs (median)")
    args = parser.parse_args()
    db = store_for(args, parser)
    result = measure(db, args.scale, args.runs)
    return report(result, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
