"""The chase list built from plain rows: which active projects wait for a reply long
enough to chase, and each one's oldest request unanswered. The services (SQLAlchemy) and
the light reads (`relay_tui.fastreads`, sqlite3) read the same rows (`sqltext.awaiting_facts`)
and call these: one rule, whichever way the rows came."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from relay_tui.domain import chase as chasing
from relay_tui.domain import stored
from relay_tui.domain.lazy_lines import LazyLines

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date


@dataclass(frozen=True)
class ChaseState:
    """The chase list and, per project, the oldest request still unanswered (chased or
    not): the board's "waiting on the client" reads the second."""

    items: ChaseLines
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
#: reply, its chase delay, the problem of its stored delay, the working days its clock
#: has run and the latest instant it started from.
Ripe = tuple[int, str, list[chasing.ContactFact], int, "str | None", int, datetime]


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
        last = max(fact.at for fact in pending)
        last_day = last.astimezone().date()
        elapsed = clock.get(last_day)
        if elapsed is None:
            elapsed = clock[last_day] = chasing.working_days_between(last_day, today, closed)
        if elapsed >= delay:
            found.append((pid, name, pending, delay, problem, elapsed, last))
    return found


class ChaseLines(LazyLines[chasing.ChaseItem]):
    """The chase lines of the `ripe` projects, longest wait first (`chasing.chase_list`'s
    order), with each project's count of `chases`: a sequence of `ChaseItem`, each built
    when first read (a large store has a thousand lines, a screen shows twenty).
    `ripe` holds what the order needs: the working days and the latest instant."""

    __slots__ = ("_chases", "_closed", "_ripe", "_today")

    def __init__(
        self,
        ripe: Sequence[Ripe],
        chases: dict[int, int],
        today: date,
        closed: chasing.Closed | None,
    ) -> None:
        super().__init__(len(ripe))
        self._ripe = sorted(ripe, key=lambda r: (-r[5], r[6], r[1]))
        self._chases = chases
        self._today = today
        self._closed = closed

    def _build(self, index: int) -> chasing.ChaseItem:
        pid, name, pending, delay, problem, _elapsed, _last = self._ripe[index]
        line = chasing.chase_item(
            pid,
            name,
            pending,
            delay,
            self._today,
            self._closed,
            chases=self._chases.get(pid, 0),
            problems=stored.collect(problem),
        )
        assert line is not None  # a ripe project has a line (`ripe`, `chase_item`)
        return line

    @property
    def project_ids(self) -> list[int]:
        """The projects of the lines, in their order (nothing built)."""
        return [r[0] for r in self._ripe]

    def with_problems(self) -> list[chasing.ChaseItem]:
        """The lines that read a stored value out of range (only those that may are built:
        a delay out of range, or a request too long to show)."""
        longest = stored.text_limit("contact", "summary")
        maybe = (
            self[index]
            for index, r in enumerate(self._ripe)
            if r[4] is not None or any(len(fact.summary) > longest for fact in r[2])
        )
        return [line for line in maybe if line.problems]


def oldest_at(pending: Sequence[chasing.ContactFact]) -> datetime:
    """When the oldest request unanswered among `pending` (at least one) was made: the
    instant of `chasing.oldest_request`."""
    requests = [fact.at for fact in pending if not fact.is_chase]
    return min(requests) if requests else min(fact.at for fact in pending)


def state(
    ripe: Sequence[Ripe],
    chases: dict[int, int],
    facts: dict[int, list[chasing.ContactFact]],
    today: date,
    closed: chasing.Closed | None,
) -> ChaseState:
    """The chase list of the `ripe` projects (longest wait first) with each project's
    count of `chases`, and the oldest request unanswered per project."""
    return ChaseState(
        ChaseLines(ripe, chases, today, closed),
        {pid: oldest_at(pending) for pid, pending in facts.items() if pending},
    )
