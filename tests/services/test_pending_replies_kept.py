"""The messages awaiting a reply (`pending_reply`, migration 0012) are kept by the database
on every write to the contacts: captured, corrected, moved, deleted, undone, written by
another program, in any order. The oracle is the rule itself, `domain.contacts.
awaiting_ids`, over each project's contacts; on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from relay_tui.db import Store
from relay_tui.domain.chase_state import instant
from relay_tui.domain.contacts import awaiting_ids
from relay_tui.errors import InvalidInput
from relay_tui.services.contacts import capture, edit_contact
from relay_tui.services.removal import delete_record
from relay_tui.services.undo import undo_last
from tests.conftest import FIXED_NOW, ServerStore, query_rows
from tests.reliability.test_bad_stored_values import corrupt

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def expected(db: Path) -> set[int]:
    """The contacts awaiting a reply, as the rule finds them project by project."""
    by_project: dict[int, list[SimpleNamespace]] = {}
    for ident, pid, at, direction, awaiting in query_rows(
        db, "SELECT id, project_id, at, direction, awaiting_reply FROM contact"
    ):
        by_project.setdefault(pid, []).append(
            SimpleNamespace(id=ident, at=instant(at), direction=direction, awaiting_reply=awaiting)
        )
    return set().union(*(awaiting_ids(contacts) for contacts in by_project.values()))


def kept(db: Path) -> set[int]:
    columns = "project_id, at, summary, is_chase"
    rows = query_rows(db, f"SELECT contact_id, {columns} FROM pending_reply")
    by_id = {ident: (pid, instant(at), text, bool(chase)) for ident, pid, at, text, chase in rows}
    contacts = {
        ident: (pid, instant(at), text, bool(chase))
        for ident, pid, at, text, chase in query_rows(db, f"SELECT id, {columns} FROM contact")
    }
    assert all(by_id[ident] == contacts[ident] for ident in by_id)  # what it keeps of each
    return set(by_id)


def _say(store: Store, project: int, hours: int, direction: str = "out", awaiting: bool = True):
    return capture(
        store,
        {
            "project": project,
            "summary": f"{direction} at {hours}",
            "direction": direction,
            "awaiting_reply": awaiting and direction == "out",
            "at": (START + timedelta(hours=hours)).isoformat(),
        },
        now=FIXED_NOW,
    )[0]


def test_a_reply_answers_what_was_asked_before_it_and_a_removal_undoes_that(
    store: Store, db_path: Path, projects: tuple[int, int]
) -> None:
    bakery, florist = projects
    asked = _say(store, bakery, 1)
    _say(store, bakery, 2, awaiting=False)
    other = _say(store, florist, 1)
    assert kept(db_path) == {asked.id, other.id}
    reply = _say(store, bakery, 5, "in")
    assert kept(db_path) == {other.id}
    later = _say(store, bakery, 6)
    same_instant = _say(store, bakery, 5)  # asked at the reply's instant: not answered by it
    early = _say(store, bakery, 3)  # logged late, asked before the reply: answered
    assert kept(db_path) == expected(db_path) == {other.id, later.id, same_instant.id}
    assert early.id not in kept(db_path)

    delete_record(store, "contact", reply.id)  # type: ignore[arg-type]
    assert kept(db_path) == expected(db_path)
    assert {asked.id, early.id} <= kept(db_path)
    undo_last(store)
    assert kept(db_path) == expected(db_path) == {other.id, later.id, same_instant.id}


def test_corrections_move_a_message_in_and_out_of_waiting(
    store: Store, db_path: Path, projects: tuple[int, int]
) -> None:
    bakery, florist = projects
    asked = _say(store, bakery, 1)
    reply = _say(store, florist, 4, "in")
    assert kept(db_path) == {asked.id}
    edit_contact(store, asked.id, {"project": florist})  # type: ignore[arg-type]
    assert kept(db_path) == expected(db_path) == set()
    edit_contact(store, asked.id, {"at": (START + timedelta(hours=8)).isoformat()})  # type: ignore[arg-type]
    assert kept(db_path) == {asked.id}
    edit_contact(store, reply.id, {"direction": "out", "awaiting_reply": True})  # type: ignore[arg-type]
    assert kept(db_path) == expected(db_path) == {asked.id, reply.id}
    edit_contact(store, asked.id, {"awaiting_reply": False})  # type: ignore[arg-type]
    assert kept(db_path) == expected(db_path) == {reply.id}
    delete_record(store, "project", florist)
    assert kept(db_path) == set()


def test_any_sequence_of_writes_from_relay_or_another_program(
    store: Store, db_path: Path, projects: tuple[int, int]
) -> None:
    rng = random.Random(12)
    ids: list[int] = []
    for step in range(60):
        action = rng.random()
        if action < 0.55 or not ids:
            direction = rng.choice(["in", "out", "out"])
            contact = _say(store, rng.choice(projects), rng.randrange(40), direction)
            ids.append(contact.id)  # type: ignore[arg-type]
        elif action < 0.7:
            victim = ids.pop(rng.randrange(len(ids)))
            corrupt(db_path, "DELETE FROM contact WHERE id = ?", victim)
        elif action < 0.85:
            corrupt(
                db_path,
                "UPDATE contact SET direction = ?, awaiting_reply = ?, summary = ?, "
                "is_chase = ? WHERE id = ?",
                rng.choice(["in", "out"]),
                rng.random() < 0.7,
                f"changed at step {step}",
                rng.random() < 0.3,
                rng.choice(ids),
            )
        elif action < 0.93:
            try:  # relay refuses to correct an inbound message another program flagged
                edit_contact(store, rng.choice(ids), {"project": rng.choice(projects)})
            except InvalidInput:
                continue
        else:
            at = (START + timedelta(hours=rng.randrange(40))).isoformat(" ")
            corrupt(
                db_path,
                "UPDATE contact SET project_id = ?, at = ? WHERE id = ?",
                rng.choice(projects),
                at.replace("+00:00", ".000000") if not isinstance(db_path, ServerStore) else at,
                rng.choice(ids),
            )
        assert kept(db_path) == expected(db_path), f"after step {step}"
