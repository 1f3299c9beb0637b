"""Feedback freeze: late client feedback moves the provider's planned dates.

When a client-owned deadline is late by N days (still open and past due, or done N days
after its due date), every provider deadline that depends on it — directly or through a
chain of predecessors — gets a projected date N days later. With several late client
deadlines up the chain, the largest slip wins (they overlap in time, they do not add up).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from relay_tui.domain.schedule import days_late
from relay_tui.domain.stored import shift
from relay_tui.i18n import tr, trn


class Step(NamedTuple):
    """One deadline as the freeze sees it (a tuple: thousands are built per board)."""

    id: int
    title: str
    owner: str  # "client" or "provider"
    due_on: date
    done_on: date | None
    after_id: int | None


@dataclass(frozen=True)
class Slip:
    deadline_id: int
    projected_on: date
    days: int
    cause_id: int
    cause_title: str

    def explain(self) -> str:
        title = " ".join(self.cause_title.split())
        return trn(
            "moved {n} day by the late '{title}'",
            "moved {n} days by the late '{title}'",
            self.days,
            title=title,
        )


class CycleError(ValueError):
    """Predecessors that loop back on themselves."""

    def __init__(self, path: Sequence[int]) -> None:
        self.path = list(path)
        super().__init__(" → ".join(f"#{i}" for i in self.path))


def find_cycle(edges: Mapping[int, int | None]) -> list[int] | None:
    """A loop in `id → predecessor id` links, as the list of ids around it, or None."""
    state: dict[int, int] = {}  # 1 visiting, 2 done
    for start in edges:
        path: list[int] = []
        node: int | None = start
        while node is not None and state.get(node) != 2:
            if state.get(node) == 1:
                loop = [*path[path.index(node) :], node]
                return loop
            state[node] = 1
            path.append(node)
            node = edges.get(node)
        for visited in path:
            state[visited] = 2
    return None


def would_cycle(
    edges: Mapping[int, int | None], deadline_id: int, after_id: int | None
) -> list[int] | None:
    """The loop that setting `deadline_id`'s predecessor to `after_id` would create."""
    if after_id is None:
        return None
    trial = dict(edges)
    trial[deadline_id] = after_id
    return find_cycle(trial)


def slips(steps: Iterable[Step], today: date, *, looped: bool = True) -> dict[int, Slip]:
    """Projected dates of open provider deadlines delayed by late client feedback.
    `looped` False: the steps come from `without_loops` (not searched for loops again)."""
    by_id = {step.id: step for step in steps}
    loop = find_cycle({s.id: s.after_id for s in by_id.values()}) if looped else None
    if loop:
        raise CycleError(loop)
    result: dict[int, Slip] = {}
    for step in by_id.values():
        if step.owner != "provider" or step.done_on is not None:
            continue
        best: tuple[int, Step] | None = None
        parent_id = step.after_id
        while parent_id is not None and parent_id in by_id:
            parent = by_id[parent_id]
            if parent.owner == "client":
                late = days_late(parent.due_on, parent.done_on, today)
                if late > 0 and (best is None or late > best[0]):
                    best = (late, parent)
            parent_id = parent.after_id
        if best is not None:
            days, cause = best
            result[step.id] = Slip(step.id, shift(step.due_on, days), days, cause.id, cause.title)
    return result


def without_loops(steps: Iterable[Step]) -> tuple[list[Step], dict[int, list[int]]]:
    """The steps with every loop of predecessors broken, and the loops, by the deadline
    whose link was ignored.

    relay refuses to make a loop (`would_cycle`), but a store can hold one (a hand edit):
    reading breaks it instead of failing. Ids cannot go down all around a loop, so some
    link of each points to a deadline created later or to itself; the first such link is
    ignored for the computation (a bell most often follows one made before it, so this
    is most often the link the hand edit made).
    """
    rows = {step.id: step for step in steps}
    edges = {step.id: step.after_id for step in rows.values()}
    ignored: dict[int, list[int]] = {}
    while (loop := find_cycle(edges)) is not None:
        cut = min(i for i in loop[:-1] if (edges.get(i) or 0) >= i)
        at = loop.index(cut)
        ignored[cut] = [*loop[at:-1], *loop[:at], cut]  # told from the ignored link on
        edges[cut] = None
        rows[cut] = rows[cut]._replace(after_id=None)
    return list(rows.values()), ignored


def loop_problem(loop: Sequence[int]) -> str:
    """What a deadline whose link was ignored (`without_loops`) shows on its line."""
    if len(loop) <= 2:
        return tr("depends on itself: the dependency is ignored")
    path = " → ".join(f"#{i}" for i in loop)
    return tr("its dependency loops back to it ({path}): the dependency is ignored", path=path)
