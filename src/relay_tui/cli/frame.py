"""`relay project frame P`: the frame of a project from the shell — its working method,
cycle length, contract signature, status report cadence and rigour checklist. Without
options it shows the frame; with some, only those change, and it prints what changed
with how to take it back. Either way, what the frame calls for is said on stderr as
warnings (a cycle beyond three weeks, rigour not agreed), exit status 0: a long cycle
is accepted, and flagged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relay_tui.cli.parser import command
from relay_tui.i18n import N_, tr

if TYPE_CHECKING:
    import argparse

    from relay_tui.services.projects import FrameView

FRAME = "relay_tui.cli.frame"
#: The rigour keys as the options say them (`domain.before.RIGOUR`'s, with hyphens: a
#: test checks they agree), and `all` for the four.
RIGOUR_OPTIONS = (
    "written-validations",
    "progress-point",
    "single-contact",
    "changes-in-writing",
)
#: The frame's fields as the messages name them: the options that change them.
_OPTION_OF = {
    "working_method": "method",
    "cycle_days": "cycle_days",
    "contract_signed_on": "signed",
    "report_every_days": "report_every",
}
#: What the command says of itself in its --help.
_DESCRIPTION = N_(
    "Show or change the frame of a project: its working method, cycle length, contract "
    "signature, status report cadence and the rigour agreed with the client. Without "
    "options it shows the frame; with some, only those change, it prints what changed and "
    "relay undo takes it back. A cycle longer than three weeks and rigour not agreed are "
    "said as warnings on stderr."
)


def add_frame_command(project: object) -> None:
    """`relay project frame ID|NAME [options]` (in the `project` group)."""
    p = command(
        project,
        "frame",
        tr("show or change a project's frame (method, cycle, rigour…)"),
        FRAME,
        "project_frame",
        description=tr(_DESCRIPTION),
        example=tr(
            "relay project frame bakery --cycle-days 14 --report-every 7 "
            "--rigour written-validations,progress-point"
        ),
    )
    p.add_argument("id", metavar="ID|NAME", help=tr("the project's id or name"))
    p.add_argument("--method", help=tr("the working method, in a few words ('' to clear)"))
    p.add_argument(
        "--cycle-days",
        metavar="N",
        help=tr("the length of a working cycle, in days ('' to clear)"),
    )
    p.add_argument(
        "--signed", metavar="DATE", help=tr("the day the contract was signed ('' if not yet)")
    )
    p.add_argument(
        "--report-every",
        metavar="N",
        help=tr("send a status report every N days ('' for no cadence)"),
    )
    keys = ", ".join((*RIGOUR_OPTIONS, "all"))
    p.add_argument(
        "--rigour",
        metavar="KEY,…",
        action="append",
        help=tr("tick rigour agreed with the client: {keys}", keys=keys),
    )
    p.add_argument(
        "--no-rigour",
        metavar="KEY,…",
        action="append",
        help=tr("untick rigour items: {keys}", keys=keys),
    )


def rigour_ticks(ticked: list[str] | None, unticked: list[str] | None) -> dict[str, bool]:
    """The rigour items the options tick (True) or untick (False), by the project's
    column; a key both ticked and unticked, or unknown, is refused."""
    from relay_tui.errors import InvalidInput

    said: dict[str, bool] = {}
    for values, tick, option in ((ticked, True, "rigour"), (unticked, False, "no_rigour")):
        for value in values or ():
            for word in (part.strip() for part in value.split(",")):
                keys = _rigour_keys(word, option)
                for key in keys:
                    if said.get(key, tick) != tick:
                        raise InvalidInput(
                            tr(
                                "{key} is both ticked and unticked",
                                key=key.removeprefix("rigour_").replace("_", "-"),
                            ),
                            "rigour",
                        )
                    said[key] = tick
    return said


def _rigour_keys(word: str, option: str) -> list[str]:
    from relay_tui.errors import InvalidInput

    key = word.casefold().replace("_", "-")
    if key == "all":
        return [f"rigour_{k.replace('-', '_')}" for k in RIGOUR_OPTIONS]
    if key in RIGOUR_OPTIONS:
        return [f"rigour_{key.replace('-', '_')}"]
    raise InvalidInput(
        tr(
            "{value} is not one of {choices}",
            value=repr(word),
            choices=", ".join((*RIGOUR_OPTIONS, "all")),
        ),
        option,
    )


def project_frame(args: argparse.Namespace) -> int:
    import sys

    from relay_tui.cli.context import open_store
    from relay_tui.cli.corrections import UNDO, _given
    from relay_tui.domain.before import cycle_warning, rigour_missing
    from relay_tui.errors import InvalidInput
    from relay_tui.services.projects import frame_view, save_frame

    data: dict[str, Any] = _given(
        working_method=args.method,
        cycle_days=args.cycle_days,
        contract_signed_on=args.signed,
        report_every_days=args.report_every,
    )
    data.update(rigour_ticks(args.rigour, args.no_rigour))
    store = open_store(args)
    before = frame_view(store, args.id)
    name = tr("Frame of {project}", project=_quoted(before.name))
    if data:
        try:
            save_frame(store, before.id, {**data, "version": before.version})
        except InvalidInput as exc:  # said with the option's name, as the other commands
            raise InvalidInput(exc.message, _OPTION_OF.get(exc.field or "", exc.field)) from None
        after = frame_view(store, before.id)
        changes = _changes(before, after)
        if not changes:
            print(tr("{record}: nothing changed.", record=name))
        else:
            print(
                tr("{record} edited: {changes}.", record=name, changes=", ".join(changes)),
                tr(UNDO),
            )
    else:
        after = before
        for field, words in _fields(after):
            print(tr("{field}: {value}", field=field, value=words))
    said = [cycle_warning(after.cycle_days), *rigour_missing(after.rigour())]
    for warning in said:
        if warning:
            print(tr("relay: warning: {message}", message=warning), file=sys.stderr)
    return 0


def _quoted(text: str) -> str:
    from relay_tui.errors import quoted

    return tr("“{text}”", text=quoted(text, 40))


def _fields(view: FrameView) -> list[tuple[str, str]]:
    """The frame in words, each field named by the option that changes it."""
    from relay_tui.display import short_date
    from relay_tui.i18n import trn, trp

    none = trp("no value", "none")
    cycle = view.cycle_days
    every = view.report_every_days
    ticked = view.rigour()
    return [
        ("method", _quoted(view.working_method) if view.working_method else none),
        ("cycle days", trn("{n} day", "{n} days", cycle) if cycle else none),
        ("signed", short_date(view.contract_signed_on) if view.contract_signed_on else none),
        ("report every", trn("{n} day", "{n} days", every) if every else none),
        *(
            (option, trp("answer", "yes") if ticked[key] else trp("answer", "no"))
            for option, key in zip(RIGOUR_OPTIONS, ticked, strict=True)
        ),
    ]


def _changes(before: FrameView, after: FrameView) -> list[str]:
    """`cycle days 14 days → 30 days`, for each field `after` shows otherwise."""
    old = dict(_fields(before))
    return [
        tr("{field} {before} → {after}", field=field, before=old[field], after=value)
        for field, value in _fields(after)
        if old[field] != value
    ]
