"""`pmcode export`: a project and its schedule in another tool's format (MS Project XML)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.cli.options import root_argument
from pmcode.errors import FindingsError, PmcodeError
from pmcode.render.diagnostics import render_text
from pmcode.text import did_you_mean, printable


@click.group()
def export() -> None:
    """Write a project for another tool."""


@export.command()
@root_argument
@click.option("--project", "project_id", metavar="ID", help="The project to export (needed when there are several).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .xml file to write (replaced as a whole).",
)
@click.option("--no-level", is_flag=True, help="Export the critical-path dates, without resource leveling.")
def mspdi(root: Path, project_id: str | None, output: Path, no_level: bool) -> None:
    """Export one project of ROOT, scheduled, as MS Project XML (MSPDI).

    MS Project opens it with File > Open; MPXJ-based tools read it too. It holds the project calendar and the
    calendars of the people on the project (holidays and leave as exceptions), the tasks with their outline,
    durations, links, lags, constraints and scheduled dates, the people as resources and their assignments.
    Links to other projects cannot be expressed: the task keeps its scheduled start as a start-no-earlier-than
    date instead (reported). Exit status: 0 written, 1 errors in the plan, 2 usage error.
    """
    from pmcode.atomic import write_atomic
    from pmcode.mspdi.exporter import export_mspdi
    from pmcode.schedule import schedule_portfolio
    from pmcode.validate import validate_root

    result = validate_root(root)
    if result.errors:
        sys.stdout.write(render_text(result.diagnostics))
        raise FindingsError(f"{result.errors} errors in the plan; fix them to export it")
    projects = sorted(result.portfolio.projects)
    if project_id is None:
        if len(projects) != 1:
            raise PmcodeError(f"{len(projects)} projects under {root}: choose one with --project")
        project_id = projects[0]
    if project_id not in result.portfolio.projects:
        raise PmcodeError(f"no project '{printable(project_id)}' under {root}{did_you_mean(project_id, projects)}")
    plan = schedule_portfolio(result.portfolio, level=not no_level, track=False)  # the plan: progress is not exported
    data, findings = export_mspdi(result.portfolio, plan, project_id)
    write_atomic(output, data)
    sys.stderr.write(render_text(findings))
    click.echo(f"exported '{project_id}' to {printable(output.as_posix())}", err=True)
