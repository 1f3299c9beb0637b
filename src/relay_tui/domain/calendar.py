"""The alarm bells as an iCalendar file (RFC 5545), through the `icalendar` library.

Each event's UID names the alarm bell and the store it comes from (`store_meta`'s
`store_id`, passed in): two stores never share one. Its SEQUENCE is the bell's `version`,
which rises on every change, so that a calendar that imports the file again takes the
newer event over the one it holds. A bell marked done is sent as cancelled
(`STATUS:CANCELLED`, no alarm) so that the calendar drops it or shows it cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from relay_tui.domain.stored import shift
from relay_tui.i18n import speaking, tr, trn
from relay_tui.stored_words import deadline_kind

PRODID = "-//relay//alarm bells//EN"


@dataclass(frozen=True)
class CalendarDeadline:
    id: int
    project_id: int
    project: str
    title: str
    owner: str
    kind: str
    due_on: date
    due_time: time | None
    margin_days: int
    problem: str = ""  # a stored value out of range (`domain.stored`), told in the event
    #: The client's language: the event is written in it (None: the user's).
    language: str | None = None
    #: Its `version`: raised on every change, the event's SEQUENCE.
    sequence: int = 1
    #: Marked done (or its project closed): sent as a cancelled event.
    cancelled: bool = False


def uid(deadline: CalendarDeadline, store_id: str) -> str:
    """Stable across exports and unique to the store: importing again updates the event
    instead of adding one, and the bells of two stores never overwrite each other."""
    return f"relay-deadline-{deadline.id}-{store_id}@relay"


def calendar_ics(deadlines: Sequence[CalendarDeadline], stamp: datetime, *, store_id: str) -> bytes:
    """One event per deadline: all-day unless a time was given; an open one has an alarm
    at due − margin (at 09:00 for all-day events), a cancelled one none. Each event in its
    client's language."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", tr("relay alarm bells"))
    for d in deadlines:
        with speaking(d.language):
            cal.add_component(_event(d, stamp, store_id))
    return cal.to_ical()


def _event(d: CalendarDeadline, stamp: datetime, store_id: str) -> Event:
    event = Event()
    event.add("uid", uid(d, store_id))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("sequence", max(d.sequence, 0))
    event.add("status", "CANCELLED" if d.cancelled else "CONFIRMED")
    who = tr("the client") if d.owner == "client" else tr("me")
    event.add("summary", f"{d.title} ({d.project})")
    lines = [
        tr("Project: {project}", project=d.project),
        tr("Who acts: {who}", who=who),
        tr("Kind: {kind}", kind=deadline_kind(d.kind)),
        trn("Safety margin: {n} day", "Safety margin: {n} days", d.margin_days),
    ]
    if d.problem:
        lines.append(tr("Problem: {problem}", problem=d.problem))
    event.add("description", "\n".join(lines))
    # A date at the very end of the calendar (a hand-edited store) does not overflow.
    if d.due_time is None:
        event.add("dtstart", d.due_on)
        event.add("dtend", shift(d.due_on, 1))
        trigger = -timedelta(days=d.margin_days) + timedelta(hours=9)
    else:
        start = datetime.combine(d.due_on, d.due_time)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(hours=1) if d.due_on < date.max else start)
        trigger = -timedelta(days=d.margin_days)
    event.add("categories", [d.owner])
    if d.cancelled:  # nothing left to ring for
        return event
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add(
        "description", tr("Alarm bell: {title} ({project})", title=d.title, project=d.project)
    )
    alarm.add("trigger", trigger)
    event.add_component(alarm)
    return event
