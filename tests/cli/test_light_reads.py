"""The read commands on a SQLite store take the light path (`relay_tui.fastreads`,
through `cli.light_reads`) and print, byte for byte, what the services' path prints:
every option, English and French, the errors too. On PostgreSQL they go through the
services."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relay_tui import fastreads
from relay_tui.db import Store
from relay_tui.demo import seed_demo
from tests.cli.conftest import Relay
from tests.conftest import FIXED_NOW

LIGHT = ("board", "chase_state", "deadlines", "contacts_page", "find_project")
HEAVY = ("textual", "sqlmodel", "sqlalchemy", "pydantic", "icalendar", "alembic")

COMMANDS = [
    ["board"],
    ["board", "--json"],
    ["board", "--today", "2026-12-14"],
    ["board", "--json", "--today", "+3w"],
    ["chase"],
    ["chase", "--json"],
    ["chase", "--today", "2026-12-21"],
    ["deadline", "list", "-p", "bakery"],
    ["deadline", "list", "--project", "1", "--json", "--today", "2026-12-21"],
    ["deadline", "list", "-p", "2", "--today", "2026-10-01"],
    ["contact", "list"],
    ["contact", "list", "--json", "--limit", "3"],
    ["contact", "list", "--awaiting"],
    ["contact", "list", "-c", "phone", "-p", "bakery"],
    ["contact", "list", "--channel", "email", "--awaiting", "--limit", "2", "--json"],
    ["contact", "list", "-p", "2", "--limit", "10000"],
]

REFUSED = [
    ["deadline", "list", "-p", "nothing like it"],
    ["deadline", "list", "-p", "999"],
    ["deadline", "list"],  # several projects are active: which one?
    ["contact", "list", "-p", "999"],
    ["contact", "list", "--limit", "0"],
    ["contact", "list", "--limit", "many"],
    ["board", "--today", "someday"],
    ["chase", "--today", "someday"],
]


@pytest.fixture
def demo(store: Store) -> Store:
    seed_demo(store, now=FIXED_NOW)
    return store


@pytest.fixture
def light_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The light reads called, by name."""
    calls: list[str] = []
    for name in LIGHT:
        real = getattr(fastreads, name)

        def spy(*args: object, _real=real, _name=name, **kwargs: object) -> object:  # type: ignore[no-untyped-def]
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(fastreads, name, spy)
    return calls


def _services_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The light reads all refuse (as on a value they cannot read): the services answer."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise ValueError("as a hand-edited value would")

    for name in LIGHT:
        monkeypatch.setattr(fastreads, name, refuse)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang", ("en", "fr"))
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_the_light_path_prints_what_the_services_print(
    demo: Store,
    db_path: Path,
    relay: Relay,
    monkeypatch: pytest.MonkeyPatch,
    light_calls: list[str],
    lang: str,
    args: list[str],
) -> None:
    light = relay("--lang", lang, *args, db=db_path)
    assert light_calls, "the light path answered"
    assert light.returncode == 0 and light.stdout
    _services_only(monkeypatch)
    assert relay("--lang", lang, *args, db=db_path) == light


@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_the_light_path_refuses_what_the_services_refuse(
    demo: Store, db_path: Path, relay: Relay, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    light = relay(*args, db=db_path)
    assert light.returncode != 0 and light.stderr.startswith("relay: error: ")
    _services_only(monkeypatch)
    assert relay(*args, db=db_path) == light


@pytest.mark.sqlite_only
def test_a_search_goes_through_the_services(
    demo: Store, db_path: Path, relay: Relay, light_calls: list[str]
) -> None:
    found = relay("contact", "list", "--search", "templates", db=db_path)
    assert found.returncode == 0 and "favourite templates" in found.stdout
    assert "contacts_page" not in light_calls


def test_the_read_commands_answer_on_every_store(demo: Store, db_path: Path, relay: Relay) -> None:
    """On PostgreSQL too (through the services there)."""
    for args in COMMANDS:
        done = relay(*args, db=db_path)
        assert (done.returncode, done.stderr) == (0, ""), args
    board = json.loads(relay("board", "--json", db=db_path).stdout)
    assert board["alarms"] and board["time"]


@pytest.mark.sqlite_only
def test_the_read_commands_import_nothing_heavy(demo: Store, db_path: Path) -> None:
    runs = [["board", "--json"], ["board"], ["contact", "list"], ["chase"]]
    runs.append(["deadline", "list", "-p", "bakery"])
    code = (
        "import json, sys\nfrom relay_tui.cli import main\n"
        f"codes = [main(['--db', {str(db_path)!r}, *args]) for args in {runs!r}]\n"
        "print(json.dumps({'codes': codes, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["codes"] == [0] * len(runs)
    loaded = {name.split(".")[0] for name in report["modules"]}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
