"""`python -m relay_tui` is the same as the `relay` command."""

from relay_tui.start import run

raise SystemExit(run())
