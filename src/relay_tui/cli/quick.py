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


def read_capture(argv: list[str]) -> SimpleNamespace | None:
    db: str | None = None
    index = 0
    while index < len(argv) and argv[index] != "capture":
        token = argv[index]
        if token == "--db" and index + 1 < len(argv):
            if db is not None:
                return None
            db = argv[index + 1]
            index += 2
        elif token.startswith("--db=") and db is None:
            db = token[5:]
            index += 1
        else:
            return None
    if index >= len(argv):
        return None
    values: dict[str, object] = {
        "db": db,
        "demo": False,
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
