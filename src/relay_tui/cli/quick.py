"""A tiny argument reader for the plain forms of `relay capture`.

Importing argparse (with `re` and `enum` behind it) costs about a third of the time a
capture may take, so the common, well-formed invocations are read here. Anything else —
help, an unknown or repeated option, a missing value — returns None and goes through the
full argparse parser, which gives the usual messages: the two always agree on meaning.
"""

from __future__ import annotations

from types import SimpleNamespace

_VALUED = {
    "-p": "project",
    "--project": "project",
    "-c": "channel",
    "--channel": "channel",
    "--at": "at",
}


#: The global options that take a value (`--lang` is also read by `lang_option`).
_GLOBAL_VALUED = {"--db": "db", "--lang": "lang"}


def lang_option(argv: list[str]) -> str | None:
    """The value of `--lang` among the global options (before the command), or None.

    Read before anything else, argparse included: its help and its messages are in the
    language chosen. Like argparse, it takes `--lang X`, `--lang=X` and a shortened
    `--la X`; the last one given wins."""
    found: str | None = None
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--" or not token.startswith("-") or token == "-":
            break  # the command: what follows is its own
        name, equals, inline = token.partition("=")
        takes_value = name == "--db" or (len(name) > 2 and "--lang".startswith(name))
        if takes_value and not equals:
            if index + 1 >= len(argv):
                break
            inline = argv[index + 1]
            index += 1
        if takes_value and name != "--db":
            found = inline
        index += 1
    return found


def _globals(argv: list[str], command: str) -> tuple[dict[str, object], int] | None:
    """The global options before `command` (`--db`, `--lang`; `--demo` is never one
    here) and where `command` is; None when something else comes first, or `command` is
    not there."""
    globals_seen: dict[str, str] = {}
    index = 0
    while index < len(argv) and argv[index] != command:
        token = argv[index]
        name, equals, inline = token.partition("=")
        key = _GLOBAL_VALUED.get(name)
        if key is None or key in globals_seen:
            return None
        if equals:
            globals_seen[key] = inline
            index += 1
        elif index + 1 < len(argv):
            globals_seen[key] = argv[index + 1]
            index += 2
        else:
            return None
    if index >= len(argv):
        return None
    return {"db": globals_seen.get("db"), "lang": globals_seen.get("lang"), "demo": False}, index


def read_remind(argv: list[str]) -> SimpleNamespace | None:
    """`relay remind` with `--format`, `--notify` and `--today` only (what a status bar
    and a timer run); anything else goes through argparse."""
    from relay_tui.domain.remind import FORMATS

    found = _globals(argv, "remind")
    if found is None:
        return None
    values, index = found
    values |= {
        "format": "plain",
        "notify": False,
        "today": None,
        "install": False,
        "uninstall": False,
    }
    seen: set[str] = set()
    rest = argv[index + 1 :]
    position = 0
    while position < len(rest):
        token = rest[position]
        position += 1
        name, equals, inline = token.partition("=")
        if name in ("--format", "--today"):
            if not equals:
                if position >= len(rest):
                    return None
                inline = rest[position]
                position += 1
            key = name[2:]
            if key in seen or (key == "format" and inline not in FORMATS):
                return None
            values[key] = inline
        elif token == "--notify":
            key = "notify"
            if key in seen:
                return None
            values[key] = True
        else:
            return None
        seen.add(key)
    return SimpleNamespace(**values)


def read_capture(argv: list[str]) -> SimpleNamespace | None:
    found = _globals(argv, "capture")
    if found is None:
        return None
    values, index = found
    values |= {
        "project": None,
        "channel": None,
        "at": None,
        "direction": None,
        "awaiting": False,
        "text": None,
    }
    seen: set[str] = set()
    rest = argv[index + 1 :]
    position = 0
    only_positional = False
    while position < len(rest):
        token = rest[position]
        position += 1
        if only_positional or not token.startswith("-") or token == "-":
            if values["text"] is not None:
                return None
            values["text"] = token
            continue
        if token == "--":
            only_positional = True
            continue
        name, equals, inline = token.partition("=")
        if name in _VALUED:
            key = _VALUED[name]
            if equals:
                if not name.startswith("--"):
                    return None
                value = inline
            else:
                if position >= len(rest):
                    return None
                value = rest[position]
                position += 1
            if key in seen:
                return None
            seen.add(key)
            values[key] = value
        elif token in ("--in", "--out") and not equals:
            if "direction" in seen:
                return None
            seen.add("direction")
            values["direction"] = token[2:]
        elif token == "--awaiting":
            if "awaiting" in seen:
                return None
            seen.add("awaiting")
            values["awaiting"] = True
        else:
            return None
    if values["text"] is None:
        return None
    return SimpleNamespace(**values)
