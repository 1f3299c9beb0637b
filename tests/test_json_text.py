"""`relay_tui.json_text.dumps` writes what `json.dumps(…, ensure_ascii=False, indent=2)`
writes, byte for byte."""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import date
from enum import IntEnum, StrEnum

import pytest

from relay_tui.json_text import dumps


class Colour(StrEnum):
    red = "red"


class Level(IntEnum):
    high = 3


CASES = [
    None,
    True,
    False,
    0,
    -12,
    10**30,
    0.1,
    1e300,
    -0.0,
    2.5e-8,
    float("nan"),
    float("inf"),
    float("-inf"),
    "",
    "plain",
    'quotes " and \\ backslash',
    "line\nbreak\ttab\x00nul\x1f",
    "Léa · “café” — 漢字 😀 \u2028 \ud800",
    [],
    {},
    [[]],
    [{}],
    {"a": []},
    {"a": {}},
    [1, "two", None, [3, [4, {"five": 5}]]],
    {"z": 1, "a": {"nested": [True, False, None], "empty": {}, "list": []}},
    (1, 2),
    {"tuple": (1, "x")},
    {1: "int key"},
    {None: "null key", "b": 1},
    {True: "bool key"},
    {2.5: "float key"},
    OrderedDict(a=1),
    {"enum": Colour.red, "int": Level.high},
    [Colour.red, Level.high],
]


@pytest.mark.parametrize("value", CASES, ids=repr)
def test_the_same_bytes_as_the_standard_library(value: object) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_refuses_is_refused_alike() -> None:
    with pytest.raises(TypeError):
        dumps({"day": date(2026, 12, 5)})


def test_the_board_of_the_demo_reads_back_the_same(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from relay_tui.db import location_for_path, open_store
    from relay_tui.demo import seed_demo
    from relay_tui.domain.chase import weekend
    from relay_tui.services.board import board
    from tests.conftest import FIXED_NOW

    store = open_store(location_for_path(tmp_path / "demo.db"))
    try:
        seed_demo(store, now=FIXED_NOW)
        data = board(store, FIXED_NOW.date(), weekend).as_json()
    finally:
        store.close()
    assert data["alarms"] and data["time"]
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
