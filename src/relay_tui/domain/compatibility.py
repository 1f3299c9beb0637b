"""Personality compatibility: two profiles in, a score and watch points out.

Shared axes run from 1 to 5 (None when unknown):
  structure  1 relaxed    .. 5 structured
  precision  1 vague      .. 5 precise
  energy     1 reflective .. 5 enthusiastic
  scope      1 detail     .. 5 big picture
plus the preferred channel. Client-only traits, also 1..5:
  experience 1 new to working with providers .. 5 used to it
  feedback   1 critical   .. 5 praising
  temper     1 difficult  .. 5 easy-going

The score (0–100) is the weighted mean of what is known: on each shared axis, how close
the two are; on each client trait, how easy it makes the work. Watch points say what to
do about each real difference, in our own words. Partly filled profiles give a partial
answer (the score says on how many items it rests), never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relay_tui.i18n import N_, tr
from relay_tui.stored_words import channel as channel_word

#: (name, the word for 1, the word for 5): the words are message ids, shown with `tr`.
AXES: tuple[tuple[str, str, str], ...] = (
    ("structure", N_("relaxed"), N_("structured")),
    ("precision", N_("vague"), N_("precise")),
    ("energy", N_("reflective"), N_("enthusiastic")),
    ("scope", N_("detail"), N_("big picture")),
)
CLIENT_TRAITS: tuple[tuple[str, str, str], ...] = (
    ("experience", N_("new to providers"), N_("used to providers")),
    ("feedback", N_("critical"), N_("praising")),
    ("temper", N_("difficult"), N_("easy-going")),
)
WEIGHTS: dict[str, int] = {
    "structure": 3,
    "precision": 3,
    "energy": 2,
    "scope": 2,
    "channel": 1,
    "experience": 1,
    "feedback": 1,
    "temper": 2,
}
LOW, HIGH = 2, 4
#: Every item of a profile, in the order of the forms: the axes, the channel, the traits.
PROFILE_FIELDS: tuple[str, ...] = (
    *(name for name, _, _ in AXES),
    "channel",
    *(name for name, _, _ in CLIENT_TRAITS),
)
#: The items scored from 1 to 5 (all but the channel).
SCALE_FIELDS: tuple[str, ...] = tuple(name for name in PROFILE_FIELDS if name != "channel")


@dataclass(frozen=True)
class ProfileValues:
    structure: int | None = None
    precision: int | None = None
    energy: int | None = None
    scope: int | None = None
    channel: str | None = None
    experience: int | None = None
    feedback: int | None = None
    temper: int | None = None

    def known(self) -> int:
        return sum(1 for name in PROFILE_FIELDS if getattr(self, name) is not None)


@dataclass(frozen=True)
class WatchPoint:
    key: str
    weight: int
    cause: str
    advice: str


@dataclass(frozen=True)
class Compatibility:
    score: int | None
    items_compared: int
    items_possible: int
    watch_points: list[WatchPoint] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return self.items_compared < self.items_possible


def _is_low(value: int | None) -> bool:
    return value is not None and value <= LOW


def _is_high(value: int | None) -> bool:
    return value is not None and value >= HIGH


def compatibility(client: ProfileValues, provider: ProfileValues) -> Compatibility:
    total = 0.0
    weights = 0
    compared = 0
    for name, _, _ in AXES:
        c, p = getattr(client, name), getattr(provider, name)
        if c is None or p is None:
            continue
        compared += 1
        total += WEIGHTS[name] * (1 - abs(c - p) / 4)
        weights += WEIGHTS[name]
    if client.channel and provider.channel:
        compared += 1
        total += WEIGHTS["channel"] * (1.0 if client.channel == provider.channel else 0.5)
        weights += WEIGHTS["channel"]
    for name, _, _ in CLIENT_TRAITS:
        value = getattr(client, name)
        if value is None:
            continue
        compared += 1
        total += WEIGHTS[name] * (value - 1) / 4
        weights += WEIGHTS[name]
    score = round(100 * total / weights) if weights else None
    possible = len(AXES) + 1 + len(CLIENT_TRAITS)
    points = sorted(watch_points(client, provider), key=lambda w: (-w.weight, w.key))
    return Compatibility(score, compared, possible, points)


def watch_points(client: ProfileValues, provider: ProfileValues) -> list[WatchPoint]:
    """Every difference worth acting on, with a concrete working rule (in the current
    language)."""
    points: list[WatchPoint] = []

    def gap(name: str) -> int:
        c, p = getattr(client, name), getattr(provider, name)
        return abs(c - p) if c is not None and p is not None else 0

    if _is_high(client.structure) and _is_low(provider.structure):
        points.append(
            WatchPoint(
                "structure",
                2 * gap("structure"),
                tr("The client is structured and you are rather relaxed."),
                tr(
                    "Agree a written schedule with fixed checkpoints, and send your progress on "
                    "the same day every week, even when there is little to say."
                ),
            )
        )
    elif _is_low(client.structure) and _is_high(provider.structure):
        points.append(
            WatchPoint(
                "structure",
                gap("structure"),
                tr("You are structured and the client is rather relaxed."),
                tr(
                    "Keep your plan for yourself but do not impose it: ask for short, regular "
                    "check-ins instead of formal reviews, and remind dates a few days ahead."
                ),
            )
        )
    if _is_low(client.precision) and _is_high(provider.precision):
        points.append(
            WatchPoint(
                "precision",
                2 * gap("precision"),
                tr("The client's answers are vague while you are precise."),
                tr(
                    "Write back every request as a short specification (what, format, date) and "
                    "have it confirmed before you start."
                ),
            )
        )
    elif _is_high(client.precision) and _is_low(provider.precision):
        points.append(
            WatchPoint(
                "precision",
                2 * gap("precision"),
                tr("The client is precise and expects the same from you."),
                tr(
                    "Detail your proposals: formats, dates, what is included and what is not; "
                    "answer questions in writing."
                ),
            )
        )
    if _is_high(client.energy) and _is_low(provider.energy):
        points.append(
            WatchPoint(
                "energy",
                gap("energy"),
                tr("The client is enthusiastic while you take time to think."),
                tr(
                    "Do not commit in the meeting: note the ideas and confirm decisions in writing "
                    "the next day."
                ),
            )
        )
    elif _is_low(client.energy) and _is_high(provider.energy):
        points.append(
            WatchPoint(
                "energy",
                gap("energy"),
                tr("You are enthusiastic while the client reflects."),
                tr(
                    "Do not oversell early ideas: send options in writing before meetings and give "
                    "the client time to answer."
                ),
            )
        )
    elif _is_high(client.energy) and _is_high(provider.energy):
        points.append(
            WatchPoint(
                "energy",
                2,
                tr("You are both enthusiastic: ideas will multiply."),
                tr("Keep a written list of what is in scope; park new ideas for a later phase."),
            )
        )
    if _is_low(client.scope) and _is_high(provider.scope):
        points.append(
            WatchPoint(
                "scope",
                gap("scope"),
                tr("The client looks at details while you see the big picture."),
                tr(
                    "Break each deliverable into items the client can check, and show details "
                    "early rather than at the end."
                ),
            )
        )
    elif _is_high(client.scope) and _is_low(provider.scope):
        points.append(
            WatchPoint(
                "scope",
                gap("scope"),
                tr("The client sees the big picture while you work in details."),
                tr("Lead with outcomes and decisions; keep the details in an annex."),
            )
        )
    if client.channel and provider.channel and client.channel != provider.channel:
        points.append(
            WatchPoint(
                "channel",
                2,
                tr(
                    "The client prefers {client_channel}, you prefer {provider_channel}.",
                    client_channel=channel_word(client.channel),
                    provider_channel=channel_word(provider.channel),
                ),
                tr(
                    "Use {channel} for conversations, and confirm every decision by email "
                    "afterwards so that there is a written trace.",
                    channel=channel_word(client.channel),
                ),
            )
        )
    if _is_low(client.experience):
        points.append(
            WatchPoint(
                "experience",
                3 - client.experience + 1,  # type: ignore[operator]
                tr("The client has rarely worked with a provider."),
                tr(
                    "Explain how you work before starting: the steps, when you need their "
                    "documents and validations, and what happens when they are late (your craft "
                    "card helps)."
                ),
            )
        )
    if _is_low(client.feedback):
        points.append(
            WatchPoint(
                "feedback",
                3 - client.feedback + 1,  # type: ignore[operator]
                tr("The client tends to criticise."),
                tr(
                    "Ask for feedback at each checkpoint, in writing, against the agreed "
                    "specification, so that criticism turns into a list of changes."
                ),
            )
        )
    elif _is_high(client.feedback):
        points.append(
            WatchPoint(
                "feedback",
                1,
                tr("The client tends to praise."),
                tr("Praise is not a validation: still get an explicit sign-off on each step."),
            )
        )
    if _is_low(client.temper):
        points.append(
            WatchPoint(
                "temper",
                2 * (3 - client.temper),  # type: ignore[operator]
                tr("The client is known to be difficult."),
                tr(
                    "Stick to the frame: a signed contract, written validations and a complete "
                    "contact log. When blamed, answer with facts and dates."
                ),
            )
        )
    return points


def bar(value: int | None, width: int = 10) -> str:
    """A text bar for a 1..5 value: `■■■■■□□□□□`; unknown: dotted."""
    if value is None:
        return "·" * width
    filled = round((value - 1) / 4 * (width - 1)) + 1
    return "■" * filled + "□" * (width - filled)
