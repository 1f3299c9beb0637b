"""Closed days: weekends, a country's public holidays and the user's own closed days.

The chase clock counts working days (`relay_tui.domain.chase`); the domain takes the
closed days as a plain predicate, `ClosedDays`, built here from the settings
(`for_settings`): the `country` setting (else the locale's country, else France when the
app speaks French) and the `closed_days` periods.

The public holidays come from the `holidays` package, which takes about 130 ms to import:
too slow for every start. So the dates of each country and year are kept in a small text
file in relay's cache directory (`holidays/FR.txt`), keyed with the package's version, and
the package is only imported on a miss (a new year, a new country, a new version):

    relay-holidays 1 holidays=0.109
    2026 2026-01-01 2026-04-06 2026-05-01 ...

A country the package does not know is reported (`ClosedDays.problem`), never a crash:
its days are then only weekends and the user's closed days.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from relay_tui.i18n import app_language, locale_territory, tr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from relay_tui.settings import Settings

#: The first line of a cache file starts with this, then the package's version.
CACHE_FORMAT = "relay-holidays 1"
#: A miss computes this many years from the one asked (the import is the cost, not this).
_SPAN = 2
#: Public holidays only before this year's successor: no package knows the year 10000.
_LAST_YEAR = 9998

_version: str | None = None
#: Per country, the holidays of each year already read (shared by every `ClosedDays`).
_known: dict[str, dict[int, frozenset[date]]] = {}
_unknown: set[str] = set()
_for_settings: dict[tuple[object, ...], ClosedDays] = {}


class UnknownCountry(ValueError):
    """A country (or subdivision) whose public holidays the `holidays` package does not know."""

    def __init__(self, country: str) -> None:
        self.country = country
        super().__init__(country)

    def __str__(self) -> str:
        return tr(
            "country “{country}”: relay knows no public holidays for it; only weekends and "
            "your closed days are closed (set country to an ISO code such as FR, or none)",
            country=self.country,
        )


def holidays_version() -> str:
    """The installed `holidays` package's version, read from its `.dist-info` folder
    (importing the package, or `importlib.metadata`, costs far more)."""
    global _version
    if _version is None:
        for entry in sys.path:
            folder = entry or "."
            if not os.path.isdir(os.path.join(folder, "holidays")):
                continue
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                if name.startswith("holidays-") and name.endswith(".dist-info"):
                    _version = name.removeprefix("holidays-").removesuffix(".dist-info")
                    return _version
        import holidays

        _version = str(holidays.__version__)
    return _version


def cache_file(country: str, cache_dir: Path | None = None) -> Path:
    if cache_dir is None:
        from relay_tui.userdirs import user_cache_dir

        cache_dir = user_cache_dir()
    return cache_dir / "holidays" / f"{country}.txt"


def _read_cache(path: Path, version: str) -> dict[int, frozenset[date]]:
    """The years of a cache file written for `version` ({} when there is none, it is
    damaged, or it was written for another version)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    if not lines or lines[0] != f"{CACHE_FORMAT} holidays={version}":
        return {}
    years: dict[int, frozenset[date]] = {}
    try:
        for line in lines[1:]:
            year, *days = line.split()
            years[int(year)] = frozenset(date.fromisoformat(day) for day in days)
    except ValueError:
        return {}
    return years


def _write_cache(path: Path, version: str, years: Mapping[int, frozenset[date]]) -> None:
    """Write the cache file whole (another file renamed over it); a cache that cannot be
    written only costs the next start the package's import."""
    lines = [f"{CACHE_FORMAT} holidays={version}"]
    for year in sorted(years):
        lines.append(" ".join([str(year), *(day.isoformat() for day in sorted(years[year]))]))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        from contextlib import suppress

        with suppress(OSError):
            tmp.unlink(missing_ok=True)


def _compute(country: str, years: Iterable[int]) -> dict[int, frozenset[date]]:
    """Ask the `holidays` package (imported here only): {year: its holidays}."""
    import holidays

    wanted = sorted(years)
    code, _, subdivision = country.partition("-")
    try:
        found = holidays.country_holidays(code, subdiv=subdivision or None, years=wanted)
        days = list(found)
    except NotImplementedError as exc:  # the package's answer to an unknown code
        raise UnknownCountry(country) from exc
    return {year: frozenset(d for d in days if d.year == year) for year in wanted}


def public_holidays(
    country: str, years: Iterable[int], cache_dir: Path | None = None
) -> dict[int, frozenset[date]]:
    """The public holidays of `country` (`FR`, `DE-BY`) in each of `years`, from the
    cache file, computed with the `holidays` package for the years it lacks (and saved).
    Raises `UnknownCountry` for a code the package does not know."""
    wanted = sorted({y for y in years if 1 <= y <= _LAST_YEAR})
    if not wanted:
        return {}
    version = holidays_version()
    path = cache_file(country, cache_dir)
    stored = _read_cache(path, version)
    missing = [y for y in wanted if y not in stored]
    if missing:
        span = range(min(missing), min(max(missing) + _SPAN, _LAST_YEAR) + 1)
        stored.update(_compute(country, [y for y in span if y not in stored]))
        _write_cache(path, version, stored)
    return {y: stored[y] for y in wanted}


def holiday_country(
    setting: str, environ: Mapping[str, str] | None = None, language: str | None = None
) -> tuple[str | None, bool]:
    """Whose public holidays count, and whether the user named it: the `country` setting
    (`none`: no country), else the locale's country, else France when the app speaks
    French, else none."""
    if setting == "none":
        return None, True
    if setting:
        return setting, True
    territory = locale_territory(environ)
    if territory:
        return territory, False
    if (language or app_language()) == "fr":
        return "FR", False
    return None, False


class ClosedDays:
    """Whether a day is closed: a weekend, a public holiday of `country`, or in one of the
    user's closed `periods` (first and last day included). A predicate for
    `relay_tui.domain.chase`; the holidays of a year are read the first time it is asked."""

    __slots__ = ("cache_dir", "country", "named", "periods", "problem")

    def __init__(
        self,
        country: str | None = None,
        periods: Iterable[tuple[date, date]] = (),
        *,
        named: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        self.country = country
        self.periods = tuple(sorted(periods))
        self.named = named  # the user chose the country (an unknown one is then reported)
        self.cache_dir = cache_dir
        self.problem = ""

    def __call__(self, day: date) -> bool:
        if day.weekday() >= 5:
            return True
        for start, end in self.periods:
            if start <= day <= end:
                return True
        return day in self.holidays(day.year)

    def holidays(self, year: int) -> frozenset[date]:
        """The public holidays of `year` (none without a country, or an unknown one)."""
        country = self.country
        if country is None or country in _unknown:
            return frozenset()
        known = _known.setdefault(country, {})
        found = known.get(year)
        if found is None:
            try:
                known.update(public_holidays(country, [year], self.cache_dir))
            except UnknownCountry as exc:
                _unknown.add(country)
                if self.named:
                    self.problem = str(exc)
                return frozenset()
            found = known.get(year, frozenset())
        return found

    def check(self, today: date) -> str:
        """Read this year's holidays now, and say what is wrong with the country, if
        anything ("" when all is well)."""
        self.holidays(today.year)
        if self.named and self.country in _unknown:
            self.problem = str(UnknownCountry(self.country or ""))
        return self.problem

    def __repr__(self) -> str:
        return f"ClosedDays(country={self.country!r}, periods={self.periods!r})"


def for_settings(
    settings: Settings,
    environ: Mapping[str, str] | None = None,
    cache_dir: Path | None = None,
) -> ClosedDays:
    """The closed days the settings name (`country`, `closed_days`), one object per
    distinct answer (its holidays are read once)."""
    country, named = holiday_country(settings.country, environ)
    key = (country, named, settings.closed_days, cache_dir)
    found = _for_settings.get(key)
    if found is None:
        found = _for_settings[key] = ClosedDays(
            country, settings.closed_days, named=named, cache_dir=cache_dir
        )
    return found


def forget() -> None:
    """Forget what was read (tests; a long-running process after a package upgrade)."""
    global _version
    _version = None
    _known.clear()
    _unknown.clear()
    _for_settings.clear()
