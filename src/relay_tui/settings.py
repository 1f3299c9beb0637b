"""User settings: a small TOML file in the platformdirs config directory.

Keys: `theme`, `chase_delay_days`, `margin_days`, `user`. Unknown keys are kept out;
a damaged file falls back to the defaults and says so (never a crash).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from relay_tui.db import make_private_dirs
from relay_tui.vocab import CHASE_DELAY_DEFAULT, CHASE_DELAY_MAX, MARGIN_MAX_DAYS

ENV_VAR = "RELAY_CONFIG"
DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True)
class Settings:
    theme: str = DEFAULT_THEME
    chase_delay_days: int = CHASE_DELAY_DEFAULT
    margin_days: int = 2
    user: str = ""
    problem: str = ""  # why the file could not be read, if it could not

    def with_theme(self, theme: str) -> Settings:
        return replace(self, theme=theme)


def settings_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        try:
            return Path(override).expanduser()
        except RuntimeError:  # `~name` of a user that does not exist: taken literally
            return Path(override)
    from platformdirs import user_config_path

    return user_config_path("relay", appauthor=False) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(problem=f"{path} could not be read ({exc}); using the defaults")
    defaults = Settings()
    theme = raw.get("theme", defaults.theme)
    chase = raw.get("chase_delay_days", defaults.chase_delay_days)
    margin = raw.get("margin_days", defaults.margin_days)
    user = raw.get("user", defaults.user)
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
    problem = f"{path}: ignored bad values for {', '.join(problems)}" if problems else ""
    return Settings(
        theme=theme, chase_delay_days=chase, margin_days=margin, user=user, problem=problem
    )


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    make_private_dirs(path.parent)
    lines = ["# relay settings", ""]
    for key, value in asdict(settings).items():
        if key == "problem":
            continue
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
