"""Two people in two terminals on the same project at the same time: every capture and
chase is kept, and an edit over another's change is refused, not lost (on SQLite and, with
RELAY_TEST_POSTGRES set, on PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import col, func, select

from relay_tui.db import open_store, resolve_location
from relay_tui.models import Contact
from relay_tui.services.clients import add_client
from relay_tui.services.projects import add_project
from tests.conftest import FIXED_NOW, table_counts

#: Each terminal's work: captures, and a chase every fifth one, through the services.
WORK = """
import sys
from relay_tui.db import open_store, resolve_location
from relay_tui.services.contacts import capture
from relay_tui.services.chasing import log_chase
store = open_store(resolve_location(sys.argv[1]), user=sys.argv[2])
for n in range(int(sys.argv[3])):
    capture(store, {"project": 1, "summary": f"{sys.argv[2]} {n}", "awaiting_reply": True})
    if n % 5 == 4:
        log_chase(store, 1, note=f"{sys.argv[2]} chases {n}")
print("done", flush=True)
"""


def test_two_terminals_capture_and_chase_at_once_and_nothing_is_lost(db_path: Path) -> None:
    store = open_store(resolve_location(str(db_path)), user="lead")
    add_client(store, {"name": "Marie Lambert"})
    add_project(store, {"name": "Bakery website", "client": "Marie"}, now=FIXED_NOW)
    store.close()
    each = 40
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    terminals = [
        subprocess.Popen(
            [sys.executable, "-c", WORK, str(db_path), who, str(each)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for who in ("ann", "bob")
    ]
    results = [t.communicate(timeout=300) for t in terminals]
    for terminal, (out, err) in zip(terminals, results, strict=True):
        assert terminal.returncode == 0, err
        assert out.strip() == "done"
        assert "locked" not in err
    chases = each // 5
    assert table_counts(db_path)["contact"] == 2 * (each + chases)
    store = open_store(resolve_location(str(db_path)))
    try:
        with store.read() as session:
            by_author = dict(
                session.exec(
                    select(Contact.created_by, func.count()).group_by(col(Contact.created_by))
                ).all()
            )
    finally:
        store.close()
    assert by_author == {"ann": each + chases, "bob": each + chases}
