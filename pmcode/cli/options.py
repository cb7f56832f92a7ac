"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_ROOT = "projects"


def root_argument(function: click.decorators.FC) -> click.decorators.FC:
    return click.argument(
        "root",
        required=False,
        default=DEFAULT_ROOT,
        type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path),
    )(function)
