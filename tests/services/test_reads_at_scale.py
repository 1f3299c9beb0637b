"""The dashboard's, the posture cards' and the search's faster reads give what the plain
reads give, on a generated store at a few dates.

Each rewritten read is compared with a straightforward one: the contacts awaiting a reply
per project (`AWAITING`, contact by contact), what each project misses (`readiness` called
for each), the posture cards with every time entry and alarm bell (none left out), and
the search with every match sorted (both of its ways: few matches, and many walked in
batches). `tests/services/test_during_services.py` pins the search's words and accents."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from relay_tui.db import Store, location_for_path, open_store
from relay_tui.domain import stored
from relay_tui.domain.before import RIGOUR, readiness
from relay_tui.domain.compatibility import PROFILE_FIELDS
from relay_tui.domain.deadline_views import deadline_views
from relay_tui.domain.schedule import RINGING
from relay_tui.domain.situations import BellFact, ProjectFacts, situations
from relay_tui.services import contact_search, contacts, posture
from relay_tui.services.board import board
from relay_tui.services.dashboard import (
    CRITICAL_RISK_SCORE,
    _clamped,
    as_date,
    awaiting_counts,
    dashboard,
    reader,
)
from relay_tui.sqltext import AWAITING, MARGIN_START_INDEX, PROJECT_DEADLINES, alarm_bells
from tests.conftest import generate_store

pytestmark = pytest.mark.sqlite_only  # a generated SQLite store

OFFSETS = (-30, 0, 20)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "generated.db"
    generate_store(path, projects=60, contacts=4000, deadlines=600, seed=3)
    conn = sqlite3.connect(path)
    try:  # a few projects chased and never answered (few are, as generated)
        with conn:
            conn.execute(
                "DELETE FROM contact WHERE direction = 'in' AND project_id IN ("
                "SELECT DISTINCT project_id FROM contact WHERE is_chase = TRUE "
                "ORDER BY project_id LIMIT 4)"
            )
    finally:
        conn.close()
    return path


@pytest.fixture
def big(generated: Path) -> Iterator[Store]:
    store = open_store(location_for_path(generated))
    yield store
    store.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("offset", OFFSETS)
def test_the_dashboard_counts_and_misses_what_the_plain_reads_say(
    big: Store, generated: Path, offset: int
) -> None:
    today = date.today() + timedelta(days=offset)
    shown = dashboard(big, today, "all")
    assert len(shown) == 60
    awaiting = awaiting_counts(big)  # AWAITING, contact by contact
    assert sum(awaiting.values()) > 10, "a store to compare on needs replies awaited"
    assert {row.id: row.awaiting for row in shown} == {
        row.id: awaiting.get(row.id, 0) for row in shown
    }
    # What each active project misses, `readiness` asked for each one.
    known = {
        pid: sum(value is not None for value in values)
        for pid, *values in rows(
            generated,
            f"SELECT project_id, {', '.join(PROFILE_FIELDS)} FROM profile "
            "WHERE party = 'client' AND project_id IS NOT NULL",
        )
    }
    critical: dict[int, list[tuple[int, int, str, str]]] = {}
    for pid, probability, impact, status, mitigation in rows(
        generated,
        f"SELECT project_id, {_clamped('probability')}, {_clamped('impact')}, status, "
        "mitigation FROM risk WHERE status = 'open' AND "
        f"{_clamped('probability')} * {_clamped('impact')} >= {CRITICAL_RISK_SCORE}",
    ):
        critical.setdefault(pid, []).append((probability, impact, status, mitigation or ""))  # type: ignore[index, arg-type]
    columns = ", ".join(item.column for item in RIGOUR)
    projects = rows(
        generated,
        f"SELECT id, contract_signed_on, delivery_on, status, {columns} FROM project",
    )
    expected = {
        pid: []
        if status == "closed"
        else readiness(
            contract_signed=signed is not None,
            client_profile_known=known.get(pid, 0),  # type: ignore[arg-type]
            delivery_on=as_date(delivery),
            risks=critical.get(pid, []),  # type: ignore[arg-type]
            rigour={item.key: bool(t) for item, t in zip(RIGOUR, ticks, strict=True)},
        )
        for pid, signed, delivery, status, *ticks in projects
    }
    assert {row.id: row.missing for row in shown} == expected
    assert len({tuple(row.missing) for row in shown}) > 2, "a store with variety"


@pytest.mark.parametrize("offset", OFFSETS)
def test_the_cards_are_those_of_every_time_entry_and_bell(
    big: Store, generated: Path, offset: int
) -> None:
    today = date.today() + timedelta(days=offset)
    with reader(big) as read:
        facts = posture._facts(big, read, today, None)
    low, high = stored.limits("time_entry", "minutes")
    times: dict[int, list[tuple[date, str, int]]] = {}
    for pid, day, category, minutes in rows(
        generated,
        "SELECT project_id, spent_on, category, minutes FROM time_entry "
        f"WHERE minutes BETWEEN {low} AND {high}",
    ):
        times.setdefault(pid, []).append((as_date(day), str(category), minutes))  # type: ignore[arg-type, index]
    bells: dict[int, list[BellFact]] = {}
    for pid, title, due, owner, kind, margin, done in rows(
        generated,
        "SELECT project_id, title, due_on, owner, kind, margin_days, done_on FROM deadline",
    ):
        bells.setdefault(pid, []).append(  # type: ignore[arg-type]
            BellFact(
                title=str(title),
                due_on=as_date(due) or today,
                owner=str(
                    owner or ("client" if kind in ("documents", "validation") else "provider")
                ),
                kind=str(kind),
                margin_days=stored.margin(margin)[0],
                done=done is not None,
            )
        )
    chases: dict[int, list[date]] = {}
    for pid, at in rows(  # the chases still unanswered, by `AWAITING` contact by contact
        generated, f"SELECT project_id, at FROM contact WHERE {AWAITING} AND is_chase = TRUE"
    ):
        chases.setdefault(pid, []).append(posture._day(at))  # type: ignore[arg-type, index]
    assert sum(map(len, chases.values())) > 5, "a store with chases unanswered"
    compared = 0
    for pid, (_, read_facts) in facts.items():
        assert sorted(read_facts.chases) == sorted(chases.get(pid, []))
        # The rule does not read when a bell was recorded: the test reads none.
        kept = replace(read_facts, bells=[replace(b, recorded_on=None) for b in read_facts.bells])
        every = replace(kept, time=times.get(pid, []), bells=bells.get(pid, []))
        assert situations(kept) == situations(every), pid
        compared += bool(situations(every))
    assert compared > 10, "a store where cards show"
    # A project left out has no fact that calls for a card.
    for pid, delivery, budget in rows(
        generated, "SELECT id, delivery_on, budget_minutes FROM project WHERE status = 'active'"
    ):
        if pid not in facts:
            every = ProjectFacts(
                today,
                delivery_on=as_date(delivery),
                budget_minutes=stored.budget(budget)[0],
                time=times.get(pid, []),  # type: ignore[call-overload]
                bells=bells.get(pid, []),  # type: ignore[call-overload]
                chases=chases.get(pid, []),  # type: ignore[call-overload]
            )
            assert situations(every) == [], pid
    cards = posture.dashboard_posture(big, today).cards
    assert {card.key for card in cards} >= {"over_investment", "promise"}


def ids_newest_first(path: Path, match: str, project_id: int | None) -> list[int]:
    where = "" if project_id is None else f"AND contact.project_id = {project_id}"
    return [
        cid
        for (cid,) in rows(
            path,
            "SELECT contact.id FROM contact JOIN contact_fts ON contact_fts.rowid = contact.id "
            f"WHERE contact_fts MATCH '{match}' {where} ORDER BY contact.at DESC, contact.id DESC",
        )
    ]


@pytest.mark.parametrize("sparse", (contact_search.SPARSE, 50))
@pytest.mark.parametrize(
    "text", ("invoice", "photos missing", "deliv", "the", "t", "zzqxj", "Sent the")
)
def test_the_search_finds_every_match_newest_first_either_way(
    big: Store, generated: Path, monkeypatch: pytest.MonkeyPatch, sparse: int, text: str
) -> None:
    """Few matches (looked up and sorted) or many (walked in batches: small ones here, so
    that several are read)."""
    monkeypatch.setattr(contact_search, "SPARSE", sparse)
    monkeypatch.setattr(contact_search, "FIRST_BATCH", 7)
    monkeypatch.setattr(contact_search, "LARGEST", 40)
    match = contact_search.fts_query(text)
    for project_id in (None, 3):
        for limit in (1, 50, 200):
            found = contacts.search_contacts(big, text, project_id=project_id, limit=limit)
            assert [c.id for c in found] == ids_newest_first(generated, match, project_id)[:limit]


def test_the_search_shows_contacts_as_the_contact_log_does(big: Store) -> None:
    """The search's views (plain rows) are those of the log (ORM rows), awaiting included."""
    for project_id in (3, 7, 11):
        log = {c.id: c for c in contacts.contacts_page(big, project_id, limit=10_000)}
        found = contacts.search_contacts(big, "the", project_id=project_id, limit=10_000)
        assert found and all(c == log[c.id] for c in found)
        assert any(c.awaiting for c in found) or not any(c.awaiting for c in log.values())
    across = contacts.search_contacts(big, "sent", limit=300)
    assert len({c.project_id for c in across}) > 5
    for view in across[:40]:
        page = contacts.contacts_page(big, view.project_id, limit=10_000)
        assert view in page


def test_a_project_never_answered_counts_every_flagged_contact(
    generated: Path, tmp_path: Path
) -> None:
    path = tmp_path / "copy.db"
    path.write_bytes(generated.read_bytes())
    conn = sqlite3.connect(path)
    try:
        flagged = [
            pid
            for (pid,) in conn.execute(
                "SELECT DISTINCT project_id FROM contact "
                "WHERE direction = 'out' AND awaiting_reply ORDER BY project_id LIMIT 2"
            )
        ]
        with conn:
            conn.execute(
                "DELETE FROM contact WHERE direction = 'in' AND project_id IN (?, ?)", flagged
            )
    finally:
        conn.close()
    store = open_store(location_for_path(path))
    try:
        awaiting = awaiting_counts(store)
        assert all(awaiting.get(pid) for pid in flagged)
        shown = {row.id: row.awaiting for row in dashboard(store, date.today(), "all")}
        assert shown == {pid: awaiting.get(pid, 0) for pid in shown}
    finally:
        store.close()


@pytest.mark.parametrize("offset", (0, 20, 90))  # the generated bells ring from today on
def test_the_board_rings_what_every_deadline_of_every_active_project_says(
    big: Store, generated: Path, offset: int
) -> None:
    """The alarm bells read (`sqltext.alarm_bells`: the deadlines begun, on their index,
    and their chains) and built as read (`AlarmLines`) are those of every deadline of
    every active project, viewed whole."""
    today = date.today() + timedelta(days=offset)
    plain = []
    for pid, name in rows(generated, "SELECT id, name FROM project WHERE status = 'active'"):
        everything = rows(generated, PROJECT_DEADLINES.replace(":project", str(pid)))
        plain += [
            (name, view)
            for view in deadline_views(everything, today)
            if view.done_on is None and view.status in RINGING
        ]
    # The board's order, then the views' (day due, id).
    plain.sort(
        key=lambda p: (p[1].status != "late", p[1].effective_due, p[0], p[1].due_on, p[1].id)
    )
    assert len(plain) > 10, "a store to compare on needs alarm bells"
    assert any(view.slip for _name, view in plain), "and bells moved by a late client"
    shown = board(big, today)
    assert list(shown.alarms) == plain
    assert shown.alarms.project_ids == [view.project_id for _name, view in plain]


def test_the_alarm_bells_are_read_on_the_index_of_the_day_a_margin_starts(
    generated: Path,
) -> None:
    """Migration 0013's index holds the expression `sqltext.margin_begun` compares: a
    change to one without the other leaves the board reading every open deadline."""
    plan = rows(generated, "EXPLAIN QUERY PLAN " + alarm_bells("sqlite", date.today()))
    assert any(MARGIN_START_INDEX in str(step) for step in plan), plan
