"""Risk scoring: score = probability × impact, and its severity band."""

from __future__ import annotations

from typing import NamedTuple

from relay_tui.domain import stored
from relay_tui.vocab import SCALE_MAX, SCALE_MIN, RiskCategory, RiskStatus

BANDS: tuple[tuple[int, str], ...] = ((4, "low"), (9, "medium"), (16, "high"), (25, "critical"))


def band_floor(band: str) -> int:
    """The lowest score of a band (the SQL of the dashboard counts risks by band with it)."""
    floor = 1
    for ceiling, name in BANDS:
        if name == band:
            return floor
        floor = ceiling + 1
    raise ValueError(f"no risk band {band!r}")


def score(probability: int, impact: int) -> int:
    for value in (probability, impact):
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ValueError(f"{value} is outside {SCALE_MIN}..{SCALE_MAX}")
    return probability * impact


def severity(value: int) -> str:
    """low 1–4, medium 5–9, high 10–16, critical 20–25."""
    if value < 1:
        raise ValueError("a risk score is at least 1")
    for ceiling, band in BANDS:
        if value <= ceiling:
            return band
    raise ValueError("a risk score is at most 25")


class StoredRisk(NamedTuple):
    """A risk as read from a store: what to compute with, and what is wrong with it."""

    probability: int
    impact: int
    score: int
    band: str
    problems: tuple[str, ...]


def read_back(
    probability: object, impact: object, category: object = "other", status: object = "open"
) -> StoredRisk:
    """The score and band of a stored risk, never raising: a probability or an impact out
    of range counts as the nearest valid value (`domain.stored`), and is named, as is an
    unknown category or status."""
    p, i, problems = stored.risk(probability, impact)
    problems += stored.collect(
        stored.unknown_word("category", category, RiskCategory),
        stored.unknown_word("status", status, RiskStatus),
    )
    return StoredRisk(p, i, p * i, severity(p * i), problems)
