"""The dashboard and the alarm bells across projects: light reads for the first screen.

These queries go through a plain DB-API connection (`Store.dbapi`) with literal SQL, so
that the app's first screen needs neither SQLAlchemy nor SQLModel nor pydantic (together
about half a second to import). The rules applied to the rows live in `relay_tui.domain`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from relay_tui.db import Store
from relay_tui.domain import stored
from relay_tui.domain.before import RIGOUR, readiness
from relay_tui.domain.compatibility import PROFILE_FIELDS
from relay_tui.domain.risks import band_floor
from relay_tui.domain.schedule import STATUS_RANK, deadline_status
from relay_tui.i18n import N_, trn
from relay_tui.sqltext import AWAITING
from relay_tui.vocab import Phase, ProjectKind, RiskCategory, RiskStatus, choices

HIGH_RISK_SCORE = band_floor("high")
#: Which projects the dashboard lists: the active ones, the closed ones, or all.
SHOWS = ("active", "closed", "all")
_STATUS_SQL = {
    "active": "project.status = 'active'",
    "closed": "project.status = 'closed'",
    "all": "1 = 1",
}
CRITICAL_RISK_SCORE = band_floor("critical")


@dataclass(frozen=True)
class DashboardRow:
    id: int
    name: str
    client: str
    phase: str
    next_deadline: str | None
    next_due: date | None
    next_status: str | None
    awaiting: int  # messages awaiting the client's reply
    high_risks: int
    missing: list[str] = field(default_factory=list)
    closed: bool = False
    problems: list[str] = field(default_factory=list)  # stored values out of range

    def attention_key(self) -> tuple[bool, int, int, int, date, str]:
        """Active projects first (late, then in margin, then the most messages awaiting a
        reply and high risks), closed ones after."""
        rank = STATUS_RANK.get(self.next_status or "", 3)
        due = self.next_due or date.max
        return (self.closed, rank, -self.awaiting, -self.high_risks, due, self.name)


def as_date(value: Any) -> date | None:
    """A date as the driver returns it: a `date`, or SQLite's ISO text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


#: Runs one literal SQL query and returns its rows (`reader`).
Read = Callable[[str], list[tuple[Any, ...]]]


@contextmanager
def reader(store: Store) -> Iterator[Read]:
    """Several queries on one connection (one connect and one page cache, not one per
    query: the dashboard runs seven)."""
    with store.dbapi() as conn:
        yield lambda sql: rows_of(conn, sql)


def rows_of(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    """The rows of one literal SQL query on a DB-API connection, as the driver gives them
    (tuples: cheaper to read by the thousand than SQLAlchemy's rows)."""
    cursor = conn.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    with reader(store) as read:
        return read(sql)


def chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    """`ids` a few hundred at a time (for `IN (...)` lists of literal numbers)."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def awaiting_counts(store: Store) -> dict[int, int]:
    """Per project, how many outbound contacts still await the client's reply."""
    rows = _rows(
        store,
        f"SELECT contact.project_id, count(*) FROM contact WHERE {AWAITING} "
        "GROUP BY contact.project_id",
    )
    return {pid: count for pid, count in rows}


def _awaiting_sql(which: str) -> str:
    """Per project `which` selects, how many outbound contacts await the client's reply:
    those `pending_reply` holds, kept by triggers on every write to the contacts
    (migration 0012: `AWAITING` looked for a later reply contact by contact)."""
    return (
        "SELECT project.id, (SELECT count(*) FROM pending_reply w "
        f"WHERE w.project_id = project.id) FROM project WHERE {which}"
    )


def _clamped(column: str) -> str:
    """A risk's probability or impact as SQL, a stored value out of range counted as the
    nearest valid one (`domain.stored.risk`)."""
    low, high = stored.limits("risk", column)
    return (
        f"(CASE WHEN {column} < {low} THEN {low} WHEN {column} > {high} THEN {high} "
        f"ELSE {column} END)"
    )


def _between(table: str, column: str) -> str:
    low, high = stored.limits(table, column)
    return f"{table}.{column} BETWEEN {low} AND {high}"


_SCORE = f"{_clamped('probability')} * {_clamped('impact')}"


def _words(enum: type[Any]) -> str:
    return ", ".join(f"'{word}'" for word in choices(enum))


#: Per project, how many of its risks hold a value out of range (shown, not computed).
_BAD_RISKS = f"""
    SELECT project_id, count(*) FROM risk
    WHERE NOT ({_between("risk", "probability")}) OR NOT ({_between("risk", "impact")})
       OR status NOT IN ({_words(RiskStatus)}) OR category NOT IN ({_words(RiskCategory)})
    GROUP BY project_id"""


def _project_problems(
    phase: object, kind: object, budget_problem: str | None, delay: object, bad_risks: int
) -> list[str]:
    problems = list(
        stored.collect(
            stored.unknown_word(N_("phase"), phase, Phase),
            stored.unknown_word(N_("kind"), kind, ProjectKind),
            budget_problem,
            stored.chase_delay(delay)[1],
        )
    )
    if bad_risks:
        problems.append(
            trn(
                "{n} risk holds a value out of range (see its line)",
                "{n} risks hold a value out of range (see its line)",
                bad_risks,
            )
        )
    return problems


def project_counts(store: Store) -> dict[str, int]:
    """How many projects are active and closed: {"active": n, "closed": m}."""
    counts = dict(_rows(store, "SELECT status, count(*) FROM project GROUP BY status"))
    return {"active": counts.get("active", 0), "closed": counts.get("closed", 0)}


def dashboard(store: Store, today: date, show: str = "active") -> list[DashboardRow]:
    """The projects `show` selects (SHOWS: active, closed or all), the one that needs
    attention first at the top."""
    if show not in _STATUS_SQL:
        raise ValueError(f"show: one of {', '.join(SHOWS)}, not {show!r}")
    which = _STATUS_SQL[show]
    with reader(store) as read:
        projects = read(
            f"""
            SELECT project.id, project.name, project.phase, client.name,
                   project.contract_signed_on, project.delivery_on,
                   project.kind, project.budget_minutes, project.chase_delay_days, project.status,
                   {", ".join(f"project.{item.column}" for item in RIGOUR)}
            FROM project JOIN client ON client.id = project.client_id
            WHERE {which}""",
        )
        # Each active project's first open bell (by due date, then id): one row each.
        open_deadlines = read(
            f"""
            SELECT deadline.project_id, deadline.title, deadline.due_on, deadline.margin_days
            FROM project JOIN deadline ON deadline.id = (
                SELECT soonest.id FROM deadline AS soonest
                WHERE soonest.project_id = project.id AND soonest.done_on IS NULL
                ORDER BY soonest.due_on, soonest.id LIMIT 1)
            WHERE {which} AND project.status = 'active'""",
        )
        high = dict(
            read(
                f"""
            SELECT project_id, count(*) FROM risk
            WHERE status = 'open' AND {_SCORE} >= {HIGH_RISK_SCORE}
            GROUP BY project_id""",
            )
        )
        critical = read(
            f"""
            SELECT project_id, {_clamped("probability")}, {_clamped("impact")}, status, mitigation
            FROM risk WHERE status = 'open' AND {_SCORE} >= {CRITICAL_RISK_SCORE}""",
        )
        bad_risks = dict(read(_BAD_RISKS))
        profiles = read(
            f"""
            SELECT project_id, {", ".join(PROFILE_FIELDS)} FROM profile
            WHERE party = 'client' AND project_id IS NOT NULL""",
        )
        awaiting = dict(read(_awaiting_sql(which)))
    first_deadline: dict[int, tuple[str, date, int]] = {
        pid: (title, as_date(due_on), margin)  # type: ignore[misc]
        for pid, title, due_on, margin in open_deadlines
    }
    known = {row[0]: sum(1 for value in row[1:] if value is not None) for row in profiles}
    risky: dict[int, list[tuple[int, int, str, str]]] = {}
    for pid, probability, impact, status, mitigation in critical:
        risky.setdefault(pid, []).append((probability, impact, status, mitigation or ""))
    # Speed (10,000 projects): most projects share their problems and what they miss, so
    # each distinct answer is worked out (and translated) once. `readiness` reads only
    # whether there is a delivery date, so that is what the key holds of it.
    problems_of: dict[tuple[Any, ...], list[str]] = {}
    budget_problem: dict[Any, str | None] = {}
    next_of: dict[tuple[Any, ...], tuple[list[str], str]] = {}  # (problems, status)
    missing_of: dict[tuple[Any, ...], list[str]] = {}
    rows = []
    for pid, name, phase, client, signed, delivery, kind, budget, delay, status, *ticks in projects:
        closed = status == "closed"
        nxt = None if closed else first_deadline.get(pid)  # a closed project rings no bell
        if budget not in budget_problem:
            budget_problem[budget] = stored.budget(budget)[1]
        key = (phase, kind, budget_problem[budget], delay, bad_risks.get(pid, 0))
        if key not in problems_of:
            problems_of[key] = _project_problems(*key)
        problems = list(problems_of[key])
        if nxt:
            if nxt[1:] not in next_of:
                next_of[nxt[1:]] = (
                    stored.collect(
                        stored.day(N_("next due date"), nxt[1]), stored.margin(nxt[2])[1]
                    ),
                    str(deadline_status(nxt[1], nxt[2], None, today)),
                )
            problems += next_of[nxt[1:]][0]
        missing: list[str] = []
        if not closed:
            due = as_date(delivery)
            risks = risky.get(pid, [])
            key = (signed is not None, known.get(pid, 0), due is None, tuple(risks), *ticks)
            if key not in missing_of:
                missing_of[key] = readiness(
                    contract_signed=signed is not None,
                    client_profile_known=known.get(pid, 0),
                    delivery_on=due,
                    risks=risks,
                    rigour={item.key: bool(t) for item, t in zip(RIGOUR, ticks, strict=True)},
                )
            missing = list(missing_of[key])
        rows.append(
            DashboardRow(
                id=pid,
                name=name,
                client=client,
                phase=str(phase),
                next_deadline=nxt[0] if nxt else None,
                next_due=nxt[1] if nxt else None,
                next_status=next_of[nxt[1:]][1] if nxt else None,
                awaiting=awaiting.get(pid, 0),
                high_risks=high.get(pid, 0),
                missing=missing,
                problems=problems,
                closed=closed,
            )
        )
    return sorted(rows, key=DashboardRow.attention_key)
