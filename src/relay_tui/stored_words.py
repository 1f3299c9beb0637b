"""Stored values in words: a channel, a phase, a risk's band or status, a commitment's
status, a kind of time, an incident's status, an alarm bell's kind or status, who acts.
The store keeps the English identifier (`vocab`); every front end shows it through these, in the
language being written. A value relay does not know is shown as it is stored.

One place for all of them, so that the app, the command line and the documents say a
stored value the same way (and the catalogue holds each word once, with its context).
"""

from __future__ import annotations

from relay_tui.i18n import trp


def phase(value: str) -> str:
    """A project's phase ("before"), or "closed" for a closed project."""
    words = {
        "before": trp("phase", "before"),
        "during": trp("phase", "during"),
        "after": trp("phase", "after"),
        "closed": trp("project status", "closed"),
    }
    return words.get(value, value)


def channel(value: str | None) -> str:
    """How a contact was made (`vocab.Channel`)."""
    words = {
        "email": trp("channel", "email"),
        "phone": trp("channel", "phone"),
        "meeting": trp("channel", "meeting"),
        "chat": trp("channel", "chat"),
        "other": trp("channel", "other"),
    }
    return words.get(value or "", value or "")


def band(value: str) -> str:
    """A risk's severity band (`domain.risks.BANDS`)."""
    words = {
        "low": trp("risk band", "low"),
        "medium": trp("risk band", "medium"),
        "high": trp("risk band", "high"),
        "critical": trp("risk band", "critical"),
    }
    return words.get(value, value)


def risk_status(value: str) -> str:
    words = {
        "open": trp("risk status", "open"),
        "mitigated": trp("risk status", "mitigated"),
        "occurred": trp("risk status", "occurred"),
        "closed": trp("risk status", "closed"),
    }
    return words.get(value, value)


def commitment_status(value: str) -> str:
    words = {
        "pending": trp("status of a commitment", "pending"),
        "kept": trp("status of a commitment", "kept"),
        "broken": trp("status of a commitment", "broken"),
        "waived": trp("status of a commitment", "waived"),
    }
    return words.get(value, value)


def time_category(value: str) -> str:
    words = {
        "work": trp("time category", "work"),
        "rework": trp("time category", "rework"),
        "meetings": trp("time category", "meetings"),
        "admin": trp("time category", "admin"),
    }
    return words.get(value, value)


def incident_status(value: str) -> str:
    words = {"open": trp("an incident", "open"), "resolved": trp("an incident", "resolved")}
    return words.get(value, value)


def deadline_kind(value: str) -> str:
    """What an alarm bell is about (`vocab.DeadlineKind`)."""
    words = {
        "documents": trp("deadline kind", "documents"),
        "validation": trp("deadline kind", "validation"),
        "delivery": trp("deadline kind", "delivery"),
        "checkpoint": trp("deadline kind", "checkpoint"),
        "other": trp("deadline kind", "other"),
    }
    return words.get(value, value)


def deadline_status(value: str) -> str:
    """An alarm bell's status (`vocab.DEADLINE_STATUS_WORDS` says it in English)."""
    words = {
        "done": trp("deadline status", "done"),
        "upcoming": trp("deadline status", "upcoming"),
        "in_margin": trp("deadline status", "in margin"),
        "late": trp("deadline status", "late"),
    }
    return words.get(value, value)


def who_acts(owner: str) -> str:
    """Who acts on an alarm bell (its owner), as `vocab.WHO_ACTS` says it in English."""
    words = {"client": trp("who acts", "client"), "provider": trp("who acts", "me")}
    return words.get(owner, owner)
