"""How fast is `relay remind --format line` on the big store, against the sqlite3 floor?

A status bar runs it every few seconds: its budget is capture's, at most 2.0 times the
floor of benchmarks/capture.py (a bare Python script that inserts one row with sqlite3),
measured in the same run. Generates the big store (1,000 projects, 100,000 contacts,
10,000 alarm bells; benchmarks/generate.py) in a temporary directory, then runs,
interleaved:
  - baseline: capture.py's one-row sqlite3 script, on a small store of its own;
  - remind:   `relay remind --format line` on the big store, store unchanged since the
              last call: what a status bar meets at almost every refresh (it answers
              from its kept answer, relay_tui.remind_cache). Target: at most 2.0.
  - changed:  the same, right after a contact was written by another program: the first
              refresh after a change reads the big store (relay_tui.fastremind). Shown
              with its ratio, without a target: reading 1,000 projects' bells, messages
              and time costs about 12 ms more than the budget leaves.
Prints the medians, the ratios and whether the remind path stayed free of textual,
sqlmodel, sqlalchemy and pydantic. Warns when the machine is busy.

    python benchmarks/remind.py [--runs 30] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from capture import BASELINE, RELAY  # noqa: E402
from generate import generate  # noqa: E402

PROBE = (
    "import sys; from relay_tui.start import run; rc = run(); "
    "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
    "{'textual', 'sqlmodel', 'sqlalchemy', 'pydantic', 'alembic', 'argparse'}); "
    "print('HEAVY=' + ','.join(heavy), file=sys.stderr); sys.exit(0 if rc in (0, 1) else rc)"
)


def _run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[-3:]} failed with status {done.returncode}")
    return elapsed


def _touch(db: Path) -> None:
    """Another program writes to the store (a contact of the first project)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "INSERT INTO contact (project_id, at, channel, direction, summary, awaiting_reply,"
        " is_chase, created_at) VALUES (1, '2020-01-01 00:00:00.000000', 'phone', 'in',"
        " 'benchmark', 0, 0, '2020-01-01 00:00:00.000000')"
    )
    conn.close()


def _busy() -> float:
    return os.getloadavg()[0] / (os.cpu_count() or 1)


def measure(runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.db"
        generate(big, projects=1000, contacts=100_000, deadlines=10_000, seed=1)
        small = folder / "small.db"
        env = {
            **os.environ,
            "HOME": str(folder),
            "XDG_CACHE_HOME": str(folder / "cache"),
            "XDG_CONFIG_HOME": str(folder / "config"),
        }
        py = sys.executable
        relay = [py, "-c", RELAY]
        small_setup = (
            ["client", "add", "Acme"],
            ["project", "add", "Acme site", "--client", "Acme"],
        )
        for args in small_setup:
            subprocess.run(
                [*relay, "--db", str(small), *args], env=env, check=True, stdout=subprocess.DEVNULL
            )
        base_cmd = [py, "-c", BASELINE, str(small)]
        remind_cmd = [*relay, "--db", str(big), "remind", "--format", "line"]
        for _ in range(3):  # warm the page cache and the bytecode caches
            _run(base_cmd, env)
            _run(remind_cmd, env)
        base, steady, changed, load = [], [], [], []
        for _ in range(runs):
            load.append(_busy())
            base.append(_run(base_cmd, env))
            steady.append(_run(remind_cmd, env))
            _touch(big)
            changed.append(_run(remind_cmd, env))
        probe = subprocess.run(
            [py, "-c", PROBE, "--db", str(big), "remind", "--format", "line"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        heavy = probe.stderr.strip().rpartition("HEAVY=")[2]
    base_ms = statistics.median(base) * 1000
    steady_ms = statistics.median(steady) * 1000
    changed_ms = statistics.median(changed) * 1000
    return {
        "runs": runs,
        "baseline_ms": round(base_ms, 1),
        "remind_ms": round(steady_ms, 1),
        "remind_after_change_ms": round(changed_ms, 1),
        "remind_ratio": round(steady_ms / base_ms, 2),
        "target_remind_ratio": 2.0,
        "remind_after_change_ratio": round(changed_ms / base_ms, 2),
        "heavy_imports": heavy.split(",") if heavy else [],
        "load_per_core": round(statistics.median(load), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.runs)
    if args.json:
        print(json.dumps(result))
        return 0
    if float(result["load_per_core"]) > 0.5:  # type: ignore[arg-type]
        print(f"warning: the machine is busy (load {result['load_per_core']} per core)")
    print(f"sqlite3 one-row script        median {result['baseline_ms']:7.1f} ms")
    print(f"relay remind (unchanged)      median {result['remind_ms']:7.1f} ms")
    print(f"relay remind (after a change) median {result['remind_after_change_ms']:7.1f} ms")
    verdict = "ok" if result["remind_ratio"] <= 2.0 else "OVER TARGET"  # type: ignore[operator]
    print(
        f"ratio (unchanged)             {result['remind_ratio']:7.2f}   (target <= 2.0: {verdict})"
    )
    print(
        f"ratio (after a change)        {result['remind_after_change_ratio']:7.2f}   "
        "(no target: the first refresh after a change reads the store)"
    )
    heavy = ", ".join(result["heavy_imports"]) or "none"  # type: ignore[arg-type]
    print(f"heavy modules imported        {heavy}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
