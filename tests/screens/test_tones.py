"""Colours by meaning: each tone of widgets/tones.py has its rule in tones.tcss (and no rule
is orphaned), and no colour is named in Python, where no theme could change it."""

from __future__ import annotations

import ast
import re
from importlib.resources import files
from pathlib import Path

import relay_tui
from relay_tui.widgets.tones import TONES

SOURCE = Path(relay_tui.__file__).parent

#: A colour in a Rich or Textual style or in markup: a name ("bold red", "[b yellow]",
#: "white on dark_orange3"), a hex code or a numbered colour.
COLOUR = re.compile(
    r"\b(?:(?:bright|dark)_)?(?:red|green|yellow|blue|magenta|cyan|white|black|orange\d*"
    r"|purple|gr[ae]y\d*)\b|#[0-9a-fA-F]{6}\b|\b(?:rgb|color)\("
)


def test_every_tone_has_its_rule_in_the_stylesheet_and_no_rule_lacks_a_tone() -> None:
    sheet = (files("relay_tui") / "widgets" / "tones.tcss").read_text(encoding="utf-8")
    ruled = re.findall(r"^\.tone--([a-z-]+)\s*\{", sheet, flags=re.MULTILINE)
    assert sorted(ruled) == sorted(TONES)
    assert len(ruled) == len(set(ruled))


def colours_named(path: Path) -> list[str]:
    """`line: colour in 'string'` for each colour named in a string of `path`'s code
    (docstrings may speak of colours: they style nothing)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    strings = sorted(
        (
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ),
        key=lambda node: (node.lineno, node.col_offset),
    )
    return [
        f"{node.lineno}: {match.group()} in {node.value[:40]!r}"
        for node in strings
        for match in COLOUR.finditer(node.value)
    ]


def named_colours() -> dict[str, list[str]]:
    """The colours named in the package's Python files, by file."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if named := colours_named(path):
            found[path.relative_to(SOURCE).as_posix()] = named
    return found


def test_the_scan_finds_a_colour_in_a_style_and_in_markup_but_not_in_a_docstring(
    tmp_path: Path,
) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Shown in red."""\n'
        'A = Text("x", style="bold red")\n'
        'B = f"[b yellow]{n} late[/]"\n'
        'C = "white on dark_orange3"\n',
        encoding="utf-8",
    )
    assert [line.split(" in ")[0] for line in colours_named(sample)] == [
        "2: red",
        "3: yellow",
        "4: white",
        "4: dark_orange3",
    ]


def test_no_colour_is_named_in_python() -> None:
    """Colours live in tones.tcss (widgets/tones.py says how to use them)."""
    assert named_colours() == {}
