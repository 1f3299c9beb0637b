"""Every form at 80×24 in a real terminal: `relay` running in a tmux pane, on a copy of
the demo store, driven by keys as a user would (issue 14).

For each form, the test tabs through every field and checks, on what the pane shows,
that each field's label was on screen at some point (the view follows the focus) and
that the save key was on screen all along (the foot of the form stays in view). It waits
for what it needs, polling the pane for a text; it never sleeps a fixed time.

Textual draws on stderr: the pane keeps relay's stderr (nothing is redirected).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import relay_tui
from relay_tui.db import Store
from relay_tui.demo import seed_demo

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None,
        reason="tmux is not installed (.ci/run installs it from Debian's packages)",
    ),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:relay_tui.demo"),
]

WIDTH, HEIGHT = 80, 24
#: The longest wait for one thing to show (relay starting, a form opening, a tab).
WAIT = 15.0
#: What every form shows in its foot, docked: the save key.
SAVE_HINT = "ctrl+s"


@dataclass(frozen=True)
class Form:
    """A form: the keys that open it from where the previous one left off (each with the
    text to wait for before pressing it), its title, and its fields' labels in tab order
    (a distinctive start of each)."""

    name: str
    route: tuple[tuple[str, str], ...]
    title: str
    labels: tuple[str, ...]


PROFILE_AXES = ("Relaxed (1)", "Vague (1)", "Reflective (1)", "Detail (1)", "Preferred channel")
DASHBOARD = "n New project"

#: In the order they are visited: the dashboard's, then the Bakery website's (during,
#: then before), then a client's and the Bakery website's edit form. Each form is closed
#: with escape before the next route starts.
FORMS: tuple[Form, ...] = (
    Form(
        "new project",
        ((DASHBOARD, "n"),),
        "New project",
        (
            "Name",
            "Client",
            "Kind of project",
            "Start",
            "Delivery",
            "Time budget",
            "Is the client accountable",
            "Is the delivery date tied",
            "Would a partial delivery",
        ),
    ),
    Form(
        "capture",
        ((DASHBOARD, "c"),),
        "Capture a contact",
        (
            "What was said",
            "Project",
            "Channel",
            "From the client (in)",
            "Awaiting a reply",
            "When (default now)",
        ),
    ),
    Form(
        "time log",
        ((DASHBOARD, "T"),),
        "Log time",
        ("Time spent", "Project", "Kind of work", "Day", "Note"),
    ),
    Form(
        "alarm bell",
        ((DASHBOARD, "Enter"), ("x Done", "n")),
        "New alarm bell",
        ("Deadline", "Kind", "Who must act", "Due", "Safety margin in days", "Depends on"),
    ),
    Form(
        "validation",
        (("x Done", "3"), ("v Validated", "n")),
        "Ask for a validation",
        ("Deliverable submitted to the client", "Requested on"),
    ),
    Form(
        "incident",
        (("v Validated", "5"), ("s Resolved", "n")),
        "New incident",
        (
            "What went wrong",
            "When",
            "The facts, with dates",
            "What the contract or the commitments say",
            "Next step",
            "What it means for you",
            "What it means for me",
            "What I propose",
            "The client holds me alone",
            "Status",
        ),
    ),
    Form(
        "self-assessment",
        (("s Resolved", "b"), ("s Self-assessment", "s")),
        "Why am I taking this project?",
        (
            "What reward do I look for?",
            "Am I paid for it?",
            "Do I act as a supplier or as a partner?",
            "Am I ready to make sacrifices",
            "Am I ready to face a failure?",
            "Notes",
        ),
    ),
    Form(
        "frame",
        (("s Self-assessment", "f"),),
        "The frame",
        (
            "Working method",
            "Cycle length in days",
            "Contract signed on",
            "Start",
            "Delivery",
            "Time budget",
            "Chase after",
            "Status report every (days)",
            "Rigour: does the client validate each step in writing?",
            "Rigour: is a regular progress point agreed with the client?",
            "Rigour: does one person speak for the client?",
            "Rigour: is every change agreed in writing?",
        ),
    ),
    Form(
        "client profile",
        (("s Self-assessment", "p"),),
        "The client's profile",
        (*PROFILE_AXES, "New to providers (1)", "Critical (1)", "Difficult (1)"),
    ),
    Form(
        "my profile",
        (("s Self-assessment", "o"),),
        "My profile for this project",
        PROFILE_AXES,
    ),
    Form(
        "craft card",
        (("s Self-assessment", "w"),),
        "My craft card",
        (
            "Your name or studio",
            "Training",
            "How you work",
            "Strengths",
            "Weaknesses",
            "Portfolio links",
        ),
    ),
    Form(
        "key actor",
        (("s Self-assessment", "2"), ("k Add actor", "k")),
        "New key actor",
        (
            "Name",
            "Role",
            "Influence on the project",
            "Interest in the project",
            "How to reach them",
            "Notes",
        ),
    ),
    Form(
        "commitment",
        (("k Add actor", "3"), ("n Add commitment", "n")),
        "New commitment",
        ("Who commits", "Commitment", "Status", "Due (optional)", "Note"),
    ),
    Form(
        "risk",
        (("n Add commitment", "4"), ("r Add risk", "r")),
        "New risk",
        (
            "Risk",
            "Category",
            "Probability",
            "Impact",
            "Mitigation",
            "Owner",
            "Status",
            "Next review",
        ),
    ),
    Form(
        "client",
        (("r Add risk", "Escape"), (DASHBOARD, "C"), ("n New client", "n")),
        "New client",
        (
            "Name",
            "Organisation",
            "Email",
            "Phone",
            "Preferred channel",
            "Language of the reports",
            "Notes",
        ),
    ),
    Form(
        "edit project",
        (("n New client", "Escape"), (DASHBOARD, "e")),
        "Edit project",
        ("Name", "Client", "Kind of project", "Start", "Delivery", "Time budget", "Chase after"),
    ),
)


class Pane:
    """relay in a tmux pane of its own server (its own socket, no user configuration)."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=WAIT,
        )
        return result.stdout

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", "relay", "-x", str(WIDTH), "-y", str(HEIGHT), command)
        self.tmux("set-option", "-t", "relay", "status", "off")
        self.tmux("set-option", "-t", "relay", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "relay")

    def size(self) -> str:
        return self.tmux("display-message", "-p", "-t", "relay", "#{pane_width}x#{pane_height}")

    def press(self, key: str) -> None:
        self.tmux("send-keys", "-t", "relay", key)

    def wait_for(self, text: str, *, within: str = "", what: str = "") -> str:
        """Poll the pane until `text` shows (in the form's dialog when `within` is
        "dialog"); the screen it showed then. Fails with the last screen after WAIT."""
        deadline = time.monotonic() + WAIT
        while True:
            shown = self.screen()
            where = dialog(shown) if within == "dialog" else shown
            if text in where:
                return shown
            if time.monotonic() > deadline:
                pytest.fail(f"{what or repr(text)} never showed; the pane:\n{shown}")
            time.sleep(0.02)  # the polling interval, not a wait for anything


def dialog(screen: str) -> str:
    """The lines of the form's dialog: between its top and bottom borders."""
    lines = screen.splitlines()
    top = next((i for i, line in enumerate(lines) if "▀▀▀▀▀▀" in line), None)
    bottom = next((i for i in range(len(lines) - 1, -1, -1) if "▄▄▄▄▄▄" in lines[i]), None)
    if top is None or bottom is None or bottom < top:
        return ""
    return "\n".join(lines[top : bottom + 1])


@pytest.fixture
def pane(store: Store, db_path: Path, tmp_path: Path) -> Iterator[Pane]:
    """relay on a demo store of its own, in an 80×24 tmux pane. The demo is seeded on
    today's clock, the one relay runs on: the Bakery website is the first project."""
    seed_demo(store)
    store.close()  # relay opens the store file itself
    source = Path(relay_tui.__file__).resolve().parents[1]  # the code under test
    env = {
        "PYTHONPATH": str(source),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        **{
            name: os.environ[name]
            for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "RELAY_CONFIG", "TZ", "HOME", "PATH")
            if name in os.environ
        },
    }
    command = shlex.join(
        [
            "env",
            *(f"{k}={v}" for k, v in env.items()),
            sys.executable,
            "-m",
            "relay_tui",
            "--db",
            str(db_path),
        ]
    )
    running = Pane(tmp_path / "tmux.sock")
    running.start(command)
    try:
        assert running.size().strip() == f"{WIDTH}x{HEIGHT}"
        running.wait_for("active projects", what="the dashboard")
        yield running
    finally:
        subprocess.run(
            ["tmux", "-S", str(running.socket), "kill-server"], capture_output=True, check=False
        )


def test_every_form_at_80x24_shows_each_field_and_the_save_key(pane: Pane) -> None:
    started = time.monotonic()
    problems: list[str] = []
    for form in FORMS:
        for wait_text, key in form.route:
            pane.wait_for(wait_text, what=f"{wait_text!r} before opening {form.name}")
            pane.press(key)
        pane.wait_for(form.title, within="dialog", what=f"the {form.name} form")
        seen: set[str] = set()
        for index, label in enumerate(form.labels):
            if index:
                pane.press("Tab")
            shown = pane.wait_for(label, within="dialog", what=f"{form.name}: {label!r}")
            inside = dialog(shown)
            seen.update(other for other in form.labels if other in inside)
            if SAVE_HINT not in inside:
                problems.append(f"{form.name}: no {SAVE_HINT} on screen at {label!r}")
        missing = [label for label in form.labels if label not in seen]
        if missing:
            problems.append(f"{form.name}: never shown: {missing}")
        pane.press("Escape")
    assert problems == []
    assert time.monotonic() - started < 60
