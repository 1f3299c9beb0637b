"""The `relay` program: the console script and `python -m relay_tui` start here.

The first thing done is to make Ctrl+C during start-up end relay with one line, never a
traceback (`interrupts.quiet_during_start_up`); `cli.main` then takes over and says what
an interrupted command had saved. The package's `__init__` imports nothing, so this runs
within the first milliseconds of the program.

The language relay speaks (`--lang`, RELAY_LANG, the `language` setting, the locale) is
made the app's by `cli.main` first thing (`cli.choose_language`, which calls
`i18n.use`): before anything is printed, before argparse reads the arguments, and
before the app and its screens are imported. It is there rather than here so that every
way in (`relay`, `python -m relay_tui`, the tests' `main([...])`) chooses it alike.
"""

import sys

from relay_tui.interrupts import ignored, quiet_during_start_up

quiet_during_start_up()


def run() -> int:
    from relay_tui.cli import main

    try:
        status = main()
    except KeyboardInterrupt:  # pressed as main returned: what it had saved still holds
        from relay_tui.interrupts import interrupted_message

        print(interrupted_message(), file=sys.stderr)
        status = 130
    # Past this point the command has said what it did: Ctrl+C while the interpreter
    # winds down changes nothing.
    ignored()
    return status
