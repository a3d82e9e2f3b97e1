"""The command line's one error type, in a module light enough to import at start-up."""

from __future__ import annotations


class UsageError(Exception):
    """Bad input on the command line: printed as one line, exit code 2."""
