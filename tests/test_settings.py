"""The settings file: every key read back as written, bad values fall back to their
default and are named, and the language and calendar keys (`language`, `country`,
`closed_days`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from relay_tui import i18n
from relay_tui.settings import Settings, load_settings, parse_closed, save_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "missing.toml")
    assert loaded == Settings()
    assert (loaded.language, loaded.country, loaded.closed_days, loaded.problem) == ("", "", (), "")


def test_every_key_is_saved_and_read_back(tmp_path: Path) -> None:
    settings = Settings(
        theme="nord",
        chase_delay_days=3,
        margin_days=1,
        user='Jo "the boss"',
        backups_daily=3,
        backups_weekly=2,
        language="fr",
        country="FR-57",
        closed_days=((date(2026, 8, 3), date(2026, 8, 14)), (date(2026, 12, 24),) * 2),
    )
    path = save_settings(settings, tmp_path / "settings.toml")
    text = path.read_text(encoding="utf-8")
    assert 'closed_days = ["2026-08-03..2026-08-14", "2026-12-24"]' in text
    assert load_settings(path) == settings
    assert settings.with_theme("dracula").closed_days == settings.closed_days


def test_language_country_and_closed_days_are_read_and_normalised(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'language = "FR"\ncountry = "de-BY"\n'
        'closed_days = ["2026-12-24", "2026-08-03..2026-08-14", " 2027-01-02 .. 2027-01-03 "]\n',
    )
    loaded = load_settings(path)
    assert loaded.problem == ""
    assert (loaded.language, loaded.country) == ("fr", "DE-BY")
    assert loaded.closed_days == (
        (date(2026, 8, 3), date(2026, 8, 14)),
        (date(2026, 12, 24), date(2026, 12, 24)),
        (date(2027, 1, 2), date(2027, 1, 3)),
    )
    assert load_settings(write(tmp_path, 'country = "None"\n')).country == "none"
    assert load_settings(write(tmp_path, 'country = "fr"\n')).country == "FR"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('language = "de"', "language"),
        ("language = 1", "language"),
        ('country = "France"', "country"),
        ('country = "F"', "country"),
        ('country = "FR-"', "country"),
        ("country = 33", "country"),
        ('closed_days = "2026-12-24"', "closed_days"),
        ('closed_days = ["2026-12-32"]', "closed_days"),
        ('closed_days = ["2026-08-14..2026-08-03"]', "closed_days"),
        ("closed_days = [20261224]", "closed_days"),
    ],
)
def test_a_bad_value_falls_back_and_is_named(tmp_path: Path, line: str, key: str) -> None:
    path = write(tmp_path, f'theme = "nord"\n{line}\n')
    loaded = load_settings(path)
    assert loaded.theme == "nord"
    assert getattr(loaded, key) == getattr(Settings(), key)
    assert loaded.problem == f"{path}: ignored bad values for {key}"


def test_the_good_closed_days_are_kept_beside_a_bad_one(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, 'closed_days = ["2026-12-24", "Christmas"]\n'))
    assert loaded.closed_days == ((date(2026, 12, 24), date(2026, 12, 24)),)
    assert "closed_days" in loaded.problem


def test_parse_closed() -> None:
    assert parse_closed("2026-12-24") == (date(2026, 12, 24), date(2026, 12, 24))
    assert parse_closed("2026-12-24..2026-12-24") == (date(2026, 12, 24), date(2026, 12, 24))
    assert parse_closed("2026-12-24..") is None
    assert parse_closed("24/12/2026") is None


def test_the_problem_speaks_the_app_language_chosen_after_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "theme = 3\n")
    loaded = load_settings(path)
    assert loaded.problem == f"{path}: ignored bad values for theme"
    damaged = load_settings(write(tmp_path, "theme = \n"))
    assert damaged.problem.endswith("; using the defaults")
    i18n.use("fr")
    try:
        assert loaded.problem == i18n.tr(
            "{path}: ignored bad values for {keys}", path=path, keys="theme"
        )
    finally:
        i18n.use("en")


# --- saving keeps the file as the user wrote it ----------------------------------------

USER_FILE = """\
# My relay settings, written by hand.

language = "en"   # the app's language
# I chase fast:
chase_delay_days = 1
closed_days = [
    "2026-12-24",  # Christmas Eve
    "2026-08-03..2026-08-14",
]
"""


def test_saving_changes_only_what_changed_and_keeps_comments_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    settings = load_settings(path)
    save_settings(settings.with_values(language="fr"), path)
    written = path.read_text(encoding="utf-8")
    assert written == USER_FILE.replace('language = "en"', 'language = "fr"')
    again = load_settings(path)
    assert again.language == "fr" and again.chase_delay_days == 1
    assert again.closed_days == settings.closed_days


def test_a_left_out_key_is_added_only_when_it_is_not_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(USER_FILE, encoding="utf-8")
    save_settings(load_settings(path).with_theme("nord"), path)
    written = path.read_text(encoding="utf-8")
    assert written.startswith(USER_FILE)  # all of it, as written
    assert written[len(USER_FILE) :].strip() == 'theme = "nord"'
    assert "margin_days" not in written and "backups_daily" not in written
    assert load_settings(path).theme == "nord"


def test_a_new_or_unreadable_file_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    save_settings(Settings(language="fr", closed_days=((date(2026, 12, 24),) * 2,)), path)
    written = path.read_text(encoding="utf-8")
    assert written.startswith("# relay settings\n")
    assert [line.split(" = ")[0] for line in written.splitlines()[2:]] == list(Settings.KEYS)
    assert load_settings(path).closed_days == ((date(2026, 12, 24), date(2026, 12, 24)),)

    path.write_text("language = [unclosed\n", encoding="utf-8")  # not TOML
    save_settings(Settings(language="en"), path)
    assert load_settings(path).language == "en"
    assert path.stat().st_mode & 0o777 == 0o600


# --- where relay reaches the user outside the app (issue 17) ---------------------------------


def test_the_outside_settings_are_read_and_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'calendar_file = " ~/cal/relay.ics "\n'
        'my_addresses = ["Me@Studio.fr", "me@studio.fr", "hello@studio.fr"]\n'
        'remind_at = ["14:00", "9:30", "09:30"]\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.problem == ""
    assert settings.calendar_file == "~/cal/relay.ics"
    assert settings.my_addresses == ("me@studio.fr", "hello@studio.fr")
    assert settings.remind_at == ("09:30", "14:00")


def test_the_outside_settings_default_when_left_out(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "none.toml")
    assert settings.calendar_file == ""
    assert settings.my_addresses == ()
    assert settings.remind_at == ("09:00", "14:00")


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("calendar_file = 3", "calendar_file"),
        ('my_addresses = ["not an address"]', "my_addresses"),
        ('my_addresses = ["a@b@c"]', "my_addresses"),
        ("my_addresses = [1]", "my_addresses"),
        ('remind_at = ["25:00"]', "remind_at"),
        ('remind_at = ["9h"]', "remind_at"),
        ('remind_at = "09:00"', "remind_at"),
    ],
)
def test_a_bad_outside_setting_falls_back_and_is_named(tmp_path: Path, line: str, key: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(line + "\n", encoding="utf-8")
    settings = load_settings(path)
    assert key in settings.problem
    assert getattr(settings, key) == getattr(Settings(), key)


def test_saving_keeps_the_addresses_as_written_when_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    written = 'my_addresses = ["Me@Studio.fr"]  # my two hats\ntheme = "nord"\n'
    path.write_text(written, encoding="utf-8")
    save_settings(load_settings(path).with_theme("nord"), path)
    assert path.read_text(encoding="utf-8") == written
