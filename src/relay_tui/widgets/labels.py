"""Rich renderings of the vocabulary: statuses, phases and user text, shown literally."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from rich.text import Text

from relay_tui.display import day_month
from relay_tui.i18n import N_, tr, trn
from relay_tui.vocab import DEADLINE_STATUS_WORDS
from relay_tui.widgets.tones import ToneOf

#: A deadline status: its sign, and its tone (widgets.tones) or "" for plain; its word is
#: `vocab.DEADLINE_STATUS_WORDS`, translated where shown.
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "late": ("●", "late"),
    "in_margin": ("●", "warning"),
    "upcoming": ("○", "good"),
    "done": ("✓", ""),
}
#: The title of each phase, in English (as `screens.phase_pane.PHASE_TITLES`).
PHASE_NAMES = {"before": N_("Before"), "during": N_("During"), "after": N_("After")}


def status_text(status: str | None, tone: ToneOf) -> Text:
    if status is None:
        return Text("—", style="dim")
    if status not in STATUS_LABELS:
        return Text(status)
    sign, name = STATUS_LABELS[status]
    label = f"{sign} {tr(DEADLINE_STATUS_WORDS[status])}"
    if status == "done":
        return Text(label, style="dim")
    return Text(label, style=tone(name) if name else "")


def phase_text(phase: str, tone: ToneOf) -> Text:
    known = phase in PHASE_NAMES
    label = tr(PHASE_NAMES[phase]) if known else phase.capitalize()
    return Text(label, style=tone(f"phase-{phase}") if known else "")


#: What a control character (an escape sequence, a bell…) is shown as: visible, one cell.
STAND_IN = "\ufffd"


def _drawable(ch: str) -> bool:
    """Printable, or a space of another width (a French no-break space before a colon)."""
    return ch.isprintable() or unicodedata.category(ch) == "Zs"


def printable(text: str, limit: int | None = None, *, lines: bool = False) -> str:
    """User text made safe to draw: every control or format character (escape
    sequences, bells, direction overrides…) shown as `STAND_IN`, on one line (line
    breaks and tabs become spaces) unless `lines`, cut with an ellipsis past `limit`
    characters. Brackets are kept: this is text, not markup."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if lines:
        clean = "\n".join(printable(line) for line in text.split("\n"))
    else:
        clean = "".join(ch if _drawable(ch) else STAND_IN for ch in text.replace("\n", " "))
    if limit is not None and len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return clean


def literal(text: str, limit: int | None = None, style: str = "") -> Text:
    """User text as typed, for any widget: a Rich Text is never parsed as markup (a str
    given to Static, Label, DataTable, Select or OptionList is), with `printable`'s rules.

    The one way the screens show what users typed (and titles or questions that quote it).
    """
    return Text(printable(text, limit), style=style)


def visible_controls(text: str) -> str:
    """`text` with its control characters shown as `STAND_IN`, one for one (same length,
    so that offsets into the text still hold); tabs and newlines are kept."""
    return "".join(ch if _drawable(ch) or ch in "\t\n" else STAND_IN for ch in text)


def due_text(due: date | None, today: date) -> str:
    if due is None:
        return "—"
    delta = (due - today).days
    if delta == 0:
        when = tr("today")
    elif delta == 1:
        when = tr("tomorrow")
    elif delta == -1:
        when = tr("yesterday")
    elif delta < 0:
        when = trn("{n} d ago", "{n} d ago", -delta)
    else:
        when = trn("in {n} d", "in {n} d", delta)
    return tr("{date} ({when})", date=day_month(due), when=when)


#: The mark of a stored value out of range (`relay_tui.domain.stored`), on its line.
FLAG = "⚠"


def problem_text(problems: Sequence[str]) -> Text:
    """What is wrong with a record as stored, in full: `⚠ problem; problem`."""
    return Text(f"{FLAG} " + "; ".join(problems), style="bold") if problems else Text("")


def marked(text: str, limit: int, problems: Sequence[str]) -> Text:
    """User text in a column of fixed width, the mark of its problems first (so that it
    is never cut off); the screen tells them in full elsewhere."""
    if not problems:
        return literal(text, limit)
    return Text(f"{FLAG} ", style="bold") + literal(text, max(limit - 2, 1))


def flagged(cell: Text, problems: Sequence[str], *, short: bool = False) -> Text:
    """A table cell with the record's problems after it (`problem_text`), if any; `short`
    shows the mark only (the screen tells the problems in full elsewhere)."""
    if problems:
        cell.append("  ")
        cell.append_text(Text(FLAG, style="bold") if short else problem_text(problems))
    return cell
