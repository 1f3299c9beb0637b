"""Risk scoring: score = probability × impact, and its severity band."""

from __future__ import annotations

from relay_tui.vocab import SCALE_MAX, SCALE_MIN

BANDS: tuple[tuple[int, str], ...] = ((4, "low"), (9, "medium"), (16, "high"), (25, "critical"))


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
