"""`pmcode new project`: add a project skeleton that validates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import click

from pmcode.cli.options import DEFAULT_ROOT
from pmcode.text import printable


@click.group()
def new() -> None:
    """Add something new to the portfolio."""


def next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7)


@new.command("project")
@click.argument("project_id", metavar="ID")
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEFAULT_ROOT,
    show_default=True,
    help="The portfolio root to add the project to.",
)
@click.option("--name", metavar="NAME", help="The project's name (default: from the id, e.g. 'Crm rollout').")
@click.option(
    "--start", type=click.DateTime(["%Y-%m-%d"]), help="The day the project starts (default: the next Monday)."
)
def project(project_id: str, root: Path, name: str | None, start: datetime | None) -> None:
    """Add the project ID to the portfolio: ROOT/ID/project.yaml (a kick-off, one task to replace and a
    completion milestone) and budget.yaml (a labor line). The id is the folder name: lower-case letters, digits,
    '-' and '_'. An existing project is never touched.

    Exit status: 0 written, 2 an invalid or existing id, or no such root.
    """
    from pmcode.scaffold import new_project

    first_day = start.date() if start else next_monday(date.today())
    made = new_project(root, project_id, start=first_day, name=name)
    for path in made.files:
        click.echo(f"wrote {printable(path.as_posix())}", err=True)
