"""`pmcode import`: other tools' files into the portfolio (MS Project XML)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pmcode.errors import FindingsError
from pmcode.render.diagnostics import render_text
from pmcode.text import plural, printable


@click.group(name="import")
def import_() -> None:
    """Bring a plan from another tool into the portfolio."""


@import_.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--into",
    "target",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="ROOT/NAME",
    help="Project folder to create: NAME becomes the project id, its parent is the portfolio root.",
)
@click.option("--replace", is_flag=True, help="Overwrite an existing project.yaml in that folder.")
def mspdi(file: Path, target: Path, replace: bool) -> None:
    """Import an MS Project XML file (File > Save As > XML in MS Project).

    Writes ROOT/NAME/project.yaml (tasks, summaries, milestones, durations, links, constraints, assignments)
    and adds the file's calendars and resources to ROOT/calendars.yaml and ROOT/people.yaml, keeping every entry
    already there (a clash gets a new id, reported). Whatever pmcode cannot express (manual scheduling, task
    calendars, some constraints, splits...) is reported at its line in the XML. The portfolio is validated
    afterwards. Exit status: 0 imported (warnings allowed), 1 unreadable file or errors in the result, 2 usage
    error.
    """
    from pmcode.mspdi.importer import import_mspdi
    from pmcode.validate import validate_root

    result = import_mspdi(file, target, replace=replace)
    sys.stdout.write(render_text(result.findings))
    if result.failed:
        raise FindingsError(f"{printable(file.as_posix())} was not imported")
    validation = validate_root(target.parent)
    sys.stdout.write(render_text(validation.diagnostics))
    written = ", ".join(printable(path.as_posix()) for path in result.written)
    summary = (
        f"imported {plural(len(result.task_paths), 'task')} into {printable(target.as_posix())} ({written}); "
        f"{plural(len(result.findings), 'finding')}"
    )
    click.echo(summary, err=True)
    if validation.errors:
        raise FindingsError(f"{validation.errors} errors in the portfolio after the import")
