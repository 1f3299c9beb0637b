"""The chase message: a short, polite note to the client, ready to copy or send.

It says what is awaited (the client's alarm bells that ring, the deliverables sent for
validation, the messages still unanswered), since when (the date and the working days),
what it holds up (the provider's alarm bells that follow it: `Deadline.after_id` chains)
and the next date that moves: each day of delay moves what follows by a day, as the
feedback freeze computes it (`domain.freeze`). Nothing awaited: a gentle "any news?".

Written in the current language: the service wraps it in `speaking(client.language)`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from relay_tui.display import long_date
from relay_tui.domain.chase import Closed, working_days_between
from relay_tui.domain.prose import one_line, quoted
from relay_tui.domain.stored import shift
from relay_tui.i18n import tr, trn

#: The longest subject: it is also the chase's line in the contact log.
SUBJECT_MAX = 150


@dataclass(frozen=True)
class Bell:
    """An alarm bell as the message sees it (`projected_on`: its date moved by a late
    client bell it follows, else its own)."""

    id: int
    title: str
    owner: str  # "client" or "provider"
    due_on: date
    done_on: date | None
    after_id: int | None
    status: str  # upcoming, in_margin, late, done
    projected_on: date | None = None

    @property
    def expected_on(self) -> date:
        return self.projected_on or self.due_on


@dataclass(frozen=True)
class Sent:
    """A deliverable sent for validation, or one of my messages awaiting a reply."""

    text: str
    on: date


@dataclass(frozen=True)
class ChaseFacts:
    project: str
    client: str
    today: date
    bells: Sequence[Bell] = field(default_factory=list)
    validations: Sequence[Sent] = field(default_factory=list)  # not validated yet
    replies: Sequence[Sent] = field(default_factory=list)  # my messages awaiting a reply
    signature: str = ""  # the user's name (the craft card's), if known


@dataclass(frozen=True)
class Held:
    """A provider bell held up by an awaited client bell: its date now, and the date it
    moves to if the client bell is not in by `cutoff`."""

    title: str
    due_on: date
    now_on: date
    moves_to: date


@dataclass(frozen=True)
class Awaited:
    """A client bell awaited, with the provider bells it holds up (latest last)."""

    bell: Bell
    cutoff: date  # the last day it can arrive without moving anything further
    held: tuple[Held, ...]


@dataclass(frozen=True)
class ChaseMessage:
    subject: str
    body: str
    awaited: int  # how many things the message asks for (0: "any news?")

    @property
    def text(self) -> str:
        """The subject line, a blank line, then the body (what is copied)."""
        return f"{self.subject}\n\n{self.body}"


def awaited_bells(bells: Sequence[Bell], today: date) -> list[Awaited]:
    """The client's open alarm bells that ring (late or in their margin), by due date,
    each with the open provider bells that follow it."""
    ringing = sorted(
        (b for b in bells if b.owner == "client" and b.done_on is None),
        key=lambda b: (b.due_on, b.id),
    )
    return [
        Awaited(b, max(today, b.due_on), held_up(b, bells, today))
        for b in ringing
        if b.status in ("late", "in_margin")
    ]


def next_client_bell(bells: Sequence[Bell]) -> Bell | None:
    """The client's next open alarm bell, by due date (None: none)."""
    open_ = [b for b in bells if b.owner == "client" and b.done_on is None]
    return min(open_, key=lambda b: (b.due_on, b.id), default=None)


def held_up(awaited: Bell, bells: Sequence[Bell], today: date) -> tuple[Held, ...]:
    """The open provider bells that follow `awaited` (directly or through a chain of
    predecessors), by their date now, with the date each moves to if `awaited` is not in
    by its cutoff (today when late, else its due date): one more day late moves each by
    one more day, unless another late bell already moves it further."""
    by_id = {b.id: b for b in bells}
    cutoff = max(today, awaited.due_on)
    late_then = (cutoff - awaited.due_on).days + 1
    found = []
    for bell in bells:
        if bell.owner != "provider" or bell.done_on is not None:
            continue
        seen: set[int] = set()
        parent = bell.after_id
        while parent is not None and parent in by_id and parent not in seen:
            if parent == awaited.id:
                moved = max(bell.expected_on, shift(bell.due_on, late_then))
                found.append(Held(bell.title, bell.due_on, bell.expected_on, moved))
                break
            seen.add(parent)
            parent = by_id[parent].after_id
    return tuple(sorted(found, key=lambda h: (h.now_on, h.title)))


def _ended(line: str) -> str:
    """The last line of a list: its “;” (“ ;” in French) made a full stop."""
    return line.rstrip().removesuffix(";").rstrip() + "."


def _since(day: date, today: date, closed: Closed | Collection[date] | None) -> str:
    """`Tuesday 17 November (4 working days ago)`; the day alone when none has passed."""
    days = working_days_between(day, today, closed)
    when = long_date(day, year=day.year != today.year)
    if days <= 0:
        return when
    return trn("{day} ({n} working day ago)", "{day} ({n} working days ago)", days, day=when)


def _bell_item(awaited: Awaited, today: date, closed: Closed | Collection[date] | None) -> str:
    bell = awaited.bell
    if bell.status == "late":
        return tr(
            "{title}, expected on {since}",
            title=quoted(bell.title),
            since=_since(bell.due_on, today, closed),
        )
    return tr(
        "{title}, expected by {day}",
        title=quoted(bell.title),
        day=long_date(bell.due_on, year=bell.due_on.year != today.year),
    )


def _items(
    facts: ChaseFacts, bells: Sequence[Awaited], closed: Closed | Collection[date] | None
) -> list[tuple[str, str]]:
    """Each thing awaited: (the subject's words, the body's line), oldest concern first."""
    today = facts.today
    items = [(quoted(a.bell.title), _bell_item(a, today, closed)) for a in bells]
    for sent in sorted(facts.validations, key=lambda s: s.on):
        items.append(
            (
                tr("your validation of {deliverable}", deliverable=quoted(sent.text)),
                tr(
                    "your validation of {deliverable}, sent on {since}",
                    deliverable=quoted(sent.text),
                    since=_since(sent.on, today, closed),
                ),
            )
        )
    for sent in sorted(facts.replies, key=lambda s: s.on):
        items.append(
            (
                tr("your reply to {message}", message=quoted(sent.text)),
                tr(
                    "your reply to my message {message} of {since}",
                    message=quoted(sent.text),
                    since=_since(sent.on, today, closed),
                ),
            )
        )
    return items


def _held_paragraph(awaited: Awaited, today: date) -> list[str]:
    """What one awaited bell holds up, and the next date that moves."""
    if not awaited.held:
        return []
    lines = [tr("{title} holds up what comes after it:", title=quoted(awaited.bell.title))]
    for held in awaited.held:
        if held.now_on != held.due_on:
            lines.append(
                tr(
                    "- {title}, planned for {planned}, now {now};",
                    title=quoted(held.title),
                    planned=long_date(held.due_on, year=held.due_on.year != today.year),
                    now=long_date(held.now_on, year=held.now_on.year != today.year),
                )
            )
        else:
            lines.append(
                tr(
                    "- {title}, planned for {planned};",
                    title=quoted(held.title),
                    planned=long_date(held.due_on, year=held.due_on.year != today.year),
                )
            )
    lines[-1] = _ended(lines[-1])
    last = max(awaited.held, key=lambda h: (h.moves_to, h.title))
    moves = long_date(last.moves_to, year=last.moves_to.year != today.year)
    if awaited.cutoff == today:
        lines.append(
            tr(
                "Each day without it moves them by one more day: without it today, "
                "{title} moves to {day}.",
                title=quoted(last.title),
                day=moves,
            )
        )
    else:
        lines.append(
            tr(
                "Without it by {cutoff}, {title} moves to {day}, and one more day for "
                "each day after that.",
                cutoff=long_date(awaited.cutoff, year=awaited.cutoff.year != today.year),
                title=quoted(last.title),
                day=moves,
            )
        )
    return ["", *lines]


def subject_line(text: str, limit: int = SUBJECT_MAX) -> str:
    """One line, cut with an ellipsis past `limit` characters."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _closing(signature: str) -> list[str]:
    lines = ["", tr("Thank you in advance."), "", tr("Best regards,")]
    if signature.strip():
        lines.append(one_line(signature))
    return lines


def _greeting(client: str) -> str:
    name = one_line(client)
    return tr("Hello {name},", name=name) if name else tr("Hello,")


def chase_message(
    facts: ChaseFacts, closed: Closed | Collection[date] | None = None
) -> ChaseMessage:
    """The message for `facts`, in the current language (`closed`: the days the
    working-day count skips, weekends by default)."""
    today = facts.today
    bells = awaited_bells(facts.bells, today)
    items = _items(facts, bells, closed)
    project = one_line(facts.project)
    lines = [_greeting(facts.client), ""]
    if not items:
        lines.append(
            tr(
                "A quick word about {project}: how are things on your side? "
                "Do you have any news, or a question for me?",
                project=project,
            )
        )
        upcoming = next_client_bell(facts.bells)
        if upcoming is not None:
            lines += [
                "",
                tr(
                    "As a reminder, I am counting on {title} by {day}.",
                    title=quoted(upcoming.title),
                    day=long_date(upcoming.due_on, year=upcoming.due_on.year != today.year),
                ),
            ]
        subject = tr("{project}: any news?", project=project)
        body = "\n".join([*lines, *_closing(facts.signature)])
        return ChaseMessage(subject_line(subject), body, 0)
    if len(items) == 1:
        lines.append(
            tr(
                "I am coming back to you about {project}: I am still waiting for {item}.",
                project=project,
                item=items[0][1],
            )
        )
    else:
        lines.append(
            tr(
                "I am coming back to you about {project}: I am still waiting for a few "
                "things from you:",
                project=project,
            )
        )
        lines += [tr("- {item};", item=line) for _, line in items]
        lines[-1] = _ended(lines[-1])
    for awaited in bells:
        lines += _held_paragraph(awaited, today)
    lines += [
        "",
        trn(
            "Could you tell me when I can expect it?",
            "Could you tell me when I can expect them?",
            len(items),
        ),
    ]
    subject = tr("{project}: waiting for {item}", project=project, item=items[0][0])
    if len(items) > 1:
        subject = trn(
            "{subject} and {n} more thing",
            "{subject} and {n} more things",
            len(items) - 1,
            subject=subject,
        )
    body = "\n".join([*lines, *_closing(facts.signature)])
    return ChaseMessage(subject_line(subject), body, len(items))


def mailto(address: str | None, subject: str, body: str) -> str:
    """A `mailto:` URL (RFC 6068) for `address` (none: the mail program asks), with the
    subject and the body, line breaks as CRLF."""
    to = quote((address or "").strip(), safe="@")
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"
