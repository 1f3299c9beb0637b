"""Rich renderings of the vocabulary: statuses, phases and user text, shown literally."""

from __future__ import annotations

from datetime import date

from rich.text import Text

STATUS_STYLES: dict[str, tuple[str, str]] = {
    "late": ("● late", "bold red"),
    "in_margin": ("● in margin", "bold yellow"),
    "upcoming": ("○ upcoming", "green"),
    "done": ("✓ done", "dim"),
}

PHASE_STYLES: dict[str, str] = {"before": "cyan", "during": "magenta", "after": "blue"}


def status_text(status: str | None) -> Text:
    if status is None:
        return Text("—", style="dim")
    label, style = STATUS_STYLES.get(status, (status, ""))
    return Text(label, style=style)


def phase_text(phase: str) -> Text:
    return Text(phase.capitalize(), style=PHASE_STYLES.get(phase, ""))


def literal(text: str, limit: int | None = None) -> Text:
    """User text as typed: no markup, no escape sequences, one line."""
    clean = "".join(ch if ch.isprintable() else "�" for ch in text.replace("\n", " "))
    if limit is not None and len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return Text(clean)


def due_text(due: date | None, today: date) -> str:
    if due is None:
        return "—"
    delta = (due - today).days
    if delta == 0:
        when = "today"
    elif delta == 1:
        when = "tomorrow"
    elif delta == -1:
        when = "yesterday"
    elif delta < 0:
        when = f"{-delta} d ago"
    else:
        when = f"in {delta} d"
    return f"{due.strftime('%d %b')} ({when})"
