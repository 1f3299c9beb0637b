"""Reusable widgets and renderers."""
