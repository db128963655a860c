"""Exceptions for problems of setup (no repo found, a bad option), never for the user's files."""

from __future__ import annotations


class SetupError(Exception):
    """A problem of setup (no repo, bad option): the CLI prints it and exits `exit_code`
    (2; a subclass for bad input the CLI reports this way says 1)."""

    exit_code = 2

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params
