"""The stored values the command line prints as words (a phase, a channel, a risk's band
or status), in the current language; an unknown value is printed as stored."""

from __future__ import annotations

from relay_tui.i18n import trp
from relay_tui.stored_words import (  # noqa: F401  (re-exported: the command line's words)
    band,
    channel,
    deadline_status,
    phase,
    risk_status,
    time_category,
    who_acts,
)


def labelled(name: str, text: str) -> str:
    """`Bakery website: Mock-ups validated`: a name, a colon, what it is about."""
    return trp("a name, then what it is about", "{name}: {text}", name=name, text=text)
