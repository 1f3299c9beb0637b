"""The command line's language: `--lang`, then RELAY_LANG, then the `language` setting,
then the locale, else English; everything it prints in it, argparse's own words too.

The tests session is English (tests/conftest.py sets RELAY_LANG=en); each test here
that wants another language says so.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from relay_tui import i18n
from relay_tui.cli import argparse_text, choose_language, main
from relay_tui.cli.quick import lang_option, read_capture
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, table_counts
from tests.conftest import run_relay as _run_relay

pytestmark = pytest.mark.sqlite_only  # the language is the same whatever the store

#: The locale's variables cleared, RELAY_LANG empty: only what a test adds speaks.
NO_LANGUAGE = {"RELAY_LANG": "", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}

#: argparse's English, none of which a French help or error may show.
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help message",
    "show program's version",
    "the following arguments are required",
    "invalid choice",
    "choose from",
    "unrecognized arguments",
    "expected one argument",
    "not allowed with",
    "error:",
    "example:",
)


def plain(text: str) -> str:
    """French puts a no-break space before : ; ? ! and inside « » (the catalogue's
    typography); the expected texts here are written with plain spaces."""
    return text.replace("\u00a0", " ")


def run_relay(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    done = _run_relay(*args, **options)
    done.stdout, done.stderr = plain(done.stdout), plain(done.stderr)
    return done


def _run(*argv: str) -> tuple[int, str, str]:
    """`relay ARGV` in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, plain(out.getvalue()), plain(err.getvalue())


def _no_argparse_english(text: str) -> None:
    for english in ARGPARSE_ENGLISH:
        assert english not in text, f"{english!r} in:\n{text}"


@pytest.fixture
def one_project(store: object) -> None:
    add_client(store, {"name": "Acme"})  # type: ignore[arg-type]
    add_project(store, {"name": "Acme site", "client": "acme"}, now=FIXED_NOW)  # type: ignore[arg-type]


# --- where the language comes from ---------------------------------------------------------


def test_lang_option_speaks_french(db_path: Path, one_project: None) -> None:
    status, out, err = _run("--db", str(db_path), "--lang", "fr", "project", "list")
    assert (status, err) == (0, "")
    assert "[avant]" in out and "livraison" in out
    assert i18n.app_language() == "fr"
    status, out, _err = _run("--db", str(db_path), "project", "list")  # back to RELAY_LANG=en
    assert status == 0 and "[before]" in out and "delivery" in out


def test_relay_lang_speaks_french(db_path: Path) -> None:
    result = run_relay("client", "list", db=db_path, env={"RELAY_LANG": "fr"})
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout == "Aucun client pour l'instant. Ajoutez-en un avec : relay client add NOM\n"
    )


def test_the_locale_speaks_french(db_path: Path) -> None:
    env = {**NO_LANGUAGE, "LANG": "fr_FR.UTF-8"}
    result = run_relay("client", "add", "Léa", db=db_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Client n° 1 ajouté : Léa\n"
    english = run_relay("client", "add", "Marie", db=db_path, env={**NO_LANGUAGE, "LANG": "C"})
    assert english.stdout == "Added client #2 Marie\n"


@pytest.mark.parametrize(
    ("option", "env", "setting", "expected"),
    [
        ("en", {"RELAY_LANG": "fr", "LANG": "fr_FR.UTF-8"}, "fr", "en"),
        ("fr", {"RELAY_LANG": "en"}, "en", "fr"),
        ("EN", {}, "", "en"),  # as typed: case and spaces do not matter
        (None, {"RELAY_LANG": "fr", "LANG": "en_GB.UTF-8"}, "en", "fr"),
        (None, {"RELAY_LANG": "en", "LANG": "fr_FR.UTF-8"}, "fr", "en"),
        (None, {"LANG": "en_US.UTF-8"}, "fr", "fr"),
        (None, {"LANG": "fr_CA.UTF-8"}, "en", "en"),
        (None, {"LANG": "fr_CA.UTF-8"}, "", "fr"),
        (None, {"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "", "fr"),
        (None, {"LANGUAGE": "de:fr", "LANG": "fr_FR.UTF-8"}, "", "en"),  # asks for German
        (None, {"LANG": "C"}, "", "en"),
        (None, {}, "", "en"),
        (None, {}, "de", "en"),  # a bad setting: the locale's (here none), never a refusal
        (None, {"LANG": "fr_FR.UTF-8"}, "de", "fr"),
    ],
)
def test_the_order_of_precedence(
    monkeypatch: pytest.MonkeyPatch,
    option: str | None,
    env: dict[str, str],
    setting: str,
    expected: str,
) -> None:
    for name, value in {**NO_LANGUAGE, **env}.items():
        monkeypatch.setenv(name, value)
    import relay_tui.settings

    monkeypatch.setattr(
        relay_tui.settings, "load_settings", lambda: SimpleNamespace(language=setting)
    )
    assert choose_language(option) == expected
    assert i18n.app_language() == expected


def test_the_settings_are_read_only_when_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    import relay_tui.settings

    def refused() -> object:
        raise AssertionError("settings read")

    monkeypatch.setattr(relay_tui.settings, "load_settings", refused)
    assert choose_language("fr") == "fr"
    monkeypatch.setenv("RELAY_LANG", "fr")
    assert choose_language(None) == "fr"


def test_the_language_setting_through_the_settings_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The key as the settings file holds it (read with getattr: Settings may not have
    it yet)."""
    import relay_tui.settings

    if "language" not in getattr(relay_tui.settings.Settings, "__slots__", ()):
        pytest.skip("the `language` setting is not in Settings yet")
    path = tmp_path / "settings.toml"
    path.write_text('language = "fr"\n', encoding="utf-8")
    monkeypatch.setenv("RELAY_CONFIG", str(path))
    for name, value in NO_LANGUAGE.items():
        monkeypatch.setenv(name, value)
    assert choose_language(None) == "fr"


# --- an unknown language --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        (["--lang", "de"], {}, "relay: error: --lang: relay does not speak “de”"),
        (["--lang=de"], {}, "relay: error: --lang: relay does not speak “de”"),
        (["--la", "de"], {}, "relay: error: --lang: relay does not speak “de”"),
        ([], {"RELAY_LANG": "de"}, "relay: error: RELAY_LANG: relay does not speak “de”"),
        (
            [],
            {"RELAY_LANG": "de", "LANG": "fr_FR.UTF-8"},  # said in the locale's language
            "relay : erreur : RELAY_LANG : relay ne parle pas « de »",
        ),
    ],
)
def test_an_unknown_language_exits_2_and_writes_nothing(
    db_path: Path, argv: list[str], env: dict[str, str], message: str
) -> None:
    before = table_counts(db_path)
    result = run_relay(*argv, "client", "add", "Acme", db=db_path, env={**NO_LANGUAGE, **env})
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert table_counts(db_path) == before


def test_an_unknown_language_before_a_capture(
    db_path: Path, one_project: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in NO_LANGUAGE.items():
        monkeypatch.setenv(name, value)
    before = table_counts(db_path)
    status, out, err = _run("--lang", "de", "--db", str(db_path), "capture", "hello")
    assert (status, out) == (2, "")
    assert err.startswith("relay: error: --lang: ")
    assert table_counts(db_path) == before


# --- argparse's own words -------------------------------------------------------------------


def test_relay_help_in_french() -> None:
    status, out, err = _run("--lang", "fr", "--help")
    assert (status, err) == (0, "")
    assert out.startswith("utilisation : relay [-h]")
    assert "options :" in out and "commandes :" in out
    assert "afficher cette aide et quitter" in out
    assert "gérer les clients" in out
    _no_argparse_english(out)


@pytest.mark.parametrize(
    "argv",
    [
        ["risk", "add", "--help"],
        ["client", "--help"],
        ["contact", "edit", "--help"],  # an example, mutually exclusive options
        ["backup", "--help"],
        ["validation", "withdraw", "--help"],
    ],
)
def test_a_command_help_in_french(argv: list[str]) -> None:
    result = run_relay(*argv, env={"RELAY_LANG": "fr"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("utilisation : relay ")
    assert "afficher cette aide et quitter" in result.stdout
    _no_argparse_english(result.stdout)


def test_a_command_help_in_english_is_argparse_s() -> None:
    status, out, _err = _run("risk", "add", "--help")
    assert status == 0
    assert out.startswith("usage: relay risk add [-h]")
    assert "\npositional arguments:\n" in out and "\noptions:\n" in out
    assert "show this help message and exit" in out


@pytest.mark.parametrize(
    ("argv", "french"),
    [
        (
            ["risk", "add", "x"],
            "relay : erreur : les arguments suivants sont requis : --probability, --impact "
            "(voir relay risk add --help)",
        ),
        (
            ["client", "frob"],
            "relay : erreur : argument ACTION : choix invalide : 'frob' (choisissez parmi",
        ),
        (["client", "list", "--bogus"], "relay : erreur : arguments non reconnus : --bogus"),
        (
            ["capture", "hi", "--at"],
            "relay : erreur : argument --at : un argument attendu (voir relay capture --help)",
        ),
        (
            ["capture", "hi", "--in", "--out"],
            "relay : erreur : argument --out : interdit avec l'argument --in",
        ),
        (["undo", "--limit", "many"], "relay : erreur : argument --limit : valeur int invalide"),
        (["client"], "relay : erreur : les arguments suivants sont requis : ACTION"),
    ],
)
def test_argparse_errors_in_french(argv: list[str], french: str) -> None:
    status, out, err = _run("--lang", "fr", *argv)
    assert (status, out) == (2, "")
    assert err.startswith(french)
    _no_argparse_english(err)


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("unrecognized arguments: --x y", "arguments non reconnus : --x y"),
        (
            "argument -p/--project: expected one argument",
            "argument -p/--project : un argument attendu",
        ),
        (
            "argument --kind: invalid choice: 'x' (choose from 'a', 'b')",
            "argument --kind : choix invalide : 'x' (choisissez parmi 'a', 'b')",
        ),
        (
            "ambiguous option: --d could match --db, --demo",
            "option ambiguë : --d peut correspondre à --db, --demo",
        ),
        ("argument --n: expected 2 arguments", "argument --n : 2 arguments attendus"),
        ("something argparse never said", "something argparse never said"),
    ],
)
def test_argparse_messages_are_translated(english: str, french: str) -> None:
    assert argparse_text.translated(english) == english  # English: as argparse wrote it
    i18n.use("fr")
    assert plain(argparse_text.translated(english)) == french


def test_every_argparse_message_has_its_french() -> None:
    french = i18n.catalogue("fr")
    for msgid in (
        argparse_text.USAGE,
        argparse_text.HELP,
        argparse_text.ARGUMENT,
        *argparse_text.TITLES,
        *argparse_text.ERRORS,
    ):
        assert french.messages.get(msgid), msgid


# --- what the commands print ----------------------------------------------------------------


@pytest.mark.sqlite_only  # the fast capture is the SQLite path
def test_a_capture_in_french_stays_on_the_fast_path(db_path: Path, one_project: None) -> None:
    code = f"""
import json, sys
from relay_tui.cli import main
status = main(["--lang", "fr", "--db", {str(db_path)!r}, "capture", "Appel", "--awaiting"])
print(json.dumps({{"status": status, "argparse": "argparse" in sys.modules}}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    said, report = result.stdout.splitlines()
    assert plain(said).startswith("Échange n° 1 noté sur Acme site : e-mail au client, ")
    assert said.endswith(", en attente de réponse")
    assert json.loads(report) == {"status": 0, "argparse": False}


def test_a_question_answered_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    from relay_tui.cli import corrections

    assert corrections._yes() == {"y", "yes"}
    i18n.use("fr")
    assert {"o", "oui", "y", "yes"} <= corrections._yes()


def test_json_stays_as_it_is(db_path: Path, one_project: None) -> None:
    english = _run("--db", str(db_path), "project", "list", "--json")
    french = _run("--db", str(db_path), "--lang", "fr", "project", "list", "--json")
    assert english == french
    assert json.loads(french[1])["projects"][0]["phase"] == "before"


# --- the quick reader -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "fr", "capture", "x"], "fr"),
        (["--lang=fr", "capture", "x"], "fr"),
        (["--lan", "fr", "board"], "fr"),
        (["--db", "--lang", "--lang", "en", "board"], "en"),  # --db's value is "--lang"
        (["--db=x.db", "--lang", "en", "--lang", "fr"], "fr"),  # the last one, as argparse
        (["capture", "--lang", "fr"], None),  # the command's text, not the option
        (["--demo"], None),
        (["--lang"], None),  # argparse says what is missing
        ([], None),
    ],
)
def test_lang_option(argv: list[str], expected: str | None) -> None:
    assert lang_option(argv) == expected


def test_read_capture_takes_lang() -> None:
    args = read_capture(["--lang", "fr", "--db", "x.db", "capture", "hi"])
    assert args is not None
    assert (args.lang, args.db, args.text) == ("fr", "x.db", "hi")
    assert read_capture(["--lang", "fr", "--lang", "en", "capture", "hi"]) is None  # argparse's
