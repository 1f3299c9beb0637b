"""Closed days: the public holidays cache against the `holidays` package, the country
chosen from the settings and the locale, and the predicate the chase clock uses."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import holidays
import pytest

from relay_tui import closed_days as cd
from relay_tui.settings import Settings


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    cd.forget()
    yield
    cd.forget()


def package_dates(country: str, year: int, subdiv: str | None = None) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, subdiv=subdiv, years=[year]))


def test_the_version_is_the_packages() -> None:
    assert cd.holidays_version() == holidays.__version__


@pytest.mark.parametrize(("country", "subdiv"), [("FR", None), ("US", None), ("DE", "BY")])
def test_the_cache_gives_the_packages_dates(
    tmp_path: Path, country: str, subdiv: str | None
) -> None:
    code = f"{country}-{subdiv}" if subdiv else country
    first = cd.public_holidays(code, [2026, 2027], tmp_path)
    assert first == {y: package_dates(country, y, subdiv) for y in (2026, 2027)}
    path = cd.cache_file(code, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"relay-holidays 1 holidays={holidays.__version__}"
    # Read again from the file, without the package.
    cd.forget()
    assert cd.public_holidays(code, [2026, 2027], tmp_path) == first


def test_a_hit_does_not_import_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cd.public_holidays("FR", [2026], tmp_path)
    monkeypatch.setitem(sys.modules, "holidays", None)  # importing it would now fail
    assert date(2026, 12, 25) in cd.public_holidays("FR", [2026], tmp_path)[2026]
    with pytest.raises(ImportError):
        cd.public_holidays("FR", [1990], tmp_path)  # a miss needs it


def test_a_cache_of_another_version_or_damaged_is_computed_again(tmp_path: Path) -> None:
    path = cd.cache_file("FR", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("relay-holidays 1 holidays=0.1\n2026 2026-03-03\n", encoding="utf-8")
    assert cd.public_holidays("FR", [2026], tmp_path)[2026] == package_dates("FR", 2026)
    assert path.read_text(encoding="utf-8").startswith(
        f"relay-holidays 1 holidays={holidays.__version__}\n"
    )
    path.write_text(f"relay-holidays 1 holidays={holidays.__version__}\n2026 nonsense\n")
    assert cd.public_holidays("FR", [2026], tmp_path)[2026] == package_dates("FR", 2026)


def test_an_unknown_country_is_reported_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(cd.UnknownCountry) as caught:
        cd.public_holidays("XX", [2026], tmp_path)
    assert "XX" in str(caught.value) and "none" in str(caught.value)
    closed = cd.ClosedDays("XX", cache_dir=tmp_path)
    assert closed(date(2026, 12, 25)) is False  # a Friday: only weekends count
    assert closed(date(2026, 12, 26)) is True
    assert "XX" in closed.check(date(2026, 12, 1))
    # Not named by the user (the locale's country): nothing to report.
    assert cd.ClosedDays("XX", named=False, cache_dir=tmp_path).check(date(2026, 12, 1)) == ""


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert cd.public_holidays("FR", [2026], blocker)[2026] == package_dates("FR", 2026)


def test_the_predicate_weekends_holidays_and_the_users_periods(tmp_path: Path) -> None:
    closed = cd.ClosedDays("FR", [(date(2026, 8, 3), date(2026, 8, 14))], cache_dir=tmp_path)
    assert closed(date(2026, 12, 25))  # Christmas, a Friday
    assert closed(date(2026, 12, 26))  # Saturday
    assert not closed(date(2026, 12, 24))
    assert closed(date(2026, 8, 3)) and closed(date(2026, 8, 14))
    assert not closed(date(2026, 8, 17))
    assert not cd.ClosedDays(None)(date(2026, 12, 25))


@pytest.mark.parametrize(
    ("setting", "env", "language", "expected"),
    [
        ("none", {"LANG": "fr_FR.UTF-8"}, "fr", (None, True)),
        ("BE", {"LANG": "fr_FR.UTF-8"}, "fr", ("BE", True)),
        ("", {"LANG": "fr_BE.UTF-8"}, "fr", ("BE", False)),
        ("", {"LANG": "en_US.UTF-8"}, "en", ("US", False)),
        ("", {"LANG": "C.UTF-8"}, "fr", ("FR", False)),
        ("", {"LANG": "C.UTF-8"}, "en", (None, False)),
        ("", {}, "en", (None, False)),
    ],
)
def test_which_country(
    setting: str, env: dict[str, str], language: str, expected: tuple[str | None, bool]
) -> None:
    assert cd.holiday_country(setting, env, language) == expected


def test_for_settings(tmp_path: Path) -> None:
    settings = Settings(country="FR", closed_days=((date(2026, 8, 3), date(2026, 8, 14)),))
    closed = cd.for_settings(settings, {}, tmp_path)
    assert (closed.country, closed.periods) == ("FR", settings.closed_days)
    assert cd.for_settings(settings, {}, tmp_path) is closed
    assert cd.for_settings(Settings(country="none"), {}, tmp_path).country is None
