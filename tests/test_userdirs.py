"""relay's default folders are platformdirs' user folders, found without importing it in
the common Linux case (`relay capture` is faster for it): both must always agree."""

from __future__ import annotations

import sys

import pytest
from platformdirs import user_config_path, user_data_path

from relay_tui import userdirs

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG on Linux")

CASES = {
    "home only": {"HOME": "/home/ann"},
    "home with a trailing slash": {"HOME": "/home/ann/"},
    "absolute XDG variables": {
        "HOME": "/home/ann",
        "XDG_CONFIG_HOME": "/srv/conf",
        "XDG_DATA_HOME": "/srv/data",
    },
    "empty XDG variables": {"HOME": "/home/ann", "XDG_CONFIG_HOME": "", "XDG_DATA_HOME": ""},
    "relative XDG variables": {
        "HOME": "/home/ann",
        "XDG_CONFIG_HOME": "conf",
        "XDG_DATA_HOME": "data",
    },
    "padded XDG variables": {
        "HOME": "/home/ann",
        "XDG_CONFIG_HOME": " /srv/conf ",
        "XDG_DATA_HOME": "/srv/data ",
    },
}


@linux_only
@pytest.mark.parametrize("env", CASES.values(), ids=CASES.keys())
def test_the_default_folders_are_platformdirs_folders(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    assert (userdirs.user_config_dir(), userdirs.user_data_dir()) == (
        user_config_path("relay", appauthor=False),
        user_data_path("relay", appauthor=False),
    )


@linux_only
def test_the_common_case_does_not_import_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/ann")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/data")
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # importing it would now fail

    assert str(userdirs.user_config_dir()) == "/home/ann/.config/relay"
    assert str(userdirs.user_data_dir()) == "/srv/data/relay"


CACHE_CASES = {
    "home only": {"HOME": "/home/ann"},
    "absolute XDG_CACHE_HOME": {"HOME": "/home/ann", "XDG_CACHE_HOME": "/srv/cache"},
    "empty XDG_CACHE_HOME": {"HOME": "/home/ann", "XDG_CACHE_HOME": ""},
    "relative XDG_CACHE_HOME": {"HOME": "/home/ann", "XDG_CACHE_HOME": "cache"},
    "padded XDG_CACHE_HOME": {"HOME": "/home/ann", "XDG_CACHE_HOME": " /srv/cache "},
}


@linux_only
@pytest.mark.parametrize("env", CACHE_CASES.values(), ids=CACHE_CASES.keys())
def test_the_cache_folder_is_platformdirs_folder(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_cache_path

    for name in ("HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    assert userdirs.user_cache_dir() == user_cache_path("relay", appauthor=False)
