"""Does relay hold up on a large store: the board, a search, export + import?

On the generated store (1,000 projects, 100,000 contacts, 10,000 deadlines by default;
generated once a day and cached under benchmarks/.data/ by startup.py's `cached_store`):

  (a) board: `services.board.board(store, today)`, what the Board screen computes, in
      a fresh child process, warm: one unmeasured call first (imports, SQLAlchemy's
      compiled-statement cache, SQLite's pages), then the median of --runs calls
      (target < 100 ms);
  (b) search: `services.contacts.search_contacts(store, text, limit=200)`, as the project
      screen's search box calls it (across all projects), for a few realistic words, in
      the same child, warm; the median of each word, and the figure is the slowest word's
      median: every one of these searches should feel instant (target < 50 ms);
  (c) round trip: `relay export json` of the whole store, then `relay --db NEW import
      json` of that file into a new, empty store, each in a fresh process through the
      command line's entry point, wall time including interpreter start-up, as a user
      waits for them (target: their sum < 10 s; median of --roundtrips); then the new
      store is exported again and must equal the first export apart from `exported_at`
      (`roundtrip_mismatches` lists what differs: ok when empty).

The app's peak memory (the issue's fourth scale figure) is measured by startup.py.
The children run with bytecode caches allowed, as an installed relay runs.

    python benchmarks/scale.py [--runs 7] [--roundtrips 1] [--db STORE] [--projects 1000]
                               [--contacts 100000] [--deadlines 10000] [--json] [--profile]

--profile also prints, on stderr, where the board's and the slowest search's time goes:
a cProfile summary and every SQL statement they run, timed alone in SQLite, with its
EXPLAIN QUERY PLAN.
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
from typing import Any

from startup import cached_store, child_env

TARGET_BOARD_MS = 100.0
TARGET_SEARCH_MS = 50.0
TARGET_ROUNDTRIP_S = 10.0
#: What a freelancer looks for in the contact log: single words, a prefix, two words.
WORDS = ("invoice", "photos", "layout", "draft", "texts", "deliv", "quote signature")
#: The project screen's search box asks for up to this many contacts.
SEARCH_LIMIT = 200
CHILD_TIMEOUT_S = 600

WARM = r"""
import json, statistics, sys, time
from pathlib import Path

from relay_tui.db import location_for_path, open_store
from relay_tui.services.board import board
from relay_tui.services.common import local_today
from relay_tui.services.contacts import search_contacts

db, runs, limit, profile = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
words = sys.argv[5:]
store = open_store(location_for_path(db))
today = local_today()


def samples(call):
    # Wall and CPU milliseconds of each call (CPU time depends less on other work).
    call()  # warm-up, not counted
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


board_ms, board_cpu_ms = samples(lambda: board(store, today))
found = board(store, today)
search_ms, search_cpu_ms, hits = {}, {}, {}
for word in words:
    search_ms[word], search_cpu_ms[word] = samples(
        lambda: search_contacts(store, word, limit=limit)
    )
    hits[word] = len(search_contacts(store, word, limit=limit))
result = {
    "board_ms": board_ms,
    "board_cpu_ms": board_cpu_ms,
    "search_cpu_ms": search_cpu_ms,
    "board_rows": {
        "alarms": len(found.alarms),
        "chase": len(found.chase),
        "waiting": len(found.waiting),
        "time": len(found.time),
    },
    "search_ms": search_ms,
    "search_hits": hits,
}


def profile_call(title, call):
    import cProfile, io, pstats
    from sqlalchemy import event

    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    call()
    event.remove(store.engine, "before_cursor_execute", record)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        call()
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
    err = sys.stderr
    print(f"\n===== {title}: cProfile of 3 calls, by cumulative time =====", file=err)
    print("\n".join(line[:160] for line in text.getvalue().splitlines()), file=err)
    print(f"\n===== {title}: its SQL statements, each timed alone in SQLite =====", file=err)
    raw = store.raw_sqlite()
    try:
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
                continue
            raw.execute(statement, parameters).fetchall()
            times = []
            for _ in range(5):
                started = time.perf_counter()
                rows = raw.execute(statement, parameters).fetchall()
                times.append((time.perf_counter() - started) * 1000)
            short = " ".join(statement.split())
            if len(short) > 300:
                short = short[:300] + " …"
            print(f"{statistics.median(times):8.1f} ms {len(rows):7d} rows  {short}", file=err)
            for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters):
                print(f"{'':27}plan: {row[3]}", file=err)
    finally:
        raw.close()


if profile == "1":
    profile_call("board", lambda: board(store, today))
    slowest = max(words, key=lambda w: statistics.median(search_ms[w]))
    profile_call(
        f"search {slowest!r}", lambda: search_contacts(store, slowest, limit=limit)
    )
store.close()
print("RESULT " + json.dumps(result), flush=True)
"""

# The command line's entry point, reporting the process's peak memory on its way out.
CLI = (
    "import resource, sys\n"
    "from relay_tui.start import run\n"
    "rc = run()\n"
    "print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


def _warm(db: Path, runs: int, words: tuple[str, ...], profile: bool) -> dict[str, Any]:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            WARM,
            str(db),
            str(runs),
            str(SEARCH_LIMIT),
            str(int(profile)),
            *words,
        ],
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=None if profile else subprocess.PIPE,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(
            f"benchmark child failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}"
            f"\n{(proc.stderr or '')[-4000:]}"
        )
    return json.loads(lines[-1].removeprefix("RESULT "))


def _relay(*args: str) -> tuple[float, float]:
    """Run `relay ARGS` in a fresh process: (wall seconds, peak RSS in MB)."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CLI, *args],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
    )
    spent = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(
            f"relay {' '.join(args)} failed (exit {proc.returncode}):\n"
            f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
        )
    peak = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("PEAK_RSS")]
    return spent, int(peak[-1]) / 1024 if peak else 0.0


def _mismatches(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """What differs between two exports, apart from `exported_at` (empty when equal)."""
    first, second = dict(first), dict(second)
    first.pop("exported_at", None)
    second.pop("exported_at", None)
    first_tables, second_tables = first.pop("tables", {}), second.pop("tables", {})
    out = [
        f"{key}: {first.get(key)!r} then {second.get(key)!r}"
        for key in sorted(set(first) | set(second))
        if first.get(key) != second.get(key)
    ]
    for name in sorted(set(first_tables) | set(second_tables)):
        a, b = first_tables.get(name, []), second_tables.get(name, [])
        if a == b:
            continue
        if len(a) != len(b):
            out.append(f"{name}: {len(a)} rows exported, {len(b)} after the import")
            continue
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        x, y = differing[0]
        fields = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
        example = ", ".join(f"{k} {x.get(k)!r} -> {y.get(k)!r}" for k in fields[:3])
        out.append(f"{name}: {len(differing)} rows differ (first: id {x.get('id')}: {example})")
    return out


def roundtrip(db: Path, runs: int) -> dict[str, Any]:
    exports, imports, export_rss, import_rss = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="relay-scale-") as tmp:
        work = Path(tmp)
        for i in range(runs):
            exported = work / f"export-{i}.json"
            restored = work / f"restored-{i}.db"
            spent, rss = _relay("--db", str(db), "export", "json", "-o", str(exported))
            exports.append(spent)
            export_rss.append(rss)
            spent, rss = _relay("--db", str(restored), "import", "json", str(exported))
            imports.append(spent)
            import_rss.append(rss)
            if i:  # keep the first pair for the comparison; free the disk of the others
                exported.unlink()
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{restored}{suffix}").unlink(missing_ok=True)
        first = work / "export-0.json"
        again = work / "re-export.json"
        size_mb = first.stat().st_size / 1e6
        reexport_s, _ = _relay(
            "--db", str(work / "restored-0.db"), "export", "json", "-o", str(again)
        )
        # Last: loading both files makes this process big, and Linux would carry its
        # high-water mark into the ru_maxrss of any child started after.
        mismatches = _mismatches(
            json.loads(first.read_text(encoding="utf-8")),
            json.loads(again.read_text(encoding="utf-8")),
        )
    totals = [e + i for e, i in zip(exports, imports, strict=True)]
    return {
        "roundtrip_s": round(statistics.median(totals), 2),
        "export_s": round(statistics.median(exports), 2),
        "import_s": round(statistics.median(imports), 2),
        "reexport_s": round(reexport_s, 2),
        "export_file_mb": round(size_mb, 1),
        "export_peak_rss_mb": round(max(export_rss), 1),
        "import_peak_rss_mb": round(max(import_rss), 1),
        "roundtrip_mismatches": mismatches,
    }


def measure(
    db: Path, runs: int, roundtrips: int, words: tuple[str, ...], profile: bool = False
) -> dict[str, Any]:
    load = round(os.getloadavg()[0], 2)
    warm = _warm(db, runs, words, profile)
    trip = roundtrip(db, roundtrips)
    per_word = {w: round(statistics.median(ms), 1) for w, ms in warm["search_ms"].items()}
    slowest = max(per_word, key=lambda w: per_word[w])
    every_search = [ms for samples in warm["search_ms"].values() for ms in samples]
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("project", "contact", "deadline")
        }
    return {
        "store": str(db),
        "store_rows": counts,
        "runs": runs,
        "board_ms": round(statistics.median(warm["board_ms"]), 1),
        "target_board_ms": TARGET_BOARD_MS,
        "board_max_ms": round(max(warm["board_ms"]), 1),
        "board_cpu_ms": round(statistics.median(warm["board_cpu_ms"]), 1),
        "board_rows": warm["board_rows"],
        "search_ms": per_word[slowest],
        "target_search_ms": TARGET_SEARCH_MS,
        "search_cpu_ms": round(statistics.median(warm["search_cpu_ms"][slowest]), 1),
        "search_slowest_word": slowest,
        "search_all_median_ms": round(statistics.median(every_search), 1),
        "search_words_ms": per_word,
        "search_hits": warm["search_hits"],
        # Not figures: how they were measured (a dict, which run_all.py does not list).
        "settings": {"search_limit": SEARCH_LIMIT, "roundtrips": roundtrips},
        "roundtrip_s": trip.pop("roundtrip_s"),
        "target_roundtrip_s": TARGET_ROUNDTRIP_S,
        **trip,
        # Other work on the machine inflates every wall time above.
        "load_avg_1m": load,
    }


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed calls of each (median)")
    parser.add_argument("--roundtrips", type=int, default=1, help="export + import (median)")
    parser.add_argument("--db", type=Path, help="an existing store (default: generated)")
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--deadlines", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--word", action="append", help="search for this (repeatable)")
    parser.add_argument("--profile", action="store_true", help="where the time goes (stderr)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.runs < 1 or args.roundtrips < 1:
        parser.error("--runs and --roundtrips must be at least 1")
    if args.db is not None:
        db = args.db.expanduser().absolute()
        if not db.is_file():
            parser.error(f"{db} does not exist")
    else:
        db = cached_store(args.projects, args.contacts, args.deadlines, args.seed)
    words = tuple(args.word) if args.word else WORDS
    r = measure(db, args.runs, args.roundtrips, words, args.profile)
    if args.json:
        print(json.dumps(r))
        return 0
    rows = r["store_rows"]
    b = r["board_rows"]
    print(
        f"store: {rows['project']} projects, {rows['contact']} contacts, "
        f"{rows['deadline']} deadlines; medians of {r['runs']} warm calls; "
        f"load average {r['load_avg_1m']:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"(a) board                        {r['board_ms']:8.1f} ms  "
        f"(target < {TARGET_BOARD_MS:.0f} ms: {_verdict(r['board_ms'], TARGET_BOARD_MS)})"
    )
    print(
        f"      CPU {r['board_cpu_ms']:.0f} ms · slowest call {r['board_max_ms']:.0f} ms · "
        f"{b['alarms']} alarm bells, "
        f"{b['chase']} to chase, {b['waiting']} waiting, {b['time']} time rows"
    )
    print(
        f"(b) search, slowest word         {r['search_ms']:8.1f} ms  "
        f"(target < {TARGET_SEARCH_MS:.0f} ms: {_verdict(r['search_ms'], TARGET_SEARCH_MS)})"
    )
    print(f"      CPU {r['search_cpu_ms']:.0f} ms for {r['search_slowest_word']!r}")
    print(
        "      "
        + " · ".join(
            f"{w!r} {ms:.0f} ms ({r['search_hits'][w]} shown)"
            for w, ms in r["search_words_ms"].items()
        )
        + f"; limit {r['settings']['search_limit']}"
    )
    print(
        f"(c) export json + import json    {r['roundtrip_s']:8.2f} s   "
        f"(target < {TARGET_ROUNDTRIP_S:.0f} s: "
        f"{_verdict(r['roundtrip_s'], TARGET_ROUNDTRIP_S)})"
    )
    print(
        f"      export {r['export_s']:.2f} s ({r['export_file_mb']:.0f} MB file, peak "
        f"{r['export_peak_rss_mb']:.0f} MB) · import {r['import_s']:.2f} s (peak "
        f"{r['import_peak_rss_mb']:.0f} MB) · re-export {r['reexport_s']:.2f} s"
    )
    if r["roundtrip_mismatches"]:
        print("      the re-export DIFFERS from the export:")
        for line in r["roundtrip_mismatches"]:
            print(f"        {line}")
    else:
        print("      the re-export equals the export (apart from exported_at)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
