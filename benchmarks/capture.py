"""How fast is `relay capture` compared with a bare one-row sqlite3 script?

Creates a store with one project in a temporary directory, then runs, interleaved:
  - baseline: a Python script that opens the store with sqlite3 (WAL, synchronous FULL)
    and inserts one contact row;
  - relay:    `python -m relay_tui.cli capture ...` through the real console entry point.
Prints the medians, the ratio (target: at most 2.0) and whether the capture path stayed
free of textual, sqlmodel, sqlalchemy and pydantic.

    python benchmarks/capture.py [--runs 40]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = r"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA synchronous=FULL")
c.execute("BEGIN IMMEDIATE")
c.execute("INSERT INTO contact (project_id, at, channel, direction, summary, awaiting_reply,"
          " is_chase, created_at) VALUES (1, '2026-01-01 00:00:00.000000', 'phone', 'in',"
          " 'baseline', 0, 0, '2026-01-01 00:00:00.000000')")
c.execute("COMMIT")
c.close()
"""

RELAY = "import sys; from relay_tui.start import run; sys.exit(run())"

PROBE = (
    "import sys; from relay_tui.start import run; rc = run(); "
    "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
    "{'textual', 'sqlmodel', 'sqlalchemy', 'pydantic', 'alembic'}); "
    "print('HEAVY=' + ','.join(heavy), file=sys.stderr); sys.exit(rc)"
)


def _run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        env = {**os.environ, "RELAY_DB": str(db)}
        py = sys.executable
        relay = [py, "-c", RELAY]
        subprocess.run(
            [*relay, "client", "add", "Acme"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        subprocess.run(
            [*relay, "project", "add", "Acme site", "--client", "Acme"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        base_cmd = [py, "-c", BASELINE, str(db)]
        cap_cmd = [
            *relay,
            "capture",
            "Called Marie, logos by Friday",
            "-p",
            "acme",
            "-c",
            "phone",
            "--in",
        ]
        for _ in range(3):  # warm the page cache and the bytecode caches
            _run(base_cmd, env)
            _run(cap_cmd, env)
        base, cap = [], []
        for _ in range(runs):
            base.append(_run(base_cmd, env))
            cap.append(_run(cap_cmd, env))
        probe = subprocess.run(
            [py, "-c", PROBE, "capture", "probe", "-p", "acme"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        heavy = probe.stderr.strip().rpartition("HEAVY=")[2]
    base_ms = statistics.median(base) * 1000
    cap_ms = statistics.median(cap) * 1000
    return {
        "runs": runs,
        "baseline_ms": round(base_ms, 1),
        "capture_ms": round(cap_ms, 1),
        "ratio": round(cap_ms / base_ms, 2),
        "target_ratio": 2.0,
        "heavy_imports": heavy.split(",") if heavy else [],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.runs)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"sqlite3 one-row script  median {result['baseline_ms']:7.1f} ms")
    print(f"relay capture           median {result['capture_ms']:7.1f} ms")
    verdict = "ok" if result["ratio"] <= 2.0 else "OVER TARGET"
    print(f"ratio                   {result['ratio']:7.2f}   (target <= 2.0: {verdict})")
    heavy = ", ".join(result["heavy_imports"]) or "none"  # type: ignore[arg-type]
    print(f"heavy modules imported  {heavy}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
