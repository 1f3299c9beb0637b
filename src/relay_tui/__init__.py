"""relay: run the whole client relationship of a project from the terminal.

This module stays import-free: the command line's fast paths import it.
"""

__version__ = "0.1.0"
