"""Use cases shared by the command line and the app.

Each validates its input (`relay_tui.schemas`), loads what it needs, calls the pure rules
of `relay_tui.domain` and writes in one transaction, returning what was written.
"""
