"""relay's languages: the message catalogues, the app's language and a document's.

Every text relay shows or writes goes through `tr`, `trn` (plurals) or `trp` (a word
that needs a context, such as a month name). The English text is the message id; the
French is in `locale/fr/LC_MESSAGES/relay.po`, compiled to `relay.mo` beside it
(`scripts/catalogue.py` extracts, updates and compiles with Babel; docs/i18n.md).

- The app's language is chosen once, at start (`use`, from `choose`): `--lang`, then
  `RELAY_LANG`, then the `language` setting, then the locale; English otherwise.
- A document meant for a client (the status report, the retrospective summary, the
  calendar file) is written in the client's language: `with speaking(language): ...`
  changes the language of the current thread (or task) only, for the time of the block.
- A text defined before the language is known (a module constant) is marked with `N_`
  and translated where it is shown: `tr(KINDS[kind])`.

Light on purpose (speed): `relay capture` and the status-bar commands import this, and
the standard `gettext` module costs them about 15 ms (it imports `re` and `locale`). So
the compiled `.mo` file is read here with `struct` (the format is GNU gettext's, a table
of offsets), and the plural rule of each language is written below; a test proves both
equal to `gettext.GNUTranslations` and to the catalogue's `Plural-Forms` header.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

#: The languages relay speaks, English first (the default, and the message ids).
LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT = "en"
#: Each language by its own name: the way to find yours in a list, never translated.
NAMES = {"en": "English", "fr": "Français"}
DOMAIN = "relay"
LOCALE_DIR = Path(__file__).parent / "locale"
#: Where the language comes from, in order (the locale's variables as gettext reads them).
ENV_VAR = "RELAY_LANG"
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

#: Which plural form a count takes, per language (the catalogue's `Plural-Forms`).
PLURAL_RULES: dict[str, Callable[[int], int]] = {
    "en": lambda n: int(n != 1),
    "fr": lambda n: int(n > 1),
}
#: The context separator of a `.mo` file (msgctxt + EOT + msgid).
_CONTEXT = "\x04"


class UnknownLanguage(ValueError):
    """A language relay does not speak, named by the user (`--lang`, `RELAY_LANG`)."""

    def __init__(self, value: str, source: str) -> None:
        self.value = value
        self.source = source
        super().__init__(value)

    def __str__(self) -> str:
        return tr(
            "{source}: relay does not speak “{value}”; choose one of {languages}.",
            source=self.source,
            value=self.value,
            languages=", ".join(LANGUAGES),
        )


class Catalogue:
    """One language's messages, read from its compiled `.mo` file.

    Read lazily (speed: `relay capture` looks up a handful of messages out of nearly two
    thousand): the file's table of message ids is indexed once, each translation decoded
    the first time it is asked for."""

    __slots__ = ("_data", "_found", "_index", "_texts", "language", "plural")

    def __init__(self, language: str, path: Path | None = None) -> None:
        self.language = language
        self.plural = PLURAL_RULES.get(language, PLURAL_RULES[DEFAULT])
        self._data = b""
        self._index: dict[bytes, int] = {}
        self._texts: list[int] = []
        self._found: dict[str, list[str] | None] = {}
        if path is not None and path.exists():
            self._read(path.read_bytes())

    def _read(self, data: bytes) -> None:
        from array import array
        from sys import byteorder

        def table(start: int, count: int) -> array[int]:
            numbers = array("I")
            numbers.frombytes(data[start : start + 4 * count])
            if byteorder != order:
                numbers.byteswap()
            return numbers

        order = "little" if data[:4] == b"\xde\x12\x04\x95" else "big"
        head = table(0, 5)
        count, ids_at, texts_at = head[2], head[3], head[4]
        ids = table(ids_at, 2 * count)
        self._data = data
        self._texts = list(table(texts_at, 2 * count))
        self._index = {
            data[ids[2 * i + 1] : ids[2 * i + 1] + ids[2 * i]].split(b"\x00", 1)[0]: i
            for i in range(count)
            if ids[2 * i]  # not the header
        }

    def _forms(self, key: str) -> list[str] | None:
        """The translation of `key` (its forms, for a plural), or None."""
        found = self._found.get(key, ())
        if found != ():
            return found  # type: ignore[return-value]
        index = self._index.get(key.encode())
        forms = None
        if index is not None:
            length, start = self._texts[2 * index], self._texts[2 * index + 1]
            text = self._data[start : start + length].decode()
            forms = text.split("\x00") if text else None
        self._found[key] = forms
        return forms

    @property
    def messages(self) -> dict[str, str]:
        """Every translated message (the tests compare them with `gettext`'s)."""
        out = {}
        for key in self._index:
            forms = self._forms(key.decode())
            if forms is not None and len(forms) == 1:
                out[key.decode()] = forms[0]
        return out

    def add(self, key: str, *forms: str) -> None:
        """Give `key` (a message id, `context + "\\x04" + id` for one with a context) its
        translation, or its plural forms: a catalogue made by hand (tests, a new language
        tried before it is compiled)."""
        self._found[key] = list(forms)

    def gettext(self, msgid: str) -> str:
        forms = self._forms(msgid)
        return forms[0] if forms else msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._plural(singular, singular, plural, n)

    def pgettext(self, context: str, msgid: str) -> str:
        forms = self._forms(context + _CONTEXT + msgid)
        return forms[0] if forms else msgid

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._plural(context + _CONTEXT + singular, singular, plural, n)

    def _plural(self, key: str, singular: str, plural: str, n: int) -> str:
        forms = self._forms(key)
        index = self.plural(n)
        if forms is None or index >= len(forms) or not forms[index]:
            return singular if n == 1 else plural
        return forms[index]


_catalogues: dict[str, Catalogue] = {}
_app = DEFAULT
#: The language of the document being written, when it is not the app's (`speaking`).
_document: ContextVar[str | None] = ContextVar("relay_document_language", default=None)


def catalogue(language: str) -> Catalogue:
    """The catalogue of `language`, read once (English has none: its ids are its text)."""
    found = _catalogues.get(language)
    if found is None:
        path = None
        if language != DEFAULT:
            path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        found = _catalogues[language] = Catalogue(language, path)
    return found


def use(language: str) -> None:
    """Make `language` the app's language (one of `LANGUAGES`)."""
    global _app
    if language not in LANGUAGES:
        raise UnknownLanguage(language, "language")
    _app = language


def language() -> str:
    """The language being written now: the document's (`speaking`), else the app's."""
    return _document.get() or _app


def app_language() -> str:
    """The app's language, whatever document is being written."""
    return _app


class speaking:
    """Write in `language` for the time of a `with` block (None: the app's language).
    A plain class, not `contextlib.contextmanager`: the fast paths avoid that import."""

    __slots__ = ("_language", "_token")

    def __init__(self, language: str | None) -> None:
        if language is not None and language not in LANGUAGES:
            language = None  # a client's language from an older relay: the app's
        self._language = language

    def __enter__(self) -> str:
        self._token = _document.set(self._language)
        return language()

    def __exit__(self, *_exc: object) -> None:
        _document.reset(self._token)


def _current() -> Catalogue:
    return catalogue(_document.get() or _app)


def N_(msgid: str) -> str:
    """Mark `msgid` for the catalogue without translating it now (module constants)."""
    return msgid


def tr(msgid: str, /, **fields: object) -> str:
    """`msgid` in the current language, its `{fields}` filled in when any are given."""
    text = _current().gettext(msgid)
    return text.format(**fields) if fields else text


def trn(singular: str, plural: str, n: int, /, **fields: object) -> str:
    """The singular or plural form for the count `n`, filled in (`{n}` is the count)."""
    return _current().ngettext(singular, plural, n).format(n=n, **fields)


def trp(context: str, msgid: str, /, **fields: object) -> str:
    """`msgid` in a `context` that tells the translator which sense is meant (a short
    word such as “May” the month, or “in” the direction of a message)."""
    text = _current().pgettext(context, msgid)
    return text.format(**fields) if fields else text


def trnp(context: str, singular: str, plural: str, n: int, /, **fields: object) -> str:
    """`trn` with a context, as `trp`."""
    return _current().npgettext(context, singular, plural, n).format(n=n, **fields)


def _from_locale(value: str) -> str | None:
    """`fr_FR.UTF-8` → `fr`; `C`, `POSIX` or a language relay does not speak → None."""
    for part in value.split(":"):  # LANGUAGE is a list: fr_FR:fr:en
        code = part.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
        if code in LANGUAGES:
            return code
        if code and code not in ("c", "posix"):
            return None  # the first language named is the one asked for
    return None


def choose(
    option: str | None = None,
    environ: Mapping[str, str] | None = None,
    setting: str = "",
) -> str:
    """The app's language: `--lang`, then `RELAY_LANG`, then the `language` setting, then
    the locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`), else English.

    A language named explicitly and unknown (`--lang de`) is refused with
    `UnknownLanguage`; a locale relay does not speak falls back to English.
    """
    env = os.environ if environ is None else environ
    for value, source in ((option, "--lang"), (env.get(ENV_VAR), ENV_VAR), (setting, "language")):
        if value:
            code = value.strip().lower()
            if code not in LANGUAGES:
                raise UnknownLanguage(value, source)
            return code
    for name in LOCALE_VARS:
        value = env.get(name, "")
        if value:
            return _from_locale(value) or DEFAULT
    return DEFAULT


def locale_territory(environ: Mapping[str, str] | None = None) -> str:
    """The country of the locale (`fr_BE.UTF-8` → `BE`), or "" when it names none."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".", 1)[0].split("@", 1)[0]
            if "_" in code:
                return code.split("_", 1)[1].upper()
            return ""
    return ""


def language_name(code: str) -> str:
    """`code`'s language named in the current language ("anglais" in French); `NAMES`
    gives each by its own name, for a list to find yours in."""
    words = {"en": trp("language", "English"), "fr": trp("language", "French")}
    return words.get(code, code)


def iter_languages() -> Iterator[tuple[str, str]]:
    """Each language relay speaks, with its own name."""
    for code in LANGUAGES:
        yield code, NAMES[code]
