"""The `relay` command line.

Argparse front end. The command paths never import Textual; `relay capture` on a SQLite
store imports neither argparse, SQLAlchemy, SQLModel nor pydantic (see `cli.quick` and
`relay_tui.fastcapture`). Bad input gets one line on stderr naming the field and exit
status 2, with nothing written.

The language of everything it prints is chosen first (`choose_language`), before the
arguments are parsed (argparse's help and messages are in it too) and before the app
and its screens are imported (they translate their key descriptions as they load).
"""

from __future__ import annotations

import os
import sys

from relay_tui.errors import RelayError, TerminalStream, one_line
from relay_tui.i18n import tr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit status (never raises SystemExit). Ctrl+C, even
    while the command is being read, ends it with one line saying what it had saved."""
    from relay_tui import interrupts

    try:
        interrupts.forget()
        interrupts.as_usual()
        return _main(argv)
    except KeyboardInterrupt:
        print(interrupts.interrupted_message(), file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    handler: Callable[[object], int] | None
    from relay_tui.cli.project_names import names_request, print_project_names

    if (names := names_request(arguments)) is not None:  # shell completion: silent, fast
        return print_project_names(names)
    from relay_tui.cli.quick import lang_option, read_capture, read_remind
    from relay_tui.i18n import UnknownLanguage

    try:
        choose_language(lang_option(arguments))
    except UnknownLanguage as exc:
        print(tr("relay: error: {message}", message=one_line(exc)), file=sys.stderr)
        return 2

    args: object = read_capture(arguments)
    reminding = read_remind(arguments) if args is None else None
    if args is not None:
        from relay_tui.cli.records import capture

        handler = capture  # type: ignore[assignment]
    elif reminding is not None:  # a status bar runs it every few seconds: no argparse
        from relay_tui.cli.remind import remind

        args, handler = reminding, remind  # type: ignore[assignment]
    else:
        from relay_tui.cli.parser import build_parser

        try:
            args = build_parser().parse_args(arguments)
        except SystemExit as exc:  # --help, --version, or a usage error already reported
            return _exit_status(exc)
        handler = getattr(args, "handler", None)
    if handler is None:
        from relay_tui.cli.app_launch import open_app

        return _guarded(lambda: open_app(args))  # type: ignore[arg-type]
    # The commands print user text: on a terminal, escape sequences in it are shown,
    # never obeyed.
    command = handler
    out, err = sys.stdout, sys.stderr
    if _is_terminal(out):
        sys.stdout = TerminalStream(out)  # type: ignore[assignment]
    if _is_terminal(err):
        sys.stderr = TerminalStream(err)  # type: ignore[assignment]
    try:
        return _guarded(lambda: int(command(args) or 0))
    finally:
        sys.stdout, sys.stderr = out, err


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def _guarded(run: Callable[[], int]) -> int:
    """Run a command: its failures become one line on stderr and an exit status."""
    try:
        return run()
    except RelayError as exc:
        print(tr("relay: error: {message}", message=exc), file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        from relay_tui.interrupts import interrupted_message

        print(interrupted_message(), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: never a traceback
        if os.environ.get("RELAY_DEBUG"):
            raise
        first = one_line((str(exc).strip().splitlines() or [""])[0])
        print(
            tr(
                "relay: unexpected error ({error}: {detail}); nothing was written. "
                "Run again with RELAY_DEBUG=1 for details.",
                error=type(exc).__name__,
                detail=first,
            ),
            file=sys.stderr,
        )
        return 1


def _exit_status(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(one_line(code), file=sys.stderr)  # sys.exit("message") convention
    return 1


def choose_language(option: str | None) -> str:
    """Make the app's language the one asked for: `option` (`--lang`), else `RELAY_LANG`,
    else the `language` setting, else the locale's; English otherwise (`i18n.choose`).

    A language named and unknown (`--lang de`, `RELAY_LANG=de`) raises
    `i18n.UnknownLanguage`, and the app's language is then the locale's, for the message
    that says so. The settings file is read only when neither names a language; a bad
    `language` in it falls back to the locale (the command warns of the bad file when it
    reads the settings)."""
    from relay_tui import i18n

    try:
        if option or os.environ.get(i18n.ENV_VAR):
            chosen = i18n.choose(option)
        else:
            chosen = _chosen_with_setting()
    except i18n.UnknownLanguage:
        i18n.use(i18n.choose(None, {k: v for k, v in os.environ.items() if k != i18n.ENV_VAR}))
        raise
    i18n.use(chosen)
    return chosen


def _chosen_with_setting() -> str:
    from relay_tui import i18n
    from relay_tui.settings import load_settings

    try:
        setting = getattr(load_settings(), "language", "") or ""
    except Exception:  # the command reads them again, and says what is wrong
        setting = ""
    try:
        return i18n.choose(None, setting=setting if isinstance(setting, str) else "")
    except i18n.UnknownLanguage:
        return i18n.choose(None)
