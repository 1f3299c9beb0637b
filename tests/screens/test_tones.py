"""The tones of widgets/tones.py: each has its rule in tones.tcss, and no rule is orphaned."""

from __future__ import annotations

import re
from importlib.resources import files

from relay_tui.widgets.tones import TONES


def test_every_tone_has_its_rule_in_the_stylesheet_and_no_rule_lacks_a_tone() -> None:
    sheet = (files("relay_tui") / "widgets" / "tones.tcss").read_text(encoding="utf-8")
    ruled = re.findall(r"^\.tone--([a-z-]+)\s*\{", sheet, flags=re.MULTILINE)
    assert sorted(ruled) == sorted(TONES)
    assert len(ruled) == len(set(ruled))
