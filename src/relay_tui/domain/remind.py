"""What needs attention today, across the active projects: the items of `relay remind`.

Five kinds, each read from the board's own notions (`services.remind` builds them from
`services.board`; `relay_tui.fastremind` reads the same facts with sqlite3 alone):

- `late` / `margin`: one of my alarm bells past its date, or in its margin;
- `client`: an alarm bell the client owns (an input, a reply, a validation) past its
  date or in its margin: the client's answer is awaited;
- `chase`: a message that has waited the project's chase delay, in working days;
- `budget`: a project past its time budget;
- `report`: a project whose status report is due.

Newest risk first: the item whose situation began last comes first (then by kind, then by
project), so what changed since the last look is on top. Each item has a `key` that names
it for a day (`relay remind --notify` never shows the same key twice on one day).

A plain class with slots, not a dataclass: `relay remind` runs in a status bar every few
seconds, and importing `dataclasses` costs it a third of its budget.
"""

from __future__ import annotations

from datetime import date

from relay_tui.display import day_month
from relay_tui.domain.envelope import envelope
from relay_tui.i18n import tr, trn

#: `relay remind --format`'s choices, the default first.
FORMATS = ("plain", "json", "line")
#: The kinds, in the order the short line counts them.
KINDS = ("late", "margin", "client", "chase", "budget", "report")


class Reminder:
    """One thing that needs attention. `since` is the day its situation began; `due_on`
    the date in question (a bell's date, as moved by a late client input; the day a
    chase or a report fell due); `days` how long: days late, working days waited,
    days overdue; `ratio` the share of the budget used (budget only)."""

    __slots__ = (
        "days",
        "due_on",
        "kind",
        "project",
        "project_id",
        "ratio",
        "ref",
        "since",
        "title",
    )

    def __init__(
        self,
        kind: str,
        project_id: int,
        project: str,
        since: date,
        *,
        ref: int = 0,
        title: str = "",
        due_on: date | None = None,
        days: int = 0,
        ratio: float | None = None,
    ) -> None:
        self.kind = kind
        self.project_id = project_id
        self.project = project
        self.since = since
        self.ref = ref  # the alarm bell's id (bells), else 0
        self.title = title  # the bell's title, or the request awaiting a reply
        self.due_on = due_on
        self.days = days
        self.ratio = ratio

    @property
    def key(self) -> str:
        """What names this item for a day: its kind and the row it is about."""
        if self.kind in ("late", "margin", "client"):
            return f"{self.kind}:deadline:{self.ref}"
        return f"{self.kind}:project:{self.project_id}"

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reminder) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Reminder({fields})"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "key": self.key,
            "project_id": self.project_id,
            "project": self.project,
            "since_on": self.since.isoformat(),
            "deadline_id": self.ref or None,
            "title": self.title or None,
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "days": self.days,
            "budget_ratio": round(self.ratio, 3) if self.ratio is not None else None,
        }


def ordered(items: list[Reminder]) -> list[Reminder]:
    """Newest risk first (the latest `since`), then by kind and project."""
    return sorted(
        items,
        key=lambda r: (-r.since.toordinal(), KINDS.index(r.kind), r.project, r.ref),
    )


def bell_kind(owner: str, status: str) -> str | None:
    """The kind of a ringing alarm bell (`late` or `in_margin`): the client's are awaited
    answers; None for a bell that does not ring."""
    if status not in ("late", "in_margin"):
        return None
    if owner == "client":
        return "client"
    return "late" if status == "late" else "margin"


def budget_crossed_on(days: list[tuple[date, int]], budget_minutes: int) -> date | None:
    """The first day the minutes logged, day by day in order, went past the budget."""
    total = 0
    for day, minutes in days:
        total += minutes
        if total > budget_minutes:
            return day
    return None


def text(item: Reminder) -> str:
    """The item in one sentence, in the user's language."""
    due = day_month(item.due_on) if item.due_on else ""
    if item.kind == "late":
        return trn(
            "{project}: “{title}” was due on {day} ({n} day late)",
            "{project}: “{title}” was due on {day} ({n} days late)",
            item.days,
            project=item.project,
            title=item.title,
            day=due,
        )
    if item.kind == "margin":
        return tr(
            "{project}: “{title}” is due on {day}", project=item.project, title=item.title, day=due
        )
    if item.kind == "client":
        if item.days > 0:
            return trn(
                "{project}: the client's “{title}” was due on {day} ({n} day late)",
                "{project}: the client's “{title}” was due on {day} ({n} days late)",
                item.days,
                project=item.project,
                title=item.title,
                day=due,
            )
        return tr(
            "{project}: the client's “{title}” is due on {day}",
            project=item.project,
            title=item.title,
            day=due,
        )
    if item.kind == "chase":
        return trn(
            "{project}: chase — no reply for {n} working day to “{request}”",
            "{project}: chase — no reply for {n} working days to “{request}”",
            item.days,
            project=item.project,
            request=item.title,
        )
    if item.kind == "budget":
        percent = round((item.ratio or 0) * 100)
        return tr(
            "{project}: {percent} % of the time budget used", project=item.project, percent=percent
        )
    return trn(
        "{project}: the status report is due since {day} ({n} day)",
        "{project}: the status report is due since {day} ({n} days)",
        item.days,
        project=item.project,
        day=due,
    )


def plain(items: list[Reminder], today: date) -> str:
    """`relay remind`: a title line and one line per item, or one line saying all is well."""
    if not items:
        return tr("Nothing needs your attention today ({day}).", day=day_month(today)) + "\n"
    head = trn(
        "{n} thing needs your attention today ({day}):",
        "{n} things need your attention today ({day}):",
        len(items),
        day=day_month(today),
    )
    return "\n".join([head, *(f"  {_mark(item)} {text(item)}" for item in items)]) + "\n"


def _mark(item: Reminder) -> str:
    """`!` for what is already late or over, `·` for what is coming or due."""
    late = item.kind in ("late", "budget") or (item.kind == "client" and item.days > 0)
    return "!" if late else "·"


def line(items: list[Reminder]) -> str:
    """`relay remind --format line`: one short line for a status bar or a prompt, the
    counts by kind ("2 late · 1 to chase"); empty when nothing is due. `awaited`: from
    the client; `budget`: projects over budget; `report`: reports due."""
    counts = {kind: 0 for kind in KINDS}
    for item in items:
        counts[item.kind] += 1
    parts = [_count(kind, n) for kind, n in counts.items() if n]
    return " · ".join(parts)


def _count(kind: str, n: int) -> str:
    # TRANSLATORS: the counts of `relay remind --format line`, for a status bar: short.
    if kind == "late":
        return trn("{n} late", "{n} late", n)
    if kind == "margin":
        return trn("{n} soon", "{n} soon", n)
    if kind == "client":
        return trn("{n} awaited", "{n} awaited", n)
    if kind == "chase":
        return trn("{n} to chase", "{n} to chase", n)
    if kind == "budget":
        return trn("{n} budget", "{n} budgets", n)
    return trn("{n} report", "{n} reports", n)


def notification(items: list[Reminder]) -> tuple[str, str]:
    """The title and body of one desktop notification for `items` (the new ones)."""
    title = trn(
        "relay: {n} thing needs your attention", "relay: {n} things need your attention", len(items)
    )
    return title, "\n".join(text(item) for item in items)


def as_json(items: list[Reminder], today: date) -> dict[str, object]:
    """`relay remind --format json`: the envelope and the items, newest risk first."""
    return envelope("remind", today=today.isoformat(), items=[item.as_json() for item in items])
