"""Promise 3 of issue 7: bad input never crashes and never half-writes.

Hypothesis drives every command of the command line in-process (`relay_tui.cli.main`)
and every write service with generated arguments: odd dates, huge and empty strings,
control characters, right-to-left text, emoji, text that looks like SQL, numbers out of
range, unknown ids. For each example:

* the command returns its exit status: 0, or 2 for refused input (1 is for store
  problems, which cannot happen here);
* a refusal is exactly one line on stderr, `relay: error: FIELD: message`, naming a field
  the command has (argparse's own usage errors name the argument);
* no traceback anywhere;
* a refused command leaves every row of the store as it was;
* a service either succeeds or raises a `RelayError` whose `.field` is set, with nothing
  written.

Inputs that a terminal cannot produce are left out of the general properties: NUL
(argv is made of C strings). Each class of input that once broke a promise has its own
regression test at the end of this file, one per bug, besides being generated here.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from relay_tui.cli import main
from relay_tui.db import Store, location_for_path, open_store
from relay_tui.errors import RelayError
from relay_tui.services import (
    actors,
    chasing,
    commitments,
    craft,
    deadlines,
    handover,
    incidents,
    profiles,
    projects,
    retro,
    risks,
    validations,
)
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline, mark_done
from relay_tui.services.projects import add_project
from relay_tui.services.risks import add_risk
from relay_tui.services.timelog import log_time
from tests.conftest import FIXED_NOW, table_counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


#: Hypothesis keeps caches in `.hypothesis/`: outside the working tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "relay-tests-hypothesis")


#: RELAY_PROPERTY_SCALE=10 runs ten times as many examples (a deeper, slower search).
SCALE = max(1, int(os.environ.get("RELAY_PROPERTY_SCALE", "1") or 1))


def examples(count: int) -> settings:
    return settings(
        max_examples=count * SCALE,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


# --- generated input ----------------------------------------------------------------------

#: Line breaks, as str.splitlines() sees them.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

#: What a terminal can put in argv: any character (control characters, line breaks and
#: digits that are not decimals such as `²` or `①` included) but NUL. Lone surrogates
#: (invalid UTF-8 in argv) are left to test_invalid_utf8_in_argv_is_refused.
CHARACTERS = st.characters(codec="utf-8", exclude_characters="\x00")

NASTY = [
    "",
    " ",
    " \t\n ",
    "x",
    "'; DROP TABLE contact; --",
    "Robert'); DROP TABLE project; --",
    "1 OR 1=1",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "*",
    "NEAR(",
    "a:b",
    "^x",
    "\u202eevil\u202c",
    "\u200f\u200e",
    "مرحبا بالعالم",
    "שלום עולם",
    "🙂",
    "👍🏽👨‍👩‍👧",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://x\x07",
    "\x07\x08\x7f",
    "\r\n",
    "a\tb",
    "[bold red]boom[/]",
    "[/]",
    "{0}",
    "%s%n",
    "NULL",
    "None",
    "-x",
    "--help",
    "-",
    "--",
    "#",
    "#1",
    "x" * 5000,
    "é" * 4001,
    "🙂" * 3000,
    "word " * 900,
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(CHARACTERS, max_size=40),
    st.integers(100, 6000).map(lambda n: "y" * n),
)

ODD_DATES = [
    "",
    " ",
    "today",
    "TODAY",
    "tomorrow",
    "yesterday",
    "now",
    "+0d",
    "+3d",
    "-3d",
    "+2w",
    "+ 3 d",
    "3d",
    "+3x",
    "+99999w",
    "-99999d",
    "+9999w",
    "-9999w",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-12-32",
    "2026-12-01T24:00",
    "2026-12-01T14:30",
    "2026-12-01 14:30",
    "2026-12-01T14:30Z",
    "2026-12-01T14:30+02:00",
    "2026-12-01T14:30+99:00",
    "2026-12-01T14:30:99",
    "14:30",
    "25:61",
    "1e10",
    "NaN",
    "9999999999-01-01",
    "٢٠٢٦-١٢-٠١",
    "２０２６-１２-０１",
    "\u202e2026-12-01",
    "yesterday'; DROP TABLE deadline; --",
]


@st.composite
def iso_like(draw: st.DrawFn) -> str:
    """ISO-looking dates, often out of range, in any year Python knows (1 to 9999)."""
    year = draw(st.integers(1, 9999))
    month = draw(st.integers(-1, 14))
    day = draw(st.integers(-1, 33))
    text = f"{year:04d}-{month:02d}-{day:02d}"
    if draw(st.booleans()):
        hour, minute = draw(st.integers(-1, 25)), draw(st.integers(-1, 61))
        text += draw(st.sampled_from(["T", " ", "t"])) + f"{hour:02d}:{minute:02d}"
        text += draw(st.sampled_from(["", "Z", "+02:00", "-23:59", "+24:00"]))
    return text


DATES = st.one_of(
    st.sampled_from(ODD_DATES),
    iso_like(),
    st.builds(
        lambda sign, amount, unit: f"{sign}{amount}{unit}",
        st.sampled_from(["+", "-", ""]),
        st.integers(0, 10**6),
        st.sampled_from(["d", "w", "m", "y", ""]),
    ),
    st.text(CHARACTERS, max_size=20),
)
NUMBERS = st.one_of(
    st.integers(-3, 8).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["", " ", "1.5", "1e3", "0x10", "NaN", "inf", "-0", "٣", "three", "5 ", "+5"]),
    TEXT,
)
#: Ids as typed: small (existing), unknown, negative, beyond 64 bits, junk.
IDS = st.one_of(
    st.integers(-3, 6).map(str),
    st.integers(0, 2**70).map(str),
    st.sampled_from(["#1", " 2 ", "1.0", "0x1", "one", "", "1,2", "٣"]),
    TEXT,
)
DURATIONS = st.one_of(
    st.sampled_from(["90", "1h30", "45m", "2h", "1:30", "0", "24h", "24h01", "25:00", "1h30m"]),
    st.sampled_from(["99999", "999h", "-5", "1:60", "h", "m", "1h1h", "٩٠", "1 h 30"]),
    NUMBERS,
)
CHANNELS = st.one_of(st.sampled_from(["email", "phone", "meeting", "chat", "other", "EMAIL"]), TEXT)


def mostly(valid: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Three times in four a value the command should accept, else an odd one: enough
    accepted commands to prove that what is accepted is written and readable."""
    return st.integers(0, 3).flatmap(lambda n: odd if n == 0 else valid)


#: Text the commands accept: anything but empty, too long or NUL, in any script.
PLAIN = st.one_of(
    st.text(CHARACTERS, min_size=1, max_size=40).filter(str.strip),
    st.sampled_from([t for t in NASTY if t.strip() and len(t) <= 120 and not t.startswith("-")]),
)
WORDING = mostly(PLAIN, TEXT)


#: Names in any script (capitals that SQLite's lower() does not fold included).
NAMES = WORDING
GOOD_DATES = st.one_of(
    st.sampled_from(["today", "yesterday", "tomorrow", "+3d", "-2w", "+1w", "2026-12-01"]),
    st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2100, 1, 1).date()).map(str),
)
PAST_DATES = st.sampled_from(["today", "yesterday", "-3d", "-2w", "2025-06-30", "2020-02-29"])
WHEN = mostly(GOOD_DATES, DATES)
PAST = mostly(PAST_DATES, DATES)


def scale(low: int, high: int) -> st.SearchStrategy[str]:
    return mostly(st.integers(low, high).map(str), NUMBERS)


def choice(*allowed: str) -> st.SearchStrategy[str]:
    return mostly(st.sampled_from(allowed), TEXT)


def option(
    name: str, values: st.SearchStrategy[str], required: bool = False
) -> st.SearchStrategy[list[str]]:
    """Absent (rarely, when `required`), `--name=value`, or `--name value` (argparse
    refuses a separate value that looks like an option, such as `-x`)."""
    given_ = st.one_of(
        values.map(lambda value: [f"{name}={value}"] if name.startswith("--") else [name, value]),
        values.map(lambda value: [name, value]),
    )
    if required:
        return mostly(given_, st.just([]))
    return st.one_of(st.just([]), given_)


def flag(name: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [name]])


@st.composite
def command(
    draw: st.DrawFn,
    words: list[str],
    options: dict[str, st.SearchStrategy[list[str]]],
    positional: st.SearchStrategy[str] | None = None,
) -> list[str]:
    """`words`, the options in a random order, then `-- POSITIONAL` (or it as is, or
    missing)."""
    parts = [draw(strategy) for strategy in options.values()]
    order = draw(st.permutations(range(len(parts))))
    argv = [*words, *(token for index in order for token in parts[index])]
    if positional is not None:
        value = draw(positional)
        argv += draw(mostly(st.sampled_from([["--", value], [value]]), st.just([])))
    return argv


PROJECT = option("-p", mostly(st.sampled_from(["1", "Website", "web", " 1 "]), IDS))
JSON = flag("--json")
TODAY = option("--today", WHEN)


@dataclass(frozen=True)
class Command:
    """A command line to try, the fields it may name, and whether it may write."""

    strategy: st.SearchStrategy[list[str]]
    fields: frozenset[str]
    writes: bool


def cmd(strategy: st.SearchStrategy[list[str]], fields: str, writes: bool) -> Command:
    return Command(strategy, frozenset(fields.split()), writes)


RECORDS = {
    "client add": cmd(
        command(
            ["client", "add"],
            {
                "--org": option("--org", WORDING),
                "--email": option("--email", mostly(st.just("marie@example.com"), TEXT)),
                "--phone": option("--phone", mostly(st.just("+33 6 12 34 56 78"), TEXT)),
                "--channel": option("--channel", choice("email", "phone", "chat")),
            },
            NAMES,
        ),
        "name org email phone channel",
        True,
    ),
    "project add": cmd(
        command(
            ["project", "add"],
            {
                "--client": option(
                    "--client", mostly(st.sampled_from(["1", "Acme", "ac"]), IDS), required=True
                ),
                "--kind": option("--kind", choice("corporate", "artistic", "friends", "other")),
                "--start": option("--start", WHEN),
                "--delivery": option("--delivery", WHEN),
                "--budget": option("--budget", mostly(st.sampled_from(["40h", "90"]), DURATIONS)),
                "--chase-delay": option("--chase-delay", scale(1, 60)),
                "--accountable": option("--accountable", mostly(st.just("yes"), st.just("maybe"))),
                "--event": option("--event", mostly(st.just("no"), st.just(""))),
                "--partial": option("--partial", mostly(st.just("yes"), st.just("YES"))),
            },
            NAMES,
        ),
        "name client kind start delivery budget chase_delay accountable event partial",
        True,
    ),
    "capture": cmd(
        command(
            ["capture"],
            {
                "-p": PROJECT,
                "-c": option("-c", choice("email", "phone", "meeting", "chat", "other")),
                "direction": st.sampled_from([[], ["--in"], ["--out"], ["--in", "--out"]]),
                "--awaiting": flag("--awaiting"),
                "--at": option("--at", mostly(st.sampled_from(["14:30", "-2d", "now"]), DATES)),
            },
            WORDING,
        ),
        "text project channel direction at awaiting",
        True,
    ),
    "deadline add": cmd(
        command(
            ["deadline", "add"],
            {
                "-p": PROJECT,
                "--due": option("--due", WHEN, required=True),
                "--kind": option("--kind", choice("documents", "validation", "delivery")),
                "--owner": option("--owner", choice("client", "provider")),
                "--margin": option("--margin", scale(0, 365)),
                "--after": option("--after", mostly(st.sampled_from(["1", "2"]), IDS)),
            },
            WORDING,
        ),
        "title project due kind owner margin after",
        True,
    ),
    "risk add": cmd(
        command(
            ["risk", "add"],
            {
                "-p": PROJECT,
                "--probability": option("--probability", scale(1, 5), required=True),
                "--impact": option("--impact", scale(1, 5), required=True),
                "--category": option("--category", choice("legal", "schedule", "scope")),
                "--mitigation": option("--mitigation", WORDING),
                "--owner": option("--owner", WORDING),
                "--review": option(
                    "--review", mostly(st.sampled_from(["+2w", "2030-01-01"]), DATES)
                ),
            },
            WORDING,
        ),
        "title project probability impact category mitigation owner review",
        True,
    ),
    "time log": cmd(
        command(
            ["time", "log"],
            {
                "-p": PROJECT,
                "--note": option("--note", WORDING),
                "--on": option("--on", PAST),
                "--category": option("--category", choice("work", "rework", "meetings", "admin")),
            },
            mostly(st.sampled_from(["90", "1h30", "45m", "2h", "1:30"]), DURATIONS),
        ),
        "duration project note on category",
        True,
    ),
    "validation request": cmd(
        command(["validation", "request"], {"-p": PROJECT, "--on": option("--on", PAST)}, WORDING),
        "deliverable project on",
        True,
    ),
}

UPDATES = {
    "deadline done": cmd(
        command(["deadline", "done"], {"--on": option("--on", PAST)}, mostly(st.just("1"), IDS)),
        "id on",
        True,
    ),
    "validation done": cmd(
        command(
            ["validation", "done"],
            {"--by": option("--by", WORDING, required=True), "--on": option("--on", PAST)},
            mostly(st.sampled_from(["1", "2"]), IDS),
        ),
        "id by on",
        True,
    ),
    "validation reopen": cmd(
        command(
            ["validation", "reopen"],
            {"--reason": option("--reason", WORDING, required=True)},
            mostly(st.sampled_from(["1", "2"]), IDS),
        ),
        "id reason",
        True,
    ),
    "chase -p": cmd(
        command(
            ["chase"],
            {
                "-p": PROJECT,
                "-c": option("-c", choice("email", "phone")),
                "--note": option("--note", WORDING),
            },
        ),
        "project channel note today",
        True,
    ),
}

#: The corrections take the options of the commands that add, all optional; the
#: deletions an id (a client or a project: with --yes, as no terminal can be asked).
RECORD_IDS = mostly(st.sampled_from(["1", "2", "#1"]), IDS)
CORRECTIONS = {
    "contact edit": cmd(
        command(
            ["contact", "edit"],
            {
                "--text": option("--text", WORDING),
                "-p": PROJECT,
                "-c": option("-c", choice("email", "phone", "meeting", "chat", "other")),
                "direction": st.sampled_from([[], ["--in"], ["--out"], ["--in", "--out"]]),
                "awaiting": st.sampled_from([[], ["--awaiting"], ["--not-awaiting"]]),
                "--at": option("--at", mostly(st.sampled_from(["14:30", "-2d", "now"]), DATES)),
            },
            RECORD_IDS,
        ),
        "id options text project channel direction at awaiting",
        True,
    ),
    "time edit": cmd(
        command(
            ["time", "edit"],
            {
                "--duration": option("--duration", DURATIONS),
                "-p": PROJECT,
                "--note": option("--note", WORDING),
                "--on": option("--on", PAST),
                "--category": option("--category", choice("work", "rework", "meetings", "admin")),
            },
            RECORD_IDS,
        ),
        "id options duration project note on category",
        True,
    ),
    "deadline edit": cmd(
        command(
            ["deadline", "edit"],
            {
                "--title": option("--title", WORDING),
                "--due": option("--due", WHEN),
                "--kind": option("--kind", choice("documents", "validation", "delivery")),
                "--owner": option("--owner", choice("client", "provider")),
                "--margin": option("--margin", scale(0, 365)),
                "after": st.one_of(option("--after", RECORD_IDS), flag("--no-after")),
            },
            RECORD_IDS,
        ),
        "id options title due kind owner margin after",
        True,
    ),
    "validation edit": cmd(
        command(
            ["validation", "edit"],
            {"--deliverable": option("--deliverable", WORDING), "--on": option("--on", PAST)},
            RECORD_IDS,
        ),
        "id options deliverable on",
        True,
    ),
    "risk edit": cmd(
        command(
            ["risk", "edit"],
            {
                "--title": option("--title", WORDING),
                "--probability": option("--probability", scale(1, 5)),
                "--impact": option("--impact", scale(1, 5)),
                "--category": option("--category", choice("legal", "schedule", "scope")),
                "--mitigation": option("--mitigation", WORDING),
                "--owner": option("--owner", WORDING),
                "--review": option(
                    "--review", mostly(st.sampled_from(["+2w", "2030-01-01"]), DATES)
                ),
                "--status": option("--status", choice("open", "mitigated", "closed")),
            },
            RECORD_IDS,
        ),
        "id options title probability impact category mitigation owner review status",
        True,
    ),
    "client edit": cmd(
        command(
            ["client", "edit"],
            {
                "--name": option("--name", NAMES),
                "--org": option("--org", WORDING),
                "--email": option("--email", mostly(st.just("marie@example.com"), TEXT)),
                "--phone": option("--phone", mostly(st.just("+33 6 12 34 56 78"), TEXT)),
                "--channel": option("--channel", choice("email", "phone", "chat")),
                "--notes": option("--notes", WORDING),
            },
            mostly(st.sampled_from(["1", "Acme", "ac"]), IDS),
        ),
        "id options client name org email phone channel notes",
        True,
    ),
    "project edit": cmd(
        command(
            ["project", "edit"],
            {
                "--name": option("--name", NAMES),
                "--client": option("--client", mostly(st.sampled_from(["1", "Acme"]), IDS)),
                "--kind": option("--kind", choice("corporate", "artistic", "friends", "other")),
                "--start": option("--start", WHEN),
                "--delivery": option("--delivery", WHEN),
                "--budget": option("--budget", mostly(st.sampled_from(["40h", "90"]), DURATIONS)),
                "--chase-delay": option("--chase-delay", scale(1, 60)),
            },
            mostly(st.sampled_from(["1", "Website", "web", "2"]), IDS),
        ),
        "id options project name client kind start delivery budget chase_delay",
        True,
    ),
    **{
        f"{kind} {action}": cmd(command([kind, action], {}, RECORD_IDS), "id", True)
        for kind, action in (
            ("contact", "delete"),
            ("time", "delete"),
            ("deadline", "delete"),
            ("validation", "withdraw"),
            ("risk", "delete"),
        )
    },
    **{
        f"{kind} delete": cmd(
            command([kind, "delete"], {"--yes": st.just(["--yes"])}, RECORD_IDS),
            f"id {kind}",
            True,
        )
        for kind in ("client", "project")
    },
}

READS = {
    "client list": cmd(command(["client", "list"], {"--json": JSON}), "", False),
    "project list": cmd(
        command(["project", "list"], {"--json": JSON, "--active": flag("--active")}), "", False
    ),
    "deadline list": cmd(
        command(["deadline", "list"], {"-p": PROJECT, "--json": JSON, "--today": TODAY}),
        "project today",
        False,
    ),
    "contact list": cmd(
        command(
            ["contact", "list"],
            {
                "-p": PROJECT,
                "--awaiting": flag("--awaiting"),
                "-c": option("-c", choice("email", "phone")),
                "--search": option("--search", WORDING),
                "--limit": option("--limit", scale(1, 10_000)),
                "--json": JSON,
            },
        ),
        "project channel search limit",
        False,
    ),
    "chase list": cmd(
        command(["chase"], {"--today": TODAY, "--json": JSON}), "project today", False
    ),
    "validation list": cmd(
        command(["validation", "list"], {"-p": PROJECT, "--json": JSON}), "project", False
    ),
    "risk list": cmd(command(["risk", "list"], {"-p": PROJECT, "--json": JSON}), "project", False),
    "time list": cmd(
        command(
            ["time", "list"],
            {"-p": PROJECT, "--limit": option("--limit", scale(1, 10_000)), "--json": JSON},
        ),
        "project limit",
        False,
    ),
    "board": cmd(command(["board"], {"--json": JSON, "--today": TODAY}), "today", False),
    "report": cmd(command(["report"], {"-p": PROJECT, "--today": TODAY}), "project today", False),
    "retro (the app)": cmd(command(["retro"], {"-p": PROJECT}), "project terminal", False),
    "the app": cmd(st.sampled_from([[], ["--demo"]]), "terminal db", False),
}

#: File names as typed: odd, long, in a missing folder, already there (`taken`), with
#: control characters or line breaks, starting with `~` (an unknown user's home).
FILE_NAMES = st.one_of(
    st.sampled_from(
        ["out", "taken", ".", "..", "", "missing/out", "a" * 300, "out.md", "~nosuchuser/out"]
    ),
    st.text(
        st.characters(codec="utf-8", exclude_characters="\x00/"),
        min_size=1,
        max_size=30,
    ),
)


def output(
    name: str = "-o", names: st.SearchStrategy[str] = FILE_NAMES
) -> st.SearchStrategy[list[str]]:
    if name.startswith("--"):
        return names.map(lambda file: [f"{name}={file}"])
    return names.map(lambda file: [name, file])


FILES = {
    "export json": cmd(command(["export", "json"], {"-o": output("--output")}), "output", False),
    "export ics": cmd(
        command(["export", "ics"], {"-p": PROJECT, "-o": output()}), "output project", False
    ),
    "export craft": cmd(command(["export", "craft"], {"-o": output()}), "output", False),
    **{
        f"export {name}": cmd(
            command(
                ["export", name],
                {
                    "-p": PROJECT,
                    "-o": output(names=st.one_of(st.just("-"), FILE_NAMES)),
                    "--force": flag("--force"),
                    "--today": TODAY,
                },
            ),
            "output project today",
            False,
        )
        for name in ("commitments", "kickoff")
    },
    "report -o": cmd(
        command(["report"], {"-p": PROJECT, "-o": output(), "--today": TODAY}),
        "output project today",
        False,
    ),
    "retro --export": cmd(
        command(["retro"], {"-p": PROJECT, "--export": output("--export")}),
        "output project",
        False,
    ),
    "import json": cmd(command(["import", "json"], {}, FILE_NAMES), "file store", False),
}


# --- the store and the checks ---------------------------------------------------------------


def seed(store: Store) -> dict[str, int]:
    """One client, one active project with a bit of everything, one closed-for-good
    project with a lesson; returns their ids."""
    now = FIXED_NOW
    client = add_client(store, {"name": "Acme"})
    project = add_project(
        store,
        {"name": "Website", "client": "Acme", "delivery_on": "2027-03-01", "budget_minutes": "40h"},
        now=now,
    )
    other = add_project(store, {"name": "Shop", "client": "Acme"}, now=now)
    pid = project.id
    assert pid is not None and other.id is not None and client.id is not None
    deadline = add_deadline(
        store, {"project": pid, "title": "Photos", "due_on": "-2d", "kind": "documents"}, now=now
    )
    add_deadline(
        store,
        {"project": pid, "title": "Launch", "due_on": "+9d", "after_id": deadline.id},
        now=now,
    )
    capture(
        store,
        {"project": pid, "summary": "Sent the mock-ups", "awaiting_reply": True, "at": "-6d"},
        now=now,
    )
    asked = validations.request_validation(
        store, pid, {"deliverable": "Mock-ups", "requested_on": "-5d"}, now=now
    )
    validations.validate_deliverable(
        store, asked.id, {"validated_by": "Marie", "validated_on": "-4d"}, now=now
    )  # type: ignore[arg-type]
    validations.request_validation(store, pid, {"deliverable": "Logo", "requested_on": ""}, now=now)
    add_risk(store, {"project": pid, "title": "Late photos", "probability": 3, "impact": 4})
    actors.save_stakeholder(store, pid, {"name": "Marie"})
    incidents.save_incident(store, pid, {"title": "Missed call", "occurred_on": "-1d"}, now=now)
    log_time(store, {"project": pid, "minutes": "2h"}, now=now)
    retro.save_retro_step(store, other.id, {"step": 4, "lessons_draft": "Ask early #photos"})
    retro.finish_retro(store, other.id, now=now)
    projects.close_project(store, other.id, {"override_reason": "done"}, now=now)
    return {"client": client.id, "project": pid, "other": other.id}


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the full-text index excepted): proof nothing changed."""
    conn = sqlite3.connect(path)
    try:
        return {
            name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            for name in table_counts(path)
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    """The seeded store, built once for the module (each test copies it)."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    shutil.copyfile(template_db, path)
    store = open_store(location_for_path(path))
    try:
        seed(store)
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


@pytest.fixture
def seeded(
    db_path: Path, seeded_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A copy of the seeded store (the commands open it); files land in a scratch folder."""
    shutil.copyfile(seeded_template, db_path)
    work = tmp_path / "work"
    work.mkdir()
    (work / "taken").write_text("already here\n", encoding="utf-8")
    monkeypatch.chdir(work)
    return db_path


@pytest.fixture
def seeded_store(seeded: Path) -> Iterator[Store]:
    store = open_store(location_for_path(seeded))
    yield store
    store.close()


@dataclass(frozen=True)
class Outcome:
    status: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], db: Path, argv: list[str]) -> Outcome:
    """`relay --db DB ARGV` in-process: main() returns the status, argparse's usage errors
    and --help included (a SystemExit escaping it fails the test)."""
    status: object = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert isinstance(status, int), f"{argv!r} returned {status!r}"
    return Outcome(status, out, err)


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
ARGPARSE = (
    "argument ",
    "the following arguments are required: ",
    "unrecognized arguments: ",
    "one of the arguments ",
)


def named_field(line: str) -> str | None:
    """The field a `relay: error:` line names (`argparse` for argparse's usage errors)."""
    message = line.removeprefix("relay: error: ")
    if message.startswith(ARGPARSE):
        return "argparse"
    match = re.match(r"([a-z][a-z_]*): ", message)
    return match.group(1) if match else None


def problems(outcome: Outcome, argv: list[str], spec: Command, db: Path, before: Any) -> list[str]:
    """What is wrong with how relay answered `argv` (nothing, when it succeeded or refused
    cleanly: status 0 or 2, one `relay: error:` line naming a field, store untouched)."""
    where = f"relay {argv!r}"
    found: list[str] = []
    if outcome.status not in (0, 2):
        found.append(f"{where} exited {outcome.status}: {outcome.err!r}")
    if "Traceback" in outcome.out + outcome.err:
        found.append(f"{where} printed a traceback")
    if outcome.status == 2:
        lines = outcome.err.splitlines()
        if len(lines) != 1:
            found.append(f"{where}: stderr is not one line: {outcome.err!r}")
        elif not lines[0].startswith("relay: error: "):
            found.append(f"{where}: {lines[0]!r}")
        else:
            field = named_field(lines[0])
            if field is None:
                found.append(f"{where}: names no field: {lines[0]!r}")
            elif field != "argparse" and field not in spec.fields:
                found.append(f"{where}: names {field!r}, not one of {sorted(spec.fields)}")
        if snapshot(db) != before:
            found.append(f"{where} was refused but changed the store")
    elif outcome.status == 0:
        if "relay: error" in outcome.err:
            found.append(f"{where} succeeded but printed an error")
        if not spec.writes and snapshot(db) != before:
            found.append(f"{where} should not write")
    return found


# --- every command, in-process --------------------------------------------------------------

EVERY_COMMAND = {**RECORDS, **UPDATES, **CORRECTIONS, **READS, **FILES}


@pytest.mark.parametrize("name", sorted(EVERY_COMMAND))
@examples(14)
@given(data=st.data())
def test_every_command_with_any_input_succeeds_or_refuses_cleanly(
    name: str, seeded: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    spec = EVERY_COMMAND[name]
    argv = data.draw(spec.strategy, label="argv")
    before = snapshot(seeded)
    assert problems(run(capsys, seeded, argv), argv, spec, seeded, before) == []


WORDS = [
    "client",
    "project",
    "capture",
    "deadline",
    "contact",
    "chase",
    "validation",
    "board",
    "report",
    "risk",
    "time",
    "add",
    "list",
    "done",
    "log",
    "request",
    "reopen",
    "-p",
    "--json",
    "--due",
    "--today",
    "--on",
    "--in",
    "--out",
    "--awaiting",
    "--",
    "-h",
    "--version",
    "1",
    "Website",
]


@examples(60)
@given(
    argv=st.lists(
        st.one_of(st.sampled_from(WORDS), TEXT, DATES).filter(
            lambda token: not any(ch in LINE_BREAKS for ch in token)
        ),
        max_size=7,
    )
)
def test_any_jumble_of_words_succeeds_or_refuses_cleanly(
    seeded: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    before = snapshot(seeded)
    outcome = run(capsys, seeded, argv)
    fields = set().union(*(spec.fields for spec in (RECORDS | UPDATES | READS).values()))
    spec = Command(st.nothing(), frozenset(fields), writes=True)
    assert problems(outcome, argv, spec, seeded, before) == []


# --- import: a damaged export is refused whole ---------------------------------------------

FRESH = itertools.count()
DAMAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.sampled_from(["", "x", "9999-99-99", "2026-11-23T10:00:00", "bad\x00nul", "z" * 5000]),
    st.just([]),
    st.just({}),
)


@examples(25)
@given(data=st.data())
def test_importing_a_damaged_export_is_all_or_nothing(
    seeded: Path,
    template_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data: st.DataObject,
) -> None:
    source = tmp_path / "source.json"
    if not source.exists():
        assert run(capsys, seeded, ["export", "json", "-o", str(source)]).status == 0
    export = json.loads(source.read_text(encoding="utf-8"))
    tables = export["tables"]
    how = data.draw(st.sampled_from(["value", "drop column", "extra column", "table", "top"]))
    table = data.draw(st.sampled_from(sorted(name for name, rows in tables.items() if rows)))
    row = data.draw(st.sampled_from(tables[table]))
    column = data.draw(st.sampled_from(sorted(row)))
    if how == "value":
        row[column] = data.draw(DAMAGE)
    elif how == "drop column":
        del row[column]
    elif how == "extra column":
        row["surprise"] = data.draw(DAMAGE)
    elif how == "table":
        tables[data.draw(st.sampled_from([table, "surprise"]))] = data.draw(DAMAGE)
    else:
        export[data.draw(st.sampled_from(["format", "version", "tables"]))] = data.draw(DAMAGE)
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(export), encoding="utf-8")
    empty = tmp_path / f"empty-{next(FRESH)}.db"  # a new file: no stale WAL next to it
    shutil.copyfile(template_db, empty)
    before = snapshot(empty)
    spec = cmd(st.nothing(), "file store", writes=True)
    argv = ["import", "json", str(damaged)]
    outcome = run(capsys, empty, argv)
    assert problems(outcome, argv, spec, empty, before) == []
    if outcome.status == 0:  # what was accepted can be read and exported again
        for follow_up in (["contact", "list"], ["board"], ["export", "json", "-o", "again.json"]):
            again = run(capsys, empty, follow_up)
            assert again.status == 0, f"after importing, {follow_up!r}: {again.err!r}"
        Path("again.json").unlink()


# --- captured text is stored as typed ----------------------------------------------------------


@examples(60)
@given(
    text=st.one_of(
        st.text(CHARACTERS, min_size=1, max_size=200),
        st.sampled_from(NASTY),
        st.text(CHARACTERS, min_size=3990, max_size=4010),
    ),
    how=st.sampled_from(["command line", "service"]),
)
def test_captured_text_is_stored_exactly_as_typed(
    seeded: Path, capsys: pytest.CaptureFixture[str], text: str, how: str
) -> None:
    conn = sqlite3.connect(seeded)
    try:
        last = conn.execute("SELECT coalesce(max(id), 0) FROM contact").fetchone()[0]
    finally:
        conn.close()
    expected = text.strip()
    if how == "command line":
        outcome = run(capsys, seeded, ["capture", "-p", "1", "--", text])
        refused = outcome.status == 2
        assert outcome.status in (0, 2), outcome.err
    else:
        store = open_store(location_for_path(seeded))
        try:
            capture(store, {"project": 1, "summary": text}, now=FIXED_NOW)
            refused = False
        except RelayError as exc:
            assert exc.field == "text", exc
            refused = True
        finally:
            store.close()
    assert refused == (not expected or len(expected) > 4000), (how, len(expected))
    conn = sqlite3.connect(seeded)
    try:
        rows = conn.execute("SELECT summary FROM contact WHERE id > ?", (last,)).fetchall()
    finally:
        conn.close()
    assert rows == ([] if refused else [(expected,)])


# --- every write service, directly ---------------------------------------------------------

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.integers(-(10**30), 10**30),
    st.floats(),
    TEXT,
    DATES,
)
#: Ids the app passes: existing, unknown, zero, negative, beyond 64 bits.
SERVICE_IDS = st.one_of(
    st.integers(1, 6), st.sampled_from([0, -1, 10**6, 2**62, 2**63, -(2**63) - 1, 2**70])
)


def payload(*keys: str, extra: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """A dict with some of `keys`, each a generated value (sometimes an unknown key)."""
    names = [*keys, "surprise"] if extra else list(keys)
    return st.dictionaries(st.sampled_from(names), VALUES, max_size=len(names)).flatmap(
        lambda data: st.fixed_dictionaries(
            {
                key: st.one_of(st.none(), SERVICE_IDS, TEXT)
                if key.endswith("_id")
                else st.one_of(st.none(), NAMES)
                if key == "name"
                else st.just(v)
                for key, v in data.items()
            }
        )
    )


REF = st.one_of(SERVICE_IDS, TEXT, st.sampled_from(["Website", "web", "Shop", None]))
DEADLINE_KEYS = ("title", "due_on", "kind", "owner", "margin_days", "after_id")
RISK_KEYS = ("title", "probability", "impact", "category", "mitigation", "owner", "review_on")

ServiceCall = Callable[[Store], object]
SERVICES = [
    "add_client",
    "add_project",
    "capture",
    "add_deadline",
    "mark_done",
    "update_deadline",
    "reopen_deadline",
    "add_risk",
    "update_risk",
    "set_risk_status",
    "log_time",
    "save_assessment",
    "save_profile",
    "drop_provider_override",
    "save_stakeholder",
    "delete_stakeholder",
    "cycle_commitment",
    "save_commitment",
    "save_frame",
    "save_craft_card",
    "lesson_to_risk",
    "lesson_to_commitment",
    "request_validation",
    "validate_deliverable",
    "reopen_validation",
    "log_chase",
    "save_incident",
    "save_retro_step",
    "finish_retro",
    "set_handover",
    "close_project",
    "reopen_project",
    "set_phase",
]
NEW_OR_EDIT = st.one_of(st.none(), SERVICE_IDS)


def service(draw: st.DrawFn, name: str) -> ServiceCall:
    """One call of the write service `name`, its arguments drawn."""
    pid, rid = draw(SERVICE_IDS), draw(SERVICE_IDS)
    now = draw(st.sampled_from([FIXED_NOW, None, datetime(2031, 2, 3, 4, 5, tzinfo=UTC)]))
    ref = draw(REF)
    match name:
        case "add_client":
            data = draw(payload("name", "organisation", "email", "phone", "channel", "notes"))
            return lambda s: add_client(s, data)
        case "add_project":
            data = draw(payload(*PROJECT_KEYS))
            client = draw(st.one_of(st.none(), payload("name", "email", "channel")))
            return lambda s: add_project(s, data, now=now, new_client=client)
        case "capture":
            data = draw(payload("summary", "channel", "direction", "awaiting_reply", "at"))
            return lambda s: capture(s, {**data, "project": ref}, now=now)
        case "add_deadline":
            data = draw(payload(*DEADLINE_KEYS))
            return lambda s: add_deadline(s, {**data, "project": ref}, now=now)
        case "mark_done":
            on = draw(st.one_of(st.none(), DATES))
            return lambda s: mark_done(s, rid, on, now=now)
        case "update_deadline":
            data = draw(payload(*DEADLINE_KEYS))
            return lambda s: deadlines.update_deadline(s, rid, data, now=now)
        case "reopen_deadline":
            return lambda s: deadlines.reopen_deadline(s, rid)
        case "add_risk":
            data = draw(payload(*RISK_KEYS))
            return lambda s: add_risk(s, {**data, "project": ref}, now=now)
        case "update_risk":
            data = draw(payload(*RISK_KEYS, "status"))
            return lambda s: risks.update_risk(s, rid, data, now=now)
        case "set_risk_status":
            status = draw(st.one_of(st.just("closed"), TEXT))
            return lambda s: risks.set_risk_status(s, rid, status)
        case "log_time":
            data = draw(payload("minutes", "spent_on", "category", "note"))
            return lambda s: log_time(s, {**data, "project": ref}, now=now)
        case "save_assessment":
            data = draw(
                payload("reward", "paid", "stance", "balance", "ready_for_failure", "notes")
            )
            return lambda s: profiles.save_assessment(s, pid, data)
        case "save_profile":
            project = draw(st.one_of(st.none(), SERVICE_IDS))
            party = draw(st.sampled_from(["client", "provider", "boss", ""]))
            data = draw(payload("structure", "precision", "energy", "channel", "temper"))
            return lambda s: profiles.save_profile(s, project, party, data)
        case "drop_provider_override":
            return lambda s: profiles.drop_provider_override(s, pid)
        case "save_stakeholder":
            data = draw(payload("name", "role", "influence", "interest", "reach", "notes"))
            row = draw(NEW_OR_EDIT)
            return lambda s: actors.save_stakeholder(s, pid, data, row)
        case "delete_stakeholder":
            return lambda s: actors.delete_stakeholder(s, rid)
        case "cycle_commitment":
            return lambda s: commitments.cycle_commitment(s, rid)
        case "save_commitment":
            data = draw(payload("party", "text", "status", "due_on", "note"))
            row = draw(NEW_OR_EDIT)
            return lambda s: commitments.save_commitment(s, pid, data, row, now=now)
        case "save_frame":
            data = draw(payload(*FRAME_KEYS))
            return lambda s: projects.save_frame(s, pid, data, now=now)
        case "save_craft_card":
            data = draw(payload("name", "training", "strengths", "portfolio"))
            return lambda s: craft.save_craft_card(s, data)
        case "lesson_to_risk":
            return lambda s: risks.lesson_to_risk(s, rid, pid)
        case "lesson_to_commitment":
            return lambda s: commitments.lesson_to_commitment(s, rid, pid)
        case "request_validation":
            data = draw(payload("deliverable", "requested_on"))
            return lambda s: validations.request_validation(s, ref, data, now=now)
        case "validate_deliverable":
            data = draw(payload("validated_by", "validated_on"))
            return lambda s: validations.validate_deliverable(s, rid, data, now=now)
        case "reopen_validation":
            data = draw(payload("reason"))
            return lambda s: validations.reopen_validation(s, rid, data, now=now)
        case "log_chase":
            channel = draw(st.one_of(st.none(), CHANNELS))
            note = draw(st.one_of(st.none(), TEXT))
            return lambda s: chasing.log_chase(s, ref, channel=channel, note=note, now=now)
        case "save_incident":
            data = draw(payload(*INCIDENT_KEYS))
            row = draw(NEW_OR_EDIT)
            return lambda s: incidents.save_incident(s, pid, data, row, now=now)
        case "save_retro_step":
            data = draw(payload(*RETRO_KEYS))
            return lambda s: retro.save_retro_step(s, pid, data)
        case "finish_retro":
            return lambda s: retro.finish_retro(s, pid, now=now)
        case "set_handover":
            item = draw(st.one_of(st.sampled_from(["access", "invoice", "thanked"]), TEXT))
            value = draw(st.booleans())
            return lambda s: handover.set_handover(s, pid, item, value, now=now)
        case "close_project":
            reason = draw(st.one_of(st.none(), payload("override_reason")))
            return lambda s: projects.close_project(s, pid, reason, now=now)
        case "reopen_project":
            return lambda s: projects.reopen_project(s, pid)
        case "set_phase":
            phase = draw(st.one_of(st.sampled_from(["during", "after"]), TEXT))
            return lambda s: projects.set_phase(s, pid, phase)
    raise AssertionError(name)


PROJECT_KEYS = (
    "name",
    "client",
    "kind",
    "start_on",
    "delivery_on",
    "budget_minutes",
    "chase_delay_days",
    "client_accountable",
    "event_bound",
    "partial_delivery_ok",
)
FRAME_KEYS = (
    "working_method",
    "cycle_days",
    "contract_signed_on",
    "start_on",
    "delivery_on",
    "budget_minutes",
    "chase_delay_days",
)
INCIDENT_KEYS = ("title", "occurred_on", "facts", "contract_says", "next_step", "status")
RETRO_KEYS = ("step", "format", "worked", "lessons_draft", "applied_lessons", "satisfaction")


@st.composite
def service_call(draw: st.DrawFn) -> tuple[str, ServiceCall]:
    name = draw(st.sampled_from(SERVICES))
    return name, service(draw, name)


@examples(120)
@given(call=service_call())
def test_every_write_service_succeeds_or_refuses_naming_a_field(
    seeded: Path, seeded_store: Store, call: tuple[str, ServiceCall]
) -> None:
    name, write = call
    store, db_path = seeded_store, seeded
    before = snapshot(db_path)
    try:
        write(store)
    except RelayError as exc:
        assert exc.field, f"{name} refused without naming a field: {exc!r}"
        assert str(exc).startswith(f"{exc.field}: "), str(exc)
        assert snapshot(db_path) == before, f"{name} was refused but changed the store"


# --- breaches of the promise once found (one regression test per bug) ---------------------------


def refused_cleanly(capsys: pytest.CaptureFixture[str], db: Path, argv: list[str]) -> Outcome:
    before = snapshot(db)
    outcome = run(capsys, db, argv)
    assert outcome.status in (0, 2), f"relay {argv!r} exited {outcome.status}: {outcome.err!r}"
    if outcome.status == 2:
        assert outcome.err.startswith("relay: error: ") and outcome.err.count("\n") == 1
        assert snapshot(db) == before
    return outcome


@pytest.mark.parametrize(
    "argv",
    [["--bogus"], ["deadline", "add", "x"], ["project", "list", "--active=yes"], ["--help"]],
)
def test_usage_errors_are_returned_not_raised(argv: list[str], db_path: Path) -> None:
    status = main(["--db", str(db_path), *argv])
    assert status in (0, 2)


BIG = str(2**63)  # one past SQLite's largest integer


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "done", BIG],
        ["deadline", "add", "x", "-p", "1", "--due", "+3d", f"--after={BIG}"],
        ["validation", "done", BIG, "--by", "Marie"],
        ["validation", "reopen", BIG, "--reason", "why"],
    ],
    ids=["deadline-done", "deadline-after", "validation-done", "validation-reopen"],
)
def test_ids_beyond_64_bits_are_refused(
    seeded: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert refused_cleanly(capsys, seeded, argv).status == 2


def test_services_refuse_ids_beyond_64_bits(store: Store) -> None:
    seed(store)
    with pytest.raises(RelayError) as refused:
        mark_done(store, 2**63)
    assert refused.value.field == "id"


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "done", "²"],
        ["capture", "hello", "-p", "²"],
        ["project", "add", "New", "--client", "²"],
        ["contact", "list", "--limit", "²"],
        ["chase", "-p", "①"],
    ],
    ids=["id", "project", "client", "limit", "chase"],
)
def test_ids_written_with_unicode_digits_are_refused(
    seeded: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert refused_cleanly(capsys, seeded, argv).status == 2


@pytest.mark.parametrize(
    "argv",
    [["capture", "caf\udce9", "-p", "1"], ["client", "add", "\udcff"]],
    ids=["capture", "client"],
)
def test_invalid_utf8_in_argv_is_refused(
    seeded: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    outcome = refused_cleanly(capsys, seeded, argv)
    assert outcome.status == 2
    assert "UTF-8" in outcome.err, outcome.err


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (["capture", "old", "-p", "1", "--at", "0999-12-01"], ["contact", "list"]),
        (["capture", "old", "-p", "1", "--at", "0999-12-01"], ["export", "json", "-o", "a.json"]),
        (
            ["deadline", "add", "end", "-p", "1", "--due", "9999-12-31"],
            ["export", "ics", "-o", "b"],
        ),
        (
            ["deadline", "add", "start", "-p", "1", "--due", "0001-01-01"],
            ["deadline", "list", "--today", "0001-01-01"],
        ),
        (
            ["deadline", "add", "start", "-p", "1", "--due", "0001-01-01"],
            ["board", "--today", "0001-01-01"],
        ),
        (
            ["deadline", "add", "start", "-p", "1", "--due", "0001-01-01"],
            ["report", "--today", "0001-01-01"],
        ),
    ],
    ids=["contact-list", "export-json", "export-ics", "deadline-list", "board", "report"],
)
def test_extreme_years_are_refused_or_keep_working(
    seeded: Path, capsys: pytest.CaptureFixture[str], first: list[str], then: list[str]
) -> None:
    # The extreme date is refused naming its field, and the store keeps working: the next
    # command succeeds, or is refused too when it carries an extreme date itself.
    assert refused_cleanly(capsys, seeded, first).status == 2
    extreme = any(token.startswith(("0001", "9999", "0999")) for token in then)
    assert refused_cleanly(capsys, seeded, then).status == (2 if extreme else 0)


def test_a_backup_name_the_file_system_refuses_is_refused_cleanly(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert refused_cleanly(capsys, seeded, ["backup", "-o", "b" * 300]).status == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "json", "no\nsuch.json"],
        ["import", "json", "no\x1b[2Jsuch.json"],
        ["report", "-p", "1", "-o", "missing/\x1b]8;;http://x\x07.md"],
        ["export", "json", "-o", "missing/a\rb.json"],
    ],
    ids=["import-newline", "import-escape", "report-escape", "export-return"],
)
def test_file_names_are_shown_on_one_line(
    seeded: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    outcome = refused_cleanly(capsys, seeded, argv)
    assert outcome.status == 2
    assert not CONTROL.search(outcome.err.rstrip("\n")), repr(outcome.err)


def test_retro_with_an_empty_export_name_is_refused(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = refused_cleanly(capsys, seeded, ["retro", "-p", "1", "--export="])
    assert outcome.status == 2 and outcome.err.startswith("relay: error: output: ")


@pytest.mark.parametrize(
    "argv",
    [["client", "add", "Élodie"], ["project", "add", "Été", "--client", "Acme"]],
    ids=["client", "project"],
)
def test_a_duplicate_name_with_capital_accents_is_refused_naming_the_field(
    seeded: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert refused_cleanly(capsys, seeded, argv).status == 0
    again = refused_cleanly(capsys, seeded, argv)
    assert again.status == 2 and again.err.startswith("relay: error: name: "), again.err


def test_a_file_name_with_an_unknown_home_is_refused(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert refused_cleanly(capsys, seeded, ["export", "json", "-o", "~nosuchuser/a"]).status == 2


@pytest.mark.parametrize(
    ("setup", "argv"),
    [
        ([], ["chase", "a\nb"]),
        ([], ["chase", "\x1b[31mred"]),
        (
            [["validation", "done", "2", "--by", "Mar\x1b[2Jie"]],
            ["validation", "done", "2", "--by", "Marie"],
        ),
        ([["project", "add", "two\nlines", "--client", "Acme"]], ["capture", "hello"]),
        (
            [["project", "add", "Other\x1b]8;;http://x\x07", "--client", "Acme"]],
            ["chase", "-p", "Oth"],
        ),
    ],
    ids=["argparse-newline", "argparse-escape", "validated-by", "project-list", "chase-name"],
)
def test_error_messages_echo_user_text_on_one_line_without_escapes(
    seeded: Path, capsys: pytest.CaptureFixture[str], setup: list[list[str]], argv: list[str]
) -> None:
    for step in setup:
        assert run(capsys, seeded, step).status == 0, step
    outcome = refused_cleanly(capsys, seeded, argv)
    assert outcome.status == 2
    assert not CONTROL.search(outcome.err.rstrip("\n")), repr(outcome.err)
