"""Telling the client about a problem: the one rule on the day it was told, the instant the
contact it logs is dated, the summary proposed for it, and what counts as "not told yet".

A problem the client has not heard of is carried alone; relay flags an open incident until
the user marks it told. The rule is the same from the command line and the app: a day
that has happened, not before the incident itself.
"""

from __future__ import annotations

from datetime import date, datetime, time

from relay_tui.display import short_date
from relay_tui.errors import InvalidInput
from relay_tui.i18n import tr
from relay_tui.terms import SUMMARY_MAX

#: The hour of the day a contact logged for an earlier day is dated at (local time).
TOLD_HOUR = time(12, 0)


def check_told_on(told_on: date, occurred_on: date, today: date, field: str = "on") -> date:
    """`told_on`, when the client can have been told: not in the future, not before the
    incident occurred. `InvalidInput` naming `field` otherwise."""
    if told_on > today:
        raise InvalidInput(tr("is in the future"), field)
    if told_on < occurred_on:
        raise InvalidInput(
            tr(
                "is before the incident itself ({day})",
                day=short_date(occurred_on),
            ),
            field,
        )
    return told_on


def told_at(told_on: date, now: datetime) -> datetime:
    """The instant of the contact that records the telling: now when it is today (local
    time), else midday of that day, in the local time zone."""
    local_now = now.astimezone()
    if told_on == local_now.date():
        return local_now
    return datetime.combine(told_on, TOLD_HOUR).astimezone()


def told_summary(title: str, proposal: str = "") -> str:
    """What the contact log says was told, before the user changes it."""
    title, proposal = " ".join(title.split()), " ".join(proposal.split())
    if proposal:
        said = tr("Warned about “{problem}”: {proposal}", problem=title, proposal=proposal)
    else:
        said = tr("Warned about “{problem}”", problem=title)
    return said if len(said) <= SUMMARY_MAX else said[: SUMMARY_MAX - 1] + "…"


def is_untold(status: str, told_on: date | None) -> bool:
    """An open problem the client has not been told about: flagged until it is."""
    return status == "open" and told_on is None
