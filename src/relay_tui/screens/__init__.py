"""Screens of the app: one per module, each with its styles in a .tcss file beside it."""
