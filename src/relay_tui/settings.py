"""User settings: a small TOML file in the platformdirs config directory.

Keys: `theme`, `chase_delay_days`, `margin_days`, `user`, and how many automatic backups
of a SQLite store are kept: `backups_daily` (the newest, one a day) and `backups_weekly`
(one a week before those; see `relay_tui.backups`). Then the language and the calendar:

- `language`: the app's language, one of `relay_tui.i18n.LANGUAGES` ("": from the
  environment, `relay_tui.i18n.choose`);
- `country`: the ISO 3166 code whose public holidays are closed days (`FR`, or with a
  subdivision `FR-57`); "": the locale's country (`i18n.locale_territory`), else `FR`
  when the app speaks French, else none; `none`: no public holidays
  (`relay_tui.closed_days`);
- `closed_days`: the user's own closed days, a list of dates and ranges:
  `["2026-12-24", "2026-08-03..2026-08-14"]`.

Then where relay reaches the user outside the app (docs/integrations.md):

- `calendar_file`: an `.ics` file relay rewrites after every change to alarm bells ("":
  none), for a calendar that subscribes to it;
- `my_addresses`: the user's own e-mail addresses (a mail from one of them is outbound,
  `relay capture --mail`);
- `remind_at`: the times of day, "HH:MM", at which the scheduled `relay remind --notify`
  runs on working days (`relay remind --install`).

Working days (the chase clock) skip weekends, public holidays and closed days. Unknown
keys are kept out; a damaged file falls back to the defaults and says so (never a crash);
a bad value falls back to its default and is named in `problem`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from relay_tui.files import make_private_dirs
from relay_tui.i18n import LANGUAGES, tr
from relay_tui.vocab import CHASE_DELAY_DEFAULT, CHASE_DELAY_MAX, MARGIN_MAX_DAYS

ENV_VAR = "RELAY_CONFIG"
DEFAULT_THEME = "textual-dark"
#: Automatic backups kept: the newest days, and the weeks before them (`relay_tui.backups`).
BACKUPS_DAILY_DEFAULT = 7
BACKUPS_WEEKLY_DEFAULT = 4
#: Today's backup is always kept (it is how relay knows the day's backup is done).
BACKUPS_DAILY_RANGE = (1, 366)
BACKUPS_WEEKLY_RANGE = (0, 520)
#: The `country` that names no public holidays.
NO_COUNTRY = "none"
#: How a range of closed days is written: first..last, both included.
RANGE_MARK = ".."

#: When the scheduled reminder runs, by default (`remind_at`).
REMIND_AT_DEFAULT = ("09:00", "14:00")

#: A closed period: its first and last day (the same day for a single date).
ClosedRange = tuple[date, date]


class Settings:
    """The settings, read-only. A plain class rather than a dataclass: `relay capture`
    reads them, and importing `dataclasses` (with `inspect`) costs it a sixth of its time."""

    #: The keys written to the file, in order (`problem` is not one).
    KEYS = (
        "theme",
        "chase_delay_days",
        "margin_days",
        "user",
        "backups_daily",
        "backups_weekly",
        "language",
        "country",
        "closed_days",
        "calendar_file",
        "my_addresses",
        "remind_at",
    )
    __slots__ = (*KEYS, "_problem")

    theme: str
    chase_delay_days: int
    margin_days: int
    user: str
    backups_daily: int
    backups_weekly: int
    language: str  # "" or one of i18n.LANGUAGES
    country: str  # "", "none" or an ISO 3166 code (`FR`, `FR-57`)
    closed_days: tuple[ClosedRange, ...]  # the user's own closed periods, in order
    calendar_file: str  # "" or the .ics file kept current (as written: `~` not expanded)
    my_addresses: tuple[str, ...]  # the user's own e-mail addresses, in lower case
    remind_at: tuple[str, ...]  # "HH:MM" times of the scheduled reminder, in order
    _problem: tuple[str, ...]  # why the file could not be read: (kind, path, detail)

    def __init__(
        self,
        theme: str = DEFAULT_THEME,
        chase_delay_days: int = CHASE_DELAY_DEFAULT,
        margin_days: int = 2,
        user: str = "",
        problem: str | tuple[str, ...] = "",
        backups_daily: int = BACKUPS_DAILY_DEFAULT,
        backups_weekly: int = BACKUPS_WEEKLY_DEFAULT,
        language: str = "",
        country: str = "",
        closed_days: tuple[ClosedRange, ...] = (),
        calendar_file: str = "",
        my_addresses: tuple[str, ...] = (),
        remind_at: tuple[str, ...] = REMIND_AT_DEFAULT,
    ) -> None:
        values = {
            "theme": theme,
            "chase_delay_days": chase_delay_days,
            "margin_days": margin_days,
            "user": user,
            "backups_daily": backups_daily,
            "backups_weekly": backups_weekly,
            "language": language,
            "country": country,
            "closed_days": tuple(closed_days),
            "calendar_file": calendar_file,
            "my_addresses": tuple(my_addresses),
            "remind_at": tuple(remind_at),
            "_problem": (problem,) if isinstance(problem, str) and problem else problem or (),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Settings are read-only: use with_theme() or build new ones ({name})")

    @property
    def problem(self) -> str:
        """Why the file could not be read, in the app's language (it is chosen after the
        settings are read), or ""."""
        return _problem_text(self._problem)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in (*self.KEYS, "problem"))
        return f"Settings({fields})"

    def with_theme(self, theme: str) -> Settings:
        return self.with_values(theme=theme)

    def with_values(self, **changes: object) -> Settings:
        """These settings with `changes` (keys of `KEYS`) made."""
        values = {name: getattr(self, name) for name in self.KEYS}
        return Settings(**{**values, **changes, "problem": self._problem})  # type: ignore[arg-type]


def _problem_text(problem: tuple[str, ...]) -> str:
    if not problem:
        return ""
    if len(problem) == 1:  # given as text
        return problem[0]
    kind, path, detail = problem
    if kind == "unreadable":
        return tr("{path} could not be read ({error}); using the defaults", path=path, error=detail)
    return tr("{path}: ignored bad values for {keys}", path=path, keys=detail)


def settings_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        try:
            return Path(override).expanduser()
        except RuntimeError:  # `~name` of a user that does not exist: taken literally
            return Path(override)
    from relay_tui.userdirs import user_config_dir

    return user_config_dir() / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(problem=("unreadable", str(path), str(exc)))
    import tomllib  # only when there is a file: `relay capture` reads the settings

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(problem=("unreadable", str(path), str(exc)))
    defaults = Settings()
    theme = raw.get("theme", defaults.theme)
    chase = raw.get("chase_delay_days", defaults.chase_delay_days)
    margin = raw.get("margin_days", defaults.margin_days)
    user = raw.get("user", defaults.user)
    daily = raw.get("backups_daily", defaults.backups_daily)
    weekly = raw.get("backups_weekly", defaults.backups_weekly)
    problems = []
    if not isinstance(theme, str) or not theme:
        problems.append("theme")
        theme = defaults.theme
    if not isinstance(chase, int) or not 1 <= chase <= CHASE_DELAY_MAX:
        problems.append("chase_delay_days")
        chase = defaults.chase_delay_days
    if not isinstance(margin, int) or not 0 <= margin <= MARGIN_MAX_DAYS:
        problems.append("margin_days")
        margin = defaults.margin_days
    if not isinstance(user, str):
        problems.append("user")
        user = defaults.user
    if not _count_in(daily, BACKUPS_DAILY_RANGE):
        problems.append("backups_daily")
        daily = defaults.backups_daily
    if not _count_in(weekly, BACKUPS_WEEKLY_RANGE):
        problems.append("backups_weekly")
        weekly = defaults.backups_weekly
    language = _language(raw.get("language", ""))
    if language is None:
        problems.append("language")
        language = defaults.language
    country = _country(raw.get("country", ""))
    if country is None:
        problems.append("country")
        country = defaults.country
    closed, all_good = _closed_days(raw.get("closed_days", []))
    if not all_good:
        problems.append("closed_days")
    calendar_file = raw.get("calendar_file", defaults.calendar_file)
    if not isinstance(calendar_file, str) or "\0" in calendar_file:
        problems.append("calendar_file")
        calendar_file = defaults.calendar_file
    addresses = _addresses(raw.get("my_addresses", []))
    if addresses is None:
        problems.append("my_addresses")
        addresses = defaults.my_addresses
    remind_at = _times(raw.get("remind_at", list(defaults.remind_at)))
    if remind_at is None:
        problems.append("remind_at")
        remind_at = defaults.remind_at
    return Settings(
        theme=theme,
        chase_delay_days=chase,
        margin_days=margin,
        user=user,
        problem=("bad", str(path), ", ".join(problems)) if problems else (),
        backups_daily=daily,
        backups_weekly=weekly,
        language=language,
        country=country,
        closed_days=closed,
        calendar_file=calendar_file.strip(),
        my_addresses=addresses,
        remind_at=remind_at,
    )


def _addresses(value: object) -> tuple[str, ...] | None:
    """A list of e-mail addresses, in lower case and without repeats; None when it is
    not a list of addresses (each with one `@` and no space)."""
    if isinstance(value, str):
        value = [value]  # one address written alone
    if not isinstance(value, list):
        return None
    found: list[str] = []
    for item in value:
        if not isinstance(item, str):
            return None
        address = item.strip().lower()
        local, at, domain = address.partition("@")
        if not (local and at and domain) or "@" in domain or any(c.isspace() for c in address):
            return None
        if address not in found:
            found.append(address)
    return tuple(found)


def _times(value: object) -> tuple[str, ...] | None:
    """A list of times of day as "HH:MM", in order and without repeats; None when it is
    not a list of such times."""
    if not isinstance(value, list):
        return None
    found: set[str] = set()
    for item in value:
        hours, colon, minutes = (
            item.strip().partition(":") if isinstance(item, str) else ("", "", "")
        )
        if not (colon and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
            return None
        if not (int(hours) < 24 and int(minutes) < 60):
            return None
        found.add(f"{int(hours):02d}:{minutes}")
    return tuple(sorted(found))


def _count_in(value: object, bounds: tuple[int, int]) -> bool:
    low, high = bounds
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _language(value: object) -> str | None:
    """Empty, or a language relay speaks (in lower case); None when it is neither."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower()
    return code if not code or code in LANGUAGES else None


def _country(value: object) -> str | None:
    """Empty, `none`, or an ISO 3166 code with an optional subdivision (`FR`, `fr` →
    `FR`, `DE-BY`, `FR-57`); None when it is none of these. Whether relay knows the country's
    holidays is only found when they are first needed (`relay_tui.closed_days`)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or text.lower() == NO_COUNTRY:
        return text.lower()
    code, dash, subdivision = text.partition("-")
    if not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3):
        return None
    if dash and not (
        subdivision.isascii() and 1 <= len(subdivision) <= 20 and subdivision.isalnum()
    ):
        return None
    return code.upper() + dash + subdivision


def parse_closed(value: str) -> ClosedRange | None:
    """`2026-12-24` or `2026-08-03..2026-08-14` (first and last included) as its first
    and last day; None when it is neither, or the range ends before it starts."""
    first, mark, last = value.strip().partition(RANGE_MARK)
    try:
        start = date.fromisoformat(first.strip())
        end = date.fromisoformat(last.strip()) if mark else start
    except ValueError:
        return None
    return (start, end) if start <= end else None


def closed_text(period: ClosedRange) -> str:
    """A closed period as the settings file writes it."""
    start, end = period
    return start.isoformat() if start == end else f"{start}{RANGE_MARK}{end}"


def _closed_days(value: object) -> tuple[tuple[ClosedRange, ...], bool]:
    """The closed periods of a `closed_days` list, in order, and whether all were good
    (an entry that is not a date or a range is left out)."""
    if not isinstance(value, list):
        return (), False
    periods = [parse_closed(item) if isinstance(item, str) else None for item in value]
    good = tuple(sorted(p for p in periods if p is not None))
    return good, len(good) == len(periods)


def _stored(settings: Settings, key: str) -> object:
    """A setting as the file holds it (closed periods as their text)."""
    value = getattr(settings, key)
    if key == "closed_days":
        return [closed_text(period) for period in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write `settings` to the file. A file the user wrote is kept as written: its
    comments, order and layout stay, only the values that changed are rewritten, and a
    key it leaves out is added only when its value is not the default (tomlkit). A new
    file, or one that is not valid TOML (which relay then told the user about), is
    written whole. The file is replaced at once (written beside it, then moved)."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    path = path or settings_path()
    make_private_dirs(path.parent)
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, TOMLKitError):
        document = None
    if document is None:
        document = tomlkit.document()
        document.add(tomlkit.comment("relay settings"))
        document.add(tomlkit.nl())
        for key in Settings.KEYS:
            document[key] = _stored(settings, key)
    else:
        defaults = Settings()
        for key in Settings.KEYS:
            wanted = _stored(settings, key)
            held = document.get(key)
            if held is not None and _same(key, _plain(held), settings):
                continue  # as written, comments and all
            if held is None and wanted == _stored(defaults, key):
                continue  # left out, and the default still holds
            document[key] = wanted
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(tomlkit.dumps(document))
    os.replace(tmp, path)
    return path


def _same(key: str, held: object, settings: Settings) -> bool:
    """Whether the file's value of `key` already says what `settings` holds (closed
    periods in any order and either spelling of a day)."""
    if key == "closed_days":
        periods, good = _closed_days(held)
        return good and periods == settings.closed_days
    if key == "my_addresses":
        return _addresses(held) == settings.my_addresses
    if key == "remind_at":
        return _times(held) == settings.remind_at
    return held == getattr(settings, key)


def _plain(value: object) -> object:
    """A tomlkit item as plain Python (`unwrap`), to compare with a setting."""
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value
