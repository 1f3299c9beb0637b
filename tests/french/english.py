"""Finding English left in French text: what the leak tests look for.

Two nets. The catalogue: every English message whose French differs, cut at its
{placeholders}, is looked for word for word (so a text wrapped in `tr` but shown without
its translation is caught). Common English words: a text never wrapped at all is not in
the catalogue, but it is made of words French never uses ("the", "with", "your"…).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parents[2] / "src/relay_tui/locale/fr/LC_MESSAGES/relay.po"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: English words that no French sentence of relay's uses, lower case.
ENGLISH_WORDS = _words(
    """
    the and with your you this that these those from for of to is are was were has have
    had not no yet will would what when where which who whose into there their here than
    then been it its by or an any each every none nothing something press type choose
    days hours day week weeks month months project projects deadline deadlines open
    closed edit delete save cancel add new show hide keys quit search waiting due late
    today tomorrow yesterday done undo redo back next previous first last more less
    before during after client's time log report risk risks commitments actors
    lessons contacts chase reply answer validated pending overdue left spent
    budget's should must can cannot can't don't doesn't isn't won't we our us my me
    """
)
#: Words both languages write the same way, or names, that the catalogue net must not
#: take for English when French shows them (a French sentence may say "Contact", "Note").
SHARED = _words(
    """
    Contact Contacts Note Notes Message Messages Client Clients Date Type Total Phase
    Budget Incidents Incident Validation Validations Actions Action Portfolio Pause
    Email Chat Notification Version Description Source Minutes Question Questions
    type Type validation Clients clients example
    """
)
#: Key names the footer shows as the keyboard says them.
KEY_NAMES = _words("esc enter tab del ctrl shift space up down left right home end")

#: A word: letters, accented ones too ("même" is one word, not "m" and "me").
_WORD = re.compile(r"[^\W\d_][^\W\d_'’]*")


@cache
def catalogue_pieces() -> dict[str, set[str]]:
    """Pieces of English to look for, by their first word: literal parts of the English
    messages whose French translation differs, at least two words or one of 5+ letters."""
    with PO.open("rb") as src:
        catalog = read_po(src, locale="fr")
    pieces: dict[str, set[str]] = defaultdict(set)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            if msgid in strings:
                continue
            for piece in re.split(r"\{[^}]*\}", msgid):
                piece = piece.strip(" .,:;!?()[]—-–…·/\n\"“”'")
                words = _WORD.findall(piece)
                if not words or (len(words) == 1 and (len(words[0]) < 5 or words[0] in SHARED)):
                    continue
                if any(piece in s for s in strings):
                    continue  # the French keeps this part (a name, an example)
                pieces[words[0]].add(piece)
    return pieces


def english_in(text: str) -> list[str]:
    """The English found in `text`, each at most once, in order."""
    found: list[str] = []
    words = _WORD.findall(text)
    pieces = catalogue_pieces()
    for word in dict.fromkeys(words):
        lower = word.lower()
        if lower in ENGLISH_WORDS and lower not in KEY_NAMES and word not in SHARED:
            found.append(word)
        for piece in pieces.get(word, ()):
            if re.search(r"(?<![A-Za-zÀ-ÿ])" + re.escape(piece) + r"(?![A-Za-zÀ-ÿ])", text):
                found.append(piece)
    return list(dict.fromkeys(found))


def screen_lines(svg: str) -> list[str]:
    """The text lines of a Textual screenshot (`App.export_screenshot`), a gap between
    two pieces of text read as a space."""
    rows: dict[int, list[tuple[float, float, str]]] = defaultdict(list)
    for match in re.finditer(
        r'<text class="terminal-[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="([0-9.]+)" '
        r'clip-path="url\(#terminal-(?:[0-9]+-)?line-([0-9]+)\)">([^<]*)</text>',
        svg,
    ):
        x, length, line, text = match.groups()
        rows[int(line)].append((float(x), float(length), html.unescape(text)))
    lines = []
    for line in sorted(rows):
        out, end = "", None
        for x, length, text in sorted(rows[line]):
            if end is not None and x > end + 1:
                out += " "
            out += text
            end = x + length
        lines.append(out.replace("\xa0", " "))
    return lines
