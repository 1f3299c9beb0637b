"""The examples of docs/cli.md are what relay prints: every `$ relay …` example is replayed,
in document order, and its output and exit status compared exactly.

docs/cli.md says how its examples were made: on Monday 23 November 2026, on a machine set
to UTC, against throwaway stores under `/tmp/docs-demo/`. The replay does the same, with
the clock moved to that morning (`time_machine`, ticking; the times of the files written
are moved too) and `/tmp/docs-demo` (and `/tmp/docs2`, where some files are written)
replaced by folders of the test. The command line runs in this process
(`relay_tui.cli.main`, as the `relay` program does), with stdout and stderr captured.

Which store an example uses, when the page leaves `--db` out, is said per section in
STORE_OF_SECTION. A few examples need a situation set up first (SITUATIONS), and a few
cannot be replayed at all (NOT_REPLAYED, each with its reason): they are reported as
skipped with that reason, never dropped. An example of a section this file does not know,
or of a command other than `relay`, fails until it is added to one of these tables.
"""

from __future__ import annotations

import gc
import io
import os
import random
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

import relay_tui.sqlite_files as sqlite_files
from relay_tui.cli import main
from relay_tui.db import location_for_path, open_store
from relay_tui.demo import seed_demo

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"

#: The morning the examples were run, in UTC: the empty store's examples at 10:35, the
#: sample store's (seeded at 11:45) at 11:50.
MORNING = datetime(2026, 11, 23, 10, 35, tzinfo=UTC)
DEMO_SEEDED = datetime(2026, 11, 23, 11, 45, tzinfo=UTC)
DEMO_MORNING = datetime(2026, 11, 23, 11, 50, tzinfo=UTC)

#: The real clock, when time_machine has moved the other.
REAL_TIME = time_machine.escape_hatch.time.time

#: Who runs relay: the sample store's validations were recorded by `ann`.
LOGIN = "ann"

# --- the examples ---------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    section: str  # the `##` or `###` heading it is under
    number: int  # 1, 2, … within the section
    line: int  # of its `$ ` line in docs/cli.md
    command: str
    expected: str  # what it printed, stdout and stderr, without the `[exit N]` line
    status: int | None  # None when the page shows no `[exit N]` (a pipeline, a script)

    @property
    def key(self) -> tuple[str, str, str]:
        """How the tables below name it: section, command, first line printed."""
        return (self.section, self.command, self.expected.partition("\n")[0])

    @property
    def id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.section.lower()).strip("-")
        return f"{slug}-{self.number}"


def read_examples(text: str) -> list[Example]:
    """Every `$ ` example of the page's plain code blocks, in document order."""
    examples: list[Example] = []
    section = ""
    fence: str | None = None
    current: list[str] | None = None  # the command, then what it printed
    counts: dict[str, int] = {}

    def finish(status: int | None) -> None:
        nonlocal current
        if current is None:
            return
        command, *printed = current
        while printed and not printed[-1].strip():
            printed.pop()
        counts[section] = counts.get(section, 0) + 1
        examples.append(
            Example(section, counts[section], start, command, "\n".join(printed), status)
        )
        current = None

    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if fence is None:
            if heading := re.match(r"#{2,3} (.+)", line):
                section = heading[1].strip()
            elif line.startswith("```"):
                fence = line[3:].strip()
            continue
        if line.startswith("```"):
            finish(None)
            fence = None
        elif fence:  # a ```json or ```markdown excerpt of a file, not a command
            continue
        elif line.startswith("$ "):
            finish(None)
            current, start = [line[2:]], number
        elif current is not None and (done := re.fullmatch(r"\[exit (\d+)\]", line)):
            finish(int(done[1]))
        elif current is not None:
            current.append(line)
    return examples


EXAMPLES = read_examples(DOC.read_text(encoding="utf-8"))

# --- where each example runs ----------------------------------------------------------

EMPTY, DEMO = "relay.db", "demo.db"
#: The store of the corrections and deletions: a copy of the sample store of their own.
FIXES = "demo-fixes.db"
#: The store of the examples that leave `--db` out, by section (docs/cli.md, top). The
#: sample store's examples were run listings first, then the commands that write; each
#: chain of writes gets its own copy of the sample store instead, so that every listing
#: sees the store as it was before them.
STORE_OF_SECTION = {
    "Global options": EMPTY,
    "client add": EMPTY,
    "client list": EMPTY,
    "project add": EMPTY,
    "project list": EMPTY,
    "project frame": "frame.db",
    "capture": EMPTY,
    "contact list": DEMO,
    "remind": DEMO,
    "chase": "demo-chase.db",
    "deadline add": EMPTY,
    "deadline done": EMPTY,
    "undo": EMPTY,
    "deadline list": DEMO,
    "validation request": "demo-validation.db",
    "validation done": "demo-validation.db",
    "validation reopen": "demo-validation.db",
    "validation list": "demo-validation.db",
    "risk add": EMPTY,
    "risk list": DEMO,
    "time log": EMPTY,
    "time list": DEMO,
    "incident": "incidents.db",
    "board": DEMO,
    "report": "demo-report.db",  # --sent writes: a copy of its own
    "retro": DEMO,
    "export json": EMPTY,
    "export ics": DEMO,
    "export craft": DEMO,
    "export commitments and kickoff": DEMO,
    "import json": EMPTY,
    "backup": EMPTY,
    "check": EMPTY,
    "backup list": EMPTY,
    "backup restore": EMPTY,
    "team setup": EMPTY,
    "completion": DEMO,
    "contact edit and delete": FIXES,
    "time edit and delete": FIXES,
    "deadline edit and delete": FIXES,
    "validation edit and withdraw": FIXES,
    "risk edit and delete": FIXES,
    "client edit and delete": FIXES,
    "project edit and delete": FIXES,
    "Errors and exit statuses": EMPTY,
}

#: The stores the page describes without showing how they were filled, made here with
#: relay's own commands: "Site", "Site v2" and "Shop"; a single active project "Site"
#: (twice: `project frame` changes its own).
PREPARED: dict[str, list[list[str]]] = {
    "resolve.db": [
        ["client", "add", "Atelier Dupont"],
        ["project", "add", "Site", "--client", "atelier"],
        ["project", "add", "Site v2", "--client", "atelier"],
        ["project", "add", "Shop", "--client", "atelier"],
    ],
    "single.db": [
        ["client", "add", "Atelier Dupont"],
        ["project", "add", "Site", "--client", "atelier"],
    ],
    "incidents.db": [
        ["client", "add", "Marie Lambert", "--channel", "phone"],
        ["project", "add", "Bakery website", "--client", "marie"],
    ],
    "frame.db": [
        ["client", "add", "Atelier Dupont"],
        ["project", "add", "Site", "--client", "atelier"],
    ],
}
SAMPLE_STORES = (DEMO, "demo-chase.db", "demo-validation.db", "demo-report.db", FIXES)

#: The damaged store of `backup`, `check` and `backup restore` (docs/cli.md says how it was
#: made, where `backup` first uses it): the sample data seeded on Saturday 21 November; a
#: contact captured on Sunday 22 November at 18:40, which made that day's backup; then
#: 4 KiB of random bytes written over the first page of the time entries (their table's
#: root page), as tests/reliability/test_backups_and_check.py does. Every step is fixed
#: (stopped clocks, a seeded random), so the file is the same on every run, and so is
#: what SQLite finds.
DAMAGED = "damaged.db"
DAMAGED_SEEDED = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)
DAMAGED_BACKED_UP = datetime(2026, 11, 22, 18, 40, tzinfo=UTC)
DAMAGED_BACKUP_MADE_BY = ["capture", "Sent the last photos", "-p", "bakery"]
DAMAGE_SEED, DAMAGE_BYTES = 12, 4096

Key = tuple[str, str, str]

#: Examples that cannot be replayed, with the reason. Reviewed: keep it short.
NOT_REPLAYED: dict[Key, str] = {
    (
        "Errors and exit statuses",
        "relay time log 1h -p lune",
        "relay: interrupted; nothing was written",
    ): "Ctrl+C pressed while relay waits for a locked store; "
    "tests/reliability/test_interrupts.py covers it",
    (
        "Errors and exit statuses",
        "relay capture 'Called back about the logos' -p lune -c phone",
        "relay: interrupted, but contact #7 was saved before that (it is in the store: "
        "do not enter it again)",
    ): "Ctrl+C pressed as the contact is saved; tests/reliability/test_interrupts.py covers it",
    (
        "Speed",
        ".venv/bin/python -c \"import sys; from relay_tui.cli import main; main(['--db', "
        "'/tmp/docs-demo/relay.db', 'capture', 'Quick check', '-p', 'lune']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'argparse', 'sqlalchemy', "
        "'sqlmodel', 'pydantic', 'textual', 'alembic'}))\"",
        "Captured #6 on Lune menu cards: email to the client, Mon 23 Nov 10:36",
    ): "counts a fresh interpreter's imports; tests/cli/test_fast_capture.py checks them",
    **{
        ("capture --mail", f"relay capture --mail{extra}", first): "reads a mail on stdin; "
        "tests/cli/test_mail_cli.py runs the same cases"
        for extra, first in (
            (
                " < reply.eml",
                "Captured #1 on Dupont website: email from the client, Mon 23 Nov 08:12",
            ),
            (
                " < reply.eml",
                "Already logged as #1 on Dupont website, Mon 23 Nov 08:12: nothing written",
            ),
            (
                " < newsletter.eml",
                "relay: error: mail: no client or key actor has the address "
                "someone@elsewhere.example; say which project with -p",
            ),
            (
                " -p lune < newsletter.eml",
                "Captured #2 on Lune menu cards: email from the client, Mon 23 Nov 08:00",
            ),
        )
    },
    (
        "import mail",
        "relay import mail clients.mbox",
        "Mails: 3 logged, 0 already there, 1 skipped (not with a known client), 1 unreadable",
    ): "reads a mailbox made for it; tests/cli/test_mail_cli.py and tests/services/test_mail.py "
    "cover it",
    (
        "Speed",
        ".venv/bin/python benchmarks/capture.py",
        "sqlite3 one-row script  median    30.2 ms",
    ): "a benchmark: its timings differ on every run",
}

#: The team examples on a PostgreSQL server: tests/server/test_team_setup.py replays them.
TEAM_SECTIONS = ("team setup", "team add-member")

#: An example that needs a situation: the clock stopped at an instant it shows, a store
#: of its own, a lock held by another program.
SITUATIONS: dict[Key, str] = {
    (
        "client list",
        "relay client list",
        "No clients yet. Add one with: relay client add NAME",
    ): "empty store",
    (
        "validation reopen",
        "relay validation reopen 2 --reason 'Marie wants the opening hours on the home page'",
        "Validation #2 reopened; change request #1 recorded: Marie wants the opening hours "
        "on the home page",
    ): "stopped clock",
    (
        "backup restore",
        "relay --db /tmp/docs-demo/damaged.db backup restore "
        "/tmp/docs-demo/damaged.db-backups/2026-11-22.db",
        "Restored the store /tmp/docs-demo/damaged.db from "
        "/tmp/docs-demo/damaged.db-backups/2026-11-22.db",
    ): "stopped clock",
    (
        "Errors and exit statuses",
        "relay capture 'Called back about the logos' -p lune -c phone",
        "relay: error: /tmp/docs-demo/relay.db stayed locked by another program for more "
        "than 10 s. Close it or try again in a moment.",
    ): "locked store",
}

#: The instants of the "stopped clock" examples, by section. The reopening: `validation
#: list --json` shows it to the microsecond. The restore: the copy kept of the store is
#: named after it to the second.
REOPENED_AT = datetime(2026, 11, 23, 11, 50, 1, 481885, tzinfo=UTC)
STOPPED_AT = {
    "validation reopen": REOPENED_AT,
    "backup restore": datetime(2026, 11, 23, 10, 41, 26, tzinfo=UTC),
}


def _not_replayed(example: Example) -> str | None:
    if example.section in TEAM_SECTIONS and "postgresql" in example.command:
        return "needs a PostgreSQL server: tests/server/test_team_setup.py replays it"
    return NOT_REPLAYED.get(example.key)


# --- the replay -----------------------------------------------------------------------


@dataclass
class Printed:
    stdout: str
    stderr: str
    status: int

    @property
    def text(self) -> str:
        return (self.stdout + self.stderr).rstrip("\n")


class Replay:
    """The stores and clocks of the page, in a folder of the test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # `/tmp/docs-demo` becomes a folder with a name as long (`/tmp/d` and 8 letters),
        # so that the columns relay sizes to fit a path line up as on the page.
        self.demo = Path(tempfile.mkdtemp(prefix="d", dir="/tmp"))
        self.folders = {"/tmp/docs-demo": self.demo, "/tmp/docs2": root / "docs2"}
        self.folders["/tmp/docs2"].mkdir()
        # One ticking clock per store, started at the morning it was used.
        self._started: dict[str, float] = {}

    def localise(self, text: str) -> str:
        for folder, path in self.folders.items():
            text = text.replace(folder, str(path))
        return text

    def clock(self, store: str) -> AbstractContextManager[object]:
        base = DEMO_MORNING if store.startswith("demo") else MORNING
        started = self._started.setdefault(store, time.perf_counter())
        elapsed = time.perf_counter() - started
        return time_machine.travel(base.timestamp() + elapsed, tick=True)

    def relay(self, argv: list[str]) -> Printed:
        out, err = io.StringIO(), io.StringIO()
        started = REAL_TIME()
        with redirect_stdout(out), redirect_stderr(err), _from_a_script():
            status = main(argv)
        gc.collect()  # a process would end here: close the connections it left open
        self._stamp(started, time.time())
        return Printed(out.getvalue(), err.getvalue(), status)

    def _stamp(self, started: float, now: float) -> None:
        """The system stamps the files written with the real time: give them the time of
        the moved clock instead (`backup list` shows when a backup was made)."""
        for folder in self.folders.values():
            for path in folder.rglob("*"):
                if path.is_file() and path.stat().st_mtime >= started:
                    os.utime(path, (now, now))

    def prepare(self) -> None:
        # Another program's file, which some examples give as a store or a backup.
        (self.demo / "notes.txt").write_text("Call Marie back about the logos.\n" * 4)
        for name, commands in PREPARED.items():
            with self.clock(name):
                for command in commands:
                    done = self.relay(["--db", str(self.demo / name), *command])
                    assert done.status == 0, done.text
        with time_machine.travel(DEMO_SEEDED, tick=False), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # SQLModel's advice to demo.py
            for name in SAMPLE_STORES:
                store = open_store(location_for_path(self.demo / name), user=LOGIN)
                try:
                    seed_demo(store)
                finally:
                    store.close()
        self._make_damaged(self.demo / DAMAGED)

    def _make_damaged(self, path: Path) -> None:
        """The recipe of DAMAGED. The file times are those of the stopped clocks: `check`
        names the backup to restore with the time it was made."""
        started = time.time()  # the real clock: no clock is moved here
        with time_machine.travel(DAMAGED_SEEDED, tick=False), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            store = open_store(location_for_path(path), user=LOGIN)
            try:
                seed_demo(store)
            finally:
                store.close()
            gc.collect()
        self._stamp(started, DAMAGED_SEEDED.timestamp())
        with time_machine.travel(DAMAGED_BACKED_UP, tick=False):
            done = self.relay(["--db", str(path), *DAMAGED_BACKUP_MADE_BY])
        assert done.status == 0, done.text
        # Everything is in the file itself (no write-ahead log left), where the bytes go.
        assert not path.with_name(path.name + "-wal").exists()
        with sqlite3.connect(path) as conn:  # the first page of the time entries
            (root,) = conn.execute(
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'time_entry'"
            ).fetchone()
        conn.close()
        with open(path, "r+b") as handle:
            handle.seek((root - 1) * DAMAGE_BYTES)  # pages of 4 KiB
            handle.write(random.Random(DAMAGE_SEED).randbytes(DAMAGE_BYTES))

    def run(self, example: Example) -> Printed:
        situation = SITUATIONS.get(example.key)
        argv = shlex.split(self.localise(example.command))
        pipeline: list[str] = []
        if "|" in argv:
            at = argv.index("|")
            argv, pipeline = argv[:at], argv[at + 1 :]
        assert argv[0] == "relay", f"no way to replay {example.command!r}"
        argv = argv[1:]
        store = STORE_OF_SECTION.get(example.section)
        if "--db" not in argv:
            assert store, f"which store does section {example.section!r} use? (STORE_OF_SECTION)"
            if situation == "empty store":
                store = f"empty-{example.number}.db"
            argv = ["--db", str(self.demo / store), *argv]
        where = Path(argv[1])
        with self.clock(store or where.name), self._situation(situation, example, where):
            printed = self.relay(argv)
        if pipeline:
            if shutil.which(pipeline[0]) is None:
                pytest.skip(f"{pipeline[0]} is not installed")
            piped = subprocess.run(
                pipeline, input=printed.stdout, capture_output=True, text=True, timeout=60
            )
            printed = Printed(piped.stdout, printed.stderr + piped.stderr, piped.returncode)
        return printed

    @contextmanager
    def _situation(self, situation: str | None, example: Example, store: Path) -> Iterator[None]:
        if situation == "stopped clock":
            with time_machine.travel(STOPPED_AT[example.section], tick=False):
                yield
        elif situation == "locked store":
            with _locked(store):
                yield
        else:
            yield


@contextmanager
def _from_a_script() -> Iterator[None]:
    """The examples were run from a script: stdin is not a terminal, whatever runs the
    tests (`relay project delete` asks only on a terminal)."""
    saved = sys.stdin
    sys.stdin = io.StringIO()
    try:
        yield
    finally:
        sys.stdin = saved


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Another program holds an exclusive lock on the store; relay waits 1 s instead of 10
    (`expected` says so)."""
    holder = sqlite3.connect(path, isolation_level=None)
    saved = sqlite_files.BUSY_TIMEOUT_MS
    try:
        holder.execute("BEGIN EXCLUSIVE")
        sqlite_files.BUSY_TIMEOUT_MS = 1000
        yield
    finally:
        sqlite_files.BUSY_TIMEOUT_MS = saved
        holder.execute("ROLLBACK")
        holder.close()


def expected_of(example: Example, replay: Replay) -> str:
    text = replay.localise(example.expected)
    if SITUATIONS.get(example.key) == "locked store":
        text = text.replace("for more than 10 s.", "for more than 1 s.")
    return text


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """Every example, replayed once in document order: what it printed, or why not."""
    root = tmp_path_factory.mktemp("docs")
    results: dict[str, object] = {}
    with pytest.MonkeyPatch.context() as patch:
        home = root / "home"
        patch.setenv("XDG_DATA_HOME", str(home / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        patch.setenv("RELAY_CONFIG", str(home / "config" / "relay" / "settings.toml"))
        for variable in ("RELAY_DB", "RELAY_DEBUG"):
            patch.delenv(variable, raising=False)
        for variable in ("LOGNAME", "USER"):
            patch.setenv(variable, LOGIN)
        patch.setenv("TZ", "UTC")
        time.tzset()
        replay = Replay(root)
        try:
            replay.prepare()
            # What is alive now lives to the end: the collection after each command (the
            # end of its process) looks only at what the command left.
            gc.freeze()
            for example in EXAMPLES:
                if (why := _not_replayed(example)) is not None:
                    results[example.id] = why
                    continue
                try:
                    results[example.id] = (replay.run(example), expected_of(example, replay))
                except pytest.skip.Exception as skipped:
                    results[example.id] = str(skipped)
                except Exception as exc:  # that example fails, the others are still replayed
                    results[example.id] = exc
            yield results
        finally:
            shutil.rmtree(replay.demo, ignore_errors=True)
            gc.unfreeze()
            patch.undo()
            time.tzset()


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_the_example_prints_what_the_page_shows(
    example: Example, replayed: dict[str, object]
) -> None:
    result = replayed[example.id]
    if isinstance(result, str):
        pytest.skip(f"not replayed: {result}")
    if isinstance(result, Exception):
        raise result
    printed, expected = result  # type: ignore[misc]
    assert isinstance(printed, Printed)
    assert printed.text == expected, f"docs/cli.md line {example.line}: {example.command}"
    if example.status is not None:
        assert printed.status == example.status, f"docs/cli.md line {example.line}"
    # What the page shows as relay's own lines went to stderr, the rest to stdout.
    assert not [line for line in printed.stdout.splitlines() if line.startswith("relay: ")]


def test_the_page_has_its_examples_and_the_tables_name_only_real_ones() -> None:
    assert len(EXAMPLES) >= 100
    assert all(example.command.strip() for example in EXAMPLES)
    keys = {example.key for example in EXAMPLES}
    assert set(NOT_REPLAYED) <= keys, set(NOT_REPLAYED) - keys
    assert set(SITUATIONS) <= keys, set(SITUATIONS) - keys
    sections = {example.section for example in EXAMPLES}
    assert set(STORE_OF_SECTION) <= sections, set(STORE_OF_SECTION) - sections


def test_the_moved_clock_is_the_one_relay_reads(tmp_path: Path) -> None:
    """relay reads the time as `datetime.now(UTC)`, local dates and times through
    `.astimezone()` and `date.today()`; the TZ is UTC (conftest). File times are the
    system's: Replay._stamp moves them."""
    time.tzset()  # TZ=UTC from conftest
    replay = Replay(tmp_path)
    try:
        with replay.clock(EMPTY):
            now = datetime.now(UTC)
            assert MORNING <= now < MORNING + timedelta(minutes=1)
            assert datetime.now().astimezone().utcoffset() == timedelta(0)
            assert now.astimezone().strftime("%a %d %b %H:%M") == "Mon 23 Nov 10:35"
            assert date.today() == MORNING.date()
    finally:
        shutil.rmtree(replay.demo)
