"""In French, no English left in what the command line prints (issue 15): every command's
--help, the read commands on the French demo, and the refusals most often met."""

from __future__ import annotations

import argparse
import enum
import re
from datetime import date
from pathlib import Path

import pytest

from relay_tui import vocab
from relay_tui.cli.parser import build_parser
from relay_tui.db import Store
from tests.conftest import run_relay
from tests.french.english import english_in

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the parser, as the words that name it."""
    found = [path]
    for action in parser._actions:  # the tests may read argparse's structure
        if isinstance(action, argparse._SubParsersAction):
            seen: list[argparse.ArgumentParser] = []
            for name, sub in action.choices.items():
                if sub not in seen:  # an alias names the same parser again
                    seen.append(sub)
                    found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(build_parser())
#: What the command line shows that is not words to translate: options and their values
#: in capitals (`--project PROJECT`), file names, the program's name.
#: Options, constants, file names, and a schema's revision (`0013_deadline_margin_start`):
#: identifiers, the same in every language.
_NOT_WORDS = re.compile(
    r"--?[A-Za-z][\w-]*|\b[A-Z][A-Z_|]+\b|\S+\.(?:md|json|ics|db|toml)\b|\b\d{4}_[a-z_]+\b"
)


#: The commands' own names (`relay deadline add`): the interface, the same in every language.
COMMAND_WORDS = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted({w for c in COMMANDS for w in c}, key=len, reverse=True))
    + r")(?![\w-])"
)


#: The values the options take (`--channel meeting`, `--kind delivery`): typed as they are
#: stored, the same in every language, like the commands.
VALUES = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        sorted(
            {
                str(member.value)
                for thing in vars(vocab).values()
                if isinstance(thing, type) and issubclass(thing, enum.Enum)
                for member in thing
            }
            | {"yes", "no"},
            key=len,
            reverse=True,
        )
    )
    + r")(?![\w-])"
)
#: A refusal names the option it is about by its name (`due : …`), as typed.
FIELD = re.compile(r"(?m)^(relay\s*:\s*\w+\s*:\s*)[\w-]+(\s*:)")


def english_said(text: str) -> list[str]:
    text = FIELD.sub(r"\1\2", text)
    return english_in(VALUES.sub(" ", COMMAND_WORDS.sub(" ", _NOT_WORDS.sub(" ", text))))


@pytest.mark.parametrize("words", COMMANDS, ids=[" ".join(c) or "relay" for c in COMMANDS])
def test_every_help_is_french(words: tuple[str, ...]) -> None:
    done = run_relay(*words, "--help")
    assert done.returncode == 0, done.stderr
    assert "options" in done.stdout
    found = english_said(done.stdout)
    assert not found, f"English in relay {' '.join(words)} --help: {found}\n{done.stdout}"


READS = [
    ("board",),
    ("chase",),
    ("client", "list"),
    ("project", "list"),
    ("deadline", "list", "-p", "1"),
    ("contact", "list", "-p", "1"),
    ("validation", "list", "-p", "1"),
    ("risk", "list", "-p", "1"),
    ("time", "list"),
    ("report", "-p", "1"),
    ("undo", "--list"),
    ("check",),
]


@pytest.mark.parametrize("words", READS, ids=[" ".join(c) for c in READS])
def test_what_the_read_commands_print_is_french(
    demo: Store, db_path: Path, words: tuple[str, ...]
) -> None:
    done = run_relay(*words, db=db_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    found = english_said(done.stdout + done.stderr)
    assert not found, f"English in relay {' '.join(words)}: {found}\n{done.stdout}{done.stderr}"


_TODAY_WEEKDAY = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")[
    date.today().weekday()
]
REFUSALS = [
    ("deadline", "add"),
    ("deadline", "add", "-p", "1", "Relire les textes", "--due", "12/15"),
    # Today's weekday: today, or in a week? Refused, saying how to write either.
    ("deadline", "add", "-p", "1", "Relire les textes", "--due", _TODAY_WEEKDAY),
    ("time", "log", "1,5", "-p", "1"),
    ("contact", "edit", "9999", "--summary", "x"),
    ("project", "delete", "1"),
    ("deadline", "list", "-p", "Projet inconnu"),
    ("nonsense",),
]


@pytest.mark.parametrize("words", REFUSALS, ids=[" ".join(c) for c in REFUSALS])
def test_refusals_are_french(demo: Store, db_path: Path, words: tuple[str, ...]) -> None:
    done = run_relay(*words, db=db_path)
    assert done.returncode != 0
    assert done.stderr.strip()
    found = english_said(done.stderr)
    assert not found, f"English in relay {' '.join(words)}: {found}\n{done.stderr}"
