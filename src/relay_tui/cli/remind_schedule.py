"""`relay remind --install` / `--uninstall`: run `relay remind --notify` on working days at
the `remind_at` times, through a systemd user timer, or the crontab lines to add where
systemd does not answer (a container, macOS, a system without a user session).

The timer runs Monday to Friday; on a public holiday or one of the user's closed days
`relay remind --notify` itself stays quiet (`cli.remind`).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from relay_tui.cli.context import settings
from relay_tui.errors import InvalidInput, os_problem, shown_path
from relay_tui.i18n import tr

UNIT = "relay-remind"
#: A systemctl call that takes longer than this is not answering.
TIMEOUT_SECONDS = 20


def schedule(args: argparse.Namespace) -> int:
    times = settings().remind_at
    command = _command(args)
    folder = _units_folder()
    systemctl = shutil.which("systemctl")
    if args.uninstall:
        return _uninstall(folder, systemctl)
    if not times:
        raise InvalidInput(
            tr("the remind_at setting lists no time: nothing to schedule"), "remind_at"
        )
    if systemctl is not None:
        problem = _install_timer(folder, systemctl, command, times)
        if problem is None:
            print(
                tr(
                    "Installed the systemd user timer {unit}.timer: `relay remind --notify` "
                    "runs Monday to Friday at {times}.",
                    unit=UNIT,
                    times=", ".join(times),
                )
            )
            print(tr("See it with: systemctl --user list-timers {unit}.timer", unit=UNIT))
            return 0
        print(tr("relay: systemd did not answer ({problem}).", problem=problem), file=sys.stderr)
    print(tr("Add these lines to your crontab (crontab -e):"))
    for line in cron_lines(command, times):
        print(line)
    return 0


def cron_lines(command: list[str], times: tuple[str, ...]) -> list[str]:
    """One crontab line per time, Monday to Friday."""
    shown = shlex.join(command)
    lines = []
    for at in times:
        hours, _, minutes = at.partition(":")
        lines.append(f"{int(minutes)} {int(hours)} * * 1-5 {shown}")
    return lines


def timer_unit(times: tuple[str, ...]) -> str:
    calendars = "\n".join(f"OnCalendar=Mon..Fri {at}" for at in times)
    return (
        "[Unit]\n"
        f"Description={_description()}\n\n"
        f"[Timer]\n{calendars}\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )


def service_unit(command: list[str]) -> str:
    environment = "".join(
        f"Environment={shlex.quote(f'{name}={os.environ[name]}')}\n"
        for name in ("RELAY_CONFIG", "RELAY_LANG")
        if os.environ.get(name)
    )
    return (
        "[Unit]\n"
        f"Description={_description()}\n\n"
        "[Service]\nType=oneshot\n"
        f"{environment}"
        f"ExecStart={shlex.join(command)}\n"
        # Exit status 1 means "something is due": not a failure of the unit.
        "SuccessExitStatus=1\n"
    )


def _description() -> str:
    return tr("relay: what needs attention today")


def _command(args: argparse.Namespace) -> list[str]:
    """How the timer runs relay: this Python and this store, written out in full."""
    from relay_tui.cli.context import location

    command = [sys.executable, "-m", "relay_tui"]
    where = location(args)
    if getattr(args, "db", None) or os.environ.get("RELAY_DB"):
        command += ["--db", str(where.path) if where.path is not None else where.url]
    return [*command, "remind", "--notify"]


def _units_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def _systemctl(systemctl: str, *words: str) -> str | None:
    """Run `systemctl --user WORDS`; None when it worked, else what went wrong."""
    try:
        done = subprocess.run(
            [systemctl, "--user", *words],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if done.returncode == 0:
        return None
    said = (done.stderr or done.stdout).strip().splitlines()
    return said[0] if said else f"status {done.returncode}"


def _install_timer(
    folder: Path, systemctl: str, command: list[str], times: tuple[str, ...]
) -> str | None:
    """Write the units and enable the timer; None when done, else why not (nothing is
    left behind then)."""
    problem = _systemctl(systemctl, "show-environment")
    if problem is not None:
        return problem
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{UNIT}.service").write_text(service_unit(command), encoding="utf-8")
        (folder / f"{UNIT}.timer").write_text(timer_unit(times), encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(
            tr("cannot write {path}: {problem}", path=shown_path(folder), problem=os_problem(exc)),
            "remind",
        ) from None
    problem = _systemctl(systemctl, "daemon-reload") or _systemctl(
        systemctl, "enable", "--now", f"{UNIT}.timer"
    )
    if problem is not None:
        for suffix in ("timer", "service"):
            (folder / f"{UNIT}.{suffix}").unlink(missing_ok=True)
    return problem


def _uninstall(folder: Path, systemctl: str | None) -> int:
    files = [folder / f"{UNIT}.{suffix}" for suffix in ("timer", "service")]
    if not any(path.exists() for path in files):
        print(
            tr(
                "No relay timer is installed. If you added crontab lines, remove those that "
                "run `relay remind --notify` (crontab -e)."
            )
        )
        return 0
    problem = None
    if systemctl is not None:
        problem = _systemctl(systemctl, "disable", "--now", f"{UNIT}.timer")
    for path in files:
        path.unlink(missing_ok=True)
    if systemctl is not None:
        _systemctl(systemctl, "daemon-reload")
    if problem is not None:
        print(tr("relay: warning: systemd said: {problem}", problem=problem), file=sys.stderr)
    print(tr("Removed the systemd user timer {unit}.timer.", unit=UNIT))
    return 0
