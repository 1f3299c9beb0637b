"""How fast does relay start on a large store, and how heavy is it?

On a generated store (1,000 projects, 100,000 contacts, 10,000 deadlines by default;
see generate.py), each measurement runs in a fresh Python process, headless through
Textual's `run_test()`, timed inside the child with `time.perf_counter()` from its very
first line (interpreter start-up itself is not counted, for either side):

  (a) baseline: a minimal Textual app whose DataTable gets 1,000 rows in `on_mount`,
      until the table holds them;
  (b) relay:    imports, `open_store`, `create_app(store, Settings(), save_settings=False,
      watch_interval=0)`, until the dashboard's #projects table has its rows;
      the ratio relay/baseline (target <= 2.0) and relay's absolute time (<= 1.0 s);
  (c) opening a project: `OpenProject` posted on the dashboard, until the project
      screen's load workers have all finished and its tables are filled (target
      < 150 ms), median over several projects (the busiest ones and random ones) and
      runs; also shown: when the tables were first filled, and the first (cold) open;
  (d) peak memory of the relay child, `ru_maxrss` at its end (target < 150 MB). The store
      is generated in a separate process: Linux carries a parent's high-water mark over
      fork + exec into the child's ru_maxrss, so a big parent would inflate the figure.

The children run with bytecode caches allowed (PYTHONDONTWRITEBYTECODE is dropped), as an
installed relay runs.

Medians of 5 interleaved runs by default. Waiting polls every millisecond rather than
with `pilot.pause()`, which sleeps at least 20 ms and would round every figure up.

    python benchmarks/startup.py [--runs 5] [--db STORE] [--projects 1000]
                                 [--contacts 100000] [--deadlines 10000] [--json]

Without --db the store is generated once and cached under benchmarks/.data/ (git-ignored)
for the day: its dates are relative to today.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
SRC = HERE.parent / "src"

TARGET_RATIO = 2.0
TARGET_RELAY_MS = 1000.0
TARGET_OPEN_MS = 150.0
TARGET_RSS_MB = 150.0
TIMEOUT_S = 60.0
OPEN_TIMEOUT_S = 10.0

# The first line of both children: everything after it is measured.
_CLOCK = "import time; T0 = time.perf_counter()\n"

BASELINE = (
    _CLOCK
    + r"""
import asyncio, json, os, resource, sys
from textual.app import App, ComposeResult
from textual.widgets import DataTable

ROWS = 1000
COLUMNS = ("Project", "Client", "Phase", "Next alarm bell", "Due", "Status", "Waiting", "Risks")


class Baseline(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for i in range(ROWS):
            table.add_row(
                f"Project number {i}", f"Client {i % 333}", "during", "Final delivery",
                "in 3 days", "upcoming", str(i % 3), str(i % 2), key=str(i),
            )
        table.focus()


async def main() -> dict:
    app = Baseline()
    async with app.run_test() as pilot:
        deadline = time.perf_counter() + float(sys.argv[1])
        while True:
            tables = app.screen.query(DataTable)
            if tables and tables.first().row_count >= ROWS:
                break
            if time.perf_counter() > deadline:
                print("baseline: the table was never filled", file=sys.stderr, flush=True)
                os._exit(3)
            await asyncio.sleep(0.001)
        elapsed = time.perf_counter() - T0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"startup_ms": elapsed * 1000, "peak_rss_mb": rss / 1024}


print("RESULT " + json.dumps(asyncio.run(main())), flush=True)
"""
)

RELAY = (
    _CLOCK
    + r"""
import asyncio, json, os, resource, sys
from pathlib import Path

from relay_tui.app import create_app
from relay_tui.db import location_for_path, open_store
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.messages import OpenProject
from relay_tui.settings import Settings
from textual.widgets import DataTable
from textual.worker import WorkerState

T_IMPORTS = time.perf_counter()
DB, TIMEOUT, OPEN_TIMEOUT = Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
OPENS = [int(p) for p in sys.argv[4:]]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hwm_mb() -> float | None:
    # The high-water mark of this process's own memory map (Linux), for a cross-check.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def report(result: dict) -> None:
    print("RESULT " + json.dumps(result), flush=True)


async def until(check, what: str, timeout: float = TIMEOUT) -> bool:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            if what:
                # Raising inside run_test() can leave the app running: leave at once.
                print(f"relay: timed out waiting for {what}", file=sys.stderr, flush=True)
                os._exit(3)
            return False
        await asyncio.sleep(0.001)
    return True


def dashboard_rows(app) -> int:
    screen = app.screen
    if not isinstance(screen, DashboardScreen):
        return 0
    return screen.query_one("#projects", DataTable).row_count


def project_loaded(app, project_id: int, shown: list) -> bool:
    # True once the project screen's load workers have all finished with its tables
    # filled; `shown` gets the moment the tables were first filled.
    from relay_tui.screens.project import ProjectScreen

    screen = app.screen
    if not isinstance(screen, ProjectScreen) or screen.project_id != project_id:
        return False
    # The screen loads its header, then the tab in view loads (a worker of its own).
    loads = [
        w
        for w in app.workers
        if w.group == "project" and (w.node is screen or screen in w.node.ancestors)
    ]
    for worker in loads:
        if worker.state == WorkerState.ERROR:
            print(f"relay: project {project_id} failed to load: {worker.error!r}",
                  file=sys.stderr, flush=True)
            os._exit(4)
    # `keys_ready`: the header and the tab in view are shown, its tables filled, in the
    # calls their load workers make through call_from_thread; they finish right after.
    if not screen.keys_ready:
        return False
    if not shown:
        shown.append(time.perf_counter())
    return all(w.is_finished for w in loads)  # finished workers leave app.workers


async def main() -> dict:
    store = open_store(location_for_path(DB))
    t_store = time.perf_counter()
    app = create_app(store, Settings(), save_settings=False, watch_interval=0)
    result = {}
    async with app.run_test() as pilot:
        await until(lambda: dashboard_rows(app) > 0, "the dashboard rows")
        t_dash = time.perf_counter()
        result["startup_ms"] = (t_dash - T0) * 1000
        result["imports_ms"] = (T_IMPORTS - T0) * 1000
        result["open_store_ms"] = (t_store - T_IMPORTS) * 1000
        result["app_to_rows_ms"] = (t_dash - t_store) * 1000
        result["dashboard_rows"] = dashboard_rows(app)
        result["rss_after_dashboard_mb"] = rss_mb()
        await app.workers.wait_for_complete()
        await pilot.pause()
        opens, first_shows = [], []
        result["open_ms"] = opens
        result["open_first_show_ms"] = first_shows
        for project_id in OPENS:
            shown = []
            started = time.perf_counter()
            app.post_message(OpenProject(project_id))
            check = lambda: project_loaded(app, project_id, shown)  # noqa: E731
            if not await until(check, "", OPEN_TIMEOUT):
                # Report what was measured; the app may be stuck, so do not wait for it.
                screen = app.screen
                result["open_error"] = (
                    f"project {project_id} not loaded after {OPEN_TIMEOUT:.0f} s "
                    f"(screen {type(screen).__name__} mounted={screen.is_mounted}, "
                    f"sub_title {screen.sub_title!r})"
                )
                result["peak_rss_mb"] = rss_mb()
                result["vm_hwm_mb"] = hwm_mb()
                report(result)
                os._exit(0)
            opens.append((time.perf_counter() - started) * 1000)
            first_shows.append((shown[0] - started) * 1000)
            await pilot.pause()
            await app.pop_screen()
            await until(lambda: isinstance(app.screen, DashboardScreen), "the dashboard")
            await app.workers.wait_for_complete()  # the dashboard reloads on resume
            await pilot.pause()
    store.close()
    result["peak_rss_mb"] = rss_mb()
    result["vm_hwm_mb"] = hwm_mb()
    return result


report(asyncio.run(main()))
"""
)


def child_env() -> dict[str, str]:
    """The children import relay from this checkout, with bytecode caches as an installed
    copy has them (PYTHONDONTWRITEBYTECODE would make every run compile relay's sources)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


def _child(code: str, args: list[str]) -> dict[str, Any]:
    env = child_env()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S * 4,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(
            f"benchmark child failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}"
            f"\n{proc.stderr[-4000:]}"
        )
    return json.loads(lines[-1].removeprefix("RESULT "))


def cached_store(projects: int, contacts: int, deadlines: int, seed: int) -> Path:
    """The generated store for these parameters and today, generated if missing."""
    # Asked of a child: this process stays small (see the comment on generating below).
    head = subprocess.run(
        [sys.executable, "-c", "from relay_tui.db import HEAD_REVISION; print(HEAD_REVISION)"],
        env=child_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A change to generate.py makes a new store.
    recipe = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:8]
    stem = f"store-p{projects}-c{contacts}-d{deadlines}-s{seed}"
    path = DATA / f"{stem}-{date.today():%Y%m%d}-{head}-{recipe}.db"
    if path.exists() and _revision(path) == head:
        return path
    DATA.mkdir(exist_ok=True)
    for old in DATA.glob(f"{stem}-*.db*"):  # yesterday's, or another schema's
        old.unlink()
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        fresh = Path(tmp) / "store.db"
        started = time.perf_counter()
        # In a child process: a parent grown by generating would inflate the ru_maxrss of
        # every later child (Linux keeps the parent's high-water mark across fork + exec).
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                str(fresh),
                f"--projects={projects}",
                f"--contacts={contacts}",
                f"--deadlines={deadlines}",
                f"--seed={seed}",
            ],
            env=child_env(),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(
            f"generated {path.name} in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        fresh.rename(path)
    return path


def _revision(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def projects_to_open(path: Path, count: int) -> list[int]:
    """The busiest active projects (most contacts and deadlines), then random active ones."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        busiest = [
            row[0]
            for row in conn.execute(
                "SELECT p.id FROM project p WHERE p.status = 'active' ORDER BY "
                "(SELECT count(*) FROM contact c WHERE c.project_id = p.id) + "
                "(SELECT count(*) FROM deadline d WHERE d.project_id = p.id) DESC LIMIT ?",
                (max(1, count // 3),),
            )
        ]
        others = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM project WHERE status = 'active' ORDER BY (id * 7919) % 1009"
            )
            if row[0] not in busiest
        ]
    finally:
        conn.close()
    return (busiest + others)[:count]


def measure(db: Path, runs: int, opens: int) -> dict[str, Any]:
    open_ids = projects_to_open(db, opens)
    timeout = [str(TIMEOUT_S)]
    relay_args = [str(db), str(TIMEOUT_S), str(OPEN_TIMEOUT_S)]
    # Warm the page cache and the bytecode caches; not counted.
    _child(BASELINE, timeout)
    _child(RELAY, relay_args)
    relay_args += map(str, open_ids)
    base, relay = [], []
    for _ in range(runs):
        base.append(_child(BASELINE, timeout))
        relay.append(_child(RELAY, relay_args))

    def med(rows: list[dict[str, Any]], key: str) -> float:
        return round(statistics.median(r[key] for r in rows), 1)

    base_ms = med(base, "startup_ms")
    relay_ms = med(relay, "startup_ms")
    all_opens = [ms for r in relay for ms in r["open_ms"]]
    first_opens = [r["open_ms"][0] for r in relay if r["open_ms"]]
    open_errors = sorted({r["open_error"] for r in relay if "open_error" in r})

    def rounded(values: list[float], pick: Any) -> float | None:
        return round(pick(values), 1) if values else None

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("project", "contact", "deadline")
        }
    return {
        "store": str(db),
        "store_rows": counts,
        "runs": runs,
        "baseline_ms": base_ms,
        "relay_ms": relay_ms,
        "target_relay_ms": TARGET_RELAY_MS,
        "ratio": round(relay_ms / base_ms, 2),
        "target_ratio": TARGET_RATIO,
        "relay_imports_ms": med(relay, "imports_ms"),
        "relay_open_store_ms": med(relay, "open_store_ms"),
        "relay_app_to_rows_ms": med(relay, "app_to_rows_ms"),
        "dashboard_rows": relay[0]["dashboard_rows"],
        "projects_opened": open_ids,
        # None when no project could be opened: open_error says why.
        "project_open_ms": None if open_errors else rounded(all_opens, statistics.median),
        "target_project_open_ms": TARGET_OPEN_MS,
        "project_open_first_ms": rounded(first_opens, statistics.median),
        "project_open_max_ms": rounded(all_opens, max),
        # Until the tables are first filled (the load may still be running again after).
        "project_first_show_ms": rounded(
            [ms for r in relay for ms in r["open_first_show_ms"]], statistics.median
        ),
        "open_error": "; ".join(open_errors) or None,
        "baseline_rss_mb": med(base, "peak_rss_mb"),
        "rss_after_dashboard_mb": med(relay, "rss_after_dashboard_mb"),
        "peak_rss_mb": med(relay, "peak_rss_mb"),
        "vm_hwm_mb": med(relay, "vm_hwm_mb") if all(r.get("vm_hwm_mb") for r in relay) else None,
        "target_peak_rss_mb": TARGET_RSS_MB,
    }


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--opens", type=int, default=6, help="projects opened per relay run")
    parser.add_argument("--db", type=Path, help="an existing store (default: generated)")
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--deadlines", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.db is not None:
        db = args.db.expanduser().absolute()
        if not db.is_file():
            parser.error(f"{db} does not exist")
    else:
        db = cached_store(args.projects, args.contacts, args.deadlines, args.seed)
    r = measure(db, args.runs, args.opens)
    if args.json:
        print(json.dumps(r))
        return 0
    rows = r["store_rows"]
    print(
        f"store: {rows['project']} projects, {rows['contact']} contacts, "
        f"{rows['deadline']} deadlines ({r['dashboard_rows']} dashboard rows); "
        f"medians of {r['runs']} runs"
    )
    print(f"(a) baseline: 1,000-row DataTable      {r['baseline_ms']:7.1f} ms")
    print(
        f"(b) relay: dashboard filled            {r['relay_ms']:7.1f} ms   "
        f"(target <= {TARGET_RELAY_MS:.0f} ms: {_verdict(r['relay_ms'], TARGET_RELAY_MS)})"
    )
    print(
        f"      imports {r['relay_imports_ms']:.0f} ms · open_store "
        f"{r['relay_open_store_ms']:.0f} ms · app start to rows {r['relay_app_to_rows_ms']:.0f} ms"
    )
    print(
        f"    ratio relay / baseline             {r['ratio']:7.2f}     "
        f"(target <= {TARGET_RATIO}: {_verdict(r['ratio'], TARGET_RATIO)})"
    )
    if r["project_open_ms"] is None:
        print(f"(c) opening a project                  FAILED: {r['open_error']}")
    else:
        print(
            f"(c) opening a project                  {r['project_open_ms']:7.1f} ms   "
            f"(target < {TARGET_OPEN_MS:.0f} ms: "
            f"{_verdict(r['project_open_ms'], TARGET_OPEN_MS)})"
        )
        print(
            f"      tables first filled {r['project_first_show_ms']:.0f} ms · first open "
            f"{r['project_open_first_ms']:.0f} ms · slowest {r['project_open_max_ms']:.0f} ms"
            f" · projects {r['projects_opened']}"
        )
    print(
        f"(d) relay peak memory                  {r['peak_rss_mb']:7.1f} MB   "
        f"(target < {TARGET_RSS_MB:.0f} MB: {_verdict(r['peak_rss_mb'], TARGET_RSS_MB)})"
    )
    print(
        f"      after the dashboard {r['rss_after_dashboard_mb']:.0f} MB · "
        f"baseline app {r['baseline_rss_mb']:.0f} MB"
        + (f" · VmHWM {r['vm_hwm_mb']:.0f} MB" if r["vm_hwm_mb"] else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
