"""`pmcode init`: start a new plan repository (portfolio, example project, schemas, workflows, editor set-up)."""

from __future__ import annotations

from pathlib import Path

import click

from pmcode.text import printable


@click.command()
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Write into a non-empty directory: files of the same names are replaced.")
def init(directory: Path, force: bool) -> None:
    """Start a new plan repository in DIRECTORY (default: the current one; created if missing), for a team that
    installs pmcode from a package index: projects/ with portfolio.yaml, calendars.yaml, people.yaml and one
    example project (budget and baseline included), the JSON schemas, .vscode/settings.json mapping them, the
    plan-check and pages workflows in .github/workflows/, .pre-commit-config.yaml, requirements.txt pinning this
    pmcode, a site/ project and a README. `pmcode check` passes on the result.

    Exit status: 0 written, 2 DIRECTORY is not empty (a lone .git is fine) and --force was not given.
    """
    from pmcode.scaffold import EXAMPLE_PROJECT, init_repository

    made = init_repository(directory, force=force)
    shown = printable(directory.as_posix())
    click.echo(f"wrote {len(made.files)} files into {shown}", err=True)
    click.echo(f"example project '{EXAMPLE_PROJECT}': bac {made.bac:,.2f}, finish {made.finish}", err=True)
    click.echo(f"next: cd {shown} && pmcode check", err=True)
