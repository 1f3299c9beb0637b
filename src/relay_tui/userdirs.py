"""Where relay keeps its files by default: platformdirs' user directories.

In the common Linux case (an absolute XDG variable, or none and an absolute HOME) the
answer is worked out here, the way platformdirs works it out, without importing it:
platformdirs imports `tempfile` and `shutil`, a sixth of the time of `relay capture`.
Anything else asks platformdirs. A test checks both agree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "relay"


def _plain_xdg(variable: str, default: str) -> Path | None:
    """`$variable/relay`, or `~/default/relay` without it; None when platformdirs must
    decide (another system, a relative or padded variable, no usable home)."""
    if not sys.platform.startswith("linux"):
        return None
    value = os.environ.get(variable, "")
    if value:
        plain = os.path.isabs(value) and value == value.strip()
        return Path(os.path.join(value, APP_NAME)) if plain else None
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return Path(os.path.join(os.path.expanduser(f"~/{default}"), APP_NAME))


def user_config_dir() -> Path:
    """platformdirs' `user_config_path("relay", appauthor=False)`."""
    found = _plain_xdg("XDG_CONFIG_HOME", ".config")
    if found is not None:
        return found
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def user_data_dir() -> Path:
    """platformdirs' `user_data_path("relay", appauthor=False)`."""
    found = _plain_xdg("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    """platformdirs' `user_cache_path("relay", appauthor=False)`: what relay can always
    compute again (the public holidays, `relay_tui.closed_days`)."""
    found = _plain_xdg("XDG_CACHE_HOME", ".cache")
    if found is not None:
        return found
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)
