"""`pmcode validate`: schema and plan rules, every finding as `file:line:col`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.render.diagnostics import RENDERERS
from pmcode.text import plural
from pmcode.validate import validate_root


@click.command()
@root_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(RENDERERS)),
    default="text",
    show_default=True,
    help="text: `file:line:col: severity CODE message`; json: a list of objects; github: workflow annotations.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
def validate(root: Path, output_format: str, strict: bool) -> None:
    """Check every file under ROOT against its schema and the plan rules.

    Exit status: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage error.
    """
    result = validate_root(root)
    sys.stdout.write(RENDERERS[output_format](result.diagnostics))
    files = len(result.portfolio.projects)
    summary = f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')} ({plural(files, 'project')})"
    click.echo(("failed: " if result.failed(strict=strict) else "ok: ") + summary, err=True)
    sys.exit(1 if result.failed(strict=strict) else 0)
