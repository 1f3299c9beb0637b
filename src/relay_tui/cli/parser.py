"""The argument parser: every command, its options and its handler (imported lazily).

Its texts are in the language chosen at start (`relay_tui.cli.choose_language`), and
so are argparse's own (see `relay_tui.cli.argparse_text` for how).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from relay_tui import __version__
from relay_tui.cli import argparse_text
from relay_tui.errors import one_line
from relay_tui.i18n import LANGUAGES, tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, NoReturn


class Formatter(argparse.HelpFormatter):
    """argparse's help in relay's language: the usage's prefix ("usage: ") and the titles
    of the sections ("options"; relay's own titles are already translated, and stay as
    they are)."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, tr(argparse_text.USAGE) if prefix is None else prefix
        )

    def start_section(self, heading: str | None) -> None:
        if heading:
            # argparse adds the colon; French puts a space before it ("options :").
            # TRANSLATORS: a section title of --help, then a colon (argparse writes it).
            heading = tr("{heading}:", heading=tr(heading)).removesuffix(":")
        super().start_section(heading)


class RawDescriptionFormatter(Formatter, argparse.RawDescriptionHelpFormatter):
    """`Formatter`, the description and the epilog shown as written (an example)."""


class Parser(argparse.ArgumentParser):
    """An argparse parser that speaks relay's language and reports mistakes in one line,
    exit status 2."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        if add_help:  # argparse's own -h, with its help in relay's language
            self.add_argument("-h", "--help", action="help", help=tr(argparse_text.HELP))

    def error(self, message: str) -> NoReturn:
        # The message may quote what was typed: kept on one line, escapes shown, not run.
        self.exit(
            2,
            tr(
                "relay: error: {message} (see {command} --help)",
                message=one_line(argparse_text.translated(message)),
                command=one_line(self.prog),
            )
            + "\n",
        )


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
        options["epilog"] = tr("example:") + f"\n  {example}"
        options["formatter_class"] = RawDescriptionFormatter
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
        title=title or tr("{command} commands", command=name),
        metavar=metavar,
        parser_class=Parser,
        required=True,
    )


def project_option(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "-p",
        "--project",
        required=required,
        help=tr("project id or unambiguous name prefix (optional with one active project)"),
    )


def _environment() -> str:
    """The environment variables relay reads, as `relay --help` lists them."""
    variables = (
        ("RELAY_DB", tr("the store, when --db is not given")),
        ("RELAY_CONFIG", tr("the settings file to read instead of the usual one")),
        ("RELAY_LANG", tr("the language of relay's messages, when --lang is not given")),
        ("RELAY_DEBUG", tr("set to 1: an unexpected error shows its Python traceback")),
    )
    lines = [f"  {name:<13} {meaning}" for name, meaning in variables]
    return "\n".join([tr("environment variables:"), *lines])


def output_options(parser: argparse.ArgumentParser) -> None:
    """`-o FILE` (a new file; `-` prints it) and `--force`: every export has both."""
    parser.add_argument(
        "-o", "--output", required=True, help=tr("file to write (must not exist), - prints it")
    )
    parser.add_argument("--force", action="store_true", help=tr("replace the file if it exists"))


def build_parser() -> Parser:
    parser = Parser(
        prog="relay",
        description=tr("relay: run the whole client relationship of your projects."),
        epilog=_environment()
        + "\n\n"
        + tr("Run `relay` alone to open the app; `relay --demo` to try it on sample data."),
        formatter_class=RawDescriptionFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"relay {__version__}",
        help=tr("show program's version number and exit"),
    )
    parser.add_argument("--db", help=tr("store: a SQLite file or a SQLAlchemy URL (env RELAY_DB)"))
    parser.add_argument(
        "--demo", action="store_true", help=tr("open the app on a fresh sample store")
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=tr(
            "language of relay's messages: {languages} (default: RELAY_LANG, the language "
            "setting, then the locale)",
            languages=", ".join(LANGUAGES),
        ),
    )
    sub = parser.add_subparsers(title=tr("commands"), metavar="COMMAND", parser_class=Parser)
    transfer = "relay_tui.cli.transfer"
    during = "relay_tui.cli.during"
    board_retro = "relay_tui.cli.board_retro"

    # the records: add, list, correct, delete (cli/record_commands.py)
    from relay_tui.cli.record_commands import add_record_commands

    add_record_commands(sub)
    from relay_tui.cli.incidents import add_incident_commands

    add_incident_commands(sub)

    # board and retrospective
    p = command(
        sub, "board", tr("the timekeeping board across active projects"), board_retro, "board"
    )
    p.add_argument("--json", action="store_true", help=tr("stable JSON for scripts (docs/cli.md)"))
    p.add_argument("--today", help=tr("as of this date"))
    _remind_command(sub)
    p = command(
        sub, "retro", tr("open the app on a project's retrospective wizard"), board_retro, "retro"
    )
    project_option(p)
    p.add_argument(
        "--export",
        metavar="FILE",
        help=tr("write the retrospective as Markdown instead (- prints it)"),
    )
    p.add_argument("--force", action="store_true", help=tr("replace the file if it exists"))

    # report
    p = command(
        sub,
        "report",
        tr("status report for the client (Markdown)"),
        during,
        "report",
        example=tr("relay report -p Bakery --period 'This week I built the pages.' --sent"),
    )
    project_option(p)
    p.add_argument("-o", "--output", help=tr("file to write (default, or -: print it)"))
    p.add_argument("--force", action="store_true", help=tr("replace the file if it exists"))
    p.add_argument("--today", help=tr("as of this date"))
    p.add_argument(
        "--period",
        metavar="TEXT",
        help=tr("your own words on the period (default: a draft made from its facts)"),
    )
    once = p.add_mutually_exclusive_group()
    once.add_argument(
        "--sent", action="store_true", help=tr("keep the report as sent today (or --today)")
    )
    once.add_argument(
        "--history", action="store_true", help=tr("list the reports sent on the project")
    )

    # export / import / backup
    new_file = tr("file to write (must not exist)")
    export = group(sub, "export", tr("export data"), tr("export formats"), "FORMAT")
    p = command(export, "json", tr("the whole store as JSON"), transfer, "export_json")
    output_options(p)
    p.add_argument(
        "--salvage",
        action="store_true",
        help=tr("of a damaged SQLite store, save every record that can still be read"),
    )
    p = command(export, "ics", tr("the alarm bells as an iCalendar file"), during, "export_ics")
    project_option(p)
    output_options(p)
    p = command(export, "craft", tr("my craft card as Markdown"), transfer, "export_craft")
    output_options(p)
    documents = "relay_tui.cli.documents"
    for name, help_text, func in (
        (
            "commitments",
            tr("both sides' commitments, for the contract's appendix (Markdown)"),
            "export_commitments",
        ),
        (
            "kickoff",
            tr("the kick-off summary for the client (Markdown)"),
            "export_kickoff",
        ),
    ):
        p = command(export, name, help_text, documents, func)
        project_option(p)
        output_options(p)
        p.add_argument("--today", help=tr("as of this date"))
    importp = group(sub, "import", tr("import data"), tr("import formats"), "FORMAT")
    p = command(
        importp, "json", tr("load a JSON export into an empty store"), transfer, "import_json"
    )
    p.add_argument("file", help=tr("the file written by relay export json"))
    p = command(
        importp,
        "mail",
        tr("log the mails with your clients from an mbox file or a Maildir folder"),
        "relay_tui.cli.mail",
        "import_mail",
        example="relay import mail ~/Mail/clients",
    )
    p.add_argument("path", help=tr("an mbox file or a Maildir folder"))
    p = command(
        sub, "backup", tr("a checked copy of the store; or list, restore"), transfer, "backup"
    )
    p.add_argument("-o", "--output", help=new_file)
    care = "relay_tui.cli.store_care"
    backups = p.add_subparsers(title=tr("backup actions"), metavar="ACTION", parser_class=Parser)
    command(
        backups, "list", tr("the automatic backups, newest first, checked"), care, "backup_list"
    )
    p = command(
        backups, "restore", tr("put a backup back in place of the store"), care, "backup_restore"
    )
    p.add_argument("file", help=tr("the backup to restore (relay backup list shows them)"))
    command(sub, "check", tr("check the store for damage and say what to do"), care, "check")
    p = command(
        sub,
        "undo",
        tr("take back your last change (add, edit or delete)"),
        "relay_tui.cli.undo",
        "undo",
    )
    p.add_argument(
        "--list", action="store_true", help=tr("list what can be taken back, newest first")
    )
    p.add_argument("--limit", type=int, default=20, help=tr("how many steps --list shows (20)"))

    # team: a shared PostgreSQL store (docs/team.md)
    team = group(sub, "team", tr("share a PostgreSQL store"))
    from relay_tui.team_role import DEFAULT_ROLE

    help_role = tr("the group role that owns relay's tables (default {role})", role=DEFAULT_ROLE)
    help_url = tr("the database, as its administrator: postgresql+psycopg://...")
    p = command(
        team, "setup", tr("let several logins share a store"), "relay_tui.cli.team", "setup"
    )
    p.add_argument("url", help=help_url)
    p.add_argument("--member", action="append", help=tr("a person's login (repeat for each)"))
    p.add_argument("--role", default=DEFAULT_ROLE, help=help_role)
    p = command(
        team, "add-member", tr("add a login to the team"), "relay_tui.cli.team", "add_member"
    )
    p.add_argument("url", help=help_url)
    p.add_argument("name", help=tr("the person's login on the server"))
    p.add_argument("--role", default=DEFAULT_ROLE, help=help_role)

    # shell completion (cli/completion.py; the hidden `relay _projects` is read before)
    from relay_tui.cli.completion import add_completion_command

    add_completion_command(sub)
    return parser


def _remind_command(sub: object) -> None:
    """`relay remind`: what needs attention today (docs/integrations.md)."""
    from relay_tui.cli.remind import FORMATS

    p = command(
        sub,
        "remind",
        tr("what needs attention today, for the shell, a status bar or the desktop"),
        "relay_tui.cli.remind",
        "remind",
        description=tr(
            "What needs attention today across the active projects: alarm bells late or in "
            "their margin, what the client owes, chases due, projects over budget, reports "
            "due; newest risk first. Exit status 0 when nothing is due, 1 when something is."
        ),
        example="relay remind --format line",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="plain",
        help=tr(
            "plain: a short text; json: for scripts (docs/schemas); line: one short line "
            "for a status bar, empty when nothing is due"
        ),
    )
    p.add_argument(
        "--notify",
        action="store_true",
        help=tr("show a desktop notification of what was not shown yet today"),
    )
    p.add_argument("--today", help=tr("as of this date"))
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--install",
        action="store_true",
        help=tr(
            "run `relay remind --notify` on working days at the remind_at times "
            "(a systemd user timer, else the crontab line to add)"
        ),
    )
    group.add_argument("--uninstall", action="store_true", help=tr("remove what --install set up"))
