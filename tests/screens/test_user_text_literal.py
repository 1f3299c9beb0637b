"""Promise 4 of issue 7: what users type is shown as typed.

One store holds, in every field a screen shows, Rich/Textual markup (`[bold red]boom[/]`,
a lone `[/]`, `[link=...]`, `[@click=app.quit]`), terminal escape sequences (a colour and
an OSC 8 hyperlink) and very long lines. The app is driven through every screen that
shows user text; each screenshot must show the text literally (the brackets are there,
nothing was interpreted), the app must still run with no worker error, the Footer must
still be on the last line, and no raw control character may reach the terminal.
The status report and the JSON export must keep the text verbatim.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer, Input, SelectionList, Static, TextArea

from relay_tui.app import RelayApp
from relay_tui.cli import main
from relay_tui.db import Store, location_for_path, open_store
from relay_tui.models import Lesson, Project
from relay_tui.screens.board import BoardScreen
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.project import ProjectScreen
from relay_tui.screens.report import ReportModal
from relay_tui.screens.retro import RetroWizard
from relay_tui.services import (
    actors,
    commitments,
    incidents,
    profiles,
    projects,
    retro,
    risks,
    validations,
)
from relay_tui.services.clients import add_client
from relay_tui.services.contacts import capture
from relay_tui.services.deadlines import add_deadline
from relay_tui.services.projects import add_project, set_phase
from relay_tui.services.risks import add_risk
from relay_tui.services.timelog import log_time
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW
from tests.screens.helpers import SIZE, make_app, settle
from tests.screens.helpers import running as run_app

# --- what the user typed ----------------------------------------------------------------

ANSI = "\x1b[31mred\x1b[0m"  # a colour escape sequence
OSC = "\x1b]8;;http://x\x07"  # an OSC 8 hyperlink escape sequence
BOLD = "[bold red]boom[/]"
CLOSE = "[/]"  # a lone closing tag: a markup parser raises on it
LINK = "[link=https://evil.example]click[/link]"
CLICK = "[@click=app.quit]x[/]"  # would quit the app when clicked, if interpreted
LONG = "very long" + " lorem ipsum dolor" * 200  # 3,609 characters on one line

CLIENT = f"{BOLD} {ANSI}"
PROJECT = f"{CLICK} prj"
OTHER = f"{BOLD} older"
SUMMARY = f"{LINK} said {ANSI}"
LONG_SUMMARY = LONG
RISK = f"{CLOSE} risk {BOLD}"
MITIGATION = f"{OSC}{CLICK}"
OCCURRED = f"{LINK} occurred"
COMMITMENT = f"{CLICK} commit {CLOSE}"
COMMITMENT_NOTE = f"{CLOSE} note"
ACTOR = f"{BOLD} actor {OSC}"
REACH = f"{CLICK} reach"
DEADLINE = f"{LINK} {ANSI}"
DEPENDENT = f"{BOLD} depends {CLOSE}"
DELIVERABLE = f"{BOLD} {ANSI} deliv"
REOPENED = f"{CLICK} v2"
VALIDATED_BY = f"{BOLD} by"
REASON = f"{LINK} reason {ANSI}"
INCIDENT = f"{CLICK} inc"
FACTS = f"{CLOSE} facts {OSC} {LONG}"
NEXT_STEP = f"{BOLD} next"
LESSON = f"{BOLD} lesson {CLOSE} {ANSI}"
OWN_LESSON = f"{LINK} own lesson {ANSI}"
METHOD = f"{BOLD} method"
NOTES = f"{LINK} notes"
RETRO = {
    "worked": f"{BOLD} worked",
    "not_worked": f"{CLOSE} not",
    "improve": f"{CLICK} improve",
    "lessons_draft": f"{LINK} draft",
}

#: Every field above that is stored as typed, for the export check.
STORED = {
    ("client", "name"): CLIENT,
    ("project", "name"): PROJECT,
    ("contact", "summary"): SUMMARY,
    ("risk", "title"): RISK,
    ("risk", "mitigation"): MITIGATION,
    ("commitment", "text"): COMMITMENT,
    ("stakeholder", "name"): ACTOR,
    ("deadline", "title"): DEADLINE,
    ("validation", "deliverable"): DELIVERABLE,
    ("incident", "title"): INCIDENT,
    ("incident", "facts"): FACTS,
    ("lesson", "text"): LESSON,
}

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+"[^>]*'
    r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>',
    re.S,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.*")


def seen(text: str, limit: int | None = None) -> str:
    """How user text should look on one line: as typed, control characters made visible,
    cut with an ellipsis past `limit` characters."""
    clean = "".join(ch if ch.isprintable() else "\ufffd" for ch in text.replace("\n", " "))
    if limit is not None and len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return clean


def skeleton(text: str) -> str:
    """The printable part: control characters and their visible stand-in removed.

    Escape sequences are judged by `test_no_escape_sequence_reaches_the_terminal`; the
    other tests only ask whether the printable characters (the brackets) are all there.
    """
    return re.sub(r"[\x00-\x1f\x7f\ufffd]", "", text)


# --- the store --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ids:
    project: int
    other: int
    client: int


def fill(store: Store) -> Ids:
    """Every kind of user text a screen shows, through the services, at FIXED_NOW."""
    now = FIXED_NOW
    client = add_client(store, {"name": CLIENT})
    project = add_project(
        store,
        {
            "name": PROJECT,
            "client": str(client.id),
            "start_on": "2026-11-01",
            "delivery_on": "2027-01-31",
            "budget_minutes": "10h",
        },
        now=now,
    )
    other = add_project(store, {"name": OTHER, "client": str(client.id)}, now=now)
    pid = project.id
    assert pid is not None and other.id is not None and client.id is not None
    # an earlier project's lesson (shown in "before" tab 5 and the retro wizard)
    retro.save_retro_step(store, other.id, {"step": 4, "lessons_draft": LESSON})
    retro.finish_retro(store, other.id, now=now)
    # before
    projects.save_frame(
        store,
        pid,
        {
            "working_method": METHOD,
            "start_on": "2026-11-01",
            "delivery_on": "2027-01-31",
            "budget_minutes": "10h",
        },
        now=now,
    )
    profiles.save_assessment(store, pid, {"notes": NOTES})
    actors.save_stakeholder(store, pid, {"name": ACTOR, "reach": REACH})
    commitments.save_commitment(
        store, pid, {"party": "provider", "text": COMMITMENT, "note": COMMITMENT_NOTE}, now=now
    )
    add_risk(
        store,
        {"project": pid, "title": RISK, "probability": 5, "impact": 5, "mitigation": MITIGATION},
        now=now,
    )
    occurred = add_risk(
        store, {"project": pid, "title": OCCURRED, "probability": 2, "impact": 2}, now=now
    )
    risks.set_risk_status(store, occurred.id, "occurred")  # type: ignore[arg-type]
    # during
    first = add_deadline(
        store, {"project": pid, "title": DEADLINE, "due_on": "-3d", "kind": "documents"}, now=now
    )
    add_deadline(
        store,
        {
            "project": pid,
            "title": DEPENDENT,
            "due_on": "+5d",
            "kind": "delivery",
            "after_id": first.id,
        },
        now=now,
    )
    capture(
        store,
        {
            "project": pid,
            "summary": SUMMARY,
            "direction": "out",
            "awaiting_reply": True,
            "at": "-10d",
        },
        now=now,
    )
    capture(store, {"project": pid, "summary": LONG_SUMMARY, "at": "-9d"}, now=now)
    reopened = validations.request_validation(
        store, pid, {"deliverable": REOPENED, "requested_on": "-8d"}, now=now
    )
    validations.validate_deliverable(
        store, reopened.id, {"validated_by": VALIDATED_BY, "validated_on": "-7d"}, now=now
    )  # type: ignore[arg-type]
    validations.reopen_validation(store, reopened.id, {"reason": REASON}, now=now)  # type: ignore[arg-type]
    validations.request_validation(
        store, pid, {"deliverable": DELIVERABLE, "requested_on": "-5d"}, now=now
    )
    incidents.save_incident(
        store,
        pid,
        {"title": INCIDENT, "occurred_on": "-2d", "facts": FACTS, "next_step": NEXT_STEP},
        now=now,
    )
    log_time(store, {"project": pid, "minutes": "2h", "note": BOLD}, now=now)
    # after
    retro.save_retro_step(store, pid, {"step": 0, **RETRO})
    with store.write() as session:
        session.add(Lesson(project_id=pid, text=OWN_LESSON))
    set_phase(store, pid, "during")
    return Ids(project=pid, other=other.id, client=client.id)


@pytest.fixture(scope="module")
def evil_template(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> tuple[Path, Ids]:
    """The filled store, built once for the module (the tests copy it)."""
    path = tmp_path_factory.mktemp("user-text") / "evil.db"
    shutil.copyfile(template_db, path)
    store = open_store(location_for_path(path))
    try:
        ids = fill(store)
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path, ids


@pytest.fixture
def evil(db_path: Path, evil_template: tuple[Path, Ids]) -> Iterator[tuple[Store, Ids]]:
    template, ids = evil_template
    shutil.copyfile(template, db_path)
    store = open_store(location_for_path(db_path))
    try:
        yield store, ids
    finally:
        store.close()


# --- driving the app and reading the screen -------------------------------------------


@dataclass
class Session:
    app: RelayApp
    pilot: Pilot[Any]
    errors: list[BaseException]


@asynccontextmanager
async def opened(store: Store) -> AsyncIterator[Session]:
    """The app on the dashboard, with every worker error recorded."""
    app = make_app(store)
    app.animation_level = "none"  # the same screens, reached faster
    errors: list[BaseException] = []
    report = app.report_worker_error

    def record(worker: Any) -> None:
        errors.append(worker.error)
        report(worker)

    app.report_worker_error = record  # type: ignore[method-assign]
    async with run_app(app, SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        yield Session(app, pilot, errors)


async def press(session: Session, *keys: str) -> None:
    for key in keys:
        await session.pilot.press(key)
        await settle(session.pilot)


def screen_lines(app: RelayApp) -> list[str]:
    """The terminal, line by line, as the screenshot shows it (raw characters kept)."""
    svg = app.export_screenshot()
    rows: dict[int, list[tuple[float, str]]] = {}
    for x, line, text in SVG_TEXT.findall(svg):
        rows.setdefault(int(line), []).append((float(x), html.unescape(text)))
    lines = [
        "".join(part for _, part in sorted(rows.get(index, []))).replace("\xa0", " ")
        for index in range(SIZE[1])
    ]
    return lines


def screen_problems(
    session: Session, where: str, expected: list[str], *, modal: bool = False
) -> list[str]:
    """What is wrong on screen: expected text not shown as typed, the app stopped or a
    worker failed, the footer gone from the last line (a `modal`, such as the command
    palette, may have no footer, and must draw no control character). Empty when all is
    well."""
    app = session.app
    if not app.is_running or app.return_code is not None:
        return [f"{where}: the app stopped"]
    found = [f"{where}: a worker failed: {error!r}" for error in session.errors]
    lines = screen_lines(app)
    shown = "\n".join(skeleton(line) for line in lines)
    missing = [text for text in expected if skeleton(text) not in shown]
    if missing:
        found.append(f"{where}: not shown as typed: {missing!r}\n" + "\n".join(lines))
    if modal:
        leaks = [repr(line) for line in lines if CONTROL.search(line)]
        return found + ([f"{where}: control characters on screen: {leaks}"] if leaks else [])
    footer = app.screen.query_one(Footer)
    if not footer.display or footer.region.bottom != SIZE[1]:
        found.append(f"{where}: footer moved")
    keys = [
        active.binding.description
        for active in app.active_bindings.values()
        if active.binding.show and active.binding.description
    ]
    if not any(key in lines[-1] for key in keys):
        found.append(f"{where}: no footer on the last line")
    return found


#: The header and the phase bar of a project screen: the project and its client, in full.
PROJECT_BAR = [PROJECT, seen(CLIENT)]


async def open_project(session: Session, ids: Ids) -> ProjectScreen:
    table = session.app.screen.query_one("#projects", FittedTable)
    table.move_cursor(row=table.get_row_index(str(ids.project)))
    await settle(session.pilot)
    await press(session, "enter")
    screen = session.app.screen
    assert isinstance(screen, ProjectScreen) and screen.project_id == ids.project
    return screen


# --- every screen -----------------------------------------------------------------------


async def test_dashboard_shows_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        table = session.app.screen.query_one("#projects", FittedTable)
        table.move_cursor(row=table.get_row_index(str(ids.project)))
        await settle(session.pilot)
        assert not screen_problems(
            session,
            "dashboard",
            [
                seen(PROJECT, 32),
                seen(OTHER, 32),
                seen(CLIENT, 22),
                seen(DEADLINE, 34),
                seen(DEADLINE),  # in full: the detail line of the selected project
            ],
        )


async def test_before_tabs_show_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        await press(session, "b")
        bar = PROJECT_BAR
        assert not screen_problems(session, "before 1", [*bar, METHOD, seen(NOTES)])
        await press(session, "2")
        # A column narrower than the text cuts it with an ellipsis (widgets.tables); the
        # grid's cells are as wide as half the grid.
        actors = session.app.screen.query_one("#actors", FittedTable)
        name, reach = (min(30, actors.columns[key].width) for key in ("name", "reach"))
        assert not screen_problems(
            session,
            "before 2",
            [*bar, seen(ACTOR, name), seen(REACH, reach), seen(f"{ACTOR} (3/3)")[:30]],
        )
        await press(session, "3")
        assert not screen_problems(
            session, "before 3", [*bar, seen(COMMITMENT, 70), seen(COMMITMENT_NOTE)]
        )
        await press(session, "4")
        assert not screen_problems(
            session, "before 4", [*bar, seen(RISK, 48), seen(MITIGATION, 40), seen(OCCURRED)]
        )
        await press(session, "5")
        assert not screen_problems(session, "before 5", [*bar, seen(LESSON, 60), seen(OTHER, 24)])


async def test_during_tabs_show_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        bar = [
            *PROJECT_BAR,
            seen(SUMMARY, 60),  # the banner: what the client has not answered
            seen(DEADLINE, 50),  # the banner: what the client is late on
        ]
        assert not screen_problems(
            session,
            "during 1",
            [
                *bar,
                seen(DEADLINE, 44),
                seen(DEPENDENT, 44),
                seen(DEADLINE, 30),
                seen(DEPENDENT, 50),  # the feedback freeze
            ],
        )
        await press(session, "2")
        assert not screen_problems(
            session,
            "during 2",
            # The project's name only in a search of every project (not in its own log).
            [*bar, f"⏳ {seen(SUMMARY, 70)}", seen(LONG_SUMMARY, 70)],
        )
        await press(session, "3")
        assert not screen_problems(
            session,
            "during 3",
            [
                *bar,
                seen(REOPENED, 40),
                seen(DELIVERABLE, 40),
                seen(REASON, 100),
                seen(VALIDATED_BY),
            ],
        )
        await press(session, "4")
        assert not screen_problems(session, "during 4", [*bar, seen(BOLD, 40)])  # a note
        await press(session, "5")
        assert not screen_problems(
            session,
            "during 5",
            [
                *bar,
                seen(INCIDENT, 40),
                seen(NEXT_STEP, 40),
                seen(FACTS, 300)[:60],
                seen(NEXT_STEP),
            ],
        )


async def test_after_pane_shows_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        await press(session, "a")
        assert not screen_problems(session, "after", [*PROJECT_BAR, seen(OWN_LESSON, 52)])


async def test_board_shows_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, _ids = evil
    async with opened(store) as session:
        await press(session, "t")
        assert isinstance(session.app.screen, BoardScreen)
        assert not screen_problems(
            session,
            "board",
            [seen(PROJECT, 26), seen(DEADLINE, 40), seen(SUMMARY, 50)],
        )


@pytest.mark.parametrize(
    ("phase", "key", "title"),
    [("d", "g", "Status report"), ("a", "x", "Retrospective")],
    ids=["status-report", "retro-export"],
)
async def test_report_modals_show_user_text_as_typed(
    evil: tuple[Store, Ids], phase: str, key: str, title: str
) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        await press(session, phase, key)
        if key == "g":  # first the period's words (a form titled with the project's name)
            assert not screen_problems(session, "period form", [PROJECT])
            await press(session, "f7", "backspace")  # no words: the facts fill the screen
            await press(session, "ctrl+s")
        modal = session.app.screen
        assert isinstance(modal, ReportModal)
        # The Markdown is kept verbatim (drawn without its control characters)...
        assert modal.query_one("#report-text", TextArea).text == modal.markdown
        # ...the file name offered is made of the project's letters and digits only...
        assert "click-app-quit-x-prj" in modal.default_name
        assert not set(modal.default_name) & set("[]/=@ \x1b"), modal.default_name
        body = (
            [PROJECT, CLIENT, LINK, DELIVERABLE]
            if key == "g"
            else [PROJECT, RETRO["worked"], RETRO["not_worked"]]
        )
        # ...and so is the title, which names the project.
        assert not screen_problems(session, title, body)
        if key == "g":  # the points of attention close the report: further down
            await press(session, "pagedown", "pagedown")
            assert not screen_problems(session, title, [RISK])
            await press(session, "pageup", "pageup")
        line = screen_lines(session.app)[modal.query_one("#report-title").content_region.y]
        assert skeleton(f"{title}: {PROJECT}") in skeleton(line), line


async def test_timeline_modal_shows_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        await press(session, "5", "l")
        modal = session.app.screen
        assert isinstance(modal, ReportModal)
        text = modal.query_one("#report-text", TextArea).text
        assert text == modal.markdown
        for typed in (PROJECT, CLIENT, INCIDENT, SUMMARY, DEADLINE, REASON, REOPENED):
            assert typed in text
        assert not screen_problems(
            session,
            "timeline",
            [PROJECT, CLIENT, INCIDENT, LINK],
        )


async def test_retro_wizard_shows_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        await press(session, "a", "w")
        wizard = session.app.screen
        assert isinstance(wizard, RetroWizard)
        assert not screen_problems(session, "retro facts", [OCCURRED])
        for key in ("worked", "not_worked", "improve"):
            await press(session, "ctrl+n")
            assert not screen_problems(session, f"retro {key}", [RETRO[key]])
        await press(session, "ctrl+n")
        applied = wizard.query_one("#applied", SelectionList)
        assert applied.option_count == 1
        assert not screen_problems(session, "retro lessons", [RETRO["lessons_draft"], seen(LESSON)])
        await press(session, "ctrl+n")
        assert not screen_problems(session, "retro satisfaction", [])
        await press(session, "ctrl+n")
        assert not screen_problems(session, "retro enjoy", [])


# --- nothing typed is ever an action, a crash or an escape sequence ------------------------


async def click_across(session: Session, widget: Widget, prefix: str) -> None:
    """Click every cell where the project name is drawn in `widget`, after `prefix`: on
    its brackets when shown literally, on its words when (wrongly) interpreted."""
    region = widget.content_region
    start = region.x + len(prefix)
    for x in range(start, min(start + len(PROJECT), region.right)):
        await session.pilot.click(offset=(x, region.y))
        assert session.app.is_running, f"clicking {widget!r} at column {x} quit the app"


async def test_clicking_user_text_never_runs_an_action(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        await click_across(session, session.app.screen.query_one("#project-name", Static), "")
        await press(session, "g")
        await press(session, "ctrl+s")  # the period's words, as drafted
        assert isinstance(session.app.screen, ReportModal)
        title = session.app.screen.query_one("#report-title")
        await click_across(session, title, "Status report: ")
        assert session.app.is_running and session.app.return_code is None


async def test_a_lone_closing_tag_in_a_name_does_not_crash_the_app(
    evil: tuple[Store, Ids],
) -> None:
    store, ids = evil
    name = f"{CLOSE} prj"
    with store.write() as db:
        project = db.get(Project, ids.project)
        assert project is not None
        project.name = name
        db.add(project)
    async with opened(store) as session:
        await open_project(session, ids)
        await press(session, "g")
        assert session.app.is_running and session.app.return_code is None
        assert not screen_problems(session, "report", [f"Status report: {name}"])


async def test_no_escape_sequence_reaches_the_terminal(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    leaks: dict[str, list[str]] = {}

    def look(where: str) -> None:
        found = [repr(line) for line in screen_lines(session.app) if CONTROL.search(line)]
        if found:
            leaks[where] = found

    async with opened(store) as session:
        table = session.app.screen.query_one("#projects", FittedTable)
        table.move_cursor(row=table.get_row_index(str(ids.project)))
        await settle(session.pilot)
        look("dashboard")
        await press(session, "t")
        look("board")
        await press(session, "escape")
        await open_project(session, ids)
        for tab in "12345":
            await press(session, tab)
            look(f"during {tab}")
        await press(session, "g")
        look("status report")
        await press(session, "escape", "5", "l")
        look("timeline")
        await press(session, "escape", "b")
        for tab in "12345":
            await press(session, tab)
            look(f"before {tab}")
        await press(session, "a")
        look("after")
        await press(session, "w")
        look("retro wizard")
    assert not leaks, "control characters on screen:\n" + "\n".join(
        f"{where}: {lines}" for where, lines in leaks.items()
    )


# --- forms, drop-downs, questions, the palette and notifications ----------------------------


async def test_forms_and_drop_downs_show_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, ids = evil
    async with opened(store) as session:
        await open_project(session, ids)
        # Quick capture and the time log: the project drop-down names the project.
        await press(session, "c")
        assert not screen_problems(session, "capture", [PROJECT], modal=True)
        await press(session, "escape", "T")
        assert not screen_problems(session, "time log", [PROJECT], modal=True)
        await press(session, "escape")
        # The alarm bell form: its "depends on" drop-down quotes the other bell's title.
        table = session.app.screen.query_one("#deadlines", FittedTable)
        table.move_cursor(row=1)
        await press(session, "e")
        assert not screen_problems(session, "alarm bell form", [DEPENDENT], modal=True)
        session.app.screen.query_one("#after_id").focus()
        await settle(session.pilot)
        assert not screen_problems(session, "alarm bell form", [seen(DEADLINE, 60)], modal=True)
        await press(session, "escape")
        # Its own title, being edited: kept verbatim in the field, drawn without escapes.
        table.move_cursor(row=0)
        await press(session, "e")
        assert not screen_problems(session, "alarm bell title", [seen(DEADLINE)], modal=True)
        assert session.app.screen.query_one("#title", Input).value == DEADLINE
        await press(session, "escape")
        # The incident form: the facts (an OSC escape sequence) in a text area.
        await press(session, "5", "e")
        assert not screen_problems(session, "incident form", [INCIDENT], modal=True)
        assert session.app.screen.query_one("#facts", TextArea).text == FACTS
        await press(session, "escape")
        # The validation form: its title quotes the deliverable.
        await press(session, "3")
        table = session.app.screen.query_one("#validations", FittedTable)
        table.move_cursor(row=table.get_row_index(str(_validation_id(store, DELIVERABLE))))
        await settle(session.pilot)
        await press(session, "v")
        assert not screen_problems(
            session, "validate", [f"Validate: {seen(DELIVERABLE)}"], modal=True
        )
        await press(session, "escape")
        # The question before deleting a key actor quotes the actor's name (wrapped: the
        # escape sequence at its end goes to the next line).
        await press(session, "b", "2")
        await press(session, "delete")
        assert not screen_problems(
            session, "delete actor", ["Delete key actor #", f"“{seen(BOLD)} actor"], modal=True
        )
        await press(session, "n")


def _validation_id(store: Store, deliverable: str) -> int:
    from relay_tui.models import Validation

    with store.read() as db:
        row = db.exec(select(Validation).where(Validation.deliverable == deliverable)).one()
        assert row.id is not None
        return row.id


async def test_the_command_palette_lists_projects_as_typed(evil: tuple[Store, Ids]) -> None:
    store, _ids = evil
    async with opened(store) as session:
        await press(session, "ctrl+p")
        await session.pilot.press(*"open")  # the projects, after the keys of the screen
        await settle(session.pilot)
        assert not screen_problems(
            session, "palette", [f"Open {PROJECT}", f"{seen(CLIENT)} · project"], modal=True
        )
        await session.pilot.press(*" prj")
        await settle(session.pilot)
        assert not screen_problems(session, "palette search", [f"Open {PROJECT}"], modal=True)
        await press(session, "enter")
        assert isinstance(session.app.screen, ProjectScreen)


async def test_notifications_show_user_text_as_typed(evil: tuple[Store, Ids]) -> None:
    store, _ids = evil
    async with opened(store) as session:
        await press(session, "t")
        board = session.app.screen
        assert isinstance(board, BoardScreen)
        board.query_one("#chase", FittedTable).focus()
        await press(session, "h")
        await press(session, "l")  # the chase message's window: log it
        notes = [(n.title, n.message) for n in session.app._notifications]
        assert ("", f"Chase logged on {seen(PROJECT)}.") in notes
        session.app.notify(f"about {CLIENT}\n{ACTOR}", title=DEADLINE)
        await settle(session.pilot)
        [note] = [n for n in session.app._notifications if n.message.startswith("about")]
        assert note.title == seen(DEADLINE)
        assert note.message == f"about {seen(CLIENT)}\n{seen(ACTOR)}"
        assert note.markup is False


# --- the report and the export keep the text verbatim -------------------------------------


def test_report_markdown_and_json_export_keep_user_text_verbatim(
    evil: tuple[Store, Ids],
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store, ids = evil
    store.close()
    db = ["--db", str(db_path)]
    assert main([*db, "report", "-p", str(ids.project), "--today", "2026-11-23"]) == 0
    report = capsys.readouterr().out
    for typed in (PROJECT, CLIENT, DEADLINE, SUMMARY, DELIVERABLE, RISK, MITIGATION):
        assert typed in report, typed
    assert "Traceback" not in report

    output = tmp_path / "export.json"
    assert main([*db, "export", "json", "-o", str(output)]) == 0
    capsys.readouterr()
    tables = json.loads(output.read_text(encoding="utf-8"))["tables"]
    for (table, column), typed in STORED.items():
        values = [row[column] for row in tables[table]]
        assert typed in values, (table, column)
    assert LONG_SUMMARY in [row["summary"] for row in tables["contact"]]
    assert RETRO["worked"] in [row["worked"] for row in tables["retrospective"]]

    retro_md = tmp_path / "retro.md"
    assert main([*db, "retro", "-p", str(ids.other), "--export", str(retro_md)]) == 0
    assert f"- {LESSON}" in retro_md.read_text(encoding="utf-8")
