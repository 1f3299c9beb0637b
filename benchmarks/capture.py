"""How fast is `relay capture` compared with a bare one-row sqlite3 script?

On a copy of the scale's store (`--scale 1|10`, or `--db STORE`; the copy is written to,
never the store), runs interleaved:
  - baseline: a Python script that opens the store with sqlite3 (WAL, synchronous FULL)
    and inserts one contact row: the floor;
  - relay:    `relay capture "…" -p NAME -c phone --in` through the real console entry
    point, NAME being the full name of the active project with the most contacts.
Prints the medians, the ratio (target: at most 2.0) and whether the capture path stayed
free of textual, sqlmodel, sqlalchemy, pydantic and alembic.

With `--postgres` (run_all.py passes it): the same capture, whole process, on a
PostgreSQL store holding the scale's data (`relay --db URL import json` of its export,
into a database of its own on the server of RELAY_TEST_POSTGRES, made once and kept as
`relay_bench_…`). Target: at most 250 ms. Without a server it says why and measures nothing.

    python benchmarks/capture.py [--scale 1|10] [--db STORE] [--runs 40] [--postgres] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _postgres import postgres_store
from _stores import add_store_arguments, busiest_project, child_env, counts, read_only, store_for

BASELINE = r"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA synchronous=FULL")
c.execute("BEGIN IMMEDIATE")
c.execute("INSERT INTO contact (project_id, at, channel, direction, summary, awaiting_reply,"
          " is_chase, created_at) VALUES (?, '2026-01-01 00:00:00.000000', 'phone', 'in',"
          " 'baseline', 0, 0, '2026-01-01 00:00:00.000000')",
          (int(sys.argv[2]) if len(sys.argv) > 2 else 1,))
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
TARGET_RATIO = 2.0
TARGET_POSTGRES_MS = 250.0


def _run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def capture_args(name: str) -> list[str]:
    return ["capture", "Called Marie, logos by Friday", "-p", name, "-c", "phone", "--in"]


def measure(db: Path, runs: int) -> dict[str, Any]:
    project = busiest_project(db)
    with read_only(db) as conn:
        name = conn.execute("SELECT name FROM project WHERE id = ?", (project,)).fetchone()[0]
    with tempfile.TemporaryDirectory(prefix="relay-capture-") as tmp:
        copy = Path(tmp) / "store.db"
        shutil.copyfile(db, copy)
        env = child_env(RELAY_DB=str(copy), RELAY_LANG="en", HOME=tmp)
        py = sys.executable
        base_cmd = [py, "-c", BASELINE, str(copy), str(project)]
        cap_cmd = [py, "-c", RELAY, *capture_args(name)]
        # Warm the page cache and the bytecode caches (and make the day's backup).
        for _ in range(3):
            _run(base_cmd, env)
            _run(cap_cmd, env)
        base, cap = [], []
        for _ in range(runs):
            base.append(_run(base_cmd, env))
            cap.append(_run(cap_cmd, env))
        probe = subprocess.run(
            [py, "-c", PROBE, *capture_args(name)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        heavy = probe.stderr.strip().rpartition("HEAVY=")[2]
    base_ms = statistics.median(base) * 1000
    cap_ms = statistics.median(cap) * 1000
    return {
        "figures": [
            {
                "figure": "relay capture vs sqlite3 floor",
                "unit": "ms",
                "value": round(cap_ms, 1),
                "baseline": round(base_ms, 1),
                "ratio": round(cap_ms / base_ms, 2),
                "target_ratio": TARGET_RATIO,
            },
            {
                "figure": "capture: heavy modules imported",
                "value": None,
                "offenders": heavy.split(",") if heavy else [],
            },
        ],
        "notes": [f"capture -p {name!r}"],
    }


def measure_postgres(db: Path, runs: int) -> dict[str, Any]:
    figure: dict[str, Any] = {
        "figure": "capture on PostgreSQL (whole process)",
        "unit": "ms",
        "value": None,
    }
    url, why = postgres_store(db)
    if url is None:
        return {"figures": [figure], "notes": [f"capture on PostgreSQL not measured: {why}"]}
    project = busiest_project(db)
    with read_only(db) as conn:
        name = conn.execute("SELECT name FROM project WHERE id = ?", (project,)).fetchone()[0]
    with tempfile.TemporaryDirectory(prefix="relay-capture-pg-") as tmp:
        env = child_env(RELAY_DB=url, RELAY_LANG="en", HOME=tmp)
        cmd = [sys.executable, "-c", RELAY, *capture_args(name)]
        for _ in range(3):
            _run(cmd, env)
        spent = [_run(cmd, env) for _ in range(runs)]
    figure["value"] = round(statistics.median(spent) * 1000, 1)
    figure["target"] = TARGET_POSTGRES_MS
    return {"figures": [figure], "notes": [f"PostgreSQL store: {why}"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_arguments(parser)
    parser.add_argument("--runs", type=int, default=40, help="interleaved runs (median)")
    parser.add_argument("--postgres", action="store_true", help="also capture on PostgreSQL")
    args = parser.parse_args()
    db = store_for(args, parser)
    result = measure(db, args.runs)
    if args.postgres:
        pg = measure_postgres(db, max(5, args.runs // 4))
        result["figures"] += pg["figures"]
        result["notes"] += pg["notes"]
    result.update(store=str(db), store_rows=counts(db), scale=args.scale, runs=args.runs)
    if args.json:
        print(json.dumps(result))
        return 0
    capture, heavy = result["figures"][:2]
    print(f"sqlite3 one-row script  median {capture['baseline']:7.1f} ms")
    print(f"relay capture           median {capture['value']:7.1f} ms")
    verdict = "ok" if capture["ratio"] <= TARGET_RATIO else "OVER TARGET"
    print(f"ratio                   {capture['ratio']:7.2f}   (target <= 2.0: {verdict})")
    print(f"heavy modules imported  {', '.join(heavy['offenders']) or 'none'}")
    for figure in result["figures"][2:]:
        if figure["value"] is not None:
            verdict = "ok" if figure["value"] <= TARGET_POSTGRES_MS else "OVER TARGET"
            print(
                f"capture on PostgreSQL   median {figure['value']:7.1f} ms   "
                f"(target <= {TARGET_POSTGRES_MS:.0f} ms: {verdict})"
            )
    if args.postgres:
        for note in result["notes"]:
            print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
