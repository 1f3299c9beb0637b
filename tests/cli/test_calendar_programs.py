"""The calendar in the real programs (Debian's `khal`, `calcurse` and `vdirsyncer`):

- khal following the kept `calendar_file` through vdirsyncer's file storage drops a bell
  marked done at the next sync;
- khal importing `relay export ics` again after a bell is marked done no longer lists it
  as due (it comes back cancelled);
- calcurse imports the file.

Skipped when a program is missing, except in CI (`CI` set), where it must run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_relay


def program(name: str) -> str:
    # The tests' own environment's programs first (pip's vdirsyncer), then the system's.
    found = shutil.which(
        name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    )
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


def _khal_config(tmp_path: Path, folder: Path) -> Path:
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[relay]]\npath = {folder}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n",
        encoding="utf-8",
    )
    return config


def _listed(khal: str, config: Path, home: Path) -> list[str]:
    listed = run(
        khal, "-c", str(config), "list", "--format", "{cancelled}{title}", "today", "30d",
        home=home,
    ).stdout  # fmt: skip
    return [line.strip() for line in listed.splitlines() if "(Site)" in line]


def test_khal_following_the_kept_file_drops_a_bell_marked_done(
    calendar_of_bells: tuple[Path, Path], tmp_path: Path
) -> None:
    khal, vdirsyncer = program("khal"), program("vdirsyncer")
    db, path = calendar_of_bells
    home = tmp_path / "home"
    folder = home / "cal"
    folder.mkdir(parents=True)
    config = _khal_config(tmp_path, folder)
    sync_config = tmp_path / "vdirsyncer.conf"
    sync_config.write_text(
        f'[general]\nstatus_path = "{tmp_path / "status"}"\n\n'
        '[pair relay_bells]\na = "relay_file"\nb = "relay_khal"\ncollections = null\n'
        'conflict_resolution = "a wins"\n\n'
        f'[storage relay_file]\ntype = "singlefile"\npath = "{path}"\n\n'
        f'[storage relay_khal]\ntype = "filesystem"\npath = "{folder}"\nfileext = ".ics"\n',
        encoding="utf-8",
    )

    run(vdirsyncer, "-c", str(sync_config), "discover", "relay_bells", home=home)

    def synced() -> list[str]:
        run(vdirsyncer, "-c", str(sync_config), "sync", home=home)
        return _listed(khal, config, home)

    assert synced() == ["Mock-ups validated (Site)", "Go live (Site)"]
    done = run_relay("deadline", "done", "1", db=db)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert synced() == ["Go live (Site)"]  # gone from khal's agenda
    undone = run_relay("undo", db=db)
    assert undone.returncode == 0, undone.stderr
    assert synced() == ["Mock-ups validated (Site)", "Go live (Site)"]


def test_khal_importing_the_export_again_cancels_a_bell_marked_done(
    calendar_of_bells: tuple[Path, Path], tmp_path: Path
) -> None:
    khal = program("khal")
    db, _ = calendar_of_bells
    home = tmp_path / "home"
    folder = home / "cal"
    folder.mkdir(parents=True)
    config = _khal_config(tmp_path, folder)
    exported = tmp_path / "export.ics"

    def agenda() -> list[str]:
        made = run_relay("export", "ics", "-o", str(exported), "--force", db=db)
        assert made.returncode == 0, made.stderr
        run(khal, "-c", str(config), "import", "--batch", "-a", "relay", str(exported), home=home)
        return _listed(khal, config, home)

    assert agenda() == ["Mock-ups validated (Site)", "Go live (Site)"]

    done = run_relay("deadline", "done", "1", db=db)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    # Imported again, the same event (its UID) comes back cancelled, a newer SEQUENCE:
    # khal no longer lists it as due (it shows it struck out as "CANCELLED").
    listed = agenda()
    assert "Mock-ups validated (Site)" not in listed
    assert listed == ["CANCELLED Mock-ups validated (Site)", "Go live (Site)"]
    assert len(list(folder.iterdir())) == 2  # replaced, not added


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
