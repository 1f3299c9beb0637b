"""A status report's period: when it starts, when the next report is due, and the draft
of the user's own words on it ("this period I…")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from relay_tui.display import day_month
from relay_tui.domain.prose import quoted
from relay_tui.domain.record_rules import TEXT_MAX
from relay_tui.i18n import tr


def period_start(last_sent_on: date | None, started_on: date) -> date:
    """The first day a report covers: the day after the last report sent, else the day the
    project started."""
    return last_sent_on + timedelta(days=1) if last_sent_on is not None else started_on


def next_report_on(
    every_days: int | None, started_on: date, last_sent_on: date | None
) -> date | None:
    """The day the next report is due: `every_days` after the last one sent, else after the
    project started; None without a cadence (or a cadence that is not a positive number)."""
    if every_days is None or every_days <= 0:
        return None
    return (last_sent_on or started_on) + timedelta(days=every_days)


def report_due_since(
    every_days: int | None, started_on: date, last_sent_on: date | None, today: date
) -> date | None:
    """Since when a report is due (that day or earlier), or None when none is: no cadence,
    or the next report's day is still to come."""
    due = next_report_on(every_days, started_on, last_sent_on)
    return due if due is not None and due <= today else None


#: The draft lists at most this many facts, each quoted up to FACT_CHARS characters: it
#: is a start for the user's words, which are kept up to TEXT_MAX characters.
DRAFT_LINES = 40
FACT_CHARS = 200


def _one_line(text: str) -> str:
    """One line of plain text: no line break, no NUL nor lone surrogate (a store edited by
    hand can hold them), which the user's words may not hold."""
    kept = "".join(ch for ch in text if ch != "\x00" and not 0xD800 <= ord(ch) <= 0xDFFF)
    line = " ".join(kept.split())
    return line if len(line) <= FACT_CHARS else line[: FACT_CHARS - 1] + "…"


def _quoted(text: str) -> str:
    return quoted(_one_line(text))


def period_draft(
    delivered: Sequence[tuple[str, date]],
    submitted: Sequence[tuple[str, date]],
    exchanges: Sequence[tuple[str, date]],
) -> str:
    """A first draft of "this period I…", one line per fact, for the user to edit: what
    the user did, in the first person — the alarm bells of theirs done, the deliverables
    sent for validation, the messages they sent (not the chases). What the client did is
    already in the report's own lines. Empty when the period holds none of them."""
    lines = [
        *(
            tr("I delivered {title} ({day}).", title=_quoted(t), day=day_month(d))
            for t, d in delivered
        ),
        *(
            tr(
                "I sent {deliverable} for your validation ({day}).",
                deliverable=_quoted(t),
                day=day_month(d),
            )
            for t, d in submitted
        ),
        *(tr("{day}: {summary}", summary=_one_line(t), day=day_month(d)) for t, d in exchanges),
    ]
    draft = "\n".join(lines[:DRAFT_LINES])
    return draft if len(draft) <= TEXT_MAX else draft[: draft.rfind("\n", 0, TEXT_MAX)]
