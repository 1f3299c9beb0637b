"""The house rules of docs/architecture.md that a test can hold: files that fit in a
head, and the layers checked by import-linter's contracts."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "relay_tui"
MAX_FILE_LINES = 500
MAX_CLASS_LINES = 300
#: The exceptions docs/architecture.md names, with its reason.
LONG_ON_PURPOSE = {
    "migrations/versions/0001_initial.py",  # the whole first schema, frozen once released
}


def _sources() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def test_no_source_file_is_over_500_lines_but_the_named_exceptions() -> None:
    long = {
        str(path.relative_to(SOURCE)): count
        for path in _sources()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    }
    assert {name: n for name, n in long.items() if name not in LONG_ON_PURPOSE} == {}


def test_no_class_is_over_300_lines() -> None:
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    long.append(f"{path.relative_to(SOURCE)}:{node.name} ({size} lines)")
    assert long == []


def test_the_import_contracts_hold() -> None:
    """lint-imports with the contracts of pyproject.toml (also run by .ci/run)."""
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if linter is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [linter, "--no-logo", "--no-cache"],
        cwd=SOURCE.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
