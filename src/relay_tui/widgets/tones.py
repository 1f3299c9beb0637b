"""Colours by meaning. Python names a tone ("late", "awaiting"…); `tones.tcss` says how
each one looks, so that a theme (or a user's stylesheet) can change them, and NO_COLOR
strips them like any other colour. No colour name is written in Python.

A widget that draws Rich text with tones mixes in `Toned` and calls `self.tone(name)`;
pure renderers (`widgets.labels`, `widgets.grids`) take that function as an argument.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.style import Style

#: Every tone; each has a rule `.tone--<name>` in tones.tcss (a test checks both ways).
TONES: tuple[str, ...] = (
    "late",  # overdue, over budget, broken: act now
    "alarm",  # a warning sign, not yet an emergency
    "warning",  # the client's move, in margin, chase today
    "awaiting",  # waiting on a reply, not yet late
    "good",  # kept, on time, nothing waits
    "good-strong",  # a step completed
    "inbound",  # what came from the client; sparklines and bars
    "freeze",  # the feedback freeze
    "projected",  # a date that moved because of the freeze
    "phase-before",
    "phase-during",
    "phase-after",
    "band-low",
    "band-medium",
    "band-high",
    "band-critical",
    "heat-low",
    "heat-medium",
    "heat-high",
    "heat-critical",
    # Tones of one screen, named for it; most are the web colours markup used to give.
    "screen-posture",  # the posture cards' mark (the dashboard, a project)
    "screen-late-total",  # the dashboard's summary: how many projects are late
    "screen-awaiting-total",  # the dashboard's summary: how many replies are awaited
    "screen-projected-on",  # the board: where a deadline moved because of the freeze
)

#: A function giving the Rich style of a tone (a widget's `Toned.tone`).
ToneOf = Callable[[str], Style]


TONE_CLASSES = frozenset(f"tone--{name}" for name in TONES)


class Toned:
    """Mixin for a widget or screen that styles Rich text by tone (see the module).

    Textual collects COMPONENT_CLASSES from DOM classes only, not from a mixin: each
    subclass gets the tones added to its own."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.COMPONENT_CLASSES = set(cls.__dict__.get("COMPONENT_CLASSES", set())) | TONE_CLASSES  # type: ignore[attr-defined]

    def tone(self, name: str) -> Style:
        """The style of tone `name`, as the current theme and stylesheets draw it."""
        return self.get_component_rich_style(f"tone--{name}", partial=True)  # type: ignore[attr-defined]
