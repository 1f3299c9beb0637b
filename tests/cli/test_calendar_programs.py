"""The calendar file in the real programs (Debian's `khal` and `calcurse`): each imports
it, and khal, importing it again after a bell is marked done, no longer lists the bell
as due. Skipped when a program is missing, except in CI (`CI` set), where it must run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_relay


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed: .ci/run installs it from Debian's packages")
        pytest.skip(f"{name} is not installed (Debian package {name}); CI installs it")
    return found


def run(*command: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
        "TZ": "UTC",
    }
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60
    )
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result


@pytest.fixture
def calendar_of_bells(tmp_path: Path) -> tuple[Path, Path]:
    """A store with two open bells, and its `calendar_file` kept current."""
    db = tmp_path / "relay.db"
    path = tmp_path / "bells.ics"
    settings = Path(os.environ["RELAY_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f'calendar_file = "{path}"\n', encoding="utf-8")
    for command in (
        ("client", "add", "Acme"),
        ("project", "add", "Site", "--client", "Acme"),
        ("deadline", "add", "Mock-ups validated", "-p", "Site", "--due", "+5d"),
        ("deadline", "add", "Go live", "-p", "Site", "--due", "+9d"),
    ):
        result = run_relay(*command, db=db)
        assert result.returncode == 0 and result.stderr == "", result.stderr
    return db, path


def test_khal_imports_the_file_and_drops_a_bell_marked_done(
    calendar_of_bells: tuple[Path, Path], tmp_path: Path
) -> None:
    khal = program("khal")
    db, path = calendar_of_bells
    home = tmp_path / "home"
    (home / "cal").mkdir(parents=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[relay]]\npath = {home / 'cal'}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n",
        encoding="utf-8",
    )

    def agenda() -> list[str]:
        run(khal, "-c", str(config), "import", "--batch", "-a", "relay", str(path), home=home)
        listed = run(
            khal,
            "-c",
            str(config),
            "list",
            "--format",
            "{cancelled}{title}",
            "today",
            "30d",
            home=home,
        ).stdout
        return [line.strip() for line in listed.splitlines() if "(Site)" in line]

    assert agenda() == ["Mock-ups validated (Site)", "Go live (Site)"]

    done = run_relay("deadline", "done", "1", db=db)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    # Imported again, the same event (its UID) comes back cancelled, a newer SEQUENCE:
    # khal no longer lists it as due (it shows it struck out as "CANCELLED").
    listed = agenda()
    assert "Mock-ups validated (Site)" not in listed
    assert listed == ["CANCELLED Mock-ups validated (Site)", "Go live (Site)"]
    assert len(list((home / "cal").iterdir())) == 2  # replaced, not added


def test_calcurse_imports_the_file(calendar_of_bells: tuple[Path, Path], tmp_path: Path) -> None:
    calcurse = program("calcurse")
    _db, path = calendar_of_bells
    home = tmp_path / "home"
    data, conf = home / "calcurse", home / "calcurse-conf"
    data.mkdir(parents=True)
    conf.mkdir()
    imported = run(calcurse, "-D", str(data), "-C", str(conf), "-i", str(path), home=home)
    assert "2 events" in imported.stdout, imported.stdout
    assert "0 skipped" in imported.stdout
    shown = run(calcurse, "-D", str(data), "-C", str(conf), "-Q", "--days", "30", home=home)
    assert "Mock-ups validated (Site)" in shown.stdout
    assert "Go live (Site)" in shown.stdout
