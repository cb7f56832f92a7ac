"""Errors that are the user interface: raised for situations a user can fix, shown as messages, never tracebacks."""

from __future__ import annotations

import click


class PmcodeError(click.ClickException):
    """A problem the user can act on (exit status 2: usage or environment, not findings in the plan)."""

    exit_code = 2


class FindingsError(PmcodeError):
    """The plan has findings that stop the command (exit status 1)."""

    exit_code = 1
