"""Handlers of the commands that correct or delete a record (`relay contact edit`, …,
`relay project delete`). A correction sends the service only the options given and
prints what changed; a deletion prints what went. Both say how to take it back."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from relay_tui.cli import _is_terminal
from relay_tui.cli.context import open_store
from relay_tui.cli.records import _int
from relay_tui.errors import InvalidInput
from relay_tui.i18n import N_, tr, trp

if TYPE_CHECKING:
    import argparse

    from relay_tui.db import Store

#: How a correction is taken back (a deletion says it in `Removal.done`).
UNDO = N_("Undo: relay undo.")

#: A service that corrects a record: (store, id, data) -> the row written.
Write = Callable[["Store", int, dict[str, Any]], object]


def _given(**fields: object) -> dict[str, Any]:
    """Only the options given: what is left out keeps its stored value."""
    return {key: value for key, value in fields.items() if value is not None}


def _edit(args: argparse.Namespace, kind: str, data: dict[str, Any], write: Write) -> int:
    """Read the record, correct it at the version read, read it again, say what changed."""
    from relay_tui.services.record_views import shown

    if not data:
        raise InvalidInput(
            tr("give at least one to change (see relay {kind} edit --help)", kind=kind), "options"
        )
    store = open_store(args)
    before = shown(store, kind, args.id)
    ident = before.id if before is not None else _int(args.id, "id") or 0
    version = {"version": before.version} if before is not None else {}
    write(store, ident, {**data, **version})  # no such record: the service says so
    after = shown(store, kind, ident)
    if before is None or after is None:  # someone else added or deleted it meanwhile
        print(f"{_edited(kind, ident)} {tr(UNDO)}")
        return 0
    if after.version == before.version:
        print(tr("{record}: nothing changed.", record=before.name))
        return 0
    changes = before.changes(after)
    if changes:
        said = tr("{record} edited: {changes}.", record=before.name, changes=", ".join(changes))
    else:
        said = tr("{record} edited.", record=before.name)
    print(f"{said} {tr(UNDO)}")
    return 0


def _edited(kind: str, ident: int) -> str:
    """ "Contact #7 edited.": a record edited, named by its kind alone."""
    said = {
        "contact": tr("Contact #{id} edited.", id=ident),
        "time": tr("Time #{id} edited.", id=ident),
        "deadline": tr("Deadline #{id} edited.", id=ident),
        "validation": tr("Validation #{id} edited.", id=ident),
        "risk": tr("Risk #{id} edited.", id=ident),
        "incident": tr("Incident #{id} edited.", id=ident),
        "client": tr("Client #{id} edited.", id=ident),
        "project": tr("Project #{id} edited.", id=ident),
    }
    return said.get(kind, f"{kind.capitalize()} #{ident} edited.")


def contact_edit(args: argparse.Namespace) -> int:
    from relay_tui.services.contacts import edit_contact

    data = _given(
        summary=args.text,
        project=args.project,
        channel=args.channel,
        direction=args.direction,
        awaiting_reply=args.awaiting,
        at=args.at,
    )
    return _edit(args, "contact", data, edit_contact)


def time_edit(args: argparse.Namespace) -> int:
    from relay_tui.services.timelog import edit_time_entry

    data = _given(
        minutes=args.duration,
        project=args.project,
        note=args.note,
        spent_on=args.on,
        category=args.category,
    )
    return _edit(args, "time", data, edit_time_entry)


def deadline_edit(args: argparse.Namespace) -> int:
    from relay_tui.services.deadlines import update_deadline

    data = _given(
        title=args.title,
        due_on=args.due,
        kind=args.kind,
        owner=args.owner,
        margin_days=args.margin,
        after_id=_int(args.after, "after"),
    )
    if args.no_after:
        data["after_id"] = None
    return _edit(args, "deadline", data, update_deadline)


def validation_edit(args: argparse.Namespace) -> int:
    from relay_tui.services.validations import edit_validation

    data = _given(deliverable=args.deliverable, requested_on=args.on)
    return _edit(args, "validation", data, edit_validation)


def risk_edit(args: argparse.Namespace) -> int:
    from relay_tui.services.risks import update_risk

    data = _given(
        title=args.title,
        probability=args.probability,
        impact=args.impact,
        category=args.category,
        mitigation=args.mitigation,
        owner=args.owner,
        review_on=args.review,
        status=args.status,
    )
    return _edit(args, "risk", data, update_risk)


def client_edit(args: argparse.Namespace) -> int:
    from relay_tui.services.clients import edit_client

    data = _given(
        name=args.name,
        organisation=args.org,
        email=args.email,
        phone=args.phone,
        channel=args.channel,
        notes=args.notes,
        language=args.language,
    )
    return _edit(args, "client", data, edit_client)


def project_edit(args: argparse.Namespace) -> int:
    from relay_tui.services.projects import edit_project

    data = _given(
        name=args.name,
        client=args.client,
        kind=args.kind,
        start_on=args.start,
        delivery_on=args.delivery,
        budget_minutes=args.budget,
        chase_delay_days=args.chase_delay,
    )
    return _edit(args, "project", data, edit_project)


def delete(args: argparse.Namespace) -> int:
    """`relay KIND delete ID`: a record alone goes at once; a client or a project, which
    takes others with it, is deleted once the user said yes (or gave --yes)."""
    from relay_tui.services import removal
    from relay_tui.services.record_views import record_id

    store = open_store(args)
    kind = args.kind
    if kind in ("client", "project"):
        ident = record_id(store, kind, args.id)
        asked = removal.preview(store, kind, ident)
        if asked.along and not args.yes and not _confirmed(asked.question()):
            print(tr("Nothing was deleted."))
            return 0
    else:
        ident = _int(args.id, "id") or 0
    print(removal.delete_record(store, kind, ident).done())
    return 0


def _confirmed(question: str) -> bool:
    """Ask on a terminal; anywhere else (a script, a pipe) refuse, saying how to go on."""
    if not _is_terminal(sys.stdin):
        raise InvalidInput(
            tr(
                "needed here, as there is no terminal to ask on. {question} "
                "Nothing was deleted: run again with --yes to delete.",
                question=question,
            ),
            "--yes",
        )
    print(tr("{question} Delete? [y/N] ", question=question), end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().casefold() in _yes()


def _yes() -> set[str]:
    """The answers that mean yes: y and yes, and the language's own (o, oui in French)."""
    # TRANSLATORS: the answers that mean yes to a [y/N] question, separated by commas;
    # y and yes are always understood too.
    words = trp("answers to a yes/no question", "y, yes")
    return {"y", "yes"} | {word.strip().casefold() for word in words.split(",") if word.strip()}
