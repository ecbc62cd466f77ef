"""Errors a pack may raise to end a run as a usage or settings error (exit 2, one line)."""

from __future__ import annotations


class SettingsError(Exception):
    """Bad settings or usage: the command line prints the message and exits 2."""
