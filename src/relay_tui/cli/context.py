"""What every command needs: the store location, the open store, the settings."""

from __future__ import annotations

import sys
from pathlib import Path

from relay_tui.db import StoreLocation, resolve_location, user_path
from relay_tui.errors import InvalidInput, one_line
from relay_tui.i18n import tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from datetime import date
    from typing import Any

    from relay_tui.db import Store
    from relay_tui.domain.chase import Closed
    from relay_tui.settings import Settings


def location(args: argparse.Namespace) -> StoreLocation:
    return resolve_location(getattr(args, "db", None))


def announce_backup(path: object) -> None:
    """Say where the copy made before an upgrade is (every command that opens a store)."""
    print(
        tr(
            "relay: the store is being upgraded; a copy was saved first: {path}",
            path=one_line(path),
        ),
        file=sys.stderr,
    )


def open_store(args: argparse.Namespace) -> Store:
    from relay_tui.db import open_store as _open

    chosen = settings()
    store = _open(location(args), on_backup=announce_backup, user=chosen.user or None)
    if chosen.calendar_file:  # rewritten after every change to the alarm bells
        from relay_tui.services.calendar_file import keep_calendar_current

        keep_calendar_current(store, chosen.calendar_file, warn)
    return store


def warn(message: str) -> None:
    """One warning line on stderr (what was asked is done all the same)."""
    print(tr("relay: warning: {message}", message=one_line(message)), file=sys.stderr)


def settings() -> Settings:
    from relay_tui.settings import load_settings

    loaded = load_settings()
    if loaded.problem:
        print(tr("relay: warning: {message}", message=one_line(loaded.problem)), file=sys.stderr)
    return loaded


def closed_days(today: date) -> Closed:
    """The closed days of the settings (weekends, public holidays, the user's closed
    days); a country relay knows no holidays for is a warning, not an error."""
    from relay_tui.closed_days import for_settings
    from relay_tui.i18n import tr
    from relay_tui.settings import load_settings

    found = for_settings(load_settings())  # its problems: said once, by open_store
    problem = found.check(today)
    if problem:
        print(tr("relay: warning: {problem}", problem=one_line(problem)), file=sys.stderr)
    return found


def typed_path(value: str | None, field: str = "output") -> Path:
    """The file a command writes or reads, as typed: `~` expanded (an unknown `~name`
    refused), made absolute; an empty name is refused, not taken as no name."""
    if value is None or not value.strip():
        raise InvalidInput(tr("needs a file name"), field)
    return user_path(Path(value), field)


def output_path(value: str | None) -> Path | None:
    """Where an export goes: `-o -` is standard output (None), else `typed_path`."""
    from relay_tui.output import STDOUT

    return None if value == STDOUT else typed_path(value)


def yes_no(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def emit_json(data: object) -> None:
    """`data` as indented JSON (`json.dumps(data, ensure_ascii=False, indent=2)`, written
    faster: `relay_tui.json_text`)."""
    from relay_tui.json_text import dumps

    print(dumps(data))


def print_records(
    args: argparse.Namespace,
    records: Sequence[Any],
    line: Callable[[Any], str],
    empty: str,
    as_json: Callable[[Any], object] = lambda record: record.as_json(),
    *,
    key: str,
) -> int:
    """How every `list` command answers: with `--json`, the records as a JSON list under
    `key` in the envelope `relay-<key>` (`domain.envelope`); else one `line` per record
    (it may hold several), or `empty` when there is none."""
    if args.json:
        from relay_tui.domain.envelope import listing

        emit_json(listing(key, (as_json(record) for record in records)))
        return 0
    if not records:
        print(empty)
    for record in records:
        print(line(record))
    return 0


def today_option(value: str | None) -> date:
    """`--today`: the day it names (`parse_date`: `2026-11-23`, `tomorrow`, `+3d`…),
    else the local today. Light: `relay remind` reads it in a status bar."""
    from datetime import datetime

    from relay_tui.domain.parsing import ParseError, parse_date

    today = datetime.now().astimezone().date()
    if not value:
        return today
    try:
        return parse_date(value, today)
    except ParseError as exc:
        raise InvalidInput(str(exc), "today") from None
