"""The argument parser: every command, its options and its handler (imported lazily)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from relay_tui import __version__
from relay_tui.errors import one_line

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NoReturn


class Parser(argparse.ArgumentParser):
    """An argparse parser that reports mistakes in one line, exit status 2."""

    def error(self, message: str) -> NoReturn:
        # The message may quote what was typed: kept on one line, escapes shown, not run.
        self.exit(2, f"relay: error: {one_line(message)} (see {one_line(self.prog)} --help)\n")


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), name)(args) or 0)

    run.__name__ = name
    return run


def command(
    sub: object,
    name: str,
    help_text: str,
    module: str,
    func: str,
    *,
    description: str = "",
    example: str = "",
    aliases: Sequence[str] = (),
) -> Parser:
    """A command (or an action of a group) run by `module.func`, imported when it runs.
    `description` (default: `help_text`) and one `example` are what its --help shows."""
    options: dict[str, object] = {"help": help_text, "description": description or help_text}
    if example:  # shown as written, on a line of its own: the description wrapped here
        options["description"] = _wrapped(str(options["description"]))
        options["epilog"] = f"example:\n  {example}"
        options["formatter_class"] = argparse.RawDescriptionHelpFormatter
    if aliases:
        options["aliases"] = list(aliases)
    parser: Parser = sub.add_parser(name, **options)  # type: ignore[attr-defined]
    parser.set_defaults(handler=_lazy(module, func))
    return parser


def _wrapped(text: str) -> str:
    """`text` wrapped as argparse wraps a description (to the terminal's width)."""
    import shutil
    import textwrap

    return textwrap.fill(text, max(shutil.get_terminal_size().columns - 2, 40))


def group(
    sub: object, name: str, help_text: str, title: str = "", metavar: str = "ACTION"
) -> object:
    """A command of several actions (`relay deadline add`, `... list`): where they go."""
    parser = sub.add_parser(name, help=help_text)  # type: ignore[attr-defined]
    return parser.add_subparsers(
        title=title or f"{name} commands", metavar=metavar, parser_class=Parser, required=True
    )


def project_option(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "-p",
        "--project",
        required=required,
        help="project id or unambiguous name prefix (optional with one active project)",
    )


def build_parser() -> Parser:
    parser = Parser(
        prog="relay",
        description="relay: run the whole client relationship of your projects.",
        epilog="Run `relay` alone to open the app; `relay --demo` to try it on sample data.",
    )
    parser.add_argument("--version", action="version", version=f"relay {__version__}")
    parser.add_argument("--db", help="store: a SQLite file or a SQLAlchemy URL (env RELAY_DB)")
    parser.add_argument("--demo", action="store_true", help="open the app on a fresh sample store")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    transfer = "relay_tui.cli.transfer"
    during = "relay_tui.cli.during"
    board_retro = "relay_tui.cli.board_retro"

    # the records: add, list, correct, delete (cli/record_commands.py)
    from relay_tui.cli.record_commands import add_record_commands

    add_record_commands(sub)

    # board and retrospective
    p = command(sub, "board", "the timekeeping board across active projects", board_retro, "board")
    p.add_argument("--json", action="store_true", help="stable JSON for scripts (docs/cli.md)")
    p.add_argument("--today", help="as of this date")
    p = command(
        sub, "retro", "open the app on a project's retrospective wizard", board_retro, "retro"
    )
    project_option(p)
    p.add_argument("--export", metavar="FILE", help="write the retrospective as Markdown instead")

    # report
    p = command(sub, "report", "status report for the client (Markdown)", during, "report")
    project_option(p)
    p.add_argument("-o", "--output", help="file to write (default: print it)")
    p.add_argument("--today", help="as of this date")

    # export / import / backup
    export = group(sub, "export", "export data", "export formats", "FORMAT")
    p = command(export, "json", "the whole store as JSON", transfer, "export_json")
    p.add_argument("-o", "--output", required=True, help="file to write (must not exist)")
    p.add_argument(
        "--salvage",
        action="store_true",
        help="of a damaged SQLite store, save every record that can still be read",
    )
    p = command(export, "ics", "the alarm bells as an iCalendar file", during, "export_ics")
    project_option(p)
    p.add_argument("-o", "--output", required=True, help="file to write (must not exist)")
    p = command(export, "craft", "my craft card as Markdown", transfer, "export_craft")
    p.add_argument("-o", "--output", required=True, help="file to write (must not exist)")
    importp = group(sub, "import", "import data", "import formats", "FORMAT")
    p = command(importp, "json", "load a JSON export into an empty store", transfer, "import_json")
    p.add_argument("file")
    p = command(sub, "backup", "a checked copy of the store; or list, restore", transfer, "backup")
    p.add_argument("-o", "--output", help="file to write (must not exist)")
    care = "relay_tui.cli.store_care"
    backups = p.add_subparsers(title="backup actions", metavar="ACTION", parser_class=Parser)
    command(backups, "list", "the automatic backups, newest first, checked", care, "backup_list")
    p = command(
        backups, "restore", "put a backup back in place of the store", care, "backup_restore"
    )
    p.add_argument("file", help="the backup to restore (relay backup list shows them)")
    command(sub, "check", "check the store for damage and say what to do", care, "check")
    p = command(
        sub,
        "undo",
        "take back your last change (add, edit or delete)",
        "relay_tui.cli.undo",
        "undo",
    )
    p.add_argument("--list", action="store_true", help="list what can be taken back, newest first")
    p.add_argument("--limit", type=int, default=20, help="how many steps --list shows (20)")

    # team: a shared PostgreSQL store (docs/team.md)
    team = group(sub, "team", "share a PostgreSQL store")
    from relay_tui.team_role import DEFAULT_ROLE

    help_role = f"the group role that owns relay's tables (default {DEFAULT_ROLE})"
    p = command(team, "setup", "let several logins share a store", "relay_tui.cli.team", "setup")
    p.add_argument("url", help="the database, as its administrator: postgresql+psycopg://...")
    p.add_argument("--member", action="append", help="a person's login (repeat for each)")
    p.add_argument("--role", default=DEFAULT_ROLE, help=help_role)
    p = command(team, "add-member", "add a login to the team", "relay_tui.cli.team", "add_member")
    p.add_argument("url", help="the database, as its administrator: postgresql+psycopg://...")
    p.add_argument("name", help="the person's login on the server")
    p.add_argument("--role", default=DEFAULT_ROLE, help=help_role)
    return parser
