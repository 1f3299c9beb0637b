"""Does relay hold up on a large store: board work, searches, export + import?

On the store of the scale (`--scale 1|10`, see _stores.py) or `--db STORE`:

  (a) board work: `services.board.board(store, today)`, what the Board screen computes,
      in a fresh child process, warm: one unmeasured call first (imports, SQLAlchemy's
      compiled-statement cache, SQLite's pages), and the process as the app's is once
      its first screen shows (`services.warming.prepare`: the services imported, then
      frozen out of the cyclic collector's sight), then the median of --runs calls; the
      board *screen*, painted, is startup.py's;
  (b) search: `services.contacts.search_contacts(store, text, limit=200)`, what the
      contacts tab's search box calls (across all projects), in the same child, warm,
      for three words read from the store's full-text index: the word in the most
      contacts, the rarest word, and a word in none (the search that scans everything);
      each word is a figure of its own;
  (c) round trip: `relay export json` of the whole store, then `relay --db NEW import
      json` of that file into a new, empty store, each in a fresh process through the
      command line's entry point, wall time including interpreter start-up, as a user
      waits for them (the figure: their sum; median of --roundtrips), and the import's
      peak memory (ru_maxrss of the process); then the new store is exported again and
      must equal the first export apart from `exported_at` (the differences are listed).

The children run with bytecode caches allowed, as an installed relay runs.

    python benchmarks/scale.py [--scale 1|10] [--db STORE] [--runs 7] [--roundtrips 1]
                               [--json] [--profile]

--profile also prints, on stderr, where the board's and the slowest search's time goes:
a cProfile summary and every SQL statement they run, timed alone in SQLite, with its
EXPLAIN QUERY PLAN.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _stores import add_store_arguments, child_env, counts, search_words, store_for
from _table import report

#: The issue's targets, by scale.
TARGETS = {
    1: {"board_ms": 50, "search_ms": 20, "roundtrip_s": 5, "import_peak_mb": None},
    10: {"board_ms": 100, "search_ms": 50, "roundtrip_s": 45, "import_peak_mb": 300},
}
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
# As the app's process is once its first screen shows: the services imported and what
# is imported frozen out of the cyclic collector's sight (`warming.prepare`).
from relay_tui.services.warming import prepare

prepare()


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


def _mismatches(first: Path, second: Path) -> list[str]:
    """What differs between two exports, apart from `exported_at` (empty when equal).

    Line by line: an export holds one record a line, and the huge store's export is
    hundreds of megabytes, too big to load twice into this process."""
    stamp = re.compile(r'"exported_at":"[^"]*"')
    table = re.compile(r'^"(\w+)":\[$')
    differing: dict[str, int] = {}
    examples: dict[str, str] = {}
    current = "header"
    with first.open(encoding="utf-8") as a, second.open(encoding="utf-8") as b:
        for x, y in itertools.zip_longest(a, b):
            if x is not None and (found := table.match(x.strip())):
                current = found.group(1)
            if x is None or y is None:
                differing[current] = differing.get(current, 0) + 1
                examples.setdefault(current, "one export has more lines")
                continue
            if current == "header":
                x, y = stamp.sub("", x), stamp.sub("", y)
            if x != y:
                differing[current] = differing.get(current, 0) + 1
                examples.setdefault(current, f"{x.strip()[:120]} -> {y.strip()[:120]}")
    return [f"{name}: {n} lines differ (first: {examples[name]})" for name, n in differing.items()]


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
        mismatches = _mismatches(first, again)
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
    db: Path, scale: int, runs: int, roundtrips: int, profile: bool = False
) -> dict[str, Any]:
    target = TARGETS[scale]
    words = search_words(db)
    warm = _warm(db, runs, tuple(w for w, _ in words.values()), profile)
    trip = roundtrip(db, roundtrips)
    figures: list[dict[str, Any]] = [
        {
            "figure": "board work",
            "unit": "ms",
            "strict": True,
            "value": round(statistics.median(warm["board_ms"]), 1),
            "target": target["board_ms"],
        },
    ]
    for kind, (word, held) in words.items():
        ms = warm["search_ms"][word]
        figures.append(
            {
                "figure": f"search, {kind} word {word!r} ({held} contacts)",
                "unit": "ms",
                "value": round(statistics.median(ms), 1),
                "target": target["search_ms"],
                "strict": True,
            }
        )
    figures += [
        {
            "figure": "export + import json",
            "unit": "s",
            "value": trip["roundtrip_s"],
            "target": target["roundtrip_s"],
            "strict": True,
        },
        {
            "figure": "import json peak memory",
            "unit": "MB",
            "value": trip["import_peak_rss_mb"],
            "target": target["import_peak_mb"],
            "strict": True,
        },
        {
            "figure": "re-export equals the export",
            "value": None,
            "offenders": trip["roundtrip_mismatches"],
        },
    ]
    b = warm["board_rows"]
    notes = [
        f"board: {b['alarms']} alarm bells, {b['chase']} to chase, {b['waiting']} waiting, "
        f"{b['time']} time rows; CPU {statistics.median(warm['board_cpu_ms']):.0f} ms",
        f"export {trip['export_s']:.2f} s ({trip['export_file_mb']:.0f} MB file, peak "
        f"{trip['export_peak_rss_mb']:.0f} MB) · import {trip['import_s']:.2f} s · "
        f"re-export {trip['reexport_s']:.2f} s",
        "search hits shown (limit "
        + str(SEARCH_LIMIT)
        + "): "
        + ", ".join(f"{w!r} {n}" for w, n in warm["search_hits"].items()),
    ]
    return {
        "store": str(db),
        "store_rows": counts(db),
        "scale": scale,
        "runs": runs,
        "figures": figures,
        "notes": notes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_arguments(parser)
    parser.add_argument("--runs", type=int, default=7, help="timed calls of each (median)")
    parser.add_argument("--roundtrips", type=int, default=1, help="export + import (median)")
    parser.add_argument("--profile", action="store_true", help="where the time goes (stderr)")
    args = parser.parse_args()
    if args.runs < 1 or args.roundtrips < 1:
        parser.error("--runs and --roundtrips must be at least 1")
    db = store_for(args, parser)
    result = measure(db, args.scale, args.runs, args.roundtrips, args.profile)
    return report(result, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
