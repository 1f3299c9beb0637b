"""What opening a project reads first, without the ORM: its header (`services.project_header`),
and the ORM's import in the background, which waits while a project screen is being built
(`services.warming`)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.errors import NotFound
from relay_tui.services import warming
from relay_tui.services.project_header import ProjectHeader, project_header
from tests.conftest import FIXED_NOW, ServerStore, change_rows, query_rows

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")

HEAVY = ("textual", "sqlmodel", "sqlalchemy", "pydantic", "alembic")


@pytest.fixture
def demo_db(store: Store, db_path: Path) -> Path:
    seed_demo(store, now=FIXED_NOW)
    return db_path


def test_the_header_of_every_demo_project_is_what_the_store_holds(
    store: Store, demo_db: Path
) -> None:
    rows = query_rows(
        demo_db,
        "SELECT project.id, project.name, client.name, project.phase, project.status "
        "FROM project JOIN client ON client.id = project.client_id ORDER BY project.id",
    )
    assert len(rows) > 3
    assert {row[3] for row in rows} >= {"before", "during", "after"}
    for pid, name, client, phase, status in rows:
        assert project_header(store, pid) == ProjectHeader(pid, name, client, phase, status)


def test_a_phase_or_status_out_of_range_opens_on_the_first_phase_and_says_so(
    store: Store, demo_db: Path
) -> None:
    [(pid,)] = query_rows(demo_db, "SELECT id FROM project WHERE name = 'Bakery website'")
    change_rows(demo_db, f"UPDATE project SET phase = 'limbo', status = 'odd' WHERE id = {pid}")
    header = project_header(store, pid)
    assert (header.phase, header.status) == ("before", "odd")
    assert len(header.problems) == 2
    assert "limbo" in header.problems[0] and "odd" in header.problems[1]


def test_an_unknown_project_is_not_found(store: Store, demo_db: Path) -> None:
    with pytest.raises(NotFound):
        project_header(store, 999_999)


def test_the_services_module_gives_the_same_header(store: Store, demo_db: Path) -> None:
    """One definition: the services' `project_header` is this one."""
    from relay_tui.services import projects

    assert projects.project_header is project_header
    assert projects.ProjectHeader is ProjectHeader


def test_reading_a_header_imports_nothing_heavy(demo_db: Path) -> None:
    """A project opens right after the dashboard shows without waiting for the ORM's
    import: its header needs none of it (checked in a fresh process)."""
    if isinstance(demo_db, ServerStore):
        pytest.skip("a SQLite store: a server store's connection is SQLAlchemy's")
    code = (
        "import json, sys\n"
        "from relay_tui.db import location_for_path, open_store\n"
        "from relay_tui.services.project_header import project_header\n"
        f"store = open_store(location_for_path(__import__('pathlib').Path({str(demo_db)!r})))\n"
        "header = project_header(store, 1)\n"
        "print(json.dumps({'name': header.name, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["name"]
    loaded = {name.split(".")[0] for name in report["modules"]}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


# --- the ORM's import in the background -----------------------------------------------------


def test_prepare_waits_between_its_steps_while_a_screen_is_being_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imported: list[str] = []
    monkeypatch.setattr(warming, "STEPS", ("json", "csv"))
    monkeypatch.setattr(warming.importlib, "import_module", imported.append)
    warming.hold()
    try:
        worker = threading.Thread(target=warming.prepare)
        worker.start()
        worker.join(0.2)
        assert worker.is_alive() and imported == []  # held before its first step
    finally:
        warming.release()
    worker.join(10)
    assert not worker.is_alive()
    assert imported == ["json", "csv"]


def test_prepare_does_not_wait_forever_for_a_screen_that_never_says_it_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imported: list[str] = []
    monkeypatch.setattr(warming, "STEPS", ("json",))
    monkeypatch.setattr(warming, "LONGEST_WAIT_S", 0.05)
    monkeypatch.setattr(warming.importlib, "import_module", imported.append)
    warming.hold()
    try:
        warming.prepare()
    finally:
        warming.release()
    assert imported == ["json"]


def test_holds_are_counted_and_release_never_goes_below_none() -> None:
    warming.hold()
    warming.hold()
    warming.release()
    assert not warming._free.is_set()
    warming.release()
    warming.release()  # one too many: harmless
    assert warming._free.is_set()
    warming.hold()
    assert not warming._free.is_set()
    warming.release()
    assert warming._free.is_set()


def test_a_first_load_imports_the_orm_once_the_screen_is_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imported: list[str] = []
    monkeypatch.setattr(warming, "_ready", threading.Event())  # as right after the dashboard
    monkeypatch.setattr(warming, "STEPS", ("json", "csv"))
    monkeypatch.setattr(warming.importlib, "import_module", imported.append)
    warming.hold()
    try:
        load = threading.Thread(target=warming.ready)
        load.start()
        load.join(0.2)
        assert load.is_alive() and imported == []  # the screen is being built: it waits
    finally:
        warming.release()
    load.join(10)
    assert not load.is_alive()
    assert imported == ["json", "csv"]
    warming.ready()  # done: nothing more
    assert imported == ["json", "csv"]


def test_a_load_does_not_wait_once_the_orm_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    ready = threading.Event()
    ready.set()
    monkeypatch.setattr(warming, "_ready", ready)
    warming.hold()
    try:
        load = threading.Thread(target=warming.ready)
        load.start()
        load.join(10)
        assert not load.is_alive()
    finally:
        warming.release()


def test_the_cards_wait_while_a_screen_is_being_built_and_go_on_once_it_is() -> None:
    done = threading.Event()

    def cards() -> None:
        warming.wait_free()
        done.set()

    warming.wait_free()  # nothing being built: at once
    warming.hold()
    try:
        worker = threading.Thread(target=cards)
        worker.start()
        worker.join(0.2)
        assert worker.is_alive() and not done.is_set()
    finally:
        warming.release()
    worker.join(10)
    assert done.is_set()


def test_what_is_imported_is_frozen_once_per_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """`gc.freeze` puts the imported objects out of the collector's sight, once per stage:
    a process running many apps (the tests) must not freeze each one's garbage."""
    frozen: list[int] = []
    monkeypatch.setattr(warming, "_frozen", set())
    monkeypatch.setattr(warming.gc, "freeze", lambda: frozen.append(1))
    warming._freeze("started")
    warming._freeze("started")
    warming._freeze("imported")
    assert len(frozen) == 2


def test_prepare_freezes_before_and_after_its_imports(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    monkeypatch.setattr(warming, "_frozen", set())
    monkeypatch.setattr(warming, "STEPS", ("json",))
    monkeypatch.setattr(warming.importlib, "import_module", events.append)
    monkeypatch.setattr(warming.gc, "freeze", lambda: events.append("freeze"))
    warming.prepare()
    assert events == ["freeze", "json", "freeze"]
