"""Fill translations into a .po file from a Python file of translations.

    python scripts/fill_translations.py PO_FILE TRANSLATIONS.py

TRANSLATIONS.py defines `T = {msgid: text, (context, msgid): text, plural_msgid: (forms…)}`;
the messages of PO_FILE found in T get its text, the others are left as they are.
"""

from __future__ import annotations

import runpy
import sys

from babel.messages.pofile import read_po, write_po


def main(po: str, translations: str) -> int:
    table = runpy.run_path(translations)["T"]
    with open(po, "rb") as src:
        catalog = read_po(src, locale="fr")
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        text = table.get((message.context, key)) if message.context else table.get(key)
        if text is not None:
            message.string = text
            filled += 1
    with open(po, "wb") as out:
        write_po(out, catalog, width=0, sort_output=True, include_lineno=False)
    print(f"{filled} filled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
