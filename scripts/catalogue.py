"""relay's message catalogues, with Babel: extract, update, compile, check.

    python scripts/catalogue.py extract     # src/ → src/relay_tui/locale/relay.pot
    python scripts/catalogue.py update      # relay.pot → each language's relay.po
    python scripts/catalogue.py compile     # each relay.po → relay.mo (committed)
    python scripts/catalogue.py check       # what is missing, fuzzy or mismatched
    python scripts/catalogue.py all         # extract, update, compile, check

    python scripts/catalogue.py fragment NAME FILE...   # the messages of FILE... into
        locale/fr/parts/NAME.po, keeping the translations already there (for work on a
        few modules at a time; `update` folds the fragments into relay.po)

The keywords are relay's (`relay_tui.i18n`): tr, trn, trp, trnp and N_. docs/i18n.md
tells how to add a language.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "relay_tui"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "relay.pot"
LANGUAGES = ("fr",)
KEYWORDS = {
    "tr": None,
    "trn": (1, 2),
    "trp": ((1, "c"), 2),
    "trnp": ((1, "c"), 2, 3),
    "N_": None,
}
METHOD_MAP = [("**.py", "python")]
HEADER = "relay's messages"


#: GNU gettext's plural rules (CLDR's French adds a third form for millions, which
#: relay's counts never reach; relay_tui.i18n.PLURAL_RULES mirrors these).
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}


def _new_catalog(locale: str | None = None) -> Catalog:
    catalog = Catalog(
        locale=locale,
        project="relay",
        version="0.1",
        copyright_holder="relay developers",
        msgid_bugs_address="",
        header_comment=f"# {HEADER}.",
        fuzzy=False,
        last_translator="relay developers",
        language_team="relay developers",
    )
    if locale in PLURAL_FORMS:
        catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[locale])]
    return catalog


def _extracted(messages) -> Catalog:
    catalog = _new_catalog()
    for filename, lineno, message, comments, context in messages:
        path = Path(filename)
        where = str(path.relative_to(PACKAGE) if path.is_absolute() else path)
        catalog.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return catalog


def extract() -> Catalog:
    found = extract_from_dir(
        str(PACKAGE),
        METHOD_MAP,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    catalog = _extracted(found)
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as out:
        write_po(out, catalog, width=0, sort_output=True, include_lineno=False)
    print(f"{_shown(TEMPLATE)}: {len(catalog)} messages")
    return catalog


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _po(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "relay.po"


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as src:
        return read_po(src, locale=locale)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=0, sort_output=True, include_lineno=False)


def _key(message) -> object:
    return (message.context, message.id)


#: French typography: a no-break space before : ; ? ! and inside « », so a line never
#: breaks between a word and its sign (translators may type a plain space).
_NO_BREAK = "\u00a0"


def typography(language: str, text: str) -> str:
    if language != "fr" or not text:
        return text
    import re

    text = re.sub(r"(?<=\S) ([:;?!»])", _NO_BREAK + r"\1", text)
    return re.sub(r"« ", "«" + _NO_BREAK, text)


def _typeset(language: str, string):
    if isinstance(string, tuple):
        return tuple(typography(language, s) for s in string)
    return typography(language, string) if string else string


def update() -> None:
    template = _read(TEMPLATE)
    for language in LANGUAGES:
        path = _po(language)
        catalog = _read(path, language) if path.exists() else _new_catalog(language)
        known = {_key(m): m.string for m in catalog if m.id and m.string and not m.fuzzy}
        for part in sorted((LOCALE / language / "parts").glob("*.po")):
            for message in _read(part, language):
                if message.id and message.string and not message.fuzzy:
                    known.setdefault(_key(message), message.string)
        fresh = _new_catalog(language)
        for message in template:
            if not message.id:
                continue
            fresh.add(
                message.id,
                _typeset(language, known.get(_key(message))),
                message.locations,
                auto_comments=message.auto_comments,
                context=message.context,
            )
        _write(path, fresh)
        missing = sum(1 for m in fresh if m.id and not m.string)
        print(f"{path.relative_to(ROOT)}: {len(fresh)} messages, {missing} untranslated")


def compile_all() -> None:
    for language in LANGUAGES:
        catalog = _read(_po(language), language)
        target = _po(language).with_suffix(".mo")
        with target.open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        print(f"{target.relative_to(ROOT)}: compiled")


def _placeholders(text: str) -> set[str]:
    from string import Formatter

    try:
        return {name for _lit, name, _spec, _conv in Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def problems(template: Catalog, catalog: Catalog) -> list[str]:
    """What keeps `catalog` from being complete against `template`."""
    found = []
    translated = {_key(m): m for m in catalog if m.id}
    for message in template:
        if not message.id:
            continue
        label = f"{message.context + ' | ' if message.context else ''}{message.id!r}"
        entry = translated.get(_key(message))
        if (
            entry is None
            or not entry.string
            or (isinstance(entry.string, tuple) and not all(entry.string))
        ):
            found.append(f"untranslated: {label}")
            continue
        if entry.fuzzy:
            found.append(f"fuzzy: {label}")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set().union(*(_placeholders(i) for i in ids))
        for string in strings:
            got = _placeholders(string)
            # A plural form may leave out {n} ("un jour"), never add a name.
            if got - wanted or (wanted - {"n"}) - got:
                found.append(f"placeholders differ: {label} → {string!r}")
    for key, entry in translated.items():
        if key not in {_key(m) for m in template if m.id}:  # (obsolete ones are not listed)
            found.append(f"not in the template any more: {entry.id!r}")
    return found


def check() -> int:
    """Every message translated, none fuzzy, the same {placeholders} in both languages."""
    found = 0
    for language in LANGUAGES:
        for problem in problems(_read(TEMPLATE), _read(_po(language), language)):
            print(f"{language}: {problem}")
            found += 1
    print(f"{found} problem(s)")
    return 1 if found else 0


def fragment(name: str, files: list[str]) -> None:
    messages = []
    for file in files:
        path = Path(file).resolve()
        for lineno, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            messages.append((str(path), lineno, message, comments, context))
    extracted = _extracted(messages)
    for language in LANGUAGES:
        path = LOCALE / language / "parts" / f"{name}.po"
        old = _read(path, language) if path.exists() else _new_catalog(language)
        known = {_key(m): m.string for m in old if m.id}
        fresh = _new_catalog(language)
        for message in extracted:
            if message.id:
                fresh.add(
                    message.id,
                    known.get(_key(message)),
                    message.locations,
                    context=message.context,
                )
        _write(path, fresh)
        missing = sum(1 for m in fresh if m.id and not m.string)
        print(f"{path.relative_to(ROOT)}: {len(fresh)} messages, {missing} untranslated")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        return check()
    elif command == "all":
        extract()
        update()
        compile_all()
        return check()
    elif command == "fragment" and len(argv) >= 3:
        fragment(argv[1], argv[2:])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
