"""Handlers of `relay capture --mail` (one message on stdin) and `relay import mail PATH`
(an mbox file or a Maildir folder). What they log: `relay_tui.services.mail`."""

from __future__ import annotations

import sys

from relay_tui.cli import words
from relay_tui.cli.context import open_store, settings, typed_path
from relay_tui.display import local_stamp
from relay_tui.errors import InvalidInput, TerminalStream, one_line
from relay_tui.i18n import tr

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import TextIO

#: The options of a typed capture that a mail answers itself.
_FROM_THE_MAIL = (("channel", "-c"), ("direction", "--in/--out"), ("at", "--at"))


def capture_mail(args: argparse.Namespace) -> int:
    if not getattr(args, "mail", False):
        raise InvalidInput(tr("needs the text of what was said (or --mail)"), "text")
    if args.text is not None:
        raise InvalidInput(tr("--mail reads the mail on standard input: give no text"), "text")
    for key, option in _FROM_THE_MAIL:
        if getattr(args, key, None) is not None:
            raise InvalidInput(tr("the mail says it: leave {option} out", option=option), "mail")
    if sys.stdin is None or sys.stdin.isatty():
        raise InvalidInput(tr("pipe a mail to it: relay capture --mail < message.eml"), "mail")
    from relay_tui.services.mail import ALREADY, read_proposal
    from relay_tui.services.mail import capture_mail as capture

    raw = sys.stdin.buffer.read()
    proposal = read_proposal(raw)
    mine = settings().my_addresses
    done = capture(open_store(args), proposal, mine, project=args.project, awaiting=args.awaiting)
    said = {"id": done.contact_id, "project": done.project, "at": local_stamp(done.at)}
    if done.status == ALREADY:
        print(tr("Already logged as #{id} on {project}, {at}: nothing written", **said))
        return 0
    if not done.dated:
        print(
            tr("relay: warning: the mail has no readable Date; logged at the time it was read"),
            file=sys.stderr,
        )
    channel = words.channel("email")
    if done.direction == "in":
        line = tr(
            "Captured #{id} on {project}: {channel} from the client, {at}", **said, channel=channel
        )
    elif args.awaiting:
        line = tr(
            "Captured #{id} on {project}: {channel} to the client, {at}, awaiting a reply",
            **said,
            channel=channel,
        )
    else:
        line = tr(
            "Captured #{id} on {project}: {channel} to the client, {at}", **said, channel=channel
        )
    print(line)
    return 0


def import_mail(args: argparse.Namespace) -> int:
    from relay_tui.services.common import now_utc
    from relay_tui.services.mail import import_mails, mailbox_messages, proposals_of

    source = typed_path(args.path, "path")
    total, messages = mailbox_messages(source)
    mine = settings().my_addresses
    store = open_store(args)  # opened (and upgraded) before the long read
    progress = Progress(total, one_line(args.path))
    proposals = proposals_of(messages, now_utc(), progress.step)
    progress.done()
    counts = import_mails(store, proposals, mine)
    print(
        tr(
            "Mails: {logged} logged, {already} already there, {skipped} skipped "
            "(not with a known client), {unreadable} unreadable",
            logged=counts.logged,
            already=counts.already,
            skipped=counts.skipped,
            unreadable=counts.unreadable,
        )
    )
    return 0


class Progress:
    """How far the reading is, on stderr: a bar redrawn in place on a terminal, else a
    plain line every tenth of the way."""

    WIDTH = 30

    def __init__(self, total: int, name: str, stream: TextIO | None = None) -> None:
        chosen = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(chosen)
        # The bar is relay's own text (the name is escaped): written past TerminalStream,
        # whose escaping would show the carriage return instead of obeying it.
        self.stream = chosen.stream if isinstance(chosen, TerminalStream) else chosen
        self.total = total
        self.name = name
        self.count = 0
        self.shown = -1

    def step(self) -> None:
        self.count += 1
        if self.total <= 0:
            return
        if self.terminal:
            filled = self.WIDTH * self.count // self.total
            if filled != self.shown or self.count == self.total:
                self.shown = filled
                bar = "#" * filled + "-" * (self.WIDTH - filled)
                self._write(f"\r{self._said()} [{bar}]")
            return
        tenth = 10 * self.count // self.total
        if tenth > max(self.shown, 0):
            self.shown = tenth
            self._write(self._said() + "\n")

    def done(self) -> None:
        if self.terminal and self.total > 0:
            self._write("\n")

    def _said(self) -> str:
        return tr(
            "Reading {name}: {count} of {total} messages",
            name=self.name,
            count=self.count,
            total=self.total,
        )

    def _write(self, text: str) -> None:
        write: Callable[[str], object] = self.stream.write
        write(text)
        self.stream.flush()


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False
