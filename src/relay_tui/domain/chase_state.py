"""The chase list built from plain rows: which active projects wait for a reply long
enough to chase, and each one's oldest request unanswered. The services (SQLAlchemy) and
the light reads (`relay_tui.fastreads`, sqlite3) read the same rows (`sqltext.awaiting_facts`)
and call these: one rule, whichever way the rows came."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from relay_tui.domain import chase as chasing
from relay_tui.domain import stored

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date


@dataclass(frozen=True)
class ChaseState:
    """The chase list and, per project, the oldest request still unanswered (chased or
    not): the board's "waiting on the client" reads the second."""

    items: list[chasing.ChaseItem]
    oldest_request: dict[int, datetime]


def instant(value: object) -> datetime:
    """An instant as `relay_tui.dbtypes.UTCDateTime` reads it: naive means UTC."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def awaiting_facts(
    rows: Iterable[tuple[int, int, object, str, object]],
) -> dict[int, list[chasing.ContactFact]]:
    """Per project, its outbound contacts awaiting a reply (`sqltext.awaiting_facts`'s
    rows: id, project, instant, summary, is a chase)."""
    facts: dict[int, list[chasing.ContactFact]] = {}
    for ident, project_id, at, summary, is_chase in rows:
        facts.setdefault(project_id, []).append(
            chasing.ContactFact(ident, instant(at), "out", True, summary, bool(is_chase))
        )
    return facts


#: A project whose clock has run long enough (`ripe`): id, name, its contacts awaiting a
#: reply, its chase delay and the problem of its stored delay.
Ripe = tuple[int, str, list[chasing.ContactFact], int, "str | None"]


def ripe(
    projects: Sequence[tuple[int, str, object]],
    facts: dict[int, list[chasing.ContactFact]],
    today: date,
    closed: chasing.Closed | None,
) -> list[Ripe]:
    """The `projects` (id, name, chase delay) to chase `today`: those whose latest
    message awaiting a reply has waited their delay in working days (a stored delay out
    of range counts as the nearest valid one). `facts`: the contacts awaiting a reply of
    each project (`awaiting_facts`), and only those: the clock of `chasing.chase_item`
    starts at the latest."""
    found = []
    clock: dict[date, int] = {}  # working days since each day (a few hundred days)
    for pid, name, stored_delay in projects:
        pending = facts.get(pid)
        if pending is None:
            continue  # nothing awaits a reply: nothing to chase
        delay, problem = stored.chase_delay(stored_delay)
        # Speed (thousands of projects): the latest instant, without sorting the facts.
        last_day = max(fact.at for fact in pending).astimezone().date()
        elapsed = clock.get(last_day)
        if elapsed is None:
            elapsed = clock[last_day] = chasing.working_days_between(last_day, today, closed)
        if elapsed >= delay:
            found.append((pid, name, pending, delay, problem))
    return found


def state(
    ripe: Sequence[Ripe],
    chases: dict[int, int],
    facts: dict[int, list[chasing.ContactFact]],
    today: date,
    closed: chasing.Closed | None,
) -> ChaseState:
    """The chase list of the `ripe` projects (longest wait first) with each project's
    count of `chases`, and the oldest request unanswered per project."""
    listed = chasing.chase_list(
        chasing.chase_item(
            pid,
            name,
            pending,
            delay,
            today,
            closed,
            chases=chases.get(pid, 0),
            problems=stored.collect(problem),
        )
        for pid, name, pending, delay, problem in ripe
    )
    # A chase line knows its oldest request already (`first_asked`).
    oldest = {item.project_id: item.first_asked for item in listed}
    for pid, pending in facts.items():
        if pid not in oldest:
            first = chasing.oldest_request(pending)
            if first is not None:
                oldest[pid] = first.at
    return ChaseState(listed, oldest)
