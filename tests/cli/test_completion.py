"""`relay completion bash|zsh|fish` and the hidden `relay _projects` it calls.

The scripts are tried in real shells: bash always (`COMP_WORDS`/`COMP_CWORD` set and the
completion function called, as bash does on Tab), zsh and fish when installed (zsh on a
pseudo-terminal, Tab pressed; fish through `complete -C`). A `relay` program first on
the shells' PATH runs this checkout with this interpreter.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import relay_tui
from relay_tui.cli import main
from relay_tui.cli.project_names import active_project_names, names_request
from relay_tui.db import Store
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project, list_projects
from tests.conftest import FIXED_NOW, ServerStore, change_rows, run_relay

#: What the hidden command must never load: it runs on every Tab after `-p`.
HEAVY = ("textual", "sqlmodel", "sqlalchemy", "pydantic", "alembic", "argparse", "shtab")

#: The active projects of the `projects` store, as a user expects them offered.
ACTIVE = ["acme site", "Bakery website", "Zeta"]


@pytest.fixture
def projects(store: Store, db_path: Path) -> Path:
    """Three active projects (one with a space, one in lower case) and a closed one."""
    add_client(store, {"name": "Acme"})
    for name in ("Zeta", "Bakery website", "acme site", "Old shop"):
        add_project(store, {"name": name, "client": "acme"}, now=FIXED_NOW)
    change_rows(db_path, "UPDATE project SET status = 'closed' WHERE name = 'Old shop'")
    return db_path


@pytest.fixture(scope="module")
def shell_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a `relay` that runs this checkout: first on the shells' PATH."""
    folder = tmp_path_factory.mktemp("bin")
    source = Path(relay_tui.__file__).resolve().parents[1]
    program = folder / "relay"
    program.write_text(
        "#!/bin/sh\n"
        f"PYTHONPATH={shlex.quote(str(source))} exec {shlex.quote(sys.executable)} "
        '-m relay_tui "$@"\n'
    )
    program.chmod(0o755)
    return folder


def _script(shell: str, tmp_path: Path, lang: str = "en") -> Path:
    done = run_relay("--lang", lang, "completion", shell)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    path = tmp_path / f"relay-{lang}.{shell}"
    path.write_text(done.stdout)
    return path


def _shell_env(shell_bin: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{shell_bin}{os.pathsep}{os.environ['PATH']}", **extra}


# --- bash -------------------------------------------------------------------------------


def bash_complete(
    script: Path, shell_bin: Path, words: list[str], env: dict[str, str] | None = None
) -> list[str]:
    """What bash offers on Tab after `words` (the last one being completed)."""
    line = " ".join(shlex.quote(word) for word in words)
    program = (
        f"source {shlex.quote(str(script))}\n"
        f"COMP_WORDS=({line}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n"
        'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()\n'
        "$(complete -p relay | sed 's/.* -F \\([^ ]*\\) relay$/\\1/')\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        env={**_shell_env(shell_bin), **(env or {})},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_bash_completes_a_command_an_action_and_a_fixed_choice(
    tmp_path: Path, shell_bin: Path
) -> None:
    script = _script("bash", tmp_path)
    assert bash_complete(script, shell_bin, ["relay", "cap"]) == ["capture"]
    assert "ics" in bash_complete(script, shell_bin, ["relay", "export", ""])
    assert bash_complete(script, shell_bin, ["relay", "completion", ""]) == ["bash", "zsh", "fish"]
    assert "--awaiting" in bash_complete(script, shell_bin, ["relay", "capture", "--"])
    # The hidden command is not offered.
    assert bash_complete(script, shell_bin, ["relay", "_"]) == []


@pytest.mark.sqlite_only
def test_bash_completes_the_active_projects_after_p(
    projects: Path, tmp_path: Path, shell_bin: Path
) -> None:
    script = _script("bash", tmp_path)
    db = str(projects)
    offered = bash_complete(script, shell_bin, ["relay", "--db", db, "capture", "Hi", "-p", ""])
    # Quoted for the command line, as bash inserts them; the closed project is left out.
    assert offered == ["acme\\ site", "Bakery\\ website", "Zeta"]
    # A prefix, in any case; the long option; RELAY_DB instead of --db; `--db=` too.
    assert bash_complete(script, shell_bin, ["relay", "--db", db, "capture", "-p", "ba"]) == [
        "Bakery\\ website"
    ]
    assert bash_complete(
        script, shell_bin, ["relay", "deadline", "list", "--project", "Z"], {"RELAY_DB": db}
    ) == ["Zeta"]
    assert bash_complete(script, shell_bin, ["relay", "--db", "=", db, "report", "-p", "A"]) == [
        "acme\\ site"
    ]
    # No store there: nothing offered, and none created.
    missing = tmp_path / "none.db"
    assert (
        bash_complete(script, shell_bin, ["relay", "--db", str(missing), "capture", "-p", ""]) == []
    )
    assert not missing.exists()


# --- zsh and fish -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])  # French help texts: apostrophes, colons
def test_zsh_and_fish_scripts_are_generated_and_parse(tmp_path: Path, lang: str) -> None:
    zsh, fish = _script("zsh", tmp_path, lang), _script("fish", tmp_path, lang)
    assert zsh.read_text().startswith("#compdef relay")
    assert "_relay_projects" in zsh.read_text()
    assert "complete -c relay" in fish.read_text()
    assert "(_relay_projects)" in fish.read_text()
    checked = 0
    for program, check in (
        ("zsh", ["zsh", "-n", str(zsh)]),
        ("fish", ["fish", "--no-execute", str(fish)]),
    ):
        if shutil.which(program):
            done = subprocess.run(check, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr
            checked += 1
    if not checked:
        pytest.skip("neither zsh nor fish is installed: generated, not parsed")


@pytest.mark.sqlite_only
def test_fish_completes_commands_choices_and_projects(
    projects: Path, tmp_path: Path, shell_bin: Path
) -> None:
    if not shutil.which("fish"):
        pytest.skip("fish is not installed")
    script = _script("fish", tmp_path)

    def offered(line: str) -> list[str]:
        program = f"source {shlex.quote(str(script))}; complete -C {shlex.quote(line)}"
        done = subprocess.run(
            ["fish", "--no-config", "-c", program],
            capture_output=True,
            text=True,
            env=_shell_env(shell_bin),
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert offered("relay cap") == ["capture"]
    assert offered("relay completion ") == ["bash", "zsh", "fish"]
    assert offered(f"relay --db {projects} capture Hi -p ") == ACTIVE


def _zsh_line_after_tab(typed: str, folder: Path, env: dict[str, str]) -> str:
    """The command line of an interactive zsh after typing `typed` and pressing Tab, the
    completion script being `folder`/_relay (as installed in `fpath`)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a bare interactive zsh whose completion is relay's script
        os.execvpe("zsh", ["zsh", "-f", "-i"], {**env, "TERM": "dumb"})
    seen = b""

    def read_until(pattern: bytes) -> re.Match[bytes] | None:
        nonlocal seen
        deadline = time.monotonic() + 60
        while (found := re.search(pattern, seen)) is None and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                seen += os.read(fd, 65536)
        return found

    try:
        os.write(
            fd,
            f"PS1='> '; fpath=({shlex.quote(str(folder))} $fpath); "
            "autoload -U compinit; compinit -u -D; print READY''1\n".encode(),
        )
        read_until(rb"READY1")  # (the typed line shows READY''1: only the output matches)
        seen = b""
        # Tab, then Ctrl+A and Ctrl+E wrap the line into a command that prints it: its
        # output is the only line that starts with <<< (the shell's echo does not).
        os.write(fd, f"{typed}\t\x01print -r -- '<<<'\x05'>>>'\n".encode())
        found = read_until(rb"\n<<<([^\r\n]*)>>>\r?\n")
        assert found is not None, seen
        return found[1].decode()
    finally:
        os.write(fd, b"exit\n")
        os.close(fd)
        os.waitpid(pid, 0)


@pytest.mark.sqlite_only
def test_zsh_completes_commands_and_projects_on_tab(
    projects: Path, tmp_path: Path, shell_bin: Path
) -> None:
    if not shutil.which("zsh"):
        pytest.skip("zsh is not installed")
    folder = tmp_path / "zsh"
    folder.mkdir()
    (folder / "_relay").write_text(_script("zsh", tmp_path).read_text())  # as in fpath
    env = _shell_env(shell_bin, RELAY_DB=str(projects))
    assert _zsh_line_after_tab("relay cap", folder, env) == "relay capture"
    assert (
        _zsh_line_after_tab("relay capture -p ba", folder, env) == "relay capture -p Bakery website"
    )


# --- the hidden command -----------------------------------------------------------------


def test_the_hidden_command_lists_the_services_active_projects(
    projects: Path, store: Store
) -> None:
    """Its list is the one the services give (closed projects left out, same order). On a
    PostgreSQL store it offers nothing (the completion stays quick)."""
    expected = [row.name for row in list_projects(store, include_closed=False)]
    assert expected == ACTIVE  # the services' own order: by name, case ignored
    found = active_project_names(str(projects))
    assert found == ([] if isinstance(projects, ServerStore) else expected)


@pytest.mark.sqlite_only
def test_the_hidden_command_is_light_and_prints_one_name_a_line(projects: Path) -> None:
    code = f"""
import json, sys
from relay_tui.cli import main
status = main(["--db", {str(projects)!r}, "--lang", "fr", "_projects"])
print(json.dumps({{"status": status, "modules": sorted(sys.modules)}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    *names, report = done.stdout.splitlines()
    assert names == ACTIVE
    loaded = {name.split(".")[0] for name in json.loads(report)["modules"]}
    assert "relay_tui" in loaded and "sqlite3" in loaded  # the report is real
    assert sorted(loaded & set(HEAVY)) == []
    assert done.stderr == ""


def test_shtab_is_imported_by_the_completion_command_only(db_path: Path) -> None:
    code = f"""
import sys
from relay_tui.cli import main
main(["--db", {str(db_path)!r}, "project", "list"])
before = "shtab" in sys.modules
main(["completion", "fish"])
print(before, "shtab" in sys.modules, file=sys.stderr)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "False True"


@pytest.mark.sqlite_only
def test_the_hidden_command_stays_silent_when_there_is_nothing_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.db"
    other = tmp_path / "notes.txt"
    other.write_text("Call Marie back.\n" * 50)
    for db in (str(missing), str(other), "~nosuchuser/relay.db"):
        assert main(["--db", db, "_projects"]) == 0
    assert capsys.readouterr() == ("", "")
    assert not missing.exists()
    assert other.read_text() == "Call Marie back.\n" * 50


@pytest.mark.parametrize(
    ("argv", "db"),
    [
        (["_projects"], None),
        (["--db", "x.db", "_projects"], "x.db"),
        (["--db=x.db", "--lang", "fr", "_projects"], "x.db"),
    ],
)
def test_the_hidden_command_is_read_without_argparse(argv: list[str], db: str | None) -> None:
    request = names_request(argv)
    assert request is not None and request.db == db


@pytest.mark.parametrize(
    "argv",
    [["capture", "_projects"], ["_projects", "extra"], ["--db"], ["--demo", "_projects"], []],
)
def test_other_command_lines_are_left_to_argparse(argv: list[str]) -> None:
    assert names_request(argv) is None


def test_the_command_is_listed_and_its_shell_checked() -> None:
    listed = run_relay("--help")
    assert "completion" in listed.stdout and "_projects" not in listed.stdout
    for argv in (["completion"], ["completion", "tcsh"]):
        done = run_relay(*argv)
        assert done.returncode == 2
        assert done.stderr.startswith("relay: error: ") and done.stdout == ""
