"""User settings: a small TOML file in the platformdirs config directory.

Keys: `theme`, `chase_delay_days`, `margin_days`, `user`, and how many automatic backups
of a SQLite store are kept: `backups_daily` (the newest, one a day) and `backups_weekly`
(one a week before those; see `relay_tui.backups`). Unknown keys are kept out; a damaged
file falls back to the defaults and says so (never a crash).
"""

from __future__ import annotations

import os
from pathlib import Path

from relay_tui.files import make_private_dirs
from relay_tui.vocab import CHASE_DELAY_DEFAULT, CHASE_DELAY_MAX, MARGIN_MAX_DAYS

ENV_VAR = "RELAY_CONFIG"
DEFAULT_THEME = "textual-dark"
#: Automatic backups kept: the newest days, and the weeks before them (`relay_tui.backups`).
BACKUPS_DAILY_DEFAULT = 7
BACKUPS_WEEKLY_DEFAULT = 4
#: Today's backup is always kept (it is how relay knows the day's backup is done).
BACKUPS_DAILY_RANGE = (1, 366)
BACKUPS_WEEKLY_RANGE = (0, 520)


class Settings:
    """The settings, read-only. A plain class rather than a dataclass: `relay capture`
    reads them, and importing `dataclasses` (with `inspect`) costs it a sixth of its time."""

    __slots__ = (
        "backups_daily",
        "backups_weekly",
        "chase_delay_days",
        "margin_days",
        "problem",
        "theme",
        "user",
    )
    #: The keys written to the file, in order (`problem` is not one).
    KEYS = ("theme", "chase_delay_days", "margin_days", "user", "backups_daily", "backups_weekly")

    theme: str
    chase_delay_days: int
    margin_days: int
    user: str
    backups_daily: int
    backups_weekly: int
    problem: str  # why the file could not be read, if it could not

    def __init__(
        self,
        theme: str = DEFAULT_THEME,
        chase_delay_days: int = CHASE_DELAY_DEFAULT,
        margin_days: int = 2,
        user: str = "",
        problem: str = "",
        backups_daily: int = BACKUPS_DAILY_DEFAULT,
        backups_weekly: int = BACKUPS_WEEKLY_DEFAULT,
    ) -> None:
        for name, value in zip(
            self.__slots__,
            (backups_daily, backups_weekly, chase_delay_days, margin_days, problem, theme, user),
            strict=True,
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Settings are read-only: use with_theme() or build new ones ({name})")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Settings({fields})"

    def with_theme(self, theme: str) -> Settings:
        return Settings(
            theme,
            self.chase_delay_days,
            self.margin_days,
            self.user,
            self.problem,
            self.backups_daily,
            self.backups_weekly,
        )


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
        return Settings(problem=f"{path} could not be read ({exc}); using the defaults")
    import tomllib  # only when there is a file: `relay capture` reads the settings

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(problem=f"{path} could not be read ({exc}); using the defaults")
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
    problem = f"{path}: ignored bad values for {', '.join(problems)}" if problems else ""
    return Settings(
        theme=theme,
        chase_delay_days=chase,
        margin_days=margin,
        user=user,
        problem=problem,
        backups_daily=daily,
        backups_weekly=weekly,
    )


def _count_in(value: object, bounds: tuple[int, int]) -> bool:
    low, high = bounds
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    make_private_dirs(path.parent)
    lines = ["# relay settings", ""]
    for key in Settings.KEYS:
        value = getattr(settings, key)
        if isinstance(value, str):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{escaped}"')
        else:
            lines.append(f"{key} = {value}")
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.replace(tmp, path)
    return path
