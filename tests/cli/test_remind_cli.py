"""`relay remind` as a user, a status bar, a script and a timer run it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from relay_tui.db import Store
from relay_tui.demo import seed_demo
from relay_tui.notify import sequence
from tests.cli.conftest import Relay
from tests.conftest import FIXED_NOW, query_rows

MONDAY = "2026-11-30"  # a week after the demo was seeded: every kind but one is due
HEAVY = ("textual", "sqlmodel", "sqlalchemy", "pydantic", "alembic", "argparse")


@pytest.fixture
def demo(store: Store) -> Store:
    seed_demo(store, now=FIXED_NOW)
    return store


def _fake(folder: Path, name: str, log: Path, status: int = 0) -> None:
    """A program on PATH that writes its arguments to `log` (one call a line)."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(
        f"#!/bin/sh\nprintf '%s|' \"$@\" | tr '\\n' '~' >> {log}\necho >> {log}\nexit {status}\n",
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)


def _calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [line.rstrip("|").split("|") for line in log.read_text().splitlines() if line]


# --- the formats and the exit status --------------------------------------------------------


def test_nothing_due_says_so_and_exits_0(db_path: Path, relay: Relay) -> None:
    done = relay("remind", "--today", MONDAY, db=db_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Nothing needs your attention today (30 Nov).\n"
    line = relay("remind", "--format", "line", "--today", MONDAY, db=db_path)
    assert (line.returncode, line.stdout) == (0, "\n")  # an empty status bar


def test_something_due_lists_it_newest_first_and_exits_1(
    demo: Store, db_path: Path, relay: Relay
) -> None:
    done = relay("remind", "--today", MONDAY, db=db_path)
    assert (done.returncode, done.stderr) == (1, "")
    lines = done.stdout.splitlines()
    assert lines[0].endswith("need your attention today (30 Nov):")
    assert any("Bakery website: the status report is due" in line for line in lines)
    assert len(lines) == 1 + int(lines[0].split()[0])


def test_the_line_fits_a_status_bar(demo: Store, db_path: Path, relay: Relay) -> None:
    done = relay("--db", str(db_path), "remind", "--format=line", "--today", MONDAY)
    assert done.returncode == 1
    assert done.stdout == "1 late · 1 soon · 2 awaited · 2 to chase · 1 budget · 1 report\n"


def test_the_json_has_its_envelope_and_the_same_items(
    demo: Store, db_path: Path, relay: Relay
) -> None:
    done = relay("remind", "--format", "json", "--today", MONDAY, db=db_path)
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert (data["format"], data["version"], data["today"]) == ("relay-remind", 1, MONDAY)
    plain = relay("remind", "--today", MONDAY, db=db_path).stdout.splitlines()
    assert len(data["items"]) == len(plain) - 1
    assert {item["kind"] for item in data["items"]} <= {
        "late", "margin", "client", "chase", "budget", "report"
    }  # fmt: skip
    since = [item["since_on"] for item in data["items"]]
    assert since == sorted(since, reverse=True)


def test_french(demo: Store, db_path: Path, relay: Relay) -> None:
    done = relay("--lang", "fr", "remind", "--today", MONDAY, db=db_path)
    assert done.returncode == 1
    assert "demandent votre attention aujourd’hui" in done.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["--format", "xml"], 2, "invalid choice: 'xml'"),
        (["--today", "someday"], 2, "today"),
        (["--install", "--uninstall"], 2, "not allowed with"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    demo: Store, db_path: Path, args: list[str], status: int, said: str, relay: Relay
) -> None:
    done = relay("remind", *args, db=db_path)
    assert done.returncode == status
    assert done.stdout == ""
    assert said in done.stderr and done.stderr.startswith("relay: error: ")
    assert query_rows(db_path, "SELECT count(*) FROM reminder_sent") == [(0,)]


@pytest.mark.sqlite_only
def test_the_status_bar_path_imports_nothing_heavy(demo: Store, db_path: Path) -> None:
    code = (
        "import json, sys\nfrom relay_tui.cli import main\n"
        f"rc = main(['--db', {str(db_path)!r}, 'remind', '--format', 'line', '--today', "
        f"{MONDAY!r}])\n"
        "print(json.dumps({'rc': rc, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["rc"] == 1
    loaded = {name.split(".")[0] for name in report["modules"]}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


# --- notifications: once a day --------------------------------------------------------------


def test_notify_shows_each_item_once_a_day(
    demo: Store, db_path: Path, tmp_path: Path, relay: Relay
) -> None:
    log = tmp_path / "notified.log"
    _fake(tmp_path / "bin", "notify-send", log)
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    first = relay("remind", "--notify", "--today", MONDAY, db=db_path, env=env)
    assert (first.returncode, first.stdout, first.stderr) == (1, "", "")
    calls = _calls(log)
    assert len(calls) == 1
    assert calls[0][:2] == ["--app-name=relay", "--"]
    assert calls[0][2].startswith("relay: ") and "Bakery website" in calls[0][3]
    shown = query_rows(db_path, "SELECT count(*) FROM reminder_sent")[0][0]
    assert shown == len(calls[0][3].split("~"))
    again = relay("remind", "--notify", "--today", MONDAY, db=db_path, env=env)
    assert again.returncode == 1  # still due,
    assert len(_calls(log)) == 1  # but already shown today
    tuesday = relay("remind", "--notify", "--today", "2026-12-01", db=db_path, env=env)
    assert tuesday.returncode == 1 and len(_calls(log)) == 2  # a new day
    assert query_rows(db_path, "SELECT count(*) FROM undo_step") == [(0,)]  # nothing to undo


def test_notify_stays_quiet_on_a_closed_day(
    demo: Store, db_path: Path, tmp_path: Path, relay: Relay
) -> None:
    log = tmp_path / "notified.log"
    _fake(tmp_path / "bin", "notify-send", log)
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    sunday = relay("remind", "--notify", "--today", "2026-11-29", db=db_path, env=env)
    assert sunday.returncode == 1
    assert _calls(log) == []
    assert query_rows(db_path, "SELECT count(*) FROM reminder_sent") == [(0,)]


def test_without_any_way_to_notify_nothing_is_marked(
    demo: Store, db_path: Path, tmp_path: Path, relay: Relay
) -> None:
    log = tmp_path / "notified.log"
    _fake(tmp_path / "bin", "notify-send", log, status=1)  # no notification service
    # and no terminal that draws escape sequences
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}", "TERM": "dumb"}
    done = relay("remind", "--notify", "--today", MONDAY, db=db_path, env=env)
    assert done.returncode == 1
    assert "no way to show a notification" in done.stderr  # no terminal here either
    assert query_rows(db_path, "SELECT count(*) FROM reminder_sent") == [(0,)]


def test_the_terminal_sequence_passes_through_tmux() -> None:
    plain = sequence("relay: 2", "A\nB;\x1b[31mC")
    assert plain == "\x1b]777;notify;relay: 2;A · B;[31mC\x07\x1b]9;relay: 2: A · B;[31mC\x07"
    wrapped = sequence("t", "b", in_tmux=True)
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]777;") and wrapped.endswith("\x07\x1b\\")


# --- the schedule ---------------------------------------------------------------------------


def test_install_writes_a_timer_and_enables_it(db_path: Path, tmp_path: Path, relay: Relay) -> None:
    log = tmp_path / "systemctl.log"
    _fake(tmp_path / "bin", "systemctl", log)
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    done = relay("remind", "--install", db=db_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "Monday to Friday at 09:00, 14:00" in done.stdout
    units = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"
    timer = (units / "relay-remind.timer").read_text()
    assert "OnCalendar=Mon..Fri 09:00\nOnCalendar=Mon..Fri 14:00\n" in timer
    service = (units / "relay-remind.service").read_text()
    assert f"--db {db_path} remind --notify" in service
    assert "SuccessExitStatus=1" in service
    assert ["--user", "enable", "--now", "relay-remind.timer"] in _calls(log)
    removed = relay("remind", "--uninstall", db=db_path, env=env)
    assert removed.returncode == 0
    assert not (units / "relay-remind.timer").exists()
    assert ["--user", "disable", "--now", "relay-remind.timer"] in _calls(log)


def test_without_systemd_install_prints_the_crontab_lines(
    db_path: Path, tmp_path: Path, relay: Relay
) -> None:
    log = tmp_path / "systemctl.log"
    _fake(tmp_path / "bin", "systemctl", log, status=1)  # no user session to talk to
    settings = Path(os.environ["RELAY_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('remind_at = ["08:30"]\n', encoding="utf-8")
    env = {"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    done = relay("remind", "--install", db=db_path, env=env)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "Add these lines to your crontab (crontab -e):"
    assert lines[1].startswith("30 8 * * 1-5 ") and lines[1].endswith("remind --notify")
    assert "systemd did not answer" in done.stderr
    units = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"
    assert not units.exists() or not any(units.iterdir())  # nothing left behind
