"""The stored values the command line prints as words (a phase, a channel, a risk's band
or status), in the current language; an unknown value is printed as stored."""

from __future__ import annotations

from relay_tui.i18n import trp


def labelled(name: str, text: str) -> str:
    """`Bakery website: Mock-ups validated`: a name, a colon, what it is about."""
    return trp("a name, then what it is about", "{name}: {text}", name=name, text=text)


def phase(value: str) -> str:
    """A project's phase ("before"), or "closed" for a closed project."""
    words = {
        "before": trp("phase", "before"),
        "during": trp("phase", "during"),
        "after": trp("phase", "after"),
        "closed": trp("project status", "closed"),
    }
    return words.get(value, value)


def channel(value: str) -> str:
    words = {
        "email": trp("channel", "email"),
        "phone": trp("channel", "phone"),
        "meeting": trp("channel", "meeting"),
        "chat": trp("channel", "chat"),
        "other": trp("channel", "other"),
    }
    return words.get(value, value)


def band(value: str) -> str:
    """A risk's severity band."""
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


def time_category(value: str) -> str:
    words = {
        "work": trp("time category", "work"),
        "rework": trp("time category", "rework"),
        "meetings": trp("time category", "meetings"),
        "admin": trp("time category", "admin"),
    }
    return words.get(value, value)


def deadline_status(value: str) -> str:
    """An alarm bell's status, as `vocab.DEADLINE_STATUS_WORDS` says it in English."""
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
