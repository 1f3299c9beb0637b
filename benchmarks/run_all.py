"""Run every benchmark and print one table: figure, value, target, ok/over.

Runs capture.py, startup.py, then any other benchmarks/*.py that has a `--json` flag and
a `main` (generate.py and this script excepted), each with `--json`, and reads the JSON
object each prints last. A figure `x` has a target when the object also holds `target_x`
(an upper bound: ok when x <= target). A list figure (such as capture's heavy_imports)
lists offenders: ok when empty. Numbers without a target are shown for information.

    python benchmarks/run_all.py [--only startup] [--json]

Exits 1 when a figure is over its target or a benchmark fails.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FIRST = ("capture.py", "startup.py")
SKIP = {"generate.py", Path(__file__).name}
#: Bookkeeping keys, not figures.
NOT_FIGURES = {"runs", "store", "store_rows", "projects_opened", "dashboard_rows"}


def discover() -> list[Path]:
    found = []
    for path in sorted(HERE.glob("*.py")):
        if path.name in SKIP or path.name.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        if '"--json"' in text and "def main(" in text:
            found.append(path)
    return sorted(found, key=lambda p: (FIRST.index(p.name) if p.name in FIRST else 99, p.name))


def run(path: Path) -> tuple[dict[str, Any] | None, str, float]:
    """The benchmark's JSON object (None if it failed), its error output, its duration."""
    env = dict(os.environ)
    # Measure as an installed copy runs: with bytecode caches.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=HERE.parent,
    )
    spent = time.perf_counter() - started
    if proc.returncode != 0:
        return None, (proc.stderr or proc.stdout).strip(), spent
    for line in reversed(proc.stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line), proc.stderr.strip(), spent
            except json.JSONDecodeError:
                break
    return None, f"no JSON object in the output:\n{proc.stdout[-2000:]}", spent


def figures(name: str, result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, verdict) rows of one benchmark's result."""
    rows = []
    for key, value in result.items():
        if key.startswith("target_") or key in NOT_FIGURES:
            continue
        target = result.get(f"target_{key}")
        label = f"{name}: {key}"
        if isinstance(value, list):
            if value and not all(isinstance(v, str) for v in value):
                continue  # raw samples
            rows.append((label, ", ".join(value) or "none", "none", "ok" if not value else "OVER"))
        elif isinstance(value, bool) or (value is None and target is None):
            continue
        elif isinstance(value, (int, float)) or value is None:
            if target is None:
                rows.append((label, _number(value), "", ""))
            elif value is None:
                rows.append((label, "failed", f"<= {_number(target)}", "FAILED"))
            else:
                rows.append(
                    (label, _number(value), f"<= {_number(target)}", _verdict(value, target))
                )
        elif isinstance(value, str) and key.endswith("error"):
            rows.append((label, "(see below)", "", "FAILED"))
    return rows


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER"


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return str(int(value))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this benchmark (repeatable)")
    parser.add_argument("--json", action="store_true", help="print all results as JSON")
    args = parser.parse_args()
    benchmarks = discover()
    if args.only:
        wanted = {name.removesuffix(".py") for name in args.only}
        benchmarks = [p for p in benchmarks if p.stem in wanted]
    results: dict[str, Any] = {}
    table: list[tuple[str, str, str, str]] = []
    notes: list[str] = []
    for path in benchmarks:
        print(f"running {path.name} …", file=sys.stderr, flush=True)
        result, errors, spent = run(path)
        results[path.stem] = result if result is not None else {"error": errors[-2000:]}
        if result is None:
            table.append((path.stem, "(see below)", "", "FAILED"))
            notes.append(f"{path.stem} failed:\n{errors[-3000:] or 'no output'}")
        else:
            table.extend(figures(path.stem, result))
            notes.extend(
                f"{path.stem}: {key}: {value}"
                for key, value in result.items()
                if key.endswith("error") and isinstance(value, str)
            )
        print(f"  done in {spent:.0f} s", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps(results))
    else:
        width = max((len(row[0]) for row in table), default=10)
        value_width = max((len(row[1]) for row in table), default=5)
        header = ("figure", "value", "target", "")
        print(f"{header[0]:<{width}}  {header[1]:>{value_width}}  {header[2]:<9}  {header[3]}")
        print("-" * (width + value_width + 20))
        for figure, value, target, verdict in table:
            print(f"{figure:<{width}}  {value:>{value_width}}  {target:<9}  {verdict}")
        for note in notes:
            print(f"\n{note}")
    bad = [row for row in table if row[3] in ("OVER", "FAILED")]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
