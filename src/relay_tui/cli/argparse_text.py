"""argparse's own words in relay's language: "usage:", its section titles, the help of
-h, and its error messages ("the following arguments are required: …").

argparse looks its texts up with `gettext.gettext`, in gettext's default domain, for
the language of the locale's variables. Routing that lookup to relay's catalogue would
mean changing process-wide state (`gettext.textdomain`, and `LANGUAGE` in the
environment, which child processes inherit) and would still follow the locale rather
than `--lang`. So relay keeps gettext alone and translates at argparse's public edges,
in `cli.parser`:

- the help: `Parser` adds its own -h (`add_help=False`, then an `action="help"`
  argument) and `Formatter` gives the usage a translated prefix (`add_usage`'s `prefix`
  argument) and translates the titles of the sections (`start_section`);
- the errors: `Parser.error` receives argparse's message already formatted in English;
  `translated` recognises it among argparse's templates (below, those of Python 3.11 to
  3.13), takes the values back out of it and puts them in the translated template.
  A message it does not recognise stays as argparse wrote it.

The templates are argparse's msgids, marked with `N_` so that relay's catalogue holds
their translations; they keep argparse's `%` placeholders.
"""

from __future__ import annotations

import re

from relay_tui.i18n import DEFAULT, N_, language, tr

#: The titles and help argparse writes itself.
USAGE = N_("usage: ")
TITLES = (N_("positional arguments"), N_("options"), N_("subcommands"))
HELP = N_("show this help message and exit")

#: "argument -p/--project: <message>": the frame of most error messages.
ARGUMENT = N_("argument %(argument_name)s: %(message)s")

#: argparse's error messages a person can meet (not those of a badly built parser).
ERRORS = (
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)

_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sr]")
_patterns: dict[str, re.Pattern[str]] = {}


def _pattern(template: str) -> re.Pattern[str]:
    """`template` as a regular expression that gives back its values, by name (`%s`:
    `_0`, `_1`, …)."""
    found = _patterns.get(template)
    if found is None:
        parts: list[str] = []
        at = 0
        for index, match in enumerate(_PLACEHOLDER.finditer(template)):
            parts.append(re.escape(template[at : match.start()]))
            parts.append(f"(?P<{match[1] or f'_{index}'}>.*?)")
            at = match.end()
        parts.append(re.escape(template[at:]))
        found = _patterns[template] = re.compile("".join(parts), re.DOTALL)
    return found


def _fill(template: str, values: dict[str, str]) -> str:
    """The translated `template` with the values taken out of the English message (as
    they were written: `%r` is not applied twice)."""
    text = tr(template)
    positional = [values[key] for key in sorted(values) if key.startswith("_")]
    named = {key: value for key, value in values.items() if not key.startswith("_")}

    def value(match: re.Match[str]) -> str:
        if match[1]:
            return named.get(match[1], match[0])
        return positional.pop(0) if positional else match[0]

    return _PLACEHOLDER.sub(value, text)


def translated(message: str) -> str:
    """argparse's English `message` in the current language (unchanged in English, or
    when it is not one of argparse's)."""
    if language() == DEFAULT:
        return message
    return _translated(message)


def _translated(message: str) -> str:
    for template in ERRORS:
        match = _pattern(template).fullmatch(message)
        if match:
            return _fill(template, match.groupdict())
    match = _pattern(ARGUMENT).fullmatch(message)
    if match:
        return _fill(
            ARGUMENT,
            {
                "argument_name": match["argument_name"],
                "message": _translated(match["message"]),
            },
        )
    return message
