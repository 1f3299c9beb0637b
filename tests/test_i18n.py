"""The languages: the catalogue reader, the choice of language, documents in another
language, and the catalogues themselves (complete, compiled, placeholders kept)."""

from __future__ import annotations

import gettext
import importlib.util
import io
import subprocess
import sys
import threading
from datetime import date, datetime, time
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural  # noqa: F401  (Babel's plural rules exist)
from babel.messages.pofile import read_po

from relay_tui import display, i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "relay_tui" / "locale"


def _catalogue_script():
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "scripts" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def french():
    i18n.use("fr")
    yield
    i18n.use("en")


def _po(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "relay.po").open("rb") as src:
        return read_po(src, locale=language)


@pytest.mark.parametrize("language", [code for code in i18n.LANGUAGES if code != "en"])
def test_the_compiled_catalogue_is_the_po_file_compiled(language: str) -> None:
    """relay.mo is committed (a fresh `pip install -e .` has it): it must be exactly what
    compiling relay.po gives, so a translation edited without compiling fails here."""
    compiled = io.BytesIO()
    write_mo(compiled, _po(language), use_fuzzy=False)
    committed = (LOCALE / language / "LC_MESSAGES" / "relay.mo").read_bytes()
    assert gettext.GNUTranslations(io.BytesIO(committed))._catalog == (
        gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))._catalog
    ), "relay.mo is out of date: run python scripts/catalogue.py compile"


@pytest.mark.parametrize("language", [code for code in i18n.LANGUAGES if code != "en"])
def test_the_light_reader_reads_what_gettext_reads(language: str) -> None:
    """relay_tui.i18n reads .mo files by hand (the fast paths cannot afford `gettext`):
    every message, plural and context gives what the standard library gives."""
    path = LOCALE / language / "LC_MESSAGES" / "relay.mo"
    standard = gettext.GNUTranslations(path.open("rb"))
    ours = i18n.Catalogue(language, path)
    checked = 0
    for message in _po(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            for n in (0, 1, 2, 5, 21):
                if message.context:
                    expected = standard.npgettext(message.context, singular, plural, n)
                    got = ours.npgettext(message.context, singular, plural, n)
                else:
                    expected = standard.ngettext(singular, plural, n)
                    got = ours.ngettext(singular, plural, n)
                assert got == expected, (message.id, n)
        elif message.context:
            assert ours.pgettext(message.context, message.id) == standard.pgettext(
                message.context, message.id
            )
        else:
            assert ours.gettext(message.id) == standard.gettext(message.id)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("language", [code for code in i18n.LANGUAGES if code != "en"])
def test_the_plural_rule_is_the_catalogues(language: str) -> None:
    header = _po(language).plural_expr
    rule = gettext.c2py(header)
    for n in range(0, 2001):
        assert i18n.PLURAL_RULES[language](n) == rule(n), n


def test_every_message_is_translated_with_the_same_placeholders(tmp_path: Path) -> None:
    """Extracted from the source now: a text wrapped in `tr` but missing from relay.po,
    untranslated, fuzzy, or with different {placeholders} fails here."""
    script = _catalogue_script()
    template_path = tmp_path / "relay.pot"
    script.TEMPLATE = template_path
    template = script.extract()
    found = []
    for language in script.LANGUAGES:
        found += script.problems(template, _po(language))
    assert not found, "\n".join(found[:60]) + f"\n({len(found)} problems)"


def test_msgfmt_finds_nothing_wrong() -> None:
    """GNU msgfmt's own checks (format strings, headers), when it is installed."""
    msgfmt = subprocess.run(["which", "msgfmt"], capture_output=True, text=True).stdout.strip()
    if not msgfmt:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    for language in i18n.LANGUAGES[1:]:
        po = LOCALE / language / "LC_MESSAGES" / "relay.po"
        done = subprocess.run(
            [msgfmt, "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr


# --- choosing the language -----------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "environ", "setting", "expected"),
    [
        (None, {}, "", "en"),
        (None, {"LANG": "fr_FR.UTF-8"}, "", "fr"),
        (None, {"LANG": "de_DE.UTF-8"}, "", "en"),
        (None, {"LANG": "C.UTF-8"}, "", "en"),
        (None, {"LC_ALL": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "", "fr"),
        (None, {"LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "", "en"),
        (None, {"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "", "fr"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en", "en"),
        (None, {"RELAY_LANG": "fr", "LANG": "en_US.UTF-8"}, "en", "fr"),
        ("en", {"RELAY_LANG": "fr"}, "fr", "en"),
        ("FR", {}, "", "fr"),
    ],
)
def test_the_language_comes_from_the_option_then_env_then_setting_then_locale(
    option: str | None, environ: dict[str, str], setting: str, expected: str
) -> None:
    assert i18n.choose(option, environ, setting) == expected


@pytest.mark.parametrize(
    ("option", "environ", "source"),
    [("de", {}, "--lang"), (None, {"RELAY_LANG": "klingon"}, "RELAY_LANG")],
)
def test_an_unknown_language_named_explicitly_is_refused(
    option: str | None, environ: dict[str, str], source: str
) -> None:
    with pytest.raises(i18n.UnknownLanguage) as caught:
        i18n.choose(option, environ)
    assert caught.value.source == source
    assert "en, fr" in str(caught.value)


def test_the_locale_territory() -> None:
    assert i18n.locale_territory({"LANG": "fr_BE.UTF-8"}) == "BE"
    assert i18n.locale_territory({"LC_ALL": "en_GB", "LANG": "fr_FR.UTF-8"}) == "GB"
    assert i18n.locale_territory({"LANG": "C.UTF-8"}) == ""
    assert i18n.locale_territory({}) == ""


# --- writing in a language -------------------------------------------------------------


def test_a_document_in_the_clients_language_leaves_the_app_in_its_own(french: None) -> None:
    day = date(2026, 11, 23)
    assert display.long_date(day) == "lundi 23 novembre 2026"
    with i18n.speaking("en"):
        assert i18n.language() == "en"
        assert display.long_date(day) == "Monday 23 November 2026"
    assert i18n.language() == "fr"
    assert display.long_date(day) == "lundi 23 novembre 2026"


def test_speaking_is_per_thread(french: None) -> None:
    """A report written in English in one thread does not turn another thread English."""
    inside = threading.Event()
    release = threading.Event()
    seen: list[str] = []

    def write_in_english() -> None:
        with i18n.speaking("en"):
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=write_in_english)
    worker.start()
    assert inside.wait(10)
    seen.append(display.month(date(2026, 5, 1)))
    release.set()
    worker.join(10)
    assert seen == ["mai"]


def test_an_unknown_document_language_falls_back_to_the_apps(french: None) -> None:
    with i18n.speaking("xx"):
        assert i18n.language() == "fr"
    with i18n.speaking(None):
        assert i18n.language() == "fr"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Tuesday 1 December 2026",
                "Mon 23 Nov 2026",
                "17 Nov",
                "1.5 h",
                "2 h",
                "Mon 23 Nov 14:30",
            ],
        ),
        (
            "fr",
            [
                "mardi 1er décembre 2026",
                "lun. 23 nov. 2026",
                "17 nov.",
                "1,5 h",
                "2 h",
                "lun. 23 nov. 14:30",
            ],
        ),
    ],
)
def test_dates_and_numbers_the_way_each_language_writes_them(
    language: str, expected: list[str]
) -> None:
    with i18n.speaking(language):
        assert [
            display.long_date(date(2026, 12, 1)),
            display.short_date(date(2026, 11, 23)),
            display.day_month(date(2026, 11, 17)),
            display.hours(90),
            display.hours(120),
            display.local_stamp(
                datetime(2026, 11, 23, 14, 30).astimezone(), today=date(2026, 11, 1)
            ),
        ] == expected


def test_the_clock_is_24_hours_in_both_languages() -> None:
    for language in i18n.LANGUAGES:
        with i18n.speaking(language):
            assert display.clock(time(17, 5)) == "17:05"


def test_plurals_follow_each_languages_rule(french: None) -> None:
    """French counts 0 and 1 as singular, English only 1 (with the catalogue's own
    messages: `trn` falls back to English forms for a message it does not know)."""
    catalogue = i18n.Catalogue("fr")
    catalogue.add("{n} day", "{n} jour", "{n} jours")
    assert [catalogue.ngettext("{n} day", "{n} days", n) for n in (0, 1, 2)] == [
        "{n} jour",
        "{n} jour",
        "{n} jours",
    ]
    english = i18n.Catalogue("en")
    assert [english.ngettext("{n} day", "{n} days", n) for n in (0, 1, 2)] == [
        "{n} days",
        "{n} day",
        "{n} days",
    ]


def test_the_catalogue_lookup_imports_no_gettext() -> None:
    """The fast paths read the catalogue without `gettext` or Babel."""
    code = (
        "import sys; from relay_tui import i18n; i18n.use('fr'); i18n.tr('Monday');"
        "print(sorted(m for m in ('gettext', 'babel') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
