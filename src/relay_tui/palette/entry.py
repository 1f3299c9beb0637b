"""A line of the command palette, and how what the user types finds it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from textual.content import Content
from textual.fuzzy import Matcher

#: The score of an entry found by the words of its help rather than by its title: below
#: any title matched (Textual's fuzzy scores start at 1), so titles come first.
HELP_SCORE = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Entry:
    """`title` and `help` (its second, dimmed line) are plain text, never markup: they may
    quote what users typed (a project's name). `run` is what enter does."""

    title: str
    help: str
    run: Callable[[], object]

    def score(self, matcher: Matcher) -> float:
        """How well what was typed finds this entry (0: not at all): its title matched
        letter by letter (Textual's fuzzy matching: `cft` finds "Export my craft card"),
        or else every word typed begins a word of the title or the help ("deadline"
        finds the calendar export, whose help speaks of deadlines)."""
        score = matcher.match(self.title)
        if score > 0:
            return score
        typed = _WORD.findall(matcher.query.lower())
        words = _WORD.findall(f"{self.title} {self.help}".lower())
        if typed and all(any(word.startswith(t) for word in words) for t in typed):
            return HELP_SCORE
        return 0.0

    def prompt(self, matcher: Matcher | None = None) -> Content:
        """The title (its matched letters highlighted), then the help dimmed on a second
        line, as Content: the palette parses a `str` prompt or help as markup."""
        return Content.assemble(_highlight(matcher, self.title), "\n", (self.help, "dim"))


def _highlight(matcher: Matcher | None, title: str) -> Content:
    """`Matcher.highlight` without its markup parsing: the matched letters of `title`
    in the palette's highlight style."""
    content = Content(title)
    if matcher is None:
        return content
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets if score else ():
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
