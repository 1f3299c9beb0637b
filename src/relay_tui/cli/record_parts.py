"""What the record commands' parser entries share (`cli.record_commands`): what every
correction and deletion says of itself in its --help, an option's help with or without
its default, the id argument, and the deletion commands."""

from __future__ import annotations

import argparse

from relay_tui.cli.parser import command
from relay_tui.i18n import N_, tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

FIXES = "relay_tui.cli.corrections"

#: What every correction says of itself in its --help (after what it corrects).
_EDIT = N_(
    "Only the options given change; the others keep their values. It prints what "
    "changed; relay undo takes it back."
)
#: What a deletion of one record says of itself (after "Delete a contact.").
_DELETE = N_("It is deleted at once, and relay undo brings it back.")
#: What the deletion of a client or a project says of itself.
_WITH_IT = N_(
    "On a terminal it first says what goes with it and asks; elsewhere it needs --yes. "
    "relay undo brings it all back."
)


def correcting(description: str) -> str:
    """A correction's description, then what every correction says of itself."""
    return f"{description} {tr(_EDIT)}"


def deleting(description: str) -> str:
    """A deletion's description, then what every deletion of one record says."""
    return f"{description} {tr(_DELETE)}"


def option_help(edit: bool, add: str, correct: str) -> str:
    """An option's help: `add`'s for the command that adds, `correct` for a correction,
    which leaves out the default (what is not given is kept as it is)."""
    return correct if edit else add


def record_id(parser: argparse.ArgumentParser, listed_by: str) -> None:
    parser.add_argument(
        "id", metavar="ID", help=tr("its id (`{command}` shows it)", command=listed_by)
    )


def delete_command(
    grp: object,
    kind: str,
    help_text: str,
    description: str,
    example: str,
    *,
    listed_by: str = "",
    name: str = "delete",
    alias: str = "",
) -> argparse.ArgumentParser:
    """`relay KIND delete ID`: one record, deleted at once (undoable)."""
    p = command(
        grp,
        name,
        help_text,
        FIXES,
        "delete",
        description=description,
        example=example,
        aliases=[alias] if alias else [],
    )
    if listed_by:
        record_id(p, listed_by)
    p.set_defaults(kind=kind)
    return p


def named_delete(
    grp: object, kind: str, help_text: str, description: str, id_help: str, example: str
) -> None:
    """`relay client|project delete ID|NAME [--yes]`: a record that takes others along."""
    p = delete_command(grp, kind, help_text, f"{description} {tr(_WITH_IT)}", example)
    p.add_argument("id", metavar="ID|NAME", help=id_help)
    p.add_argument(
        "--yes", action="store_true", help=tr("delete without asking (needed without a terminal)")
    )


def one_of(values: Iterable[str]) -> dict[str, Any]:
    """The keywords of an option that takes one of fixed `values`: --help shows them as
    its choices, and what is typed is read as the records read it (case and spaces at
    the ends ignored)."""
    return {"choices": [str(value) for value in values], "type": _word}


def _word(text: str) -> str:
    return text.strip().lower()
