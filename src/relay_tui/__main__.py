"""`python -m relay_tui` is the same as the `relay` command."""

from relay_tui.cli import main

raise SystemExit(main())
