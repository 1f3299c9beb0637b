"""The command palette follows the screen in view: the keys of the focused tab, its phase and
the screen, read from their BINDINGS (a key added to a tab is in the palette at once);
every tab by name; the exports by the words a user types (craft, retro, report, deadline,
calendar), each applied to the project in view. And `?` lists the screen's own keys before
the keys every table has."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from textual.actions import parse
from textual.binding import Binding
from textual.command import CommandList
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import HelpPanel, TabbedContent

import relay_tui.screens
from relay_tui.db import Store
from relay_tui.palette.app_actions import NO_PROJECT
from relay_tui.screens.after import AfterPane
from relay_tui.screens.dashboard import DashboardScreen
from relay_tui.screens.form import FormModal
from relay_tui.screens.phase_pane import PhasePane, PhaseWork
from relay_tui.screens.project import PANES, ProjectScreen
from relay_tui.screens.report import ReportModal
from relay_tui.screens.retro import RetroWizard
from relay_tui.services.retro import retro_markdown
from relay_tui.services.status_report import report
from relay_tui.widgets.own_keys import OwnKeysFirst
from relay_tui.widgets.tables import FittedTable
from tests.conftest import FIXED_NOW
from tests.screens.helpers import (
    make_app,
    query_db,
    run_from_palette,
    running,
    search_palette,
    settle,
    shown,
    table_rows,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo")


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's documents folder, where the palette's exports write."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: folder)
    return folder


def project_id(db: Path, name: str) -> int:
    [(pid,)] = query_db(db, "SELECT id FROM project WHERE name = ?", name)
    return int(pid)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def listed(pilot: Pilot[Any]) -> list[tuple[str, str]]:
    """(title, help) of each entry of the open palette."""
    commands = pilot.app.screen.query_one(CommandList)
    entries = []
    for index in range(commands.option_count):
        title, _, help_text = str(commands.get_option_at_index(index).prompt).partition("\n")
        entries.append((title, help_text))
    return entries


async def open_palette(pilot: Pilot[Any]) -> list[tuple[str, str]]:
    """ctrl+p, nothing typed: every entry, in the palette's order."""
    await press(pilot, "ctrl+p")
    return listed(pilot)


async def open_bakery(pilot: Pilot[Any], phase_key: str) -> ProjectScreen:
    """From the demo dashboard (the Bakery website is its first line): enter, then the
    key of a phase (b, d, a)."""
    await settle(pilot)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, ProjectScreen)
    await press(pilot, phase_key)
    return screen


def written(folder: Path, pattern: str) -> Path:
    """The one file of `folder`, whose name must match `pattern`."""
    [path] = folder.iterdir()
    assert re.fullmatch(pattern, path.name), path.name
    return path


# --- the actions of the screen in view --------------------------------------------------


async def test_on_the_dashboard_its_own_keys_come_first_and_run_on_the_highlighted_line(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        entries = await open_palette(pilot)
        titles = [title for title, _ in entries]
        assert titles[:3] == ["Dashboard: Open", "Dashboard: Active/closed", "Dashboard: Refresh"]
        assert dict(entries)["Dashboard: Open"] == "Open the selected project (⏎)"
        # Where it is already, the dashboard is not offered; the board and the project
        # highlighted (the Bakery website, first line) are.
        assert "Go to: Dashboard" not in titles
        assert "Go to: Timekeeping board" in titles
        assert dict(entries)["Go to: Status report"].startswith("Bakery website: ")
        # Relay's entries, then every project, then Textual's own (Theme, Keys…).
        assert titles.index("Open Rossi online shop") < titles.index("Theme")
        await press(pilot, "escape")

        await run_from_palette(pilot, "open", "Dashboard: Open")
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert screen.project_id == project_id(db_path, "Bakery website")


async def test_in_the_during_phase_a_tab_s_key_runs_on_its_selected_line(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        screen = await open_bakery(pilot, "d")
        table = screen.query_one("#deadlines", FittedTable)
        table.move_cursor(row=[row[0] for row in table_rows(table)].index("Build the pages"))
        await settle(pilot)

        titles = [title for title, _ in await open_palette(pilot)]
        # The tab's keys first, then its phase's, then the screen's.
        assert titles[:5] == [
            "Alarm bells: New",
            "Alarm bells: Edit",
            "Alarm bells: Done",
            "Alarm bells: Delete",
            "Alarm bells: Chase",
        ]
        assert titles.index("During: Report") < titles.index("Project: Edit project")
        # The project is in the during phase: moving it here is not offered.
        assert not any(title.startswith("Project: Move") for title in titles)
        await press(pilot, "escape")

        # Typed in plain words: the tooltip's words find it too.
        await run_from_palette(pilot, "mark done", "Alarm bells: Done")
        assert query_db(
            db_path, "SELECT done_on FROM deadline WHERE title = 'Build the pages'"
        ) == [(FIXED_NOW.date().isoformat(),)]

        # g's entry stands for the status report: the app's own is not listed twice.
        titles = await run_from_palette(pilot, "report", "During: Report")
        assert "Go to: Status report" not in titles
        assert "Export the status report (Markdown)" in titles
        await press(pilot, "ctrl+s")  # the period's words, as drafted
        modal = app.screen
        assert isinstance(modal, ReportModal)
        assert modal.report_title == "Status report: Bakery website"


def declared_keys(node: object) -> list[Binding]:
    """The bindings that relay's classes of `node` declare and that work there now
    (written out here rather than taken from the palette's own code)."""
    found = []
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("relay_tui."):
            continue
        for binding in Binding.make_bindings(vars(cls).get("BINDINGS", ())):
            namespace, name, parameters = parse(binding.action)
            if not namespace and node.check_action(name, parameters):  # type: ignore[attr-defined]
                found.append(binding)
    return found


async def test_the_palette_lists_every_key_of_every_tab_and_of_the_after_phase(
    demo: Store,
) -> None:
    """A key added to a tab (`BINDINGS`) is in the palette with nothing else to write: for
    every tab of every phase, each key of the tab is listed as "<tab>: <what it does>",
    with its tooltip and key."""
    app = make_app(demo)
    seen: dict[str, int] = {}
    async with running(app) as pilot:
        screen = await open_bakery(pilot, "b")
        for phase, pane_class in PANES.items():
            await press(pilot, phase[0])
            pane = screen.query_one(f"#{phase}", PhasePane)
            for number, pane_id in enumerate(pane_class.TABS or {phase: None}, start=1):
                if pane_class.TABS:
                    await press(pilot, str(number))
                    holder: PhaseWork | None = pane.tab_in_view()
                    assert pane.query_one(TabbedContent).active == pane_id
                else:
                    assert isinstance(pane, AfterPane)
                    holder = pane
                assert holder is not None and holder.loaded
                keys = declared_keys(holder)
                assert keys, pane_id
                entries = dict(await open_palette(pilot))
                group = holder.BINDING_GROUP_TITLE  # type: ignore[attr-defined]
                for binding in keys:
                    title = f"{group}: {binding.description}"
                    assert title in entries, (pane_id, title)
                    key = app.get_key_display(binding)
                    said = f"{binding.tooltip} ({key})" if binding.tooltip else f"Key {key}"
                    assert entries[title] == said, title
                seen[group] = len(keys)
                await press(pilot, "escape")
    assert list(seen) == [
        "Overview",
        "People",
        "Commitments",
        "Risks",
        "Lessons",
        "Alarm bells",
        "Contact log",
        "Validations",
        "Time",
        "Incidents",
        "After",
    ]


async def test_close_or_reopen_whichever_applies_is_listed(demo: Store, db_path: Path) -> None:
    """A key its node turns off now (`check_action`) is not offered: an active project can
    be closed, not reopened; a closed one the other way round."""
    app = make_app(demo, open_project=project_id(db_path, "Rossi online shop"))
    async with running(app) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        titles = [title for title, _ in await open_palette(pilot)]
        assert "After: Reopen project" in titles
        assert "After: Close project" not in titles
        await press(pilot, "escape")
        await run_from_palette(pilot, "reopen", "After: Reopen project")
        assert query_db(db_path, "SELECT status FROM project WHERE name = 'Rossi online shop'") == [
            ("active",)
        ]
        titles = [title for title, _ in await open_palette(pilot)]
        assert "After: Close project" in titles
        assert "After: Reopen project" not in titles


# --- every tab and screen by name --------------------------------------------------------


async def test_go_to_a_tab_of_another_phase_then_back_to_the_dashboard(demo: Store) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        screen = await open_bakery(pilot, "d")
        titles = await run_from_palette(pilot, "risks", "Go to tab: Risks")
        assert titles[0] == "Go to tab: Risks"
        assert screen.phase == "before"
        before = screen.query_one("#before", PhasePane)
        assert before.query_one(TabbedContent).active == "risks-tab"
        assert app.focused is not None and app.focused.id == "risks"  # its keys work at once

        # "Contacts" (the name of its number key) finds the contact log too.
        await run_from_palette(pilot, "contacts", "Go to tab: Contact log")
        assert screen.phase == "during"
        during = screen.query_one("#during", PhasePane)
        assert during.query_one(TabbedContent).active == "contacts-tab"
        assert app.focused is not None and app.focused.id == "contacts"

        await run_from_palette(pilot, "incid", "Go to tab: Incidents")
        assert during.query_one(TabbedContent).active == "incidents-tab"

        await run_from_palette(pilot, "board", "Go to: Timekeeping board")
        await run_from_palette(pilot, "dashboard", "Go to: Dashboard")
        assert isinstance(app.screen, DashboardScreen)


async def test_go_to_the_status_report_and_the_retrospective_from_a_before_tab(
    demo: Store, db_path: Path
) -> None:
    app = make_app(demo)
    bakery = project_id(db_path, "Bakery website")
    async with running(app) as pilot:
        await open_bakery(pilot, "b")
        await run_from_palette(pilot, "report", "Go to: Status report")
        await press(pilot, "ctrl+s")  # the period's words, as drafted
        modal = app.screen
        assert isinstance(modal, ReportModal)
        assert modal.markdown == report(demo, bakery, FIXED_NOW.date())[1]
        await press(pilot, "escape")

        await run_from_palette(pilot, "retro", "Go to: Retrospective wizard")
        wizard = app.screen
        assert isinstance(wizard, RetroWizard) and wizard.project_id == bakery
        # In the wizard, it is not offered again.
        titles = await search_palette(pilot, "retro")
        assert "Go to: Retrospective wizard" not in titles
        assert "Export the retrospective (Markdown)" in titles


# --- the exports, by the words a user types ------------------------------------------------


async def test_exports_from_a_before_tab_apply_to_the_project_in_view(
    demo: Store, db_path: Path, documents: Path
) -> None:
    app = make_app(demo)
    bakery = project_id(db_path, "Bakery website")
    async with running(app) as pilot:
        await open_bakery(pilot, "b")
        await run_from_palette(pilot, "retro", "Export the retrospective (Markdown)")
        retro = written(documents, r"relay-retrospective-bakery-website-\d{8}-\d{6}\.md")
        assert retro.read_text(encoding="utf-8") == retro_markdown(demo, bakery)
        assert retro.read_text(encoding="utf-8").startswith("# Retrospective: Bakery website\n")
        retro.unlink()

        await run_from_palette(pilot, "report", "Export the status report (Markdown)")
        status = written(documents, r"relay-report-bakery-website-\d{8}-\d{6}\.md")
        assert status.read_text(encoding="utf-8") == report(demo, bakery, FIXED_NOW.date())[1]
        status.unlink()

        titles = await run_from_palette(
            pilot, "deadline", "Export alarm bells to a calendar (.ics)"
        )
        assert titles == ["Export alarm bells to a calendar (.ics)"]
        ics = written(documents, r"relay-alarm-bells-\d{8}-\d{6}\.ics")
        assert "DESCRIPTION:Alarm bell: Build the pages (Bakery website)" in ics.read_text(
            encoding="utf-8"
        )
        for words in ("calendar", "alarm bell", "ics"):
            assert "Export alarm bells to a calendar (.ics)" in await search_palette(pilot, words)
            await press(pilot, "escape")


async def test_the_craft_form_sends_to_the_palette_which_exports_the_card(
    demo: Store, documents: Path
) -> None:
    """The craft form says "export it as Markdown from the palette": from the overview,
    `craft` finds its key and the export; from the form itself, the export."""
    app = make_app(demo)
    async with running(app) as pilot:
        await open_bakery(pilot, "b")
        titles = await run_from_palette(pilot, "craft", "Overview: Craft card")
        assert "Export my craft card (Markdown)" in titles
        form = app.screen
        assert isinstance(form, FormModal) and form.form_title == "My craft card"
        assert "from the palette" in form.intro

        titles = await run_from_palette(pilot, "craft", "Export my craft card (Markdown)")
        assert titles[0] == "Export my craft card (Markdown)"
        assert app.screen is form  # the form stays open
        written(documents, r"relay-craft-card-\d{8}-\d{6}\.md")


async def test_without_a_project_in_view_an_export_of_one_says_so(
    store: Store, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "notify", lambda message, title="", **_: told.append((title, message)))
    async with running(app) as pilot:
        await settle(pilot)
        await search_palette(pilot, "report")
        assert dict(listed(pilot))["Export the status report (Markdown)"] == NO_PROJECT
        await press(pilot, "escape")
        await run_from_palette(pilot, "report", "Export the status report (Markdown)")
        await run_from_palette(pilot, "retro", "Go to: Retrospective wizard")
        assert isinstance(app.screen, DashboardScreen)
    assert not list(documents.iterdir())
    assert told == [
        (
            "Which project?",
            "Open a project first, or highlight one on the dashboard: the status report "
            "is about one project.",
        ),
        (
            "Which project?",
            "Open a project first, or highlight one on the dashboard: the retrospective "
            "is about one project.",
        ),
    ]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("new project", "New project"),  # guide: "or New project in the palette"
        ("undo", "Undo the last change"),  # guide: `u` "also in the palette"
        ("theme", "Theme"),  # guide: the theme chosen in the palette is remembered
        ("rossi online", "Open Rossi online shop"),  # guide: a closed project, from the palette
        ("alarm bells", "Export alarm bells to a calendar (.ics)"),  # cli.md
        ("export all", "Export all data (JSON)"),  # guide: the palette's entries
        ("keys", "Keys"),  # the dashboard: "? shows the keys of any screen"
    ],
)
async def test_what_the_guide_sends_to_the_palette_for_is_found_by_its_words(
    demo: Store, typed: str, title: str
) -> None:
    app = make_app(demo)
    async with running(app) as pilot:
        await settle(pilot)
        assert (await search_palette(pilot, typed))[0] == title


# --- ? lists the screen's own keys first ---------------------------------------------------


def panel_lines(app: Any) -> list[str]:
    """The lines of the key panel that `?` opens (relay's KeysTable, in its HelpPanel)."""
    table = app.screen.query_one(HelpPanel).query_one("KeysTable")
    return [line.strip() for line in shown(table).splitlines()]


def line_of(lines: list[str], start: str) -> int:
    found = [i for i, line in enumerate(lines) if line.startswith(start)]
    assert found, (start, lines)
    return found[0]


async def test_question_mark_lists_the_tab_s_keys_before_the_table_s(demo: Store) -> None:
    app = make_app(demo)
    async with running(app, size=(160, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        lines = panel_lines(app)
        assert line_of(lines, "n New project") < line_of(lines, "↑ Cursor up")
        await press(pilot, "question_mark")
        await press(pilot, "enter")
        await press(pilot, "d")
        await press(pilot, "question_mark")
        lines = panel_lines(app)
        order = [
            line_of(lines, start)
            for start in ("Alarm bells", "n New", "During", "g Report", "Project", "esc Back")
        ]
        assert order == sorted(order)
        assert line_of(lines, "esc Back") < line_of(lines, "tab Focus Next")
        assert line_of(lines, "Everywhere") < line_of(lines, "↑ Cursor up")
        await press(pilot, "question_mark")
        await press(pilot, "e")
        assert isinstance(app.screen, FormModal)
        await run_from_palette(pilot, "keys", "Keys")  # in a field, ? is typed
        lines = panel_lines(app)
        assert line_of(lines, "Form") < line_of(lines, "^s Save") < line_of(lines, "← Move")


def test_every_screen_of_relay_lists_its_own_keys_first() -> None:
    screens = []
    for module in pkgutil.iter_modules(relay_tui.screens.__path__):
        loaded = importlib.import_module(f"relay_tui.screens.{module.name}")
        screens += [
            cls
            for cls in vars(loaded).values()
            if isinstance(cls, type)
            and issubclass(cls, Screen)
            and cls.__module__ == loaded.__name__
        ]
    assert {cls.__name__ for cls in screens} >= {"DashboardScreen", "ProjectScreen", "FormModal"}
    assert [cls for cls in screens if not issubclass(cls, OwnKeysFirst)] == []
