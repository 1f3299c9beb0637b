"""The argument parser: every command, its options and its handler (imported lazily)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from relay_tui import __version__
from relay_tui.errors import one_line

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
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


def _cmd(sub: object, name: str, help_text: str, module: str, func: str) -> Parser:
    parser: Parser = sub.add_parser(name, help=help_text, description=help_text)  # type: ignore[attr-defined]
    parser.set_defaults(handler=_lazy(module, func))
    return parser


def _group(
    sub: object, name: str, help_text: str, title: str = "", metavar: str = "ACTION"
) -> object:
    """A command of several actions (`relay deadline add`, `... list`): where they go."""
    parser = sub.add_parser(name, help=help_text)  # type: ignore[attr-defined]
    return parser.add_subparsers(
        title=title or f"{name} commands", metavar=metavar, parser_class=Parser, required=True
    )


def _project_opt(parser: argparse.ArgumentParser, required: bool = False) -> None:
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
    records = "relay_tui.cli.records"
    transfer = "relay_tui.cli.transfer"
    during = "relay_tui.cli.during"
    board_retro = "relay_tui.cli.board_retro"

    # client
    client = _group(sub, "client", "manage clients")
    p = _cmd(client, "add", "add a client", records, "client_add")
    p.add_argument("name")
    p.add_argument("--org", default="", help="organisation")
    p.add_argument("--email", default="")
    p.add_argument("--phone", default="")
    p.add_argument("--channel", help="preferred channel: email, phone, meeting, chat, other")
    p = _cmd(client, "list", "list clients", records, "client_list")
    p.add_argument("--json", action="store_true")

    # project
    project = _group(sub, "project", "manage projects")
    p = _cmd(project, "add", "add a project", records, "project_add")
    p.add_argument("name")
    p.add_argument("--client", required=True, help="client id or name")
    p.add_argument("--kind", default="other", help="corporate, artistic, friends or other")
    p.add_argument("--start", help="start date (2026-12-01, today, +3d...)")
    p.add_argument("--delivery", help="delivery date")
    p.add_argument("--budget", help="time budget (e.g. 40h)")
    p.add_argument("--chase-delay", help="working days before chasing (default from settings)")
    for flag, what in (
        ("accountable", "is the client accountable to someone?"),
        ("event", "is the delivery date tied to an event?"),
        ("partial", "is a partial delivery acceptable?"),
    ):
        p.add_argument(f"--{flag}", choices=("yes", "no"), help=what)
    p = _cmd(project, "list", "list projects", records, "project_list")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--active", action="store_true", help="active projects only")

    # capture
    p = _cmd(sub, "capture", "log a contact with the client", records, "capture")
    p.add_argument("text", help="what was said")
    _project_opt(p)
    p.add_argument("-c", "--channel", help="email (default), phone, meeting, chat, other")
    direction = p.add_mutually_exclusive_group()
    direction.add_argument(
        "--in", dest="direction", action="store_const", const="in", help="the client reached out"
    )
    direction.add_argument(
        "--out", dest="direction", action="store_const", const="out", help="I reached out (default)"
    )
    p.add_argument("--awaiting", action="store_true", help="I am waiting for a reply")
    p.add_argument("--at", help="when (default now): 14:30, yesterday, 2026-12-01T09:15")

    # deadline
    deadline = _group(sub, "deadline", "alarm bells")
    p = _cmd(deadline, "add", "add a deadline", records, "deadline_add")
    p.add_argument("title")
    _project_opt(p)
    p.add_argument("--due", required=True, help="due date (2026-12-01, +2w, 2026-12-01T14:30)")
    p.add_argument(
        "--kind", default="other", help="documents, validation, delivery, checkpoint or other"
    )
    p.add_argument("--owner", help="client or provider (default from the kind)")
    p.add_argument("--margin", help="safety margin in days (default from settings)")
    p.add_argument("--after", help="id of the deadline this one depends on")
    p = _cmd(deadline, "done", "mark a deadline done", records, "deadline_done")
    p.add_argument("id")
    p.add_argument("--on", help="date it was done (default today)")
    p = _cmd(deadline, "list", "the alarm bells of a project", during, "deadline_list")
    _project_opt(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--today", help="compute statuses as of this date")

    # contacts and chasing
    contact = _group(sub, "contact", "the contact log")
    p = _cmd(contact, "list", "contacts, newest first", during, "contact_list")
    p.add_argument("-p", "--project", help="one project (default: all)")
    p.add_argument("--awaiting", action="store_true", help="only those awaiting a reply")
    p.add_argument("-c", "--channel", help="only this channel")
    p.add_argument("--search", help="words to find in the summaries (all projects)")
    p.add_argument("--limit", default="50", help="how many (default 50)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = _cmd(sub, "chase", "the chase list, or log a chase with -p", during, "chase")
    p.add_argument("-p", "--project", help="log a chase on this project")
    p.add_argument("-c", "--channel", help="channel of the chase (default: the original one)")
    p.add_argument("--note", help="what you wrote (default: Chased: <the request>)")
    p.add_argument("--today", help="compute the list as of this date")
    p.add_argument("--json", action="store_true", help="machine-readable list")

    # validations
    validation = _group(sub, "validation", "validations by the client")
    p = _cmd(
        validation, "request", "submit a deliverable for validation", during, "validation_request"
    )
    p.add_argument("deliverable")
    _project_opt(p)
    p.add_argument("--on", help="date of the request (default today)")
    p = _cmd(
        validation, "done", "record the client's validation (locks it)", during, "validation_done"
    )
    p.add_argument("id")
    p.add_argument("--by", required=True, help="who validated")
    p.add_argument("--on", help="date of the validation (default today)")
    p = _cmd(
        validation,
        "reopen",
        "reopen a validated deliverable (a change request)",
        during,
        "validation_reopen",
    )
    p.add_argument("id")
    p.add_argument("--reason", required=True, help="why it is reopened")
    p = _cmd(validation, "list", "validations of a project", during, "validation_list")
    _project_opt(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    # board and retrospective
    p = _cmd(sub, "board", "the timekeeping board across active projects", board_retro, "board")
    p.add_argument("--json", action="store_true", help="stable JSON for scripts (docs/cli.md)")
    p.add_argument("--today", help="as of this date")
    p = _cmd(sub, "retro", "open the app on a project's retrospective wizard", board_retro, "retro")
    _project_opt(p)
    p.add_argument("--export", metavar="FILE", help="write the retrospective as Markdown instead")

    # report
    p = _cmd(sub, "report", "status report for the client (Markdown)", during, "report")
    _project_opt(p)
    p.add_argument("-o", "--output", help="file to write (default: print it)")
    p.add_argument("--today", help="as of this date")

    # risk
    risk = _group(sub, "risk", "risk register")
    p = _cmd(risk, "add", "add a risk", records, "risk_add")
    p.add_argument("title")
    _project_opt(p)
    p.add_argument("--probability", required=True, help="1 (rare) to 5 (almost certain)")
    p.add_argument("--impact", required=True, help="1 (minor) to 5 (severe)")
    p.add_argument(
        "--category",
        default="other",
        help="financial, reputation, schedule, scope, accountability, "
        "event_deadline, technical, legal, other",
    )
    p.add_argument("--mitigation", default="")
    p.add_argument("--owner", default="")
    p.add_argument("--review", help="next review date")
    p = _cmd(risk, "list", "the risk register of a project", records, "risk_list")
    _project_opt(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")

    # time
    timep = _group(sub, "time", "time log")
    p = _cmd(timep, "log", "log time spent", records, "time_log")
    p.add_argument("duration", help="90, 1h30, 45m")
    _project_opt(p)
    p.add_argument("--note", default="")
    p.add_argument("--on", help="day (default today)")
    p.add_argument("--category", default="work", help="work, rework, meetings or admin")

    # export / import / backup
    export = _group(sub, "export", "export data", "export formats", "FORMAT")
    p = _cmd(export, "json", "the whole store as JSON", transfer, "export_json")
    p.add_argument("-o", "--output", required=True, help="file to write (must not exist)")
    p.add_argument(
        "--salvage",
        action="store_true",
        help="of a damaged SQLite store, save every record that can still be read",
    )
    p = _cmd(export, "ics", "the alarm bells as an iCalendar file", during, "export_ics")
    _project_opt(p)
    p.add_argument("-o", "--output", required=True, help="file to write (must not exist)")
    p = _cmd(export, "craft", "my craft card as Markdown", transfer, "export_craft")
    p.add_argument("-o", "--output", required=True, help="file to write (must not exist)")
    importp = _group(sub, "import", "import data", "import formats", "FORMAT")
    p = _cmd(importp, "json", "load a JSON export into an empty store", transfer, "import_json")
    p.add_argument("file")
    p = _cmd(sub, "backup", "a checked copy of the store; or list, restore", transfer, "backup")
    p.add_argument("-o", "--output", help="file to write (must not exist)")
    care = "relay_tui.cli.store_care"
    backups = p.add_subparsers(title="backup actions", metavar="ACTION", parser_class=Parser)
    _cmd(backups, "list", "the automatic backups, newest first, checked", care, "backup_list")
    p = _cmd(backups, "restore", "put a backup back in place of the store", care, "backup_restore")
    p.add_argument("file", help="the backup to restore (relay backup list shows them)")
    _cmd(sub, "check", "check the store for damage and say what to do", care, "check")
    p = _cmd(
        sub,
        "undo",
        "take back your last change (add, edit or delete)",
        "relay_tui.cli.undo",
        "undo",
    )
    p.add_argument("--list", action="store_true", help="list what can be taken back, newest first")
    p.add_argument("--limit", type=int, default=20, help="how many steps --list shows (20)")

    # team: a shared PostgreSQL store (docs/team.md)
    team = _group(sub, "team", "share a PostgreSQL store")
    from relay_tui.team_role import DEFAULT_ROLE

    help_role = f"the group role that owns relay's tables (default {DEFAULT_ROLE})"
    p = _cmd(team, "setup", "let several logins share a store", "relay_tui.cli.team", "setup")
    p.add_argument("url", help="the database, as its administrator: postgresql+psycopg://...")
    p.add_argument("--member", action="append", help="a person's login (repeat for each)")
    p.add_argument("--role", default=DEFAULT_ROLE, help=help_role)
    p = _cmd(team, "add-member", "add a login to the team", "relay_tui.cli.team", "add_member")
    p.add_argument("url", help="the database, as its administrator: postgresql+psycopg://...")
    p.add_argument("name", help="the person's login on the server")
    p.add_argument("--role", default=DEFAULT_ROLE, help=help_role)
    return parser
