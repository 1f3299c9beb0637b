"""JSON that scripts can rely on (docs/integrations.md, "JSON for scripts"): every `--json`
output and the export carry the envelope (`format`, `version`), and each is checked
against its JSON Schema in docs/schemas/ on real data: the demo store, with a reopened
validation and an alarm bell at a time of day so that no branch is left out.

Also what `--help` promises: fixed choices shown as choices, a help line for every
option, the environment variables listed by `relay --help`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from relay_tui.cli import main
from relay_tui.cli.parser import build_parser
from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.domain.envelope import VERSIONS, envelope
from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"
TODAY = ("--today", FIXED_NOW.date().isoformat())

#: Every command that prints JSON, as a script would run it on the demo store.
JSON_COMMANDS: dict[str, list[str]] = {
    "client list": ["client", "list", "--json"],
    "project list": ["project", "list", "--json"],
    "contact list": ["contact", "list", "--json"],
    "chase": ["chase", "--json", *TODAY],
    "deadline list": ["deadline", "list", "-p", "bakery", "--json", *TODAY],
    "validation list": ["validation", "list", "-p", "bakery", "--json"],
    "risk list": ["risk", "list", "-p", "bakery", "--json"],
    "time list": ["time", "list", "--json"],
    "incident list": ["incident", "list", "-p", "festival", "--json"],
    "board": ["board", "--json", *TODAY],
    "remind": ["remind", "--format", "json", *TODAY],
}
#: The commands whose exit status says something (`relay remind`: 1 when something is due).
STATUS = {"remind": 1}


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command and action of the parser with its path (`("deadline", "list")`),
    aliases left out."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if sub.prog.split()[-1] == name:
                    yield from _commands(sub, (*path, name))


def _options() -> Iterator[tuple[str, argparse.Action]]:
    for path, parser in _commands(build_parser()):
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction):
                yield " ".join(("relay", *path)), action


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    seed_demo(store, now=FIXED_NOW)
    for argv in (
        ["validation", "done", "2", "--by", "Marie Lambert", "--on", "2026-11-20"],
        ["validation", "reopen", "2", "--reason", "The logo changed"],
        ["deadline", "add", "Call Marie", "-p", "bakery", "--due", "2026-12-01T14:30"],
    ):
        assert main(["--db", str(db_path), *argv]) == 0
    return db_path


def _schema(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _run(db: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    capsys.readouterr()
    assert main(["--db", str(db), *argv]) == STATUS.get(argv[0], 0)
    out, err = capsys.readouterr()
    assert err == "", (argv, err)
    return json.loads(out)


def test_every_json_output_has_the_envelope_and_matches_its_schema(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    formats = set()
    for name, argv in JSON_COMMANDS.items():
        data = _run(demo_db, argv, capsys)
        assert isinstance(data, dict), name
        assert data["version"] == VERSIONS[data["format"].removeprefix("relay-").replace("-", "_")]
        errors = [e.message for e in _schema(data["format"]).iter_errors(data)]
        assert errors == [], (name, errors[:3])
        lists = [value for value in data.values() if isinstance(value, list)]
        assert any(lists), f"{name}: the demo store gives nothing to check"
        formats.add(data["format"])
    assert len(formats) == len(JSON_COMMANDS)


def test_the_values_follow_the_naming_rule(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The values the rule fixes, read back: a time of day as the export writes it, a
    reopened validation's history, the side of whoever must act."""
    data = _run(demo_db, JSON_COMMANDS["deadline list"], capsys)
    [call] = [d for d in data["deadlines"] if d["title"] == "Call Marie"]  # type: ignore[index]
    assert (call["due_on"], call["due_time"], call["owner"]) == (
        "2026-12-01",
        "14:30:00",
        "provider",
    )
    data = _run(demo_db, JSON_COMMANDS["validation list"], capsys)
    [mockup] = [v for v in data["validations"] if v["id"] == 2]  # type: ignore[index]
    assert mockup["validated_on"] is None and mockup["validated_by"] is None
    [change] = mockup["change_requests"]
    assert change["previous_validated_on"] == "2026-11-20"
    assert change["previous_validated_by"] == "Marie Lambert"


def test_the_export_matches_its_schema_and_is_read_back(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "export.json"
    assert main(["--db", str(demo_db), "export", "json", "-o", str(output)]) == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert [e.message for e in _schema("relay-export").iter_errors(data)] == []
    assert {k: data[k] for k in ("format", "version")} == envelope("export", 1)
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "new.db"), "import", "json", str(output)]) == 0


def test_every_json_command_is_checked_and_every_schema_is_used() -> None:
    """A new `--json` command (or `--format json`) fails here until it is in
    JSON_COMMANDS, so that its output is checked against a schema; a schema no output
    uses fails too (`relay export json` is checked on its own, above)."""
    with_json = {
        " ".join(path)
        for path, parser in _commands(build_parser())
        if any(
            "--json" in action.option_strings or "json" in (action.choices or ())
            for action in parser._actions
            if not isinstance(action, argparse._SubParsersAction)
        )
    }
    assert with_json == set(JSON_COMMANDS)
    outputs = {"relay-" + thing.replace("_", "-") for thing in VERSIONS} | {"relay-export"}
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.json")} == outputs


def test_every_option_and_argument_has_a_help_line() -> None:
    missing = [
        f"{command} {action.option_strings or action.dest}"
        for command, action in _options()
        if not action.help
    ]
    assert missing == []


#: Options that take one of a fixed set of words, and some of the words.
FIXED = {
    ("relay capture", "--channel"): "phone",
    ("relay contact list", "--channel"): "chat",
    ("relay chase", "--channel"): "email",
    ("relay client add", "--channel"): "meeting",
    ("relay project add", "--kind"): "artistic",
    ("relay project edit", "--kind"): "friends",
    ("relay deadline add", "--kind"): "validation",
    ("relay deadline add", "--owner"): "provider",
    ("relay deadline edit", "--owner"): "client",
    ("relay risk add", "--category"): "event_deadline",
    ("relay risk edit", "--status"): "mitigated",
    ("relay time log", "--category"): "rework",
    ("relay incident edit", "--status"): "resolved",
    ("relay incident tell", "--how"): "phone",
}


def test_fixed_choices_are_shown_as_choices() -> None:
    choices = {
        (command, action.option_strings[-1]): action.choices
        for command, action in _options()
        if action.option_strings
    }
    for key, word in FIXED.items():
        assert word in (choices[key] or ()), key


def test_a_fixed_choice_is_read_as_the_records_read_it(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Case and spaces at the ends do not matter; a word not in the list is bad usage."""
    data = _run(demo_db, ["contact", "list", "-c", " Phone", "--json"], capsys)
    assert {c["channel"] for c in data["contacts"]} == {"phone"}  # type: ignore[index]
    assert main(["--db", str(demo_db), "contact", "list", "-c", "fax"]) == 2
    _, err = capsys.readouterr()
    assert "invalid choice: 'fax'" in err


def test_relay_help_lists_the_environment_variables(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for variable in ("RELAY_DB", "RELAY_CONFIG", "RELAY_DEBUG", "RELAY_LANG"):
        assert f"\n  {variable} " in out, variable
