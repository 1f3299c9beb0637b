"""Write SVG screenshots of every screen of relay into docs/screenshots/.

    python scripts/screenshots.py [--out DIR]

Run it from the repository root with the project's virtual environment (relay installed,
e.g. `.venv/bin/python scripts/screenshots.py`). It builds the app on a temporary store
filled by `relay_tui.demo.seed_demo` on a fixed clock (Monday 23 November 2026, 10:00
UTC), drives it with key presses in a 120×36 headless terminal, and saves one SVG per
screen. A second, empty store gives the welcome screen. Nothing outside the temporary
directory and the output folder is read or written (the settings file is not used).

The pictures are what the docs/guide.md links to; run this again after changing a screen.
With `RELAY_LANG=fr`, the same tour in French (the French demo) goes to
docs/screenshots/fr/ (the language is chosen before the app is imported, as relay does).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
try:  # the package is normally installed (pip install -e .); else use the checkout
    import relay_tui  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))

from relay_tui import i18n  # noqa: E402

LANGUAGE = i18n.choose(None, {"RELAY_LANG": os.environ.get("RELAY_LANG", "en")})
i18n.use(LANGUAGE)

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input, TextArea  # noqa: E402

from relay_tui.app import RelayApp, create_app  # noqa: E402
from relay_tui.db import Store, location_for_path, open_store  # noqa: E402
from relay_tui.demo import seed_demo  # noqa: E402
from relay_tui.settings import Settings  # noqa: E402

#: The clock of every picture: the demo is seeded and the app runs at this instant.
FIXED = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SIZE = (120, 36)
OUT = ROOT / "docs" / "screenshots" / ("" if LANGUAGE == "en" else LANGUAGE)
#: What the tour types, in each language (the French demo's names differ).
TYPED = {
    "en": {
        "project": "Bakery online orders",
        "call": "Marie called: mock-ups fine except the menu colours",
        "search": "open rossi online",
        "lesson": "Short cycles with a demo at the end of each kept Marie involved",
    },
    "fr": {
        "project": "Commandes en ligne de la boulangerie",
        "call": "Appel de Marie : maquettes validées, sauf les couleurs du menu",
        "search": "ouvrir boutique roussel",
        "lesson": "Des cycles courts avec une démo à la fin de chacun ont gardé Marie impliquée",
    },
}[LANGUAGE]


async def settle(pilot: Pilot[Any]) -> None:
    """Let every message and worker finish (a worker may start another: twice over)."""
    app = pilot.app
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    # No blinking cursor in a picture: the same run gives the same SVG.
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


class AppCrashed(Exception):
    """The app stopped on an error while being driven."""


class Shooter:
    """Presses keys and saves pictures, remembering what it wrote."""

    def __init__(self, pilot: Pilot[Any], out: Path) -> None:
        self.pilot = pilot
        self.out = out
        self.written: list[Path] = []

    def check(self, after: str) -> None:
        """Stop the part of the tour if the app died (an exception in a key's action)."""
        error = getattr(self.pilot.app, "_exception", None)
        if error is not None:
            raise AppCrashed(f"after {after}: {type(error).__name__}: {error}") from error

    async def keys(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            await settle(self.pilot)
            self.check(f"key {key!r}")

    async def type(self, text: str) -> None:
        """Type text into the focused field, one key at a time."""
        await self.pilot.press(*("space" if ch == " " else ch for ch in text))
        await settle(self.pilot)

    async def shot(self, name: str) -> None:
        await settle(self.pilot)
        self.check(f"the last key before {name}.svg")
        file_name = f"{name}.svg"
        self.pilot.app.save_screenshot(filename=file_name, path=str(self.out))
        path = self.out / file_name
        self.written.append(path)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"wrote {shown}  ({type(self.pilot.app.screen).__name__})")


def make_app(store: Store) -> RelayApp:
    return create_app(store, Settings(), now=lambda: FIXED, save_settings=False, watch_interval=0)


async def welcome(s: Shooter) -> None:
    await s.shot("welcome")


async def dashboard(s: Shooter) -> None:
    await s.shot("dashboard")
    await s.keys("ctrl+p")
    await s.shot("palette")
    await s.keys("escape")
    await s.keys("n")
    await s.type(TYPED["project"])
    await s.shot("new-project")
    await s.keys("escape")


async def before_and_during(s: Shooter) -> None:
    # The first line of the dashboard is the project that needs attention first: the
    # bakery website, in its "during" phase, with a late validation by the client.
    await s.keys("enter", "b")
    for key, name in (
        ("1", "overview"),
        ("2", "people"),
        ("3", "commitments"),
        ("4", "risks"),
        ("5", "lessons"),
    ):
        await s.keys(key)
        await s.shot(f"before-{name}")
    await s.keys("d")
    for key, name in (
        ("1", "alarm-bells"),
        ("2", "contacts"),
        ("3", "validations"),
        ("4", "time"),
    ):
        await s.keys(key)
        await s.shot(f"during-{name}")
    await s.keys("g")  # the words on the period, then the report
    await s.shot("report-period")
    await s.keys("ctrl+s")
    await s.shot("report")
    await s.keys("escape", "1", "h")
    await s.shot("chase")
    await s.keys("escape", "question_mark")
    await s.shot("keys")
    await s.keys("question_mark")
    await s.keys("c")
    await s.type(TYPED["call"])
    await s.keys("tab", "tab", "tab", "space")  # text, project, channel, then tick "in"
    await s.shot("capture")
    await s.keys("escape")


async def incidents(s: Shooter) -> None:
    # The festival (second line): an incident told to Tom, who puts it on me alone.
    await s.keys("down", "enter", "d", "5")
    await s.shot("during-incidents")


async def time_log(s: Shooter) -> None:
    await s.keys("enter", "T")
    await s.type("1h30")
    await s.shot("time-log")


async def time_log_without_key(s: Shooter) -> None:
    """Fallback when `T` fails: push the time-log form the way the app means to."""
    import inspect

    from relay_tui.screens.time_log import time_log_form
    from relay_tui.services.projects import list_projects

    await s.keys("enter")
    app: Any = s.pilot.app
    project_id = getattr(app.screen, "project_id", None)
    args: list[Any] = [app, project_id]
    if len(inspect.signature(time_log_form).parameters) > 2:
        rows = list_projects(app.store, include_closed=False)
        args.append([(row.name, row.id) for row in rows])
    app.push_screen(time_log_form(*args))
    await settle(s.pilot)
    await s.type("1h30")
    await s.shot("time-log")


async def board(s: Shooter) -> None:
    await s.keys("t")
    await s.shot("board")


async def clients(s: Shooter) -> None:
    await s.keys("C", "down", "down")  # Marie Lambert, her details under the table
    await s.shot("clients")


async def closed_project(s: Shooter) -> None:
    # A closed project is not on the dashboard: the palette opens it.
    await s.keys("ctrl+p")
    await s.type(TYPED["search"])
    await s.keys("enter")
    await s.shot("after-closed")


async def after_and_retro(s: Shooter) -> None:
    # Last: leaving the wizard saves a draft in the (temporary) demo store.
    await s.keys("enter", "a")
    await s.shot("after")
    await s.keys("w")
    await s.shot("retro")
    await s.keys("ctrl+n")
    await s.type(TYPED["lesson"])
    await s.shot("retro-step")


#: (store, part of the tour); each part runs in a fresh app on the dashboard, so that a
#: failure in one (a key that crashes the app) does not spoil the pictures of the others.
TOUR: tuple[tuple[str, Callable[[Shooter], Awaitable[None]]], ...] = (
    ("empty", welcome),
    ("demo", dashboard),
    ("demo", before_and_during),
    ("demo", incidents),
    ("demo", time_log),  # falls back on time_log_without_key
    ("demo", board),
    ("demo", clients),
    ("demo", closed_project),
    ("demo", after_and_retro),
)

#: A way to draw a screen anyway when the key that opens it fails.
FALLBACKS: dict[Callable[[Shooter], Awaitable[None]], Callable[[Shooter], Awaitable[None]]] = {
    time_log: time_log_without_key,
}


async def run_part(
    store: Store, part: Callable[[Shooter], Awaitable[None]], out: Path
) -> tuple[list[Path], str | None]:
    """Run one part of the tour; returns what it wrote and, if it failed, why."""
    app = make_app(store)
    shooter: Shooter | None = None
    try:
        async with app.run_test(size=SIZE) as pilot:
            shooter = Shooter(pilot, out)
            await settle(pilot)
            try:
                await part(shooter)
            except AppCrashed:
                app._exception = None  # told below; let run_test close quietly
                raise
    except Exception as exc:  # the app crashed: report it, go on with the next part
        first = (str(exc).strip().splitlines() or [""])[0]
        return (shooter.written if shooter else []), f"{type(exc).__name__}: {first}"
    return shooter.written, None


async def main_async(out: Path) -> tuple[list[Path], list[str]]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="relay-screenshots-") as tmp:
        stores = {
            "demo": open_store(location_for_path(Path(tmp) / "demo.db")),
            "empty": open_store(location_for_path(Path(tmp) / "empty.db")),
        }
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                seed_demo(stores["demo"], now=FIXED)
            for store_name, part in TOUR:
                done, failure = await run_part(stores[store_name], part, out)
                written += done
                if not failure:
                    continue
                print(f"FAILED in {part.__name__}: {failure}", file=sys.stderr)
                fallback = FALLBACKS.get(part)
                if fallback is not None:
                    done, again = await run_part(stores[store_name], fallback, out)
                    written += done
                    if not again:
                        print(
                            f"WARNING: drawn instead by {fallback.__name__}; the picture "
                            "shows the screen, but the app fails on its key",
                            file=sys.stderr,
                        )
                        continue
                    failure += f"; {fallback.__name__}: {again}"
                failures.append(f"{part.__name__}: {failure}")
        finally:
            for store in stores.values():
                store.close()
    return written, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    args = parser.parse_args(argv)
    # Local dates in the pictures must not depend on the machine's time zone.
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):
        time.tzset()
    written, failures = asyncio.run(main_async(args.out.resolve()))
    print(f"{len(written)} screenshots in {args.out}")
    if failures:
        print(
            f"{len(failures)} part(s) of the tour failed; the pictures after the failure "
            "were not drawn: " + " | ".join(failures),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
