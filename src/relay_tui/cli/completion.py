"""`relay completion bash|zsh|fish`: the shell's completion script, made by shtab.

The script is generated once, from the argument parser itself (commands, options, fixed
choices), and then works inside the shell: pressing Tab never starts Python, except to
offer project names after `-p`/`--project`, where the script runs the hidden, light
`relay _projects` (`relay_tui.cli.project_names`). shtab is imported here only, when
this command runs: no other command pays for it (a test checks `sys.modules`).
"""

from __future__ import annotations

import argparse

from relay_tui.cli.project_names import COMMAND
from relay_tui.i18n import tr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

#: The shells relay writes a completion script for.
SHELLS = ("bash", "zsh", "fish")

#: The shell function that offers the active projects' names, per shell. Each passes on
#: the `--db` typed before the command (RELAY_DB is passed on by the environment).
_FUNCTION = "_relay_projects"

_BASH = rf"""# relay: the active projects' names after -p/--project ({COMMAND} reads the store).
{_FUNCTION}() {{
  local word="${{1#[\"\']}}" db="" i name restore
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ "${{COMP_WORDS[i]}}" == --db ]]; then
      db="${{COMP_WORDS[i+1]}}"
      [[ "$db" == "=" ]] && db="${{COMP_WORDS[i+2]}}"
    fi
  done
  restore=$(shopt -p nocasematch)
  shopt -s nocasematch
  while IFS= read -r name; do
    [[ "$name" == "$word"* ]] && printf '%q\n' "$name"
  done < <(relay ${{db:+--db "$db"}} {COMMAND} 2>/dev/null)
  eval "$restore"
}}"""

_ZSH = rf"""# relay: the active projects' names after -p/--project ({COMMAND} reads the store).
{_FUNCTION}() {{
  local -a typed db names
  local i expl
  typed=(${{(z)BUFFER}})
  i=${{typed[(I)--db]}}
  (( i )) && db=(--db "${{(Q)typed[i+1]}}")
  i=${{typed[(I)--db=*]}}
  (( i )) && db=(--db "${{(Q)${{typed[i]#--db=}}}}")
  names=(${{(f)"$(relay $db {COMMAND} 2>/dev/null)"}})
  local any_case='m:{{[:lower:][:upper:]}}={{[:upper:][:lower:]}}'
  _wanted projects expl project compadd -M $any_case -a names
}}"""

_FISH = rf"""# relay: the active projects' names after -p/--project ({COMMAND} reads the store).
function {_FUNCTION}
  set -l tokens (commandline -opc)
  set -l db
  for i in (seq (count $tokens))
    switch $tokens[$i]
      case --db
        if test $i -lt (count $tokens)
          set db --db $tokens[(math $i + 1)]
        end
      case '--db=*'
        set db --db (string replace -- --db= '' $tokens[$i])
    end
  end
  relay $db {COMMAND} 2>/dev/null
end"""

#: What shtab puts in the script for a `-p`/`--project` option.
PROJECTS = {
    "bash": _FUNCTION,
    "zsh": _FUNCTION,
    "fish": f"({_FUNCTION})",
    "preamble": {"bash": _BASH, "zsh": _ZSH, "fish": _FISH},
}


def add_completion_command(sub: object) -> None:
    """Register `relay completion SHELL` (cli/parser.py)."""
    from relay_tui.cli.parser import command

    p = command(
        sub,
        "completion",
        tr("print the shell completion script (bash, zsh or fish)"),
        "relay_tui.cli.completion",
        "completion",
        description=tr(
            "Print the completion script of your shell: commands, options, fixed choices "
            "and the active projects' names after -p. docs/integrations.md says where to "
            "put it."
        ),
        example="relay completion bash > ~/.local/share/bash-completion/completions/relay",
    )
    p.add_argument(
        "shell", choices=SHELLS, help=tr("your shell: {shells}", shells=", ".join(SHELLS))
    )


def completion(args: argparse.Namespace) -> int:
    print(completion_script(args.shell))
    return 0


def completion_script(shell: str) -> str:
    """The completion script of `shell`, for the parser `relay` uses."""
    import shtab

    from relay_tui.cli.parser import build_parser

    parser = build_parser()
    for action in _actions(parser):
        if "--project" in action.option_strings:
            action.complete = PROJECTS  # type: ignore[attr-defined]
    return shtab.complete(parser, shell=shell).rstrip("\n")


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every action of `parser` and of its commands, each once (aliases share one)."""
    seen: set[int] = set()
    waiting = [parser]
    while waiting:
        current = waiting.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for action in current._actions:
            yield action
            if isinstance(action, argparse._SubParsersAction):
                waiting.extend(action.choices.values())
