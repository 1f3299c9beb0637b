"""The board's alarm bells: the open deadlines late or in their margin, late first, then
by the day they are due (moved by their slip), then by project.

A store of 10,000 projects rings some 2,700 bells and a screen shows twenty: `AlarmLines`
finds which ring and their order from the prepared rows (`deadline_views.prepare`) and
builds each line's `DeadlineView` when it is read. A line is the same whenever it is
built, and the same as `deadline_views(..., alarms_only=True)` gives."""

from __future__ import annotations

from relay_tui.domain.deadline_views import (
    DeadlineView,
    as_time,
    deadline_problems,
    prepare,
    status_of,
    view,
)
from relay_tui.domain.lazy_lines import LazyLines
from relay_tui.domain.schedule import RINGING

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from relay_tui.domain.deadline_views import Row

#: One line before it is built: its order's key, then what builds it.
_Keyed = tuple  # (not late, effective due, project name, due, id, row, status)


class AlarmLines(LazyLines[tuple[str, DeadlineView]]):
    """The alarm bells of the deadline rows `raw` (`sqltext.alarm_bells`), each with its
    project's name from `names` ("?" when not listed): a sequence of (name, view), each
    built when first read."""

    __slots__ = ("_keyed", "_ready", "late_for_client")

    def __init__(self, raw: Iterable[Row], today: date, names: dict[int, str]) -> None:
        ready = prepare(raw, today)
        keyed = []
        late_for_client: dict[int, list[date]] = {}
        slips = ready.slips
        for row in ready.rows:
            if row[9] is not None:
                continue  # done: rings no more
            slip = slips.get(row[0])
            status = status_of(row, slip, today)
            if status not in RINGING:
                continue
            as_time(row[6])  # a time it cannot read fails here, as `deadline_views` does
            late = status == "late"
            name = names.get(row[1], "?")
            due = slip.projected_on if slip else row[5]
            # The views' order (due day, id) breaks the ties of the board's order.
            keyed.append((not late, due, name, row[5], row[0], row, status))
            if late and row[4] == "client":
                late_for_client.setdefault(row[1], []).append(row[5])
        keyed.sort(key=lambda line: line[:5])
        super().__init__(len(keyed))
        self._ready = ready
        self._keyed: list[_Keyed] = keyed
        #: The days the client's late deadlines were due, by project.
        self.late_for_client = late_for_client

    def _build(self, index: int) -> tuple[str, DeadlineView]:
        _late, _due, name, _day, _id, row, status = self._keyed[index]
        return name, view(row, status, self._ready)

    @property
    def project_ids(self) -> list[int]:
        """The projects of the lines, in their order (nothing built)."""
        return [line[5][1] for line in self._keyed]

    def with_problems(self) -> list[tuple[str, DeadlineView]]:
        """The lines that read a stored value out of range (only those are built)."""
        loops = self._ready.loops
        return [
            self[index]
            for index, line in enumerate(self._keyed)
            if line[4] in loops or deadline_problems(*_stored(line[5]))
        ]


def _stored(row: Row) -> tuple[object, object, date, date | None, object]:
    """What `deadline_problems` reads of a prepared row."""
    return row[3], row[4], row[5], row[9], row[7]
