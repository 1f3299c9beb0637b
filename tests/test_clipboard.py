"""Copying to the system clipboard with the programs a desktop has, in order, and saying
which took it (`relay_tui.clipboard`): real programs on a PATH of the test's own."""

from __future__ import annotations

import stat
from pathlib import Path

from relay_tui.clipboard import copy_with_program

TEXT = "# Bakery website: where we stand\n\nÉté, « guillemets » ✓\n"


def program(folder: Path, name: str, exit_status: int = 0) -> Path:
    """A clipboard program that keeps what it reads, and its arguments, in files."""
    path = folder / name
    path.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{folder}/{name}.args"\n'
        f'/bin/cat > "{folder}/{name}.got"\n'
        f"exit {exit_status}\n",
        encoding="utf-8",
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_wayland_first_when_its_display_is_there(tmp_path: Path) -> None:
    program(tmp_path, "wl-copy")
    program(tmp_path, "xclip")
    env = {"PATH": str(tmp_path), "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert copy_with_program(TEXT, env) == "wl-copy"
    assert (tmp_path / "wl-copy.got").read_text(encoding="utf-8") == TEXT
    assert not (tmp_path / "xclip.got").exists()


def test_x11_programs_need_a_display_and_take_the_clipboard_selection(tmp_path: Path) -> None:
    program(tmp_path, "wl-copy")
    program(tmp_path, "xclip")
    env = {"PATH": str(tmp_path), "DISPLAY": ":0"}  # no Wayland: wl-copy is not tried
    assert copy_with_program(TEXT, env) == "xclip"
    assert (tmp_path / "xclip.args").read_text().split() == ["-selection", "clipboard"]
    assert not (tmp_path / "wl-copy.got").exists()
    assert copy_with_program(TEXT, {"PATH": str(tmp_path)}) is None  # no display at all


def test_a_program_that_fails_hands_over_to_the_next(tmp_path: Path) -> None:
    program(tmp_path, "xclip", exit_status=1)
    program(tmp_path, "xsel")
    env = {"PATH": str(tmp_path), "DISPLAY": ":0"}
    assert copy_with_program(TEXT, env) == "xsel"
    assert (tmp_path / "xsel.args").read_text().split() == ["--clipboard", "--input"]
    assert (tmp_path / "xsel.got").read_text(encoding="utf-8") == TEXT


def test_pbcopy_needs_no_display_and_nothing_installed_says_none(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert copy_with_program(TEXT, {"PATH": str(empty), "DISPLAY": ":0"}) is None
    program(tmp_path, "pbcopy")
    assert copy_with_program(TEXT, {"PATH": str(tmp_path)}) == "pbcopy"
