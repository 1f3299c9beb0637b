"""What the command-line tests share: `relay`, a command run in this process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from relay_tui.cli import main


class Ran(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


Relay = Callable[..., Ran]


@pytest.fixture
def relay(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Relay:
    """`relay ARGS` run through `cli.main` in this process, as `run_relay` runs it in a
    new one (a test of what a fresh process imports stays a subprocess): its exit status
    and what it printed."""

    def run(*args: str, db: Path | None = None, env: dict[str, str] | None = None) -> Ran:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        code = main([*(["--db", str(db)] if db is not None else []), *args])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run
