"""Is the machine quiet enough to trust the timings? A calibration run of the floor.

The floor is capture.py's baseline, a Python script inserting one row with sqlite3,
spawned a few times on a small store of its own. A loaded machine (load average above
0.7 per core) or a floor far above its usual time makes every figure slower than the
code is: the table then says so.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from capture import BASELINE

#: The floor's median on a quiet 2-core machine (ms); "far above" is 1.5 times that.
USUAL_FLOOR_MS = 40.0
FAR_ABOVE = 1.5
LOAD_PER_CORE = 0.7


def floor_ms(runs: int = 7) -> float:
    with tempfile.TemporaryDirectory(prefix="relay-floor-") as tmp:
        db = Path(tmp) / "floor.db"
        with sqlite3.connect(db) as conn:
            conn.execute(
                "CREATE TABLE contact (id INTEGER PRIMARY KEY, project_id INTEGER, at TEXT,"
                " channel TEXT, direction TEXT, summary TEXT, awaiting_reply INTEGER,"
                " is_chase INTEGER, created_at TEXT)"
            )
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        spent = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", BASELINE, str(db)], env=env, check=True)
            spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent[1:])  # the first one warms the caches


def calibrate() -> dict[str, Any]:
    """The floor, the load average, and the warnings they call for."""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    floor = floor_ms()
    warnings = []
    if load > cores * LOAD_PER_CORE:
        warnings.append(
            f"the machine is loaded: load average {load:.1f} on {cores} cores "
            f"(above {cores * LOAD_PER_CORE:.1f})"
        )
    if floor > USUAL_FLOOR_MS * FAR_ABOVE:
        warnings.append(
            f"the sqlite3 floor took {floor:.0f} ms, usually about {USUAL_FLOOR_MS:.0f} ms"
        )
    return {
        "floor_ms": round(floor, 1),
        "load": round(load, 2),
        "cores": cores,
        "warnings": warnings,
    }


def load_now() -> float:
    return round(os.getloadavg()[0], 2)
